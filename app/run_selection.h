#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

#include "run_snapshot.h"

namespace rd {

class StoreSession;

/**
 * The runs checked for comparison and their snapshots. Each new selection is read once, on the
 * store session's thread, and the one vector is handed to every tab that shows it (Compare,
 * Diversity, Users). A read that a newer selection overtook is dropped when it arrives (generation
 * counter).
 */
class RunSelection : public QObject {
    Q_OBJECT

public:
    explicit RunSelection(QObject* parent = nullptr);

    /** The store to read from (not owned); a new one empties the selection. */
    void setSession(StoreSession* session);
    /** Reads the runs' snapshots in the background; snapshotsReady() follows. */
    void setRuns(const QList<qint64>& runIds);
    QList<qint64> runs() const { return runs_; }
    /** The latest snapshots delivered (never null). */
    RunSnapshots snapshots() const { return snapshots_; }
    bool isLoading() const { return loading_; }
    /** How many selections were read from the store (an empty one needs no read). */
    int reads() const { return reads_; }

Q_SIGNALS:
    void runsChanged(const QList<qint64>& runIds);
    void snapshotsReady(const rd::RunSnapshots& snapshots);
    void failed(const QString& message);

private:
    void deliver(RunSnapshots snapshots);

    QPointer<StoreSession> session_;
    QList<qint64> runs_;
    RunSnapshots snapshots_;
    quint64 generation_ = 0;
    bool loading_ = false;
    int reads_ = 0;
};

}  // namespace rd
