#pragma once

#include <QGroupBox>

#include <nlohmann/json.hpp>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace rd {

class ParamForm;

/**
 * The distillation methods of an experiment: a checkable list of every registered method (except
 * "none", the student alone, which always runs) and, beside it, the selected method's description,
 * loss formula and parameter form, so a class can read what each method does while choosing.
 */
class MethodPanel : public QGroupBox {
    Q_OBJECT

public:
    explicit MethodPanel(QWidget* parent = nullptr);

    /** The checked methods as config entries: "rrd", or {"name": "rrd", …} when a parameter differs
     * from its default. */
    nlohmann::json config() const;
    /** Checks exactly the listed methods and sets their forms. */
    void setConfig(const nlohmann::json& methods);
    QListWidget* list() const { return list_; }
    ParamForm* form(const QString& method) const;

Q_SIGNALS:
    void changed();

private:
    void showMethod(int row);

    QListWidget* list_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* description_ = nullptr;
    QLabel* formula_ = nullptr;
    QStackedWidget* forms_ = nullptr;
};

}  // namespace rd
