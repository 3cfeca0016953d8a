#include "model_picker.h"
#include "core_text.h"

#include <QComboBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "external_teacher_form.h"
#include "models/model_registry.h"
#include "param_form.h"

namespace rd {

ModelPicker::ModelPicker(const QString& title, QWidget* parent) : QGroupBox(title, parent) {
    box_ = new QComboBox;
    box_->setObjectName(QStringLiteral("modelBox"));
    description_ = new QLabel;
    description_->setWordWrap(true);
    description_->setObjectName(QStringLiteral("modelDescription"));
    forms_ = new QStackedWidget;
    for (const ModelInfo& info : modelInfos()) {
        box_->addItem(CoreText::modelName(info), QString::fromStdString(info.name));
        auto* form = new ParamForm(info.schema);
        connect(form, &ParamForm::changed, this, &ModelPicker::changed);
        forms_->addWidget(form);
    }
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(box_);
    layout->addWidget(description_);
    layout->addWidget(forms_);
    connect(box_, &QComboBox::currentIndexChanged, this, [this](int index) {
        showModel(index);
        Q_EMIT changed();
    });
    showModel(box_->currentIndex());
}

void ModelPicker::showModel(int index) {
    if (index < 0) return;
    forms_->setCurrentIndex(index);
    if (isExternal())
        description_->setText(
            tr("A teacher trained elsewhere (a production model, a large model): its scores for "
               "each user, and optionally its user and item embeddings, read from files. Nothing "
               "is trained for it; the file formats are in the README."));
    else
        description_->setText(CoreText::modelDescription(modelInfos()[static_cast<size_t>(index)]));
    // The stack is as tall as its tallest page otherwise, leaving gaps under short forms.
    for (int i = 0; i < forms_->count(); ++i)
        forms_->widget(i)->setSizePolicy(
            QSizePolicy::Preferred, i == index ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    forms_->adjustSize();
}

ParamForm* ModelPicker::currentForm() const {
    return qobject_cast<ParamForm*>(forms_->currentWidget());
}

void ModelPicker::addExternalTeacher() {
    if (external_) return;
    external_ = new ExternalTeacherForm;
    connect(external_, &ExternalTeacherForm::changed, this, &ModelPicker::changed);
    forms_->addWidget(external_);
    external_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);  // as showModel() does
    const QSignalBlocker blocker(box_);
    box_->addItem(tr("External teacher (from files)"), QStringLiteral("external"));
}

bool ModelPicker::isExternal() const {
    return external_ && forms_->currentWidget() == external_;
}

nlohmann::json ModelPicker::config() const {
    nlohmann::json out = isExternal() ? external_->values() : currentForm()->changedValues();
    out["name"] = box_->currentData().toString().toStdString();
    return out;
}

void ModelPicker::setConfig(const nlohmann::json& config) {
    const QString name = config.is_object() && config.contains("name") && config["name"].is_string()
                             ? QString::fromStdString(config["name"].get<std::string>())
                             : QString();
    const int index = box_->findData(name);
    if (index < 0) return;
    {
        const QSignalBlocker blocker(this);
        box_->setCurrentIndex(index);
        showModel(index);
        if (isExternal())
            external_->setValues(config);
        else
            currentForm()->setValues(config);
    }
    Q_EMIT changed();
}

}  // namespace rd
