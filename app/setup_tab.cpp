#include "setup_tab.h"
#include "config/json_config.h"
#include "core_text.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <exception>

#include "config/config_schema.h"
#include "external_teacher_form.h"
#include "method_panel.h"
#include "model_picker.h"
#include "models/model_registry.h"
#include "param_form.h"
#include "pipeline/experiment_config.h"
#include "presets.h"
#include "study/study_plan.h"
#include "study_editor.h"

namespace rd {

namespace {

const ParamSpec& pathSpec() {
    return *findParam(dataConfigSchema(), "data.path");
}

}  // namespace

SetupTab::SetupTab(QWidget* parent) : QWidget(parent) {
    teacher_ = new ModelPicker(tr("Teacher (large model)"));
    teacher_->setObjectName(QStringLiteral("teacherPicker"));
    teacher_->addExternalTeacher();
    student_ = new ModelPicker(tr("Student (small model)"));
    student_->setObjectName(QStringLiteral("studentPicker"));
    methods_ = new MethodPanel;
    study_ = new StudyEditor;

    auto* left = new QVBoxLayout;
    left->addWidget(makeDataGroup());
    left->addWidget(makeTrainGroup());
    left->addStretch(1);
    auto* middle = new QVBoxLayout;
    middle->addWidget(teacher_);
    middle->addWidget(student_);
    middle->addWidget(study_);
    middle->addStretch(1);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 3);
    columns->addLayout(middle, 2);
    columns->addWidget(methods_, 3);
    auto* body = new QWidget;
    body->setLayout(columns);
    auto* scroll = new QScrollArea;
    scroll->setWidget(body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    reasonLabel_ = new QLabel;
    reasonLabel_->setObjectName(QStringLiteral("setupReason"));
    reasonLabel_->setWordWrap(true);
    reasonLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    run_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Run e&xperiment"));
    run_->setObjectName(QStringLiteral("runButton"));
    run_->setDefault(true);
    connect(run_, &QPushButton::clicked, this, &SetupTab::runRequested);
    auto* footer = new QHBoxLayout;
    footer->addWidget(reasonLabel_, 1);
    footer->addWidget(run_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(makeHeader());
    layout->addWidget(scroll, 1);
    layout->addLayout(footer);

    connect(teacher_, &ModelPicker::changed, this, &SetupTab::onEdited);
    connect(student_, &ModelPicker::changed, this, &SetupTab::onEdited);
    connect(methods_, &MethodPanel::changed, this, &SetupTab::onEdited);
    connect(name_, &QLineEdit::textChanged, this, &SetupTab::onEdited);
    // Only the user's own typing (textEdited) makes the name theirs; cleared, it is generated
    // again.
    connect(name_, &QLineEdit::textEdited, this, [this](const QString& text) {
        nameTyped_ = !text.trimmed().isEmpty();
        if (!nameTyped_) updateName();
    });
    connect(path_, &QLineEdit::textChanged, this, &SetupTab::onEdited);
    connect(dataForm_, &ParamForm::changed, this, &SetupTab::onEdited);
    connect(trainForm_, &ParamForm::changed, this, &SetupTab::onEdited);
    connect(study_, &StudyEditor::changed, this, &SetupTab::onEdited);

    applyPreset(0);
}

QWidget* SetupTab::makeHeader() {
    preset_ = new QComboBox;
    preset_->setObjectName(QStringLiteral("presetBox"));
    for (const Preset& p : builtinPresets()) preset_->addItem(p.title);
    connect(preset_, &QComboBox::activated, this, &SetupTab::applyPreset);
    name_ = new QLineEdit;
    name_->setObjectName(QStringLiteral("experimentName"));
    name_->setPlaceholderText(tr("experiment name"));
    auto* load = new QPushButton(tr("Load c&onfig…"));
    connect(load, &QPushButton::clicked, this, &SetupTab::chooseLoad);
    auto* save = new QPushButton(tr("Save confi&g…"));
    connect(save, &QPushButton::clicked, this, &SetupTab::chooseSave);

    auto* header = new QWidget;
    auto* layout = new QHBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Preset:")));
    layout->addWidget(preset_);
    layout->addSpacing(12);
    layout->addWidget(new QLabel(tr("Name:")));
    layout->addWidget(name_, 1);
    layout->addWidget(load);
    layout->addWidget(save);
    return header;
}

QWidget* SetupTab::makeDataGroup() {
    // The path is the one field with a button of its own; the rest of the schema is the generated
    // form.
    ParamSchema schema = dataConfigSchema();
    schema.erase(std::remove_if(schema.begin(), schema.end(),
                                [](const ParamSpec& p) { return p.name == "data.path"; }),
                 schema.end());
    dataForm_ = new ParamForm(schema);
    path_ = new QLineEdit;
    path_->setObjectName(QStringLiteral("dataPath"));
    path_->setToolTip(CoreText::paramHelp(pathSpec().help));
    path_->setMinimumWidth(fontMetrics().averageCharWidth() * 24);
    auto* browse = new QToolButton;
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose a data file"));
    connect(browse, &QToolButton::clicked, this, &SetupTab::chooseDataPath);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(path_, 1);
    pathRow->addWidget(browse);
    auto* pathLabel = new QLabel(ParamForm::labelFor(pathSpec()));
    pathLabel->setToolTip(path_->toolTip());
    pathLabel->setBuddy(path_);
    dataForm_->formLayout()->insertRow(0, pathLabel, pathRow);

    auto* group = new QGroupBox(tr("Data"));
    auto* layout = new QVBoxLayout(group);
    layout->addWidget(dataForm_);
    return group;
}

QWidget* SetupTab::makeTrainGroup() {
    // Two pairs a row: the training numbers are short, and one column would push the section past
    // the bottom of an 800-pixel-high window.
    trainForm_ = new ParamForm(trainConfigSchema(), nullptr, 2);
    // The suggested validation metrics explain themselves like the metric columns do.
    if (auto* metric = qobject_cast<QComboBox*>(trainForm_->editor("train.valid_metric")))
        for (int i = 0; i < metric->count(); ++i)
            metric->setItemData(i, CoreText::metricTooltip(metric->itemText(i)), Qt::ToolTipRole);
    auto* group = new QGroupBox(tr("Training and evaluation"));
    auto* layout = new QVBoxLayout(group);
    layout->addWidget(trainForm_);
    return group;
}

void SetupTab::applyPreset(int index) {
    const QList<Preset> presets = builtinPresets();
    if (index < 0 || index >= presets.size()) return;
    nlohmann::json config = presets[index].config;
    presetName_ = QString::fromStdString(config.value("name", std::string()));
    presetModels_ = {{"path", config["data"].value("path", std::string())}};
    // A preset changes models and methods, never the data: the experiment keeps running on the
    // data set the window has open (the first preset, at start, brings its own).
    if (!path_->text().trimmed().isEmpty()) config["data"] = this->config()["data"];
    if (nameTyped_)
        config["name"] = name_->text().trimmed().toStdString();
    else
        config.erase("name");  // updateName() puts the fitting one
    // A new experiment keeps the user's thread setting, not the preset's.
    if (config.contains("train") && config["train"].is_object())
        config["train"]["threads"] = threads();
    setConfig(config);
    // The preset's models as the pickers write them (with every default), so the preset's name
    // is kept exactly while they are unchanged.
    presetModels_["teacher"] = teacher_->config();
    presetModels_["student"] = student_->config();
    onEdited();
    const QSignalBlocker blocker(preset_);
    preset_->setCurrentIndex(index);
}

void SetupTab::setConfig(const nlohmann::json& c) {
    loading_ = true;
    const int threadSetting = threads();
    base_ = c.is_object() ? c : nlohmann::json::object();
    const nlohmann::json* name = findDotted(base_, "name");
    const QString given =
        name && name->is_string() ? QString::fromStdString(name->get<std::string>()) : QString();
    name_->setText(given);
    const nlohmann::json* path = findDotted(base_, "data.path");
    path_->setText(QString::fromStdString(path && path->is_string()
                                              ? path->get<std::string>()
                                              : pathSpec().defaultValue.get<std::string>()));
    dataForm_->setValues(base_);

    if (c.contains("teacher")) teacher_->setConfig(c["teacher"]);
    if (c.contains("student")) student_->setConfig(c["student"]);
    methods_->setConfig(c.contains("methods") ? c["methods"] : nlohmann::json::array());
    study_->setCandidates(base_);
    study_->setStudy(c.contains("study") ? c["study"] : nlohmann::json());

    trainForm_->setValues(base_);
    // The thread count is a setting of this machine: a config that does not name one keeps it.
    if (!findDotted(base_, "train.threads")) trainForm_->setValue("train.threads", threadSetting);
    loading_ = false;
    // A loaded config's own name is the user's; a preset's (or a generated one) follows the data.
    nameTyped_ = !given.trimmed().isEmpty() && given != presetName_ && given != generatedName();
    onEdited();
}

QString SetupTab::generatedName() const {
    const nlohmann::json teacher = teacher_->config();
    const nlohmann::json student = student_->config();
    const QString path = path_->text().trimmed();
    if (!presetName_.isEmpty() &&
        presetModels_.value("path", std::string()) == path.toStdString() &&
        presetModels_.value("teacher", nlohmann::json()) == teacher &&
        presetModels_.value("student", nlohmann::json()) == student)
        return presetName_;
    // "LightGCN (dim 64)": the display name without its gloss ("MF (BPR)" reads "MF"), and the
    // size, which the picker leaves out when it is the schema's default.
    auto model = [](const nlohmann::json& m) {
        const std::string id = m.value("name", std::string());
        if (id == "external") return tr("external teacher");
        QString shown = QString::fromStdString(id);
        nlohmann::json dim = m.value("dim", nlohmann::json());
        try {
            const ModelInfo& info = findModel(id);
            shown = QString::fromStdString(info.displayName).section(QStringLiteral(" ("), 0, 0);
            if (dim.is_null())
                for (const ParamSpec& p : info.schema)
                    if (p.name == "dim") dim = p.defaultValue;
        } catch (const std::exception&) {
        }
        if (dim.is_number_integer()) shown = tr("%1 (dim %2)").arg(shown).arg(dim.get<int>());
        return shown;
    };
    QString data;
    if (path.isEmpty() || path == QLatin1String("demo")) {
        data = tr("the built-in data");
    } else {
        QString trimmed = path;
        while (trimmed.size() > 1 &&
               (trimmed.endsWith(QLatin1Char('/')) || trimmed.endsWith(QLatin1Char('\\'))))
            trimmed.chop(1);
        // A folder by its name ("ml-100k"); a file with its folder ("ml-100k/u.data"), since
        // many data sets share file names.
        const QFileInfo info(trimmed);
        data = info.fileName();
        if (info.isFile() && !info.dir().dirName().isEmpty() && info.dir().dirName() != ".")
            data = info.dir().dirName() + QLatin1Char('/') + data;
        if (data.isEmpty()) data = trimmed;
    }
    return tr("%1 → %2 on %3").arg(model(teacher), model(student), data);
}

int SetupTab::presetIndex() const {
    return preset_->currentIndex();
}

void SetupTab::updateName() {
    if (nameTyped_) return;
    const QString name = generatedName();
    if (name_->text() == name) return;
    const QSignalBlocker blocker(name_);
    name_->setText(name);
}

nlohmann::json SetupTab::config() const {
    nlohmann::json c = base_;
    c["version"] = 1;
    if (!name_->text().trimmed().isEmpty())
        c["name"] = name_->text().trimmed().toStdString();
    else
        c.erase("name");
    // Every field of the forms is written, so the file runs the same even if a default changes
    // later; an unset nullable field (null) removes the key. Keys the forms do not show stay as
    // loaded.
    c.merge_patch(dataForm_->values());
    c["data"]["path"] = path_->text().trimmed().toStdString();
    c["teacher"] = teacher_->config();
    c["student"] = student_->config();
    c["methods"] = methods_->config();
    c.merge_patch(trainForm_->values());
    if (c.contains("teacher_train") && c["teacher_train"].is_object())
        c["teacher_train"].erase("threads");  // set once for the whole experiment
    if (const nlohmann::json study = study_->study(); study.is_object())
        c["study"] = study;
    else
        c.erase("study");
    return c;
}

void SetupTab::onEdited() {
    if (loading_) return;
    updateName();
    nlohmann::json c = config();
    study_->setCandidates(c);
    QString reason = study_->error();
    // The files of an external teacher are checked here first: the form says which one is missing.
    if (reason.isEmpty() && teacher_->isExternal() &&
        !teacher_->externalForm()->problem().isEmpty())
        reason = tr("teacher: %1").arg(teacher_->externalForm()->problem());
    int experiments = 1;
    if (reason.isEmpty()) {
        try {
            if (c.contains("study"))
                experiments = static_cast<int>(StudyPlan::fromJson(c).experiments.size());
            else
                ExperimentConfig::fromJson(c);
        } catch (const std::exception& e) {
            reason = CoreText::message(std::string(e.what()));
            study_->markError(reason);
        }
    }
    valid_ = reason.isEmpty();
    reason_ = reason;
    experiments_ = valid_ ? experiments : 1;
    const int stages = 2 + static_cast<int>(methods_->config().size());
    QString ready = tr("Ready: %n stage(s) will run.", "", stages);
    if (c.contains("study"))
        ready =
            tr("Ready: a study of %n experiment(s) will run, each of %1 stage(s).", "", experiments)
                .arg(stages);
    reasonLabel_->setText(valid_ ? ready : tr("Cannot run: %1").arg(reason));
    reasonLabel_->setStyleSheet(valid_ ? QString() : QStringLiteral("QLabel { color: #b00020; }"));
    updateRunButton();
    Q_EMIT validityChanged(valid_);
}

void SetupTab::updateRunButton() {
    run_->setEnabled(valid_ && !running_);
    run_->setToolTip(running_ ? tr("An experiment is running") : reason_);
}

void SetupTab::setRunning(bool running) {
    running_ = running;
    updateRunButton();
}

void SetupTab::setThreads(int threads) {
    const bool wasLoading = loading_;
    loading_ = true;
    trainForm_->setValue("train.threads", threads);
    loading_ = wasLoading;
    onEdited();
}

int SetupTab::threads() const {
    return trainForm_->values()["train"]["threads"].get<int>();
}

void SetupTab::setDataPath(const QString& path) {
    path_->setText(path);
}

bool SetupTab::saveTo(const QString& path, QString* error) const {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error) *error = file.errorString();
        return false;
    }
    file.write(QByteArray::fromStdString(config().dump(2) + "\n"));
    return true;
}

bool SetupTab::loadFrom(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) *error = file.errorString();
        return false;
    }
    nlohmann::json config;
    try {
        config = jsoncfg::parseText(file.readAll().toStdString(), path.toStdString());
    } catch (const std::invalid_argument& e) {
        if (error) *error = CoreText::message(std::string(e.what()));
        return false;
    }
    if (!config.is_object()) {
        if (error) *error = tr("%1 is not a JSON object").arg(path);
        return false;
    }
    setConfig(config);
    return true;
}

void SetupTab::chooseSave() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save experiment config"), QString(),
                                                      tr("Experiment configs (*.json)"));
    QString error;
    if (!path.isEmpty() && !saveTo(path, &error))
        QMessageBox::warning(this, tr("Could not save the config"), error);
}

void SetupTab::chooseLoad() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Load experiment config"), QString(),
                                     tr("Experiment configs (*.json);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !loadFrom(path, &error))
        QMessageBox::warning(this, tr("Could not load the config"), error);
}

void SetupTab::chooseDataPath() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Choose a data set"), QString(),
        tr("Interaction files (*.data *.dat *.csv *.tsv *.txt *.inter);;All files (*)"));
    if (!path.isEmpty()) path_->setText(path);
}

}  // namespace rd
