#pragma once

#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "pipeline/experiment_config.h"
#include "run_snapshot.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTableWidget;

namespace rd {

class StoreSession;
struct PreparedData;

/**
 * The Users tab for the checked runs: pick one of the users whose top-K lists the store sampled
 * (a combo box, or a search by original user id), see the user's training history and the top-K
 * lists of every checked run of that user's experiment side by side (rows = ranks 1..10 unless
 * more are asked for, columns = runs). The sampled lists and the experiments' configs are read on
 * the store session's thread, once per selection. Items in the user's test set are bold on green;
 * items a distilled or student run shares with the teacher's list are on blue. The data set is
 * loaded and split exactly as the experiment did (its recorded config through prepareData), once
 * per experiment and on a pool thread (the tab shows dense ids until it is ready), to map dense ids
 * back to original ids and titles and to know the user's training and test items.
 */
class UsersTab : public QWidget {
    Q_OBJECT

public:
    /** Cell roles of the top-K table (for tests and tooltips). */
    enum CellRole { ItemRole = Qt::UserRole, HitRole, SharedRole };

    explicit UsersTab(QWidget* parent = nullptr);
    ~UsersTab() override;

    /** The store to read the sampled lists from (not owned). */
    void setSession(StoreSession* session);
    /** Shows the runs checked in the Runs dock (their sampled lists follow from the store). */
    void showSnapshots(const RunSnapshots& snapshots);
    RunSnapshots snapshots() const { return snapshots_; }
    /** Whether the selected runs' sampled lists are still being read. */
    bool isReading() const { return reading_; }

    /** Selects the sampled user with this original id (exact match); false when none has it. */
    bool selectUser(const QString& originalId);
    /** The selected user's dense id and experiment, -1 / 0 when none. */
    int32_t currentUser() const;
    qint64 currentExperiment() const;
    /** The run shown in a column of the top-K table. */
    qint64 columnRun(int column) const;

    QComboBox* userCombo() const { return users_; }
    QLineEdit* searchEdit() const { return search_; }
    QListWidget* historyList() const { return history_; }
    QTableWidget* topKTable() const { return table_; }
    /** How many ranks the table shows (10 by default; the store may keep more). */
    QSpinBox* depthSpin() const { return depth_; }
    /** Whether the lists are being read or an experiment's data set is being rebuilt in the
     * background. */
    bool isPreparing() const { return reading_ || !pending_.empty(); }

Q_SIGNALS:
    /** An experiment's data set was rebuilt (or could not be); names and marks are shown again. */
    void dataPrepared(qint64 experimentId);

private:
    struct Column {
        qint64 runId = 0;
        qint64 experimentId = 0;
        QString label;
        bool teacher = false;
        std::map<int32_t, std::vector<int32_t>> lists;  ///< dense user → dense items, best first
    };

    /**
     * The experiment's data as it was trained on; nullptr while it is being rebuilt (the first call
     * starts that on a pool thread) or when it cannot be (the reason in failures_).
     */
    const PreparedData* prepared(qint64 experimentId);
    QString itemName(const PreparedData* data, int32_t item) const;
    QString userName(const PreparedData* data, int32_t user) const;
    void fillUsers();
    void showUser();
    void onSearch(const QString& text);

    QPointer<StoreSession> session_;
    RunSnapshots snapshots_;
    std::vector<Column> columns_;
    std::vector<int> shown_;  ///< indices into columns_ of the table's columns
    std::map<qint64, std::shared_ptr<const PreparedData>> cache_;
    std::map<qint64, QString> failures_;
    std::set<qint64> pending_;
    std::map<qint64, DataConfig> dataConfigs_;  ///< each experiment's data config, as recorded
    quint64 generation_ = 0;  ///< bumped by setSession: results for an older store are dropped
    quint64 selection_ =
        0;  ///< bumped by showSnapshots: lists read for an older selection are dropped
    bool reading_ = false;

    QLineEdit* search_ = nullptr;
    QComboBox* users_ = nullptr;
    QLabel* note_ = nullptr;
    QLabel* historyTitle_ = nullptr;
    QListWidget* history_ = nullptr;
    QTableWidget* table_ = nullptr;
    QSpinBox* depth_ = nullptr;
};

}  // namespace rd
