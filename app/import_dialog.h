#pragma once

#include <QDialog>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <string>

#include "data/load_options.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QTableWidget;

namespace rd {

/**
 * Import of a file in the generic delimited format: a preview of its first lines split with the
 * chosen separator (auto, TAB, ',', ';', '::', space), a header check box, a role per column (user,
 * item, rating, timestamp, ignore) and an optional rating threshold. The first guess comes from the
 * loader's own detection. options() is what the loader is given: format "delimited" with the
 * mapping spelled out, so the file loads exactly as previewed.
 */
class ImportDialog : public QDialog {
    Q_OBJECT

public:
    enum Role { Ignore = 0, User, Item, Rating, Timestamp };

    explicit ImportDialog(const QString& path, QWidget* parent = nullptr);

    QString path() const { return path_; }
    LoadOptions options() const;
    /** The threshold (keep ratings >= t) when its box is checked. */
    std::optional<double> ratingThreshold() const;
    /** Why OK is disabled; empty when the mapping is usable. */
    QString problem() const { return problem_; }

    QComboBox* separatorCombo() const { return separator_; }
    QCheckBox* headerCheck() const { return header_; }
    QCheckBox* thresholdCheck() const { return thresholdOn_; }
    QDoubleSpinBox* thresholdSpin() const { return threshold_; }
    QTableWidget* preview() const { return preview_; }
    /** The role combo box of a column, nullptr past the last column. */
    QComboBox* roleCombo(int column) const;
    int columnCount() const { return static_cast<int>(roles_.size()); }

private:
    void readSample();
    /** The separator in effect: the chosen one, or the guess for "auto". */
    std::string separator() const;
    QStringList fields(const QString& line) const;
    void rebuildPreview();
    void validate();

    QString path_;
    QStringList lines_;
    DelimitedMapping detected_;
    bool haveDetected_ = false;
    QString readError_;
    QString problem_;

    QComboBox* separator_ = nullptr;
    QCheckBox* header_ = nullptr;
    QCheckBox* thresholdOn_ = nullptr;
    QDoubleSpinBox* threshold_ = nullptr;
    QTableWidget* preview_ = nullptr;
    QList<QComboBox*> roles_;
    QLabel* message_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
};

}  // namespace rd
