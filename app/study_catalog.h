#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

#include "store/store_records.h"

namespace rd {

class StoreSession;
struct StudyTable;

/** A study's table as computed once on the store's thread and shared by the views. */
using StudyTablePtr = std::shared_ptr<const StudyTable>;

/** One study as the Runs dock lists it. */
struct StudyEntry {
    StudyRecord record;
    int experiments = 0;  ///< recorded so far (a running or cancelled study has fewer than planned)
};

/**
 * The studies of the open run store, and the one the checked runs belong to. The list is read
 * once per store (and again on reload(), after a study ran); followRuns() finds whether every
 * checked run belongs to one study and then computes its table (analyzeStudy) — all on the store
 * session's thread, the GUI thread only receives the results. A finished study's table is kept,
 * so checking other runs of the same study does not compute it again.
 */
class StudyCatalog : public QObject {
    Q_OBJECT

public:
    explicit StudyCatalog(QObject* parent = nullptr);

    /** The store to read (not owned; nullptr = none): the list is read, the table dropped. */
    void setSession(StoreSession* session);
    void reload();
    const std::vector<StudyEntry>& studies() const { return studies_; }

    /** tableReady() follows: the study's table when every run belongs to one, else null. */
    void followRuns(const QList<qint64>& runIds);
    /** The table shown now (null when the checked runs are no study). */
    StudyTablePtr table() const { return table_; }
    bool isLoading() const { return loading_; }

    /** Reads the ids of every run of the study; done(runIds) follows on context's thread. */
    void readRuns(qint64 studyId, QObject* context, std::function<void(const QList<qint64>&)> done);

Q_SIGNALS:
    void studiesChanged();
    void tableReady(const rd::StudyTablePtr& table);
    void failed(const QString& message);

private:
    void analyze(qint64 studyId, quint64 generation);

    QPointer<StoreSession> session_;
    std::vector<StudyEntry> studies_;
    StudyTablePtr table_;
    quint64 generation_ = 0;  ///< bumped per followRuns(): older answers are dropped
    bool loading_ = false;
};

}  // namespace rd
