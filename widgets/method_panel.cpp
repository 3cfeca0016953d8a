#include "method_panel.h"
#include "core_text.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "distill/method_registry.h"
#include "param_form.h"

namespace rd {

namespace {

std::vector<const MethodInfo*> listedMethods() {
    std::vector<const MethodInfo*> out;
    for (const MethodInfo& info : methodInfos())
        if (info.name != "none") out.push_back(&info);
    return out;
}

}  // namespace

MethodPanel::MethodPanel(QWidget* parent) : QGroupBox(tr("Distillation methods"), parent) {
    list_ = new QListWidget;
    list_->setObjectName(QStringLiteral("methodList"));
    forms_ = new QStackedWidget;
    for (const MethodInfo* info : listedMethods()) {
        auto* item = new QListWidgetItem(CoreText::methodName(*info));
        item->setData(Qt::UserRole, QString::fromStdString(info->name));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        list_->addItem(item);
        auto* form = new ParamForm(info->schema);
        connect(form, &ParamForm::changed, this, &MethodPanel::changed);
        forms_->addWidget(form);
    }
    // Tall enough for every method without scrolling, no taller: the explanation gets the rest.
    list_->setFixedHeight(list_->sizeHintForRow(0) * list_->count() + 2 * list_->frameWidth() + 4);

    title_ = new QLabel;
    QFont bold = title_->font();
    bold.setBold(true);
    title_->setFont(bold);
    description_ = new QLabel;
    description_->setObjectName(QStringLiteral("methodDescription"));
    description_->setWordWrap(true);
    description_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    formula_ = new QLabel;
    formula_->setObjectName(QStringLiteral("methodFormula"));
    formula_->setWordWrap(true);
    formula_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    formula_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    formula_->setStyleSheet(
        QStringLiteral("QLabel { background: palette(alternate-base); padding: 6px; }"));

    auto* detail = new QWidget;
    auto* detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(title_);
    detailLayout->addWidget(description_);
    detailLayout->addWidget(formula_);
    auto* paramsTitle = new QLabel(tr("Parameters"));
    paramsTitle->setFont(bold);
    detailLayout->addWidget(paramsTitle);
    detailLayout->addWidget(forms_);
    detailLayout->addStretch(1);
    auto* scroll = new QScrollArea;
    scroll->setWidget(detail);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(list_);
    layout->addWidget(scroll, 1);

    connect(list_, &QListWidget::currentRowChanged, this, &MethodPanel::showMethod);
    connect(list_, &QListWidget::itemChanged, this, &MethodPanel::changed);
    list_->setCurrentRow(0);
}

void MethodPanel::showMethod(int row) {
    if (row < 0) return;
    const MethodInfo* info = listedMethods()[static_cast<size_t>(row)];
    title_->setText(CoreText::methodName(*info));
    description_->setText(CoreText::methodDescription(*info));
    formula_->setText(CoreText::methodFormula(*info));
    forms_->setCurrentIndex(row);
    for (int i = 0; i < forms_->count(); ++i)
        forms_->widget(i)->setSizePolicy(QSizePolicy::Preferred,
                                         i == row ? QSizePolicy::Preferred : QSizePolicy::Ignored);
}

ParamForm* MethodPanel::form(const QString& method) const {
    for (int i = 0; i < list_->count(); ++i)
        if (list_->item(i)->data(Qt::UserRole).toString() == method)
            return static_cast<ParamForm*>(forms_->widget(i));
    return nullptr;
}

nlohmann::json MethodPanel::config() const {
    nlohmann::json out = nlohmann::json::array();
    for (int i = 0; i < list_->count(); ++i) {
        if (list_->item(i)->checkState() != Qt::Checked) continue;
        const std::string name = list_->item(i)->data(Qt::UserRole).toString().toStdString();
        nlohmann::json params = static_cast<ParamForm*>(forms_->widget(i))->changedValues();
        if (params.empty()) {
            out.push_back(name);
        } else {
            params["name"] = name;
            out.push_back(params);
        }
    }
    return out;
}

void MethodPanel::setConfig(const nlohmann::json& methods) {
    {
        const QSignalBlocker blocker(this);
        const QSignalBlocker listBlocker(list_);
        for (int i = 0; i < list_->count(); ++i) {
            const std::string name = list_->item(i)->data(Qt::UserRole).toString().toStdString();
            nlohmann::json params = nlohmann::json::object();
            bool checked = false;
            if (methods.is_array())
                for (const auto& m : methods) {
                    if (m.is_string() && m.get<std::string>() == name) checked = true;
                    if (m.is_object() && m.value("name", "") == name) {
                        checked = true;
                        params = m;
                    }
                }
            list_->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
            static_cast<ParamForm*>(forms_->widget(i))->setValues(params);
        }
    }
    Q_EMIT changed();
}

}  // namespace rd
