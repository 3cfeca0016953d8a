#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

class QThreadPool;

namespace rd {

class RunStore;

/**
 * The GUI's connection to one run database. The connection lives on a pool thread of its own (one
 * thread that never expires, so the SQLite connection is only ever used by that thread): opening it
 * (migrations, recovery of interrupted runs) and every query run there, one after another in the
 * order they were asked for, and their results come back queued to the GUI thread. So the GUI
 * thread never waits on the store, and a result never overtakes one asked for earlier. The
 * experiment's worker writes through its own connection (WAL lets both work side by side).
 *
 * Destroying a session does not wait either: queued queries are dropped, the connection is closed
 * on its thread, and the thread is joined from the global pool.
 */
class StoreSession : public QObject {
    Q_OBJECT

public:
    explicit StoreSession(const QString& path, QObject* parent = nullptr);
    ~StoreSession() override;

    QString path() const { return path_; }
    bool isOpen() const { return open_; }
    /** Queries asked for whose results have not come back yet (the open included). */
    int pending() const { return pending_; }

    /**
     * Runs work(RunStore&) on the session's thread after everything asked for before, then
     * done(result, error) on context's thread unless context is gone by then (or this session is).
     * error is empty on success, else the exception's message (result is then default-constructed).
     */
    template <typename Work, typename Done>
    void query(QObject* context, Work work, Done done) {
        using R = std::decay_t<std::invoke_result_t<Work&, RunStore&>>;
        auto state = state_;
        ++pending_;
        // A watcher, not QFuture::then(context): then() runs the continuation at once, inside this
        // call, when the job has already finished; the watcher always reports through the event
        // loop.
        auto* watcher = new QFutureWatcher<Outcome<R>>(this);
        connect(
            watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, ctx = QPointer<QObject>(context), done = std::move(done)]() mutable {
                watcher->deleteLater();
                Outcome<R> out = watcher->future().takeResult();
                --pending_;
                if (ctx) done(std::move(out.value), out.error);
                if (pending_ == 0) Q_EMIT idle();
            });
        watcher->setFuture(QtConcurrent::run(pool_, [state, work = std::move(work)]() mutable {
            Outcome<R> out;
            try {
                out.value = work(state->connection());
            } catch (const std::exception& e) {
                out.error = QString::fromStdString(e.what());
            } catch (...) {
                out.error = QStringLiteral("unknown error");
            }
            return out;
        }));
    }

Q_SIGNALS:
    /** The connection is open; recovered: runs a dead process left 'running', now 'interrupted'. */
    void opened(int recovered);
    /** The database could not be opened (foreign, corrupt, newer, unwritable); message from core.
     */
    void failed(const QString& message);
    /** Every query asked for has come back. */
    void idle();

private:
    template <typename R>
    struct Outcome {
        R value{};
        QString error;
    };
    /** Shared with the jobs, so a job still running when the session goes keeps it alive. */
    struct State {
        std::string path;
        std::unique_ptr<RunStore> store;
        std::string openError;
        RunStore& connection();
        ~State();
    };

    QString path_;
    std::shared_ptr<State> state_;
    QThreadPool* pool_ = nullptr;
    int pending_ = 0;
    bool open_ = false;
};

}  // namespace rd
