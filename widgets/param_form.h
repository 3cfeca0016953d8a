#pragma once

#include <QWidget>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "catalog/param_schema.h"

class QCheckBox;
class QFormLayout;

namespace rd {

/**
 * A form generated from a parameter schema: a spin box per Int (range enforced, the special value
 * text at the minimum), a double spin box per Float (a line edit for tiny values), a check box per
 * Bool, a combo box per Choice (showing its choice labels), an editable combo box per String with
 * suggestions (a line edit without), and a line edit per list ("1, 2, 3"). A nullable number gets a
 * check box that turns it on; off is null. Labels are the schema's labels (else the names),
 * tooltips its help, both translated through CoreText; each editor is named after its parameter.
 * Dotted names
 * ("train.epochs") read and write nested objects, so a form over config fields takes and gives the
 * config itself. Emits changed() on every edit.
 */
class ParamForm : public QWidget {
    Q_OBJECT

public:
    /** columns > 1 lays the fields out in that many label/editor pairs per row (row by row). */
    explicit ParamForm(const ParamSchema& schema, QWidget* parent = nullptr, int columns = 1);

    /** Every parameter with its current value. */
    nlohmann::json values() const;
    /** Only the parameters that differ from their default (what a config needs to say). */
    nlohmann::json changedValues() const;
    /** Sets the given parameters (unknown keys are ignored), the others back to their defaults. */
    void setValues(const nlohmann::json& values);
    /** Sets one parameter, leaving the others as they are. */
    void setValue(const std::string& name, const nlohmann::json& value);
    /** The editor of one parameter's value (nullptr when the schema has none by that name). */
    QWidget* editor(const std::string& name) const;
    /** The one-column form's layout, for a caller that adds a row of its own (the Setup tab's data
     * path); nullptr for a form of several columns. */
    QFormLayout* formLayout() const { return layout_; }
    bool isEmpty() const { return schema_.empty(); }
    /** The row label the form shows for spec ("Batch size:", translated; the name when it has no
     * label). */
    static QString labelFor(const ParamSpec& spec);

Q_SIGNALS:
    void changed();

private:
    struct Field {
        QWidget* editor = nullptr;    ///< holds the value
        QCheckBox* enable = nullptr;  ///< nullable numbers: checked = a value, unchecked = null
    };

    QWidget* makeEditor(const ParamSpec& spec);
    nlohmann::json valueOf(const ParamSpec& spec) const;
    void apply(const ParamSpec& spec, const nlohmann::json& value);

    ParamSchema schema_;
    std::map<std::string, Field> fields_;
    QFormLayout* layout_ = nullptr;
};

}  // namespace rd
