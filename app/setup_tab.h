#pragma once

#include <QWidget>

#include <nlohmann/json.hpp>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace rd {

class MethodPanel;
class ModelPicker;

/**
 * The Setup tab: everything one experiment config holds, as forms. Data (path, format,
 * preprocessing, split), teacher and student models with forms from their schemas, distillation
 * methods, training settings and K values; presets, save and load as JSON (the file the CLI runs).
 * Every edit rebuilds the config and validates it with ExperimentConfig::fromJson; the Run button is
 * enabled only for a valid config, and the reason shows beside it otherwise.
 */
class SetupTab : public QWidget {
    Q_OBJECT

public:
    explicit SetupTab(QWidget* parent = nullptr);

    /** The config as the forms describe it (keys the forms do not show are kept from the last
     * loaded config). */
    nlohmann::json config() const;
    /** Fills every form from config (a preset or a loaded file). */
    void setConfig(const nlohmann::json& config);
    bool isValid() const { return valid_; }
    /** Empty when the config is valid, else the validator's message. */
    QString reason() const { return reason_; }
    /** Selects a built-in preset by index (0 = quick demo). */
    void applyPreset(int index);
    /** Sets the default thread count (a setting) without marking the config edited. */
    void setThreads(int threads);
    int threads() const;
    /** Points the data path at a data set opened elsewhere (the Data tab). */
    void setDataPath(const QString& path);
    /** Enables Run only when the config is valid and nothing is running. */
    void setRunning(bool running);

    QPushButton* runButton() const { return run_; }
    QLabel* reasonLabel() const { return reasonLabel_; }
    ModelPicker* teacherPicker() const { return teacher_; }
    ModelPicker* studentPicker() const { return student_; }
    MethodPanel* methodPanel() const { return methods_; }

    bool saveTo(const QString& path, QString* error = nullptr) const;
    bool loadFrom(const QString& path, QString* error = nullptr);

Q_SIGNALS:
    void runRequested();
    void validityChanged(bool valid);

private:
    QWidget* makeDataGroup();
    QWidget* makeTrainGroup();
    QWidget* makeHeader();
    void onEdited();
    void chooseSave();
    void chooseLoad();
    void chooseDataPath();
    void updateRunButton();

    nlohmann::json base_ = nlohmann::json::object();
    bool loading_ = false;
    bool valid_ = false;
    bool running_ = false;
    QString reason_;

    QComboBox* preset_ = nullptr;
    QLineEdit* name_ = nullptr;
    // Data.
    QLineEdit* path_ = nullptr;
    QComboBox* format_ = nullptr;
    QCheckBox* useThreshold_ = nullptr;
    QDoubleSpinBox* threshold_ = nullptr;
    QCheckBox* dropDuplicates_ = nullptr;
    QSpinBox* userCore_ = nullptr;
    QSpinBox* itemCore_ = nullptr;
    QSpinBox* maxUsers_ = nullptr;
    QSpinBox* maxItems_ = nullptr;
    QComboBox* splitKind_ = nullptr;
    QDoubleSpinBox* ratios_[3] = {};
    QSpinBox* splitSeed_ = nullptr;
    // Models and methods.
    ModelPicker* teacher_ = nullptr;
    ModelPicker* student_ = nullptr;
    MethodPanel* methods_ = nullptr;
    // Training.
    QSpinBox* epochs_ = nullptr;
    QSpinBox* batchSize_ = nullptr;
    QDoubleSpinBox* lr_ = nullptr;
    QSpinBox* negatives_ = nullptr;
    QSpinBox* evalEvery_ = nullptr;
    QSpinBox* patience_ = nullptr;
    QComboBox* validMetric_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QSpinBox* threads_ = nullptr;
    QLineEdit* ks_ = nullptr;
    // Run.
    QLabel* reasonLabel_ = nullptr;
    QPushButton* run_ = nullptr;
};

}  // namespace rd
