#include "run_selection.h"

#include "store/run_store.h"
#include "store_session.h"

namespace rd {

RunSelection::RunSelection(QObject* parent)
    : QObject(parent), snapshots_(std::make_shared<const std::vector<RunSnapshot>>()) {}

void RunSelection::setSession(StoreSession* session) {
    session_ = session;
    setRuns({});
}

void RunSelection::setRuns(const QList<qint64>& runIds) {
    runs_ = runIds;
    const quint64 generation = ++generation_;
    Q_EMIT runsChanged(runs_);
    if (runIds.isEmpty() || !session_) {
        loading_ = false;
        deliver(std::make_shared<const std::vector<RunSnapshot>>());
        return;
    }
    loading_ = true;
    session_->query(
        this,
        [runIds](RunStore& store) {
            return std::make_shared<const std::vector<RunSnapshot>>(
                loadRunSnapshots(store, runIds));
        },
        [this, generation](RunSnapshots snapshots, const QString& error) {
            if (generation != generation_) return;  // a newer selection is on its way
            loading_ = false;
            ++reads_;
            if (!error.isEmpty()) Q_EMIT failed(error);
            deliver(snapshots ? snapshots : std::make_shared<const std::vector<RunSnapshot>>());
        });
}

void RunSelection::deliver(RunSnapshots snapshots) {
    snapshots_ = std::move(snapshots);
    Q_EMIT snapshotsReady(snapshots_);
}

}  // namespace rd
