#include "setup_tab.h"
#include "catalog/metric_catalog.h"
#include "core_text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <exception>

#include "method_panel.h"
#include "model_picker.h"
#include "pipeline/experiment_config.h"
#include "presets.h"

namespace rd {

namespace {

QSpinBox* spin(int min, int max, const QString& tip) {
    auto* box = new QSpinBox;
    box->setRange(min, max);
    box->setToolTip(tip);
    box->setGroupSeparatorShown(true);
    return box;
}

QDoubleSpinBox* doubleSpin(double min, double max, int decimals, double step, const QString& tip) {
    auto* box = new QDoubleSpinBox;
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setToolTip(tip);
    return box;
}

template <typename T>
T value(const nlohmann::json& object, const char* key, T otherwise) {
    if (!object.is_object() || !object.contains(key) || object[key].is_null()) return otherwise;
    try {
        return object[key].get<T>();
    } catch (const std::exception&) {
        return otherwise;
    }
}

const nlohmann::json& member(const nlohmann::json& object, const char* key) {
    static const nlohmann::json empty = nlohmann::json::object();
    return object.is_object() && object.contains(key) && object[key].is_object() ? object[key] : empty;
}

}  // namespace

SetupTab::SetupTab(QWidget* parent) : QWidget(parent) {
    teacher_ = new ModelPicker(tr("Teacher (large model)"));
    teacher_->setObjectName(QStringLiteral("teacherPicker"));
    student_ = new ModelPicker(tr("Student (small model)"));
    student_->setObjectName(QStringLiteral("studentPicker"));
    methods_ = new MethodPanel;

    auto* left = new QVBoxLayout;
    left->addWidget(makeDataGroup());
    left->addWidget(makeTrainGroup());
    left->addStretch(1);
    auto* middle = new QVBoxLayout;
    middle->addWidget(teacher_);
    middle->addWidget(student_);
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
    run_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Run experiment"));
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
    // Every editor of this tab reports through one handler.
    const auto watch = [this](QWidget* root) {
        for (auto* w : root->findChildren<QSpinBox*>()) connect(w, &QSpinBox::valueChanged, this, &SetupTab::onEdited);
        for (auto* w : root->findChildren<QDoubleSpinBox*>())
            connect(w, &QDoubleSpinBox::valueChanged, this, &SetupTab::onEdited);
        for (auto* w : root->findChildren<QLineEdit*>())
            if (!qobject_cast<QSpinBox*>(w->parent()) && !qobject_cast<QDoubleSpinBox*>(w->parent()) &&
                !qobject_cast<QComboBox*>(w->parent()))
                connect(w, &QLineEdit::textChanged, this, &SetupTab::onEdited);
        for (auto* w : root->findChildren<QCheckBox*>()) connect(w, &QCheckBox::toggled, this, &SetupTab::onEdited);
        for (auto* w : root->findChildren<QComboBox*>()) {
            connect(w, &QComboBox::currentIndexChanged, this, &SetupTab::onEdited);
            if (w->isEditable()) connect(w, &QComboBox::editTextChanged, this, &SetupTab::onEdited);
        }
    };
    for (QObject* child : children())
        if (auto* w = qobject_cast<QWidget*>(child); w && w != scroll) watch(w);
    // The scroll area's own widgets except the pickers and the method panel (they signal changed()).
    for (QGroupBox* group : body->findChildren<QGroupBox*>(QString(), Qt::FindDirectChildrenOnly))
        if (group != teacher_ && group != student_ && group != methods_) watch(group);
    connect(useThreshold_, &QCheckBox::toggled, threshold_, &QWidget::setEnabled);

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
    auto* load = new QPushButton(tr("&Load config…"));
    connect(load, &QPushButton::clicked, this, &SetupTab::chooseLoad);
    auto* save = new QPushButton(tr("&Save config…"));
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
    auto* group = new QGroupBox(tr("Data"));
    auto* form = new QFormLayout(group);
    path_ = new QLineEdit;
    path_->setObjectName(QStringLiteral("dataPath"));
    path_->setToolTip(tr("A file or folder, or \"demo\" for the built-in data set"));
    auto* browse = new QToolButton;
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose a data file"));
    connect(browse, &QToolButton::clicked, this, &SetupTab::chooseDataPath);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(path_, 1);
    pathRow->addWidget(browse);
    form->addRow(tr("Path:"), pathRow);

    format_ = new QComboBox;
    for (const char* f : {"auto", "ml-100k", "ml-1m", "ml-latest", "recbole", "lightgcn", "delimited", "demo"})
        format_->addItem(QString::fromLatin1(f));
    format_->setToolTip(tr("auto detects the format from the file name and the first line"));
    form->addRow(tr("Format:"), format_);

    useThreshold_ = new QCheckBox(tr("Keep ratings ≥"));
    threshold_ = doubleSpin(-1000, 1000, 1, 0.5, tr("Implicit feedback: interactions rated below are dropped"));
    threshold_->setEnabled(false);
    auto* thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(useThreshold_);
    thresholdRow->addWidget(threshold_);
    thresholdRow->addStretch(1);
    form->addRow(tr("Ratings:"), thresholdRow);
    dropDuplicates_ = new QCheckBox(tr("Drop duplicate interactions (keep the latest)"));
    form->addRow(QString(), dropDuplicates_);
    userCore_ = spin(0, 100000, tr("Iterative k-core: every user keeps at least this many interactions (0 = off)"));
    itemCore_ = spin(0, 100000, tr("Iterative k-core: every item keeps at least this many interactions (0 = off)"));
    auto* coreRow = new QHBoxLayout;
    coreRow->addWidget(new QLabel(tr("users")));
    coreRow->addWidget(userCore_);
    coreRow->addWidget(new QLabel(tr("items")));
    coreRow->addWidget(itemCore_);
    form->addRow(tr("k-core:"), coreRow);
    maxUsers_ = spin(0, 2000000000, tr("Keep only the most active users, for quick trials (0 = all)"));
    maxUsers_->setObjectName(QStringLiteral("maxUsers"));
    maxItems_ = spin(0, 2000000000, tr("Keep only the most popular items (0 = all)"));
    maxUsers_->setSpecialValueText(tr("all"));
    maxItems_->setSpecialValueText(tr("all"));
    auto* limitRow = new QHBoxLayout;
    limitRow->addWidget(new QLabel(tr("users")));
    limitRow->addWidget(maxUsers_);
    limitRow->addWidget(new QLabel(tr("items")));
    limitRow->addWidget(maxItems_);
    form->addRow(tr("At most:"), limitRow);

    splitKind_ = new QComboBox;
    splitKind_->addItem(tr("Random ratio per user"), QStringLiteral("random"));
    splitKind_->addItem(tr("Leave one out (latest to test)"), QStringLiteral("loo"));
    splitKind_->addItem(tr("Temporal ratio (global)"), QStringLiteral("temporal"));
    splitKind_->addItem(tr("As given (pre-split data)"), QStringLiteral("given"));
    form->addRow(tr("Split:"), splitKind_);
    auto* ratioRow = new QHBoxLayout;
    const QString parts[3] = {tr("train"), tr("valid"), tr("test")};
    for (int i = 0; i < 3; ++i) {
        ratios_[i] = doubleSpin(0, 1, 2, 0.05, tr("Share of each user's interactions in %1").arg(parts[i]));
        ratioRow->addWidget(ratios_[i]);
    }
    form->addRow(tr("Ratios:"), ratioRow);
    splitSeed_ = spin(0, 2000000000, tr("Seed of the split: the same seed gives the same split everywhere"));
    form->addRow(tr("Split seed:"), splitSeed_);
    return group;
}

QWidget* SetupTab::makeTrainGroup() {
    auto* group = new QGroupBox(tr("Training and evaluation"));
    auto* form = new QFormLayout(group);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    epochs_ = spin(0, 100000, tr("Most epochs per model (early stopping may end sooner)"));
    epochs_->setObjectName(QStringLiteral("epochs"));
    batchSize_ = spin(1, 1 << 24, tr("Training triples per mini-batch"));
    lr_ = doubleSpin(1e-6, 10, 6, 0.0005, tr("Adam learning rate"));
    negatives_ = spin(1, 1000, tr("Sampled negatives per positive"));
    evalEvery_ = spin(0, 100000, tr("Validate every this many epochs (0 = never)"));
    patience_ = spin(0, 100000, tr("Stop after this many validations without improvement (0 = never)"));
    validMetric_ = new QComboBox;
    validMetric_->setEditable(true);
    for (int k : {10, 20})
        for (const std::string& stem : validationMetricStems()) {
            const QString m = QString::fromStdString(stem) + QLatin1Char('@') + QString::number(k);
            validMetric_->addItem(m);
            validMetric_->setItemData(validMetric_->count() - 1, CoreText::metricTooltip(m), Qt::ToolTipRole);
        }
    validMetric_->setToolTip(tr("Validation metric for early stopping and the best epoch"));
    seed_ = spin(0, 2000000000, tr("Seed of initialisation and sampling"));
    threads_ = spin(0, 1024, tr("LibTorch threads (0 = all cores)"));
    threads_->setObjectName(QStringLiteral("threads"));
    threads_->setSpecialValueText(tr("all cores"));
    ks_ = new QLineEdit;
    ks_->setObjectName(QStringLiteral("ksEdit"));
    ks_->setToolTip(tr("Cut-offs for every metric, comma separated"));
    form->addRow(tr("Epochs:"), epochs_);
    form->addRow(tr("Batch size:"), batchSize_);
    form->addRow(tr("Learning rate:"), lr_);
    form->addRow(tr("Negatives:"), negatives_);
    form->addRow(tr("Validate every:"), evalEvery_);
    form->addRow(tr("Patience:"), patience_);
    form->addRow(tr("Valid metric:"), validMetric_);
    form->addRow(tr("Seed:"), seed_);
    form->addRow(tr("Threads:"), threads_);
    form->addRow(tr("K values:"), ks_);
    return group;
}

void SetupTab::applyPreset(int index) {
    const QList<Preset> presets = builtinPresets();
    if (index < 0 || index >= presets.size()) return;
    nlohmann::json config = presets[index].config;
    // A new experiment keeps the user's thread setting, not the preset's.
    if (config.contains("train") && config["train"].is_object()) config["train"]["threads"] = threads_->value();
    setConfig(config);
    const QSignalBlocker blocker(preset_);
    preset_->setCurrentIndex(index);
}

void SetupTab::setConfig(const nlohmann::json& c) {
    loading_ = true;
    base_ = c.is_object() ? c : nlohmann::json::object();
    name_->setText(QString::fromStdString(value<std::string>(c, "name", "")));
    const nlohmann::json& data = member(c, "data");
    path_->setText(QString::fromStdString(value<std::string>(data, "path", "demo")));
    format_->setCurrentText(QString::fromStdString(value<std::string>(data, "format", "auto")));
    const nlohmann::json& pre = member(data, "preprocess");
    const bool threshold = pre.contains("rating_threshold") && pre["rating_threshold"].is_number();
    useThreshold_->setChecked(threshold);
    threshold_->setEnabled(threshold);
    threshold_->setValue(value<double>(pre, "rating_threshold", 4.0));
    dropDuplicates_->setChecked(value<bool>(pre, "drop_duplicates", false));
    userCore_->setValue(value<int>(pre, "user_core", 0));
    itemCore_->setValue(value<int>(pre, "item_core", 0));
    maxUsers_->setValue(value<int>(pre, "max_users", 0));
    maxItems_->setValue(value<int>(pre, "max_items", 0));
    const nlohmann::json& split = member(data, "split");
    splitKind_->setCurrentIndex(
        std::max(0, splitKind_->findData(QString::fromStdString(value<std::string>(split, "kind", "random")))));
    const std::vector<double> ratios = value<std::vector<double>>(split, "ratios", {0.8, 0.1, 0.1});
    for (int i = 0; i < 3; ++i) ratios_[i]->setValue(i < static_cast<int>(ratios.size()) ? ratios[i] : 0.0);
    splitSeed_->setValue(static_cast<int>(value<int64_t>(split, "seed", 2020)));

    if (c.contains("teacher")) teacher_->setConfig(c["teacher"]);
    if (c.contains("student")) student_->setConfig(c["student"]);
    methods_->setConfig(c.contains("methods") ? c["methods"] : nlohmann::json::array());

    const nlohmann::json& train = member(c, "train");
    epochs_->setValue(value<int>(train, "epochs", 100));
    batchSize_->setValue(value<int>(train, "batch_size", 2048));
    lr_->setValue(value<double>(train, "lr", 0.001));
    negatives_->setValue(value<int>(train, "negatives", 1));
    evalEvery_->setValue(value<int>(train, "eval_every", 1));
    patience_->setValue(value<int>(train, "patience", 10));
    validMetric_->setCurrentText(QString::fromStdString(value<std::string>(train, "valid_metric", "NDCG@10")));
    seed_->setValue(static_cast<int>(value<int64_t>(train, "seed", 2020)));
    threads_->setValue(value<int>(train, "threads", threads_->value()));
    QStringList ks;
    for (int k : value<std::vector<int>>(member(c, "eval"), "ks", {5, 10, 20, 50})) ks << QString::number(k);
    ks_->setText(ks.join(QStringLiteral(", ")));
    loading_ = false;
    onEdited();
}

nlohmann::json SetupTab::config() const {
    nlohmann::json c = base_;
    c["version"] = 1;
    if (!name_->text().trimmed().isEmpty())
        c["name"] = name_->text().trimmed().toStdString();
    else
        c.erase("name");
    nlohmann::json data = member(base_, "data");
    data["path"] = path_->text().trimmed().toStdString();
    if (format_->currentText() == QLatin1String("auto"))
        data.erase("format");
    else
        data["format"] = format_->currentText().toStdString();
    nlohmann::json pre = nlohmann::json::object();
    if (useThreshold_->isChecked()) pre["rating_threshold"] = threshold_->value();
    if (dropDuplicates_->isChecked()) pre["drop_duplicates"] = true;
    if (userCore_->value() > 0) pre["user_core"] = userCore_->value();
    if (itemCore_->value() > 0) pre["item_core"] = itemCore_->value();
    if (maxUsers_->value() > 0) pre["max_users"] = maxUsers_->value();
    if (maxItems_->value() > 0) pre["max_items"] = maxItems_->value();
    if (pre.empty())
        data.erase("preprocess");
    else
        data["preprocess"] = pre;
    data["split"] = {{"kind", splitKind_->currentData().toString().toStdString()},
                     {"ratios", {ratios_[0]->value(), ratios_[1]->value(), ratios_[2]->value()}},
                     {"seed", splitSeed_->value()}};
    c["data"] = data;
    c["teacher"] = teacher_->config();
    c["student"] = student_->config();
    c["methods"] = methods_->config();
    nlohmann::json train = member(base_, "train");
    train["epochs"] = epochs_->value();
    train["batch_size"] = batchSize_->value();
    train["lr"] = lr_->value();
    train["negatives"] = negatives_->value();
    train["eval_every"] = evalEvery_->value();
    train["patience"] = patience_->value();
    train["valid_metric"] = validMetric_->currentText().trimmed().toStdString();
    train["seed"] = seed_->value();
    train["threads"] = threads_->value();
    c["train"] = train;
    nlohmann::json eval = member(base_, "eval");
    nlohmann::json ks = nlohmann::json::array();
    bool numbers = true;
    for (const QString& part : ks_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int k = part.trimmed().toInt(&ok);
        numbers = numbers && ok;
        ks.push_back(ok ? nlohmann::json(k) : nlohmann::json(part.trimmed().toStdString()));
    }
    eval["ks"] = ks;
    c["eval"] = eval;
    if (numbers && c.contains("teacher_train") && c["teacher_train"].is_object())
        c["teacher_train"].erase("threads");  // set once for the whole experiment
    return c;
}

void SetupTab::onEdited() {
    if (loading_) return;
    QString reason;
    try {
        ExperimentConfig::fromJson(config());
    } catch (const std::exception& e) {
        reason = CoreText::message(std::string(e.what()));
    }
    valid_ = reason.isEmpty();
    reason_ = reason;
    reasonLabel_->setText(valid_ ? tr("Ready: %n stage(s) will run.", "", 2 + static_cast<int>(methods_->config().size()))
                                 : tr("Cannot run: %1").arg(reason));
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
    threads_->setValue(threads);
    loading_ = wasLoading;
    onEdited();
}

int SetupTab::threads() const {
    return threads_->value();
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
    const nlohmann::json config = nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
    if (config.is_discarded() || !config.is_object()) {
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
    const QString path = QFileDialog::getOpenFileName(this, tr("Load experiment config"), QString(),
                                                      tr("Experiment configs (*.json);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !loadFrom(path, &error))
        QMessageBox::warning(this, tr("Could not load the config"), error);
}

void SetupTab::chooseDataPath() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a data set"), QString(),
                                                      tr("Interaction files (*.data *.dat *.csv *.tsv *.txt *.inter);;All files (*)"));
    if (!path.isEmpty()) path_->setText(path);
}

}  // namespace rd
