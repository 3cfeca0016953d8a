#pragma once

#include <QWidget>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "catalog/param_schema.h"

class QFormLayout;

namespace rd {

/**
 * A form generated from a parameter schema: a spin box per Int (range enforced), a double spin box
 * per Float, a check box per Bool, a combo box per Choice and a line edit per IntList ("1, 2, 3").
 * Defaults are shown at creation, the help line is each field's tooltip, and values() gives the
 * parameters as the JSON object a config holds. Emits changed() on every edit.
 */
class ParamForm : public QWidget {
    Q_OBJECT

public:
    explicit ParamForm(const ParamSchema& schema, QWidget* parent = nullptr);

    /** Every parameter with its current value. */
    nlohmann::json values() const;
    /** Only the parameters that differ from their default (what a config needs to say). */
    nlohmann::json changedValues() const;
    /** Sets the given parameters (unknown keys are ignored), the others back to their defaults. */
    void setValues(const nlohmann::json& values);
    /** The editor of one parameter (nullptr when the schema has none by that name). */
    QWidget* editor(const std::string& name) const;
    bool isEmpty() const { return schema_.empty(); }

Q_SIGNALS:
    void changed();

private:
    QWidget* makeEditor(const ParamSpec& spec);
    nlohmann::json valueOf(const ParamSpec& spec) const;
    void setValue(const ParamSpec& spec, const nlohmann::json& value);

    ParamSchema schema_;
    std::map<std::string, QWidget*> editors_;
};

}  // namespace rd
