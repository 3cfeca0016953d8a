#include "store_session.h"

#include <QCoreApplication>
#include <QFile>
#include <QThreadPool>

#include "store/run_store.h"
#include "store/store_error.h"

namespace rd {

RunStore& StoreSession::State::connection() {
    if (!store)
        throw StoreError(openError.empty() ? path + ": the run database is not open" : openError);
    return *store;
}

StoreSession::State::~State() = default;

StoreSession::StoreSession(const QString& path, QObject* parent)
    : QObject(parent), path_(path), state_(std::make_shared<State>()), pool_(new QThreadPool) {
    state_->path = QFile::encodeName(path).toStdString();
    pool_->setMaxThreadCount(1);
    // One thread for the session's life: the connection never changes thread.
    pool_->setExpiryTimeout(-1);
    // The first job opens the connection (migrations, recovery); every later one finds it, or the
    // reason it is missing.
    auto state = state_;
    ++pending_;
    auto* watcher = new QFutureWatcher<Outcome<int>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Outcome<int> out = watcher->result();
        --pending_;
        if (out.error.isEmpty()) {
            open_ = true;
            Q_EMIT opened(out.value);
        } else {
            Q_EMIT failed(out.error);
        }
        if (pending_ == 0) Q_EMIT idle();
    });
    watcher->setFuture(QtConcurrent::run(pool_, [state] {
        Outcome<int> out;
        try {
            state->store = std::make_unique<RunStore>(state->path);
            out.value = state->store->recoveredRuns();
        } catch (const std::exception& e) {
            state->openError = e.what();
            out.error = QString::fromStdString(e.what());
        }
        return out;
    }));
}

StoreSession::~StoreSession() {
    pool_->clear();  // queued queries are dropped: their results would have nowhere to go
    // The connection closes on its own thread after the query in progress; the pool is deleted (its
    // idle thread joined) on the GUI thread once that is done, so nothing here waits.
    QThreadPool* pool = pool_;
    QtConcurrent::run(pool, [state = std::move(state_)]() mutable {
        state.reset();
    }).then(QCoreApplication::instance(), [pool] { delete pool; });
}

}  // namespace rd
