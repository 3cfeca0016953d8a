#pragma once

#include <QWidget>

#include <nlohmann/json.hpp>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace rd {

class MethodPanel;
class ModelPicker;
class ParamForm;
class StudyEditor;

/**
 * The Setup tab: everything one experiment config holds, as forms generated from the core's
 * schemas: data (the path with a browse button, then dataConfigSchema()'s format, preprocessing and
 * split), teacher and student models, distillation methods, and training and evaluation
 * (trainConfigSchema()); presets, save and load as JSON (the file the CLI runs). No default is
 * restated here: a field the config leaves out shows the schema's default.
 * Every edit rebuilds the config and validates it with ExperimentConfig::fromJson; the Run button
 * is enabled only for a valid config, and the reason shows beside it otherwise. "Repeat over
 * seeds" (StudyEditor) makes the config a study (seeds × sweep cells), validated cell by cell
 * through StudyPlan.
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
    /**
     * The name the experiment gets when the user has not typed one: the preset's while data and
     * models are the preset's, else "teacher → student on data" (for example "LightGCN (dim 64) →
     * MF (dim 8) on ml-100k").
     */
    QString generatedName() const;
    /** True once the user typed a name of their own (clearing the field gives it back). */
    bool nameTyped() const { return nameTyped_; }
    /** The preset last chosen (0 = quick demo). */
    int presetIndex() const;
    /** Enables Run only when the config is valid and nothing is running. */
    void setRunning(bool running);

    QPushButton* runButton() const { return run_; }
    QLabel* reasonLabel() const { return reasonLabel_; }
    ModelPicker* teacherPicker() const { return teacher_; }
    ModelPicker* studentPicker() const { return student_; }
    MethodPanel* methodPanel() const { return methods_; }
    StudyEditor* studyEditor() const { return study_; }
    /** Experiments the config runs: 1, or the study's seeds × cells. */
    int plannedExperiments() const { return experiments_; }

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
    /** Puts generatedName() into the name field unless the user typed one. */
    void updateName();

    nlohmann::json base_ = nlohmann::json::object();
    bool loading_ = false;
    bool valid_ = false;
    bool running_ = false;
    QString reason_;
    bool nameTyped_ = false;
    QString presetName_;           ///< the last chosen preset's experiment name
    nlohmann::json presetModels_;  ///< its data.path, teacher and student (the name fits these)

    QComboBox* preset_ = nullptr;
    QLineEdit* name_ = nullptr;
    QLineEdit* path_ = nullptr;      ///< data.path: the one data field with a button of its own
    ParamForm* dataForm_ = nullptr;  ///< the rest of dataConfigSchema()
    ModelPicker* teacher_ = nullptr;
    ModelPicker* student_ = nullptr;
    MethodPanel* methods_ = nullptr;
    ParamForm* trainForm_ = nullptr;  ///< trainConfigSchema(): train.* and eval.*
    StudyEditor* study_ = nullptr;
    int experiments_ = 1;
    // Run.
    QLabel* reasonLabel_ = nullptr;
    QPushButton* run_ = nullptr;
};

}  // namespace rd
