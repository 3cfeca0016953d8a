#pragma once

#include <QGroupBox>

#include <nlohmann/json.hpp>

class QComboBox;
class QLabel;
class QStackedWidget;

namespace rd {

class ExternalTeacherForm;
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
    /** The current model's parameter form; nullptr while the external teacher is chosen. */
    ParamForm* currentForm() const;
    /** Adds "external" (a teacher trained elsewhere) as the last choice. */
    void addExternalTeacher();
    /** The external teacher's form; nullptr unless addExternalTeacher() was called. */
    ExternalTeacherForm* externalForm() const { return external_; }
    bool isExternal() const;

Q_SIGNALS:
    void changed();

private:
    void showModel(int index);

    QComboBox* box_ = nullptr;
    QLabel* description_ = nullptr;
    QStackedWidget* forms_ = nullptr;
    ExternalTeacherForm* external_ = nullptr;
};

}  // namespace rd
