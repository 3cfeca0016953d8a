#include "param_form.h"
#include "core_text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDoubleValidator>
#include <QLocale>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>

#include <algorithm>
#include <climits>
#include <cmath>

namespace rd {

namespace {

/** Enough decimals to show the default and the smallest bound exactly (1e-4 needs 4). */
int decimalsFor(const ParamSpec& spec) {
    int decimals = 2;
    for (double v : {spec.defaultValue.is_number() ? spec.defaultValue.get<double>() : 0.0, spec.min}) {
        for (int d = decimals; d <= 6; ++d) {
            const double scaled = v * std::pow(10.0, d);
            if (std::fabs(scaled - std::round(scaled)) < 1e-6) {
                decimals = std::max(decimals, d);
                break;
            }
            if (d == 6) {
                decimals = 6;
                break;
            }
        }
    }
    return decimals;
}

int clampInt(double v) {
    return static_cast<int>(std::clamp(v, static_cast<double>(INT_MIN), static_cast<double>(INT_MAX)));
}

QString intListText(const nlohmann::json& list) {
    QStringList parts;
    if (list.is_array())
        for (const auto& v : list) parts << QString::number(v.get<long long>());
    return parts.join(QStringLiteral(", "));
}

}  // namespace

ParamForm::ParamForm(const ParamSchema& schema, QWidget* parent) : QWidget(parent), schema_(schema) {
    auto* layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    for (const ParamSpec& spec : schema_) {
        QWidget* editor = makeEditor(spec);
        editor->setObjectName(QString::fromStdString(spec.name));
        editor->setToolTip(CoreText::paramHelp(spec.help));
        editors_[spec.name] = editor;
        auto* label = new QLabel(QString::fromStdString(spec.name) + QLatin1Char(':'));
        label->setToolTip(editor->toolTip());
        label->setBuddy(editor);
        layout->addRow(label, editor);
    }
    if (schema_.empty()) layout->addRow(new QLabel(tr("No parameters.")));
}

QWidget* ParamForm::makeEditor(const ParamSpec& spec) {
    switch (spec.type) {
    case ParamSpec::Type::Int: {
        auto* box = new QSpinBox;
        box->setRange(clampInt(spec.min), clampInt(spec.max));
        box->setValue(spec.defaultValue.is_number() ? spec.defaultValue.get<int>() : 0);
        box->setMinimumWidth(fontMetrics().averageCharWidth() * 12);
        connect(box, &QSpinBox::valueChanged, this, &ParamForm::changed);
        return box;
    }
    case ParamSpec::Type::Float: {
        const double def = spec.defaultValue.is_number() ? spec.defaultValue.get<double>() : 0.0;
        if ((def != 0 && std::fabs(def) < 1e-4) || (spec.min > 0 && spec.min < 1e-6)) {
            // Tiny values (a temperature of 1e-10) would round to 0 in a spin box: type them.
            auto* edit = new QLineEdit(QString::number(def, 'g', 12));
            auto* validator = new QDoubleValidator(spec.min, spec.max, 12, edit);
            validator->setNotation(QDoubleValidator::ScientificNotation);
            validator->setLocale(QLocale::c());
            edit->setValidator(validator);
            edit->setMinimumWidth(fontMetrics().averageCharWidth() * 12);
            connect(edit, &QLineEdit::textChanged, this, &ParamForm::changed);
            return edit;
        }
        auto* box = new QDoubleSpinBox;
        box->setDecimals(decimalsFor(spec));
        box->setRange(spec.min, spec.max);
        box->setSingleStep(std::max(std::pow(10.0, -box->decimals()), (spec.max - spec.min) / 100.0));
        box->setValue(spec.defaultValue.is_number() ? spec.defaultValue.get<double>() : 0.0);
        box->setMinimumWidth(fontMetrics().averageCharWidth() * 12);
        connect(box, &QDoubleSpinBox::valueChanged, this, &ParamForm::changed);
        return box;
    }
    case ParamSpec::Type::Bool: {
        auto* box = new QCheckBox;
        box->setChecked(spec.defaultValue.is_boolean() && spec.defaultValue.get<bool>());
        connect(box, &QCheckBox::toggled, this, &ParamForm::changed);
        return box;
    }
    case ParamSpec::Type::Choice: {
        auto* box = new QComboBox;
        for (const std::string& c : spec.choices) box->addItem(QString::fromStdString(c));
        if (spec.defaultValue.is_string())
            box->setCurrentText(QString::fromStdString(spec.defaultValue.get<std::string>()));
        connect(box, &QComboBox::currentIndexChanged, this, &ParamForm::changed);
        return box;
    }
    case ParamSpec::Type::IntList: {
        auto* edit = new QLineEdit(intListText(spec.defaultValue));
        edit->setPlaceholderText(tr("e.g. 64, 32"));
        connect(edit, &QLineEdit::textChanged, this, &ParamForm::changed);
        return edit;
    }
    }
    return new QWidget;
}

nlohmann::json ParamForm::valueOf(const ParamSpec& spec) const {
    QWidget* w = editors_.at(spec.name);
    switch (spec.type) {
    case ParamSpec::Type::Int:
        return static_cast<QSpinBox*>(w)->value();
    case ParamSpec::Type::Float: {
        if (auto* edit = qobject_cast<QLineEdit*>(w)) {
            bool ok = false;
            const double v = QLocale::c().toDouble(edit->text().trimmed(), &ok);
            return ok ? nlohmann::json(v) : nlohmann::json(edit->text().toStdString());
        }
        return static_cast<QDoubleSpinBox*>(w)->value();
    }
    case ParamSpec::Type::Bool:
        return static_cast<QCheckBox*>(w)->isChecked();
    case ParamSpec::Type::Choice:
        return static_cast<QComboBox*>(w)->currentText().toStdString();
    case ParamSpec::Type::IntList: {
        // Text that is not a list of integers is passed on as text, so validation names the key.
        const QString text = static_cast<QLineEdit*>(w)->text();
        nlohmann::json list = nlohmann::json::array();
        for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const long long v = part.trimmed().toLongLong(&ok);
            if (!ok) return text.toStdString();
            list.push_back(v);
        }
        return list;
    }
    }
    return nullptr;
}

void ParamForm::setValue(const ParamSpec& spec, const nlohmann::json& v) {
    QWidget* w = editors_.at(spec.name);
    switch (spec.type) {
    case ParamSpec::Type::Int:
        if (v.is_number()) static_cast<QSpinBox*>(w)->setValue(v.get<int>());
        break;
    case ParamSpec::Type::Float:
        if (!v.is_number()) break;
        if (auto* edit = qobject_cast<QLineEdit*>(w))
            edit->setText(QString::number(v.get<double>(), 'g', 12));
        else
            static_cast<QDoubleSpinBox*>(w)->setValue(v.get<double>());
        break;
    case ParamSpec::Type::Bool:
        if (v.is_boolean()) static_cast<QCheckBox*>(w)->setChecked(v.get<bool>());
        break;
    case ParamSpec::Type::Choice:
        if (v.is_string()) static_cast<QComboBox*>(w)->setCurrentText(QString::fromStdString(v.get<std::string>()));
        break;
    case ParamSpec::Type::IntList:
        static_cast<QLineEdit*>(w)->setText(intListText(v));
        break;
    }
}

nlohmann::json ParamForm::values() const {
    nlohmann::json out = nlohmann::json::object();
    for (const ParamSpec& spec : schema_) out[spec.name] = valueOf(spec);
    return out;
}

nlohmann::json ParamForm::changedValues() const {
    nlohmann::json out = nlohmann::json::object();
    for (const ParamSpec& spec : schema_) {
        const nlohmann::json v = valueOf(spec);
        const bool same = v.is_number() && spec.defaultValue.is_number()
                              ? std::fabs(v.get<double>() - spec.defaultValue.get<double>()) < 1e-12
                              : v == spec.defaultValue;
        if (!same) out[spec.name] = v;
    }
    return out;
}

void ParamForm::setValues(const nlohmann::json& values) {
    {
        const QSignalBlocker blocker(this);
        for (const ParamSpec& spec : schema_) {
            const bool given = values.is_object() && values.contains(spec.name);
            setValue(spec, given ? values[spec.name] : spec.defaultValue);
        }
    }
    Q_EMIT changed();
}

QWidget* ParamForm::editor(const std::string& name) const {
    const auto it = editors_.find(name);
    return it == editors_.end() ? nullptr : it->second;
}

}  // namespace rd
