#include "study_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <exception>

#include "config/config_schema.h"
#include "distill/method_registry.h"
#include "models/model_registry.h"

namespace rd {

namespace {

/** The schema specs a sweep key can take: numbers, switches and choices (not lists, not text). */
bool sweepable(const ParamSpec& spec) {
    using T = ParamSpec::Type;
    return spec.type == T::Int || spec.type == T::Float || spec.type == T::Bool ||
           spec.type == T::Choice;
}

/** Each key's spec, in the order the box offers them (the student's size first). */
std::vector<std::pair<std::string, ParamSpec>> sweepKeys(const nlohmann::json& config) {
    std::vector<std::pair<std::string, ParamSpec>> out;
    auto model = [&](const char* role) {
        const nlohmann::json* spec = config.contains(role) ? &config[role] : nullptr;
        if (!spec || !spec->is_object() || !(*spec)["name"].is_string()) return;
        try {
            for (const ParamSpec& p : findModel((*spec)["name"].get<std::string>()).schema)
                if (sweepable(p)) out.emplace_back(std::string(role) + "." + p.name, p);
        } catch (const std::exception&) {
            // An unknown model: the Setup tab says so; nothing of it can be swept.
        }
    };
    model("student");
    if (config.contains("methods") && config["methods"].is_array())
        for (const nlohmann::json& m : config["methods"]) {
            const std::string name = m.is_string()   ? m.get<std::string>()
                                     : m.is_object() ? m.value("name", std::string())
                                                     : std::string();
            try {
                for (const ParamSpec& p : findMethod(name).schema)
                    if (sweepable(p)) out.emplace_back("methods." + name + "." + p.name, p);
            } catch (const std::exception&) {
            }
        }
    model("teacher");
    for (const ParamSpec& p : trainConfigSchema())
        if (sweepable(p) && p.name.rfind("train.", 0) == 0 && p.name != "train.threads" &&
            p.name != "train.seed")
            out.emplace_back(p.name, p);
    return out;
}

}  // namespace

StudyEditor::StudyEditor(QWidget* parent) : QGroupBox(tr("Repeat over seeds"), parent) {
    setObjectName(QStringLiteral("studyEditor"));
    seeds_ = new QLineEdit;
    seeds_->setObjectName(QStringLiteral("studySeeds"));
    seeds_->setPlaceholderText(tr("one run; e.g. 2020, 2021, 2022"));
    seeds_->setToolTip(
        tr("Run the experiment once per seed (the model seeds; the data split stays the same so "
           "users pair up) and compare methods by their mean over the seeds, with intervals and "
           "paired tests"));
    auto* seedsLabel = new QLabel(tr("S&eeds:"));
    seedsLabel->setBuddy(seeds_);
    connect(seeds_, &QLineEdit::textChanged, this, &StudyEditor::parse);
    varySplit_ = new QCheckBox(tr("Vary the &split too"));
    varySplit_->setObjectName(QStringLiteral("studyVarySplit"));
    varySplit_->setToolTip(
        tr("Each seed also draws its own train/validation/test split. Results then vary with the "
           "data as well as the model, and users no longer pair up across seeds: the tests are "
           "unpaired (wider intervals)"));
    connect(varySplit_, &QCheckBox::toggled, this, &StudyEditor::parse);

    axisLayout_ = new QVBoxLayout;
    axisLayout_->setContentsMargins(0, 0, 0, 0);
    add_ = new QPushButton(tr("Add s&weep axis"));
    add_->setObjectName(QStringLiteral("addSweepAxis"));
    add_->setToolTip(
        tr("Vary one setting over several values: every combination of the axes' "
           "values is a cell, run with every seed"));
    connect(add_, &QPushButton::clicked, this, [this] { addAxis(); });
    errorLabel_ = new QLabel;
    errorLabel_->setObjectName(QStringLiteral("studyError"));
    errorLabel_->setWordWrap(true);
    errorLabel_->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
    errorLabel_->hide();

    auto* form = new QFormLayout;
    form->addRow(seedsLabel, seeds_);
    form->addRow(QString(), varySplit_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(axisLayout_);
    layout->addWidget(add_, 0, Qt::AlignLeft);
    layout->addWidget(errorLabel_);
}

void StudyEditor::setCandidates(const nlohmann::json& config) {
    QStringList keys;
    numeric_.clear();
    for (const auto& [key, spec] : sweepKeys(config)) {
        keys << QString::fromStdString(key);
        if (spec.type == ParamSpec::Type::Int || spec.type == ParamSpec::Type::Float)
            numeric_.insert(QString::fromStdString(key));
    }
    if (keys == keys_) return;
    keys_ = keys;
    for (Axis& a : axes_) {
        const QSignalBlocker blocker(a.key);
        const QString current = a.key->currentText();
        a.key->clear();
        a.key->addItems(keys_);
        // A key the config no longer offers stays, so the validator can name it.
        if (!current.isEmpty() && !keys_.contains(current)) a.key->addItem(current);
        a.key->setCurrentText(current);
    }
}

int StudyEditor::addAxis(const QString& key, const QString& values) {
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* keyBox = new QComboBox;
    keyBox->setObjectName(QStringLiteral("sweepKey"));
    keyBox->setToolTip(tr("The setting to vary"));
    keyBox->addItems(keys_);
    if (!key.isEmpty() && !keys_.contains(key)) keyBox->addItem(key);
    if (!key.isEmpty()) keyBox->setCurrentText(key);
    auto* valuesEdit = new QLineEdit(values);
    valuesEdit->setObjectName(QStringLiteral("sweepValues"));
    valuesEdit->setPlaceholderText(tr("values, e.g. 4, 8, 16"));
    auto* remove = new QToolButton;
    remove->setIcon(style()->standardIcon(QStyle::SP_DialogDiscardButton));
    remove->setToolTip(tr("Remove this axis"));
    layout->addWidget(keyBox, 1);
    layout->addWidget(valuesEdit, 1);
    layout->addWidget(remove);
    axisLayout_->addWidget(row);
    axes_.push_back(Axis{row, keyBox, valuesEdit});
    connect(keyBox, &QComboBox::currentTextChanged, this, &StudyEditor::parse);
    connect(valuesEdit, &QLineEdit::textChanged, this, &StudyEditor::parse);
    connect(remove, &QToolButton::clicked, this, [this, row] { removeAxis(row); });
    parse();
    return axisCount() - 1;
}

void StudyEditor::removeAxis(QWidget* row) {
    for (auto it = axes_.begin(); it != axes_.end(); ++it)
        if (it->row == row) {
            axes_.erase(it);
            break;
        }
    row->deleteLater();
    parse();
}

nlohmann::json StudyEditor::study() const {
    return study_;
}

void StudyEditor::setStudy(const nlohmann::json& study) {
    const QSignalBlocker blocker(this);
    for (const Axis& a : axes_) a.row->deleteLater();
    axes_.clear();
    QStringList seeds;
    if (study.is_object() && study.contains("seeds") && study["seeds"].is_array())
        for (const nlohmann::json& s : study["seeds"]) seeds << QString::fromStdString(s.dump());
    seeds_->setText(seeds.join(QStringLiteral(", ")));
    varySplit_->setChecked(study.is_object() && study.value("vary_split", false) == true);
    if (study.is_object() && study.contains("sweep") && study["sweep"].is_object())
        for (const auto& [key, values] : study["sweep"].items()) {
            QStringList texts;
            if (values.is_array())
                for (const nlohmann::json& v : values)
                    texts << QString::fromStdString(v.is_string() ? v.get<std::string>()
                                                                  : v.dump());
            addAxis(QString::fromStdString(key), texts.join(QStringLiteral(", ")));
        }
    parse();
}

void StudyEditor::parse() {
    QString error;
    nlohmann::json seeds = nlohmann::json::array();
    for (const QString& part :
         seeds_->text().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qlonglong seed = part.toLongLong(&ok);
        if (!ok && error.isEmpty()) error = tr("Seeds: “%1” is not a whole number").arg(part);
        seeds.push_back(seed);
    }
    seeds_->setStyleSheet(error.isEmpty() ? QString()
                                          : QStringLiteral("QLineEdit { color: #b00020; }"));
    nlohmann::json sweep = nlohmann::json::object();
    for (const Axis& a : axes_) {
        const QString key = a.key->currentText();
        QString axisError;
        nlohmann::json values = nlohmann::json::array();
        const QStringList parts = a.values->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString& raw : parts) {
            const QString text = raw.trimmed();
            if (text.isEmpty()) continue;
            nlohmann::json v = nlohmann::json::parse(text.toStdString(), nullptr, false);
            if (v.is_discarded() || v.is_object() || v.is_array()) v = text.toStdString();
            values.push_back(v);
        }
        if (values.empty()) axisError = tr("%1: give at least one value").arg(key);
        // Numbers must be numbers; ranges and the rest are the validator's (it names the key).
        if (numeric_.contains(key))
            for (const nlohmann::json& v : values)
                if (!v.is_number() && axisError.isEmpty())
                    axisError = tr("%1: “%2” is not a number")
                                    .arg(key, QString::fromStdString(
                                                  v.is_string() ? v.get<std::string>() : v.dump()));
        a.values->setStyleSheet(
            axisError.isEmpty() ? QString() : QStringLiteral("QLineEdit { color: #b00020; }"));
        if (error.isEmpty()) error = axisError;
        sweep[key.toStdString()] = values;
    }
    error_ = error;
    errorLabel_->setText(error);
    errorLabel_->setVisible(!error.isEmpty());
    const bool repeat = seeds.size() > 1 || !axes_.empty();
    varySplit_->setEnabled(repeat);  // one run has one split anyway
    study_ = nlohmann::json();
    if (repeat) {
        study_ = nlohmann::json::object();
        if (!seeds.empty()) study_["seeds"] = seeds;
        if (!sweep.empty()) study_["sweep"] = sweep;
        if (varySplit_->isChecked()) study_["vary_split"] = true;
    }
    Q_EMIT changed();
}

void StudyEditor::markError(const QString& message) {
    for (const Axis& a : axes_) {
        const bool named = !message.isEmpty() && message.contains(a.key->currentText());
        if (named) a.values->setStyleSheet(QStringLiteral("QLineEdit { color: #b00020; }"));
    }
}

}  // namespace rd
