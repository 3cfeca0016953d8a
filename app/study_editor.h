#pragma once

#include <QGroupBox>
#include <QSet>
#include <QString>
#include <QStringList>

#include <vector>

#include <nlohmann/json.hpp>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QVBoxLayout;

namespace rd {

/**
 * The Setup tab's "Repeat over seeds" box: the seeds to repeat the experiment with, and sweep axes
 * (a key picked from the config's schemas — the teacher's and student's parameters, the chosen
 * methods' parameters, the training settings — with its values). What is typed is checked at once
 * (a seed that is no whole number, a value that is no number where one is needed) and said inside
 * the box; the whole study is then validated by the Setup tab through StudyPlan (ranges, unknown
 * keys). Empty, it leaves the config a single experiment. "Vary the split too" sets the study's
 * vary_split (each seed also draws its own split; the statistics then say they are unpaired).
 */
class StudyEditor : public QGroupBox {
    Q_OBJECT

public:
    explicit StudyEditor(QWidget* parent = nullptr);

    /** The keys a sweep may vary for this config (its models and methods). */
    void setCandidates(const nlohmann::json& config);
    QStringList candidates() const { return keys_; }
    /** The "study" object for the config, or null for a single experiment. */
    nlohmann::json study() const;
    /** Fills the box from a config's "study" (null or absent: empty). */
    void setStudy(const nlohmann::json& study);
    /** What is wrong with the typed text (empty when it parses). */
    QString error() const { return error_; }
    /** Marks the axis whose key the validator's message names (empty: none). */
    void markError(const QString& message);

    QLineEdit* seedsEdit() const { return seeds_; }
    QCheckBox* varySplitBox() const { return varySplit_; }
    /** Adds an axis row (key, values as typed); returns its index. */
    int addAxis(const QString& key = {}, const QString& values = {});
    int axisCount() const { return static_cast<int>(axes_.size()); }

Q_SIGNALS:
    void changed();

private:
    struct Axis {
        QWidget* row;
        QComboBox* key;
        QLineEdit* values;
    };
    void parse();
    void removeAxis(QWidget* row);

    QLineEdit* seeds_ = nullptr;
    QCheckBox* varySplit_ = nullptr;
    QVBoxLayout* axisLayout_ = nullptr;
    QPushButton* add_ = nullptr;
    QLabel* errorLabel_ = nullptr;
    std::vector<Axis> axes_;
    QStringList keys_;
    QSet<QString> numeric_;  ///< keys whose values must be numbers
    nlohmann::json study_;
    QString error_;
};

}  // namespace rd
