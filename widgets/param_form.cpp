#include "param_form.h"
#include "core_text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QSpinBox>

#include <algorithm>
#include <climits>
#include <cmath>

namespace rd {

namespace {

double numberOr(const nlohmann::json& v, double otherwise) {
    return v.is_number() ? v.get<double>() : otherwise;
}

/** Enough decimals to show the default and the smallest bound exactly (1e-4 needs 4). A default
 * of 0 says nothing about the scale of the values a user enters (weight decay 1e-3, L2 1e-5): six.
 */
int decimalsFor(const ParamSpec& spec) {
    if (numberOr(spec.defaultValue, 0.0) == 0.0 && spec.min == 0.0) return 6;
    int decimals = 2;
    for (double v : {numberOr(spec.defaultValue, 0.0), spec.min}) {
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

/** One step of the default's order of magnitude (a weight of 1 steps by 1, 0.001 by 0.001); without
 * a default a hundredth of the range, at most 1 (a range of a million must not step by ten
 * thousand). */
double stepFor(const ParamSpec& spec, int decimals) {
    const double def = numberOr(spec.defaultValue, 0.0);
    const double step = def != 0 ? std::pow(10.0, std::floor(std::log10(std::fabs(def))))
                                 : std::min(1.0, (spec.max - spec.min) / 100.0);
    return std::max(step, std::pow(10.0, -decimals));
}

int clampInt(double v) {
    return static_cast<int>(
        std::clamp(v, static_cast<double>(INT_MIN), static_cast<double>(INT_MAX)));
}

QString listText(const nlohmann::json& list) {
    QStringList parts;
    if (list.is_array())
        for (const auto& v : list)
            parts << (v.is_number_integer() ? QString::number(v.get<long long>())
                      : v.is_number()       ? QString::number(v.get<double>(), 'g', 12)
                                            : QString::fromStdString(v.dump()));
    return parts.join(QStringLiteral(", "));
}

bool sameValue(const nlohmann::json& a, const nlohmann::json& b) {
    return a.is_number() && b.is_number() ? std::fabs(a.get<double>() - b.get<double>()) < 1e-12
                                          : a == b;
}

}  // namespace

ParamForm::ParamForm(const ParamSchema& schema, QWidget* parent, int columns)
    : QWidget(parent), schema_(schema) {
    QGridLayout* grid = nullptr;
    if (columns > 1) {
        grid = new QGridLayout(this);
        grid->setContentsMargins(0, 0, 0, 0);
        grid->setColumnStretch(2 * columns,
                               1);  // editors keep their size, as in the one-column form
    } else {
        layout_ = new QFormLayout(this);
        layout_->setContentsMargins(0, 0, 0, 0);
        layout_->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    }
    int index = 0;
    for (const ParamSpec& spec : schema_) {
        const QString name = QString::fromStdString(spec.name);
        const QString help = CoreText::paramHelp(spec.help);
        Field& field = fields_[spec.name];
        field.editor = makeEditor(spec);
        field.editor->setObjectName(name);
        field.editor->setToolTip(help);
        QWidget* row = field.editor;
        if (spec.nullable &&
            (spec.type == ParamSpec::Type::Int || spec.type == ParamSpec::Type::Float)) {
            // Off (null) unless the box is checked; the value keeps what was typed while off.
            field.enable = new QCheckBox;
            field.enable->setObjectName(name + QStringLiteral(".enabled"));
            field.enable->setToolTip(help);
            field.enable->setChecked(!spec.defaultValue.is_null());
            field.editor->setEnabled(field.enable->isChecked());
            connect(field.enable, &QCheckBox::toggled, field.editor, &QWidget::setEnabled);
            connect(field.enable, &QCheckBox::toggled, this, &ParamForm::changed);
            row = new QWidget;
            auto* box = new QHBoxLayout(row);
            box->setContentsMargins(0, 0, 0, 0);
            box->addWidget(field.enable);
            box->addWidget(field.editor);
            box->addStretch(1);
        }
        auto* label = new QLabel(labelFor(spec));
        label->setToolTip(help);
        label->setBuddy(field.enable ? static_cast<QWidget*>(field.enable) : field.editor);
        if (grid) {
            const int r = index / columns, c = index % columns;
            if (c > 0) label->setIndent(fontMetrics().averageCharWidth() * 2);  // pairs apart
            grid->addWidget(label, r, 2 * c, Qt::AlignLeft | Qt::AlignVCenter);
            grid->addWidget(row, r, 2 * c + 1, Qt::AlignLeft | Qt::AlignVCenter);
        } else {
            layout_->addRow(label, row);
        }
        ++index;
    }
    if (schema_.empty()) {
        if (grid)
            grid->addWidget(new QLabel(tr("No parameters.")), 0, 0);
        else
            layout_->addRow(new QLabel(tr("No parameters.")));
    }
}

QString ParamForm::labelFor(const ParamSpec& spec) {
    return tr("%1:").arg(spec.label.empty() ? QString::fromStdString(spec.name)
                                            : CoreText::paramText(spec.label));
}

QWidget* ParamForm::makeEditor(const ParamSpec& spec) {
    switch (spec.type) {
        case ParamSpec::Type::Int: {
            auto* box = new QSpinBox;
            box->setRange(clampInt(spec.min), clampInt(spec.max));
            box->setValue(clampInt(numberOr(spec.defaultValue, spec.min)));
            if (!spec.specialValueText.empty())
                box->setSpecialValueText(CoreText::paramText(spec.specialValueText));
            // A seed is a name, not a quantity: "2020", never "2,020".
            if (spec.name.size() >= 4 && spec.name.compare(spec.name.size() - 4, 4, "seed") == 0) {
                QLocale plain = box->locale();
                plain.setNumberOptions(plain.numberOptions() | QLocale::OmitGroupSeparator);
                box->setLocale(plain);
            }
            box->setMinimumWidth(fontMetrics().averageCharWidth() * 12);
            connect(box, &QSpinBox::valueChanged, this, &ParamForm::changed);
            return box;
        }
        case ParamSpec::Type::Float: {
            const double def = numberOr(spec.defaultValue, 0.0);
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
            box->setSingleStep(stepFor(spec, box->decimals()));
            box->setValue(std::clamp(def, spec.min, spec.max));
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
            for (size_t i = 0; i < spec.choices.size(); ++i) {
                const QString value = QString::fromStdString(spec.choices[i]);
                box->addItem(i < spec.choiceLabels.size()
                                 ? CoreText::paramText(spec.choiceLabels[i])
                                 : value,
                             value);
            }
            if (spec.defaultValue.is_string())
                box->setCurrentIndex(std::max(0, box->findData(QString::fromStdString(
                                                     spec.defaultValue.get<std::string>()))));
            connect(box, &QComboBox::currentIndexChanged, this, &ParamForm::changed);
            return box;
        }
        case ParamSpec::Type::String: {
            const QString def = spec.defaultValue.is_string()
                                    ? QString::fromStdString(spec.defaultValue.get<std::string>())
                                    : QString();
            if (spec.choices.empty()) {
                auto* edit = new QLineEdit(def);
                connect(edit, &QLineEdit::textChanged, this, &ParamForm::changed);
                return edit;
            }
            auto* box = new QComboBox;
            box->setEditable(true);
            box->setInsertPolicy(QComboBox::NoInsert);
            for (const std::string& c : spec.choices) box->addItem(QString::fromStdString(c));
            box->setCurrentText(def);
            connect(box, &QComboBox::editTextChanged, this, &ParamForm::changed);
            return box;
        }
        case ParamSpec::Type::IntList:
        case ParamSpec::Type::FloatList: {
            const QString text = listText(spec.defaultValue);
            auto* edit = new QLineEdit(text);
            edit->setPlaceholderText(tr("e.g. %1").arg(text));
            // Never squeezed below its default list (a narrow column would show ", 10, 20, 50").
            edit->setMinimumWidth(std::max(
                fontMetrics().averageCharWidth() * 12,
                fontMetrics().horizontalAdvance(text) + fontMetrics().averageCharWidth() * 3));
            connect(edit, &QLineEdit::textChanged, this, &ParamForm::changed);
            return edit;
        }
    }
    return new QWidget;
}

nlohmann::json ParamForm::valueOf(const ParamSpec& spec) const {
    const Field& field = fields_.at(spec.name);
    if (field.enable && !field.enable->isChecked()) return nullptr;
    QWidget* w = field.editor;
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
            return static_cast<QComboBox*>(w)->currentData().toString().toStdString();
        case ParamSpec::Type::String:
            if (auto* edit = qobject_cast<QLineEdit*>(w))
                return edit->text().trimmed().toStdString();
            return static_cast<QComboBox*>(w)->currentText().trimmed().toStdString();
        case ParamSpec::Type::IntList:
        case ParamSpec::Type::FloatList: {
            // Text that is not a list of numbers is passed on as text, so validation names the key.
            const QString text = static_cast<QLineEdit*>(w)->text();
            nlohmann::json list = nlohmann::json::array();
            for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                bool ok = false;
                if (spec.type == ParamSpec::Type::IntList) {
                    const long long v = part.trimmed().toLongLong(&ok);
                    if (ok) list.push_back(v);
                } else {
                    const double v = QLocale::c().toDouble(part.trimmed(), &ok);
                    if (ok) list.push_back(v);
                }
                if (!ok) return text.toStdString();
            }
            return list;
        }
    }
    return nullptr;
}

void ParamForm::apply(const ParamSpec& spec, const nlohmann::json& v) {
    const Field& field = fields_.at(spec.name);
    if (field.enable) {
        field.enable->setChecked(!v.is_null());
        if (v.is_null()) return;
    }
    QWidget* w = field.editor;
    switch (spec.type) {
        case ParamSpec::Type::Int:
            if (v.is_number()) static_cast<QSpinBox*>(w)->setValue(clampInt(v.get<double>()));
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
            if (v.is_string()) {
                auto* box = static_cast<QComboBox*>(w);
                const int index = box->findData(QString::fromStdString(v.get<std::string>()));
                if (index >= 0) box->setCurrentIndex(index);
            }
            break;
        case ParamSpec::Type::String:
            if (!v.is_string()) break;
            if (auto* edit = qobject_cast<QLineEdit*>(w))
                edit->setText(QString::fromStdString(v.get<std::string>()));
            else
                static_cast<QComboBox*>(w)->setCurrentText(
                    QString::fromStdString(v.get<std::string>()));
            break;
        case ParamSpec::Type::IntList:
        case ParamSpec::Type::FloatList:
            static_cast<QLineEdit*>(w)->setText(listText(v));
            break;
    }
}

nlohmann::json ParamForm::values() const {
    nlohmann::json out = nlohmann::json::object();
    for (const ParamSpec& spec : schema_) setDotted(out, spec.name, valueOf(spec));
    return out;
}

nlohmann::json ParamForm::changedValues() const {
    nlohmann::json out = nlohmann::json::object();
    for (const ParamSpec& spec : schema_) {
        const nlohmann::json v = valueOf(spec);
        if (!sameValue(v, spec.defaultValue)) setDotted(out, spec.name, v);
    }
    return out;
}

void ParamForm::setValues(const nlohmann::json& values) {
    {
        const QSignalBlocker blocker(this);
        for (const ParamSpec& spec : schema_) {
            const nlohmann::json* given = findDotted(values, spec.name);
            apply(spec, given ? *given : spec.defaultValue);
        }
    }
    Q_EMIT changed();
}

void ParamForm::setValue(const std::string& name, const nlohmann::json& value) {
    for (const ParamSpec& spec : schema_)
        if (spec.name == name) apply(spec, value);
}

QWidget* ParamForm::editor(const std::string& name) const {
    const auto it = fields_.find(name);
    return it == fields_.end() ? nullptr : it->second.editor;
}

}  // namespace rd
