#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <QList>
#include <QPair>

#include <functional>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

namespace rd {

class CancelToken;
class RunsModel;
struct ExperimentRecord;
class StoreSession;

/**
 * Keeps the Runs model in step with the run store without the GUI thread touching the store: the
 * whole tree is read once per opened database (on the session's thread), then the running
 * experiment's stages arrive from the worker's events (its rows appear and change at once, and at
 * most one run or one experiment is re-read in the background to fill in what the event lacks), and
 * each edit (rename, notes, tags, delete) is written on the session's thread and re-reads only its
 * experiment.
 */
class RunCatalog : public QObject {
    Q_OBJECT

public:
    explicit RunCatalog(QObject* parent = nullptr);

    RunsModel* model() const { return model_; }
    /** The store to read (not owned; nullptr = none). The tree is read once the session is open. */
    void setSession(StoreSession* session);
    StoreSession* session() const;
    /** Reads the whole tree again (after an import merged other runs into the store). */
    void reload();
    /** Whether the whole tree is being read. */
    bool isLoading() const { return loading_; }
    /** How many times the whole tree was read (tests check that stage events do not). */
    int fullLoads() const { return fullLoads_; }

    // The running experiment, as the runner reports it.
    void experimentStarted(const QString& name);
    void stageStarted(int index, const QString& role, const QString& method, const QString& model,
                      qint64 experimentId);
    void stageFinished(int index, qint64 runId, const QString& status, const QString& error,
                       const QVariantMap& headline);
    /** Re-reads the experiment and checks its runs for comparison. */
    void experimentFinished(qint64 experimentId);

    /** Re-reads the experiment, then checks its runs (and only those). */
    void selectExperiment(qint64 experimentId);

    /** What an edit or export reports back on the context's thread: empty, or the store's message.
     */
    using Done = std::function<void(const QString& error)>;
    // Edits: written on the session's thread, then the experiment's row shows them.
    void renameExperiment(qint64 experimentId, const QString& name, QObject* context = nullptr,
                          Done done = {});
    void setNotes(qint64 experimentId, const QString& notes, QObject* context = nullptr,
                  Done done = {});
    void setTags(qint64 experimentId, const QStringList& tags, QObject* context = nullptr,
                 Done done = {});
    /** Moves the experiment to the store's trash (undoable: undoTrash(), restoreExperiment()); its
     * row leaves the tree and trashed() follows. */
    void trashExperiment(qint64 experimentId, QObject* context = nullptr, Done done = {});
    /** Whether undoTrash() has something to take back (trashed since this store was opened). */
    bool canUndoTrash() const { return !undo_.isEmpty(); }
    /** "#id “name”" of what undoTrash() would restore (empty when nothing). */
    QString undoLabel() const { return undo_.isEmpty() ? QString() : undo_.last().second; }
    /** Restores the experiment trashed last (its row and runs come back); false when none. */
    bool undoTrash(QObject* context = nullptr, Done done = {});
    /** Takes the experiment out of the trash; its row and runs come back. */
    void restoreExperiment(qint64 experimentId, QObject* context = nullptr, Done done = {});
    /** The experiments in the trash (most recent first), on context's thread. */
    void readTrash(QObject* context,
                   std::function<void(const std::vector<ExperimentRecord>&, const QString&)> done);
    /** Deletes everything in the trash for good; done(error) once written. */
    void emptyTrash(QObject* context = nullptr, Done done = {});
    /** Reads the experiment's config; done(config) follows on context's thread (null when
     * unreadable). */
    void readConfig(qint64 experimentId, QObject* context,
                    std::function<void(const nlohmann::json&)> done);
    /** Writes every final result of the experiment's runs to a CSV file (long format), off the GUI
     * thread. */
    void exportResults(qint64 experimentId, const QString& path, QObject* context = nullptr,
                       Done done = {});
    /** Writes the run's trained model to folder for serving (core's exportModel: id maps,
     * embeddings or weights, manifest.json) as "npy" or "csv" on a pool thread with a store
     * connection of its own (rebuilding the run's data can take long; the session's queries go on
     * meanwhile). A set cancel token stops it within a second, nothing written; done's error is
     * then "cancelled". */
    void exportModel(qint64 runId, const QString& folder, const QString& format,
                     std::shared_ptr<const CancelToken> cancel, QObject* context = nullptr,
                     Done done = {});

Q_SIGNALS:
    /** The whole tree was read (or could not be: error set). */
    void loaded(const QString& error);
    /** Re-reading one experiment failed; message from the store. */
    void failed(const QString& message);
    /** The experiment went to the trash: label "#id “name”", with its runs. */
    void trashed(qint64 experimentId, const QString& label, int runs);
    /** The trash or the undo list changed (trashed, restored, emptied). */
    void trashChanged();

private:
    /** Runs change(store) on the session's thread, then shows the experiment's row as stored. */
    template <typename Change>
    void edit(qint64 experimentId, Change change, QObject* context, Done done);
    void refreshExperiment(qint64 experimentId, bool select);
    void refreshRun(qint64 runId);

    RunsModel* model_ = nullptr;
    QPointer<StoreSession> session_;
    quint64 generation_ = 0;  ///< bumped per session and per full read: older reads are dropped
    bool loading_ = false;
    int fullLoads_ = 0;
    QString runningName_;
    qint64 runningId_ = 0;
    QList<QPair<qint64, QString>> undo_;  ///< trashed experiments (id, label), last one last
};

}  // namespace rd
