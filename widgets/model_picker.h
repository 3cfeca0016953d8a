#pragma once

#include <QGroupBox>

#include <nlohmann/json.hpp>

class QComboBox;
class QLabel;
class QStackedWidget;

namespace rd {

class ParamForm;

/**
 * A model chooser over the model registry: a combo box of every registered model, its description,
 * and its parameter form (one form per model, so switching back keeps what was typed). config() is
 * the {name, …params} object of an experiment config.
 */
class ModelPicker : public QGroupBox {
    Q_OBJECT

public:
    explicit ModelPicker(const QString& title, QWidget* parent = nullptr);

    nlohmann::json config() const;
    /** Selects config["name"] and sets its form from the other keys. */
    void setConfig(const nlohmann::json& config);
    QComboBox* modelBox() const { return box_; }
    ParamForm* currentForm() const;

Q_SIGNALS:
    void changed();

private:
    void showModel(int index);

    QComboBox* box_ = nullptr;
    QLabel* description_ = nullptr;
    QStackedWidget* forms_ = nullptr;
};

}  // namespace rd
