#include "run_catalog.h"

#include <QFile>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>
#include <stdexcept>

#include "config/json_config.h"
#include "core_text.h"
#include "pipeline/model_export.h"
#include "pipeline/run_model.h"
#include "run_listing.h"
#include "runs_model.h"
#include "store/run_store.h"
#include "store_session.h"
#include "util/cancel_token.h"

namespace rd {

RunCatalog::RunCatalog(QObject* parent) : QObject(parent), model_(new RunsModel(this)) {}

void RunCatalog::setSession(StoreSession* session) {
    if (session_) disconnect(session_, nullptr, this, nullptr);
    session_ = session;
    ++generation_;
    model_->setCheckedRuns({});
    model_->clear();
    loading_ = false;
    undo_.clear();
    Q_EMIT trashChanged();
    if (!session_) return;
    if (session_->isOpen())
        reload();
    else
        connect(session_, &StoreSession::opened, this, &RunCatalog::reload);
}

StoreSession* RunCatalog::session() const {
    return session_;
}

void RunCatalog::reload() {
    if (!session_) return;
    loading_ = true;
    const quint64 generation = ++generation_;
    session_->query(
        this, [](RunStore& store) { return loadExperimentEntries(store); },
        [this, generation](std::vector<ExperimentEntry> entries, const QString& error) {
            if (generation != generation_) return;  // another store, or a newer read
            loading_ = false;
            ++fullLoads_;
            if (error.isEmpty()) model_->setEntries(std::move(entries));
            Q_EMIT loaded(error);
        });
}

void RunCatalog::experimentStarted(const QString& name) {
    runningName_ = name;
    runningId_ = 0;
}

void RunCatalog::stageStarted(int index, const QString& role, const QString& method,
                              const QString& model, qint64 experimentId) {
    if (experimentId == 0) return;  // not known yet: the row comes with the stage's end
    const bool known = model_->hasExperiment(experimentId);
    runningId_ = experimentId;
    RunRecord run;
    run.role = role.toStdString();
    run.method = method.toStdString();
    run.model = model.toStdString();
    model_->stageStarted(experimentId, runningName_, index, run);
    if (known || !session_) return;
    // A new experiment: its row shows the config's name at once; its creation time and tags follow.
    const quint64 generation = generation_;
    session_->query(
        this, [experimentId](RunStore& store) { return store.experiment(experimentId); },
        [this, generation](std::optional<ExperimentRecord> record, const QString&) {
            if (generation == generation_ && record && model_->hasExperiment(record->id))
                model_->updateExperimentRecord(*record);
        });
}

void RunCatalog::stageFinished(int index, qint64 runId, const QString& status, const QString& error,
                               const QVariantMap& headline) {
    std::optional<double> value;
    if (const auto it = headline.constFind(QString::fromLatin1(kHeadlineMetric));
        it != headline.constEnd())
        value = it->toDouble();
    if (runningId_ != 0) model_->stageFinished(runningId_, index, runId, status, error, value);
    if (runId == 0) return;
    if (runningId_ == 0)
        refreshRun(runId);  // the experiment was not known at the stage's start: read it by its run
    else if (session_) {
        // The event carries status and values; the start time and the stored error come from the
        // row.
        const quint64 generation = generation_;
        session_->query(
            this, [runId](RunStore& store) { return store.run(runId); },
            [this, generation](std::optional<RunRecord> run, const QString&) {
                if (generation == generation_ && run) model_->updateRun(*run);
            });
    }
}

void RunCatalog::refreshRun(qint64 runId) {
    if (!session_) return;
    const quint64 generation = generation_;
    session_->query(
        this,
        [runId](RunStore& store) -> std::optional<ExperimentEntry> {
            const auto run = store.run(runId);
            return run ? loadExperimentEntry(store, run->experimentId) : std::nullopt;
        },
        [this, generation](std::optional<ExperimentEntry> entry, const QString&) {
            if (generation != generation_ || !entry) return;
            runningId_ = entry->record.id;
            model_->upsertExperiment(*entry);
        });
}

void RunCatalog::experimentFinished(qint64 experimentId) {
    runningName_.clear();
    runningId_ = 0;
    if (experimentId > 0) refreshExperiment(experimentId, true);
}

void RunCatalog::selectExperiment(qint64 experimentId) {
    refreshExperiment(experimentId, true);
}

void RunCatalog::refreshExperiment(qint64 experimentId, bool select) {
    if (!session_) return;
    const quint64 generation = generation_;
    session_->query(
        this, [experimentId](RunStore& store) { return loadExperimentEntry(store, experimentId); },
        [this, generation, experimentId, select](std::optional<ExperimentEntry> entry,
                                                 const QString& error) {
            if (generation != generation_) return;
            if (!error.isEmpty()) {
                Q_EMIT failed(error);
                return;
            }
            if (!entry) {
                model_->removeExperiment(experimentId);
                return;
            }
            model_->upsertExperiment(*entry);
            if (select) model_->checkExperiment(experimentId);
        });
}

template <typename Change>
void RunCatalog::edit(qint64 experimentId, Change change, QObject* context, Done done) {
    if (!session_) return;
    QPointer<QObject> receiver = context;
    session_->query(
        this,
        [experimentId, change](RunStore& store) {
            change(store);
            return store.experiment(experimentId);
        },
        [this, experimentId, receiver, done](std::optional<ExperimentRecord> record,
                                             const QString& error) {
            if (record && record->deletedAt.empty())
                model_->updateExperimentRecord(*record);
            else if (error.isEmpty())
                model_->removeExperiment(experimentId);  // deleted, or in the trash
            if (done && receiver) done(error);
        });
}

void RunCatalog::renameExperiment(qint64 experimentId, const QString& name, QObject* context,
                                  Done done) {
    const std::string text = name.trimmed().toStdString();
    edit(
        experimentId,
        [experimentId, text](RunStore& store) { store.renameExperiment(experimentId, text); },
        context, std::move(done));
}

void RunCatalog::setNotes(qint64 experimentId, const QString& notes, QObject* context, Done done) {
    const std::string text = notes.toStdString();
    edit(
        experimentId,
        [experimentId, text](RunStore& store) { store.setExperimentNotes(experimentId, text); },
        context, std::move(done));
}

void RunCatalog::setTags(qint64 experimentId, const QStringList& tags, QObject* context,
                         Done done) {
    std::vector<std::string> list;
    for (const QString& t : tags)
        if (!t.trimmed().isEmpty()) list.push_back(t.trimmed().toStdString());
    edit(
        experimentId,
        [experimentId, list](RunStore& store) { store.setExperimentTags(experimentId, list); },
        context, std::move(done));
}

void RunCatalog::trashExperiment(qint64 experimentId, QObject* context, Done done) {
    const ExperimentRecord* e = model_->experiment(experimentId);
    const QString label = QStringLiteral("#%1 “%2”")
                              .arg(experimentId)
                              .arg(e ? QString::fromStdString(e->name) : QString());
    const int runs = static_cast<int>(model_->runsOf(experimentId).size());
    QPointer<QObject> receiver = context;
    edit(
        experimentId, [experimentId](RunStore& store) { store.trashExperiment(experimentId); },
        this,
        [this, experimentId, label, runs, receiver, done](const QString& error) {
            if (error.isEmpty()) {
                undo_.append({experimentId, label});
                Q_EMIT trashed(experimentId, label, runs);
                Q_EMIT trashChanged();
            }
            if (done && receiver) done(error);
        });
}

bool RunCatalog::undoTrash(QObject* context, Done done) {
    if (undo_.isEmpty() || !session_) return false;
    restoreExperiment(undo_.last().first, context, std::move(done));
    return true;
}

void RunCatalog::restoreExperiment(qint64 experimentId, QObject* context, Done done) {
    if (!session_) return;
    QPointer<QObject> receiver = context;
    const quint64 generation = generation_;
    session_->query(
        this,
        [experimentId](RunStore& store) {
            store.restoreExperiment(experimentId);
            return loadExperimentEntry(store, experimentId);
        },
        [this, generation, experimentId, receiver, done](std::optional<ExperimentEntry> entry,
                                                         const QString& error) {
            if (generation == generation_ && entry) model_->upsertExperiment(*entry);
            for (int i = static_cast<int>(undo_.size()) - 1; i >= 0; --i)
                if (undo_[i].first == experimentId) undo_.removeAt(i);
            Q_EMIT trashChanged();
            if (done && receiver) done(error);
        });
}

void RunCatalog::readTrash(
    QObject* context,
    std::function<void(const std::vector<ExperimentRecord>&, const QString&)> done) {
    if (!session_) return;
    session_->query(
        context, [](RunStore& store) { return store.trashedExperiments(); },
        [done](const std::vector<ExperimentRecord>& records, const QString& error) {
            done(records, error);
        });
}

void RunCatalog::emptyTrash(QObject* context, Done done) {
    if (!session_) return;
    QPointer<QObject> receiver = context;
    session_->query(
        this, [](RunStore& store) { return store.emptyTrash(); },
        [this, receiver, done](int, const QString& error) {
            if (error.isEmpty()) undo_.clear();
            Q_EMIT trashChanged();
            if (done && receiver) done(error);
        });
}

void RunCatalog::readConfig(qint64 experimentId, QObject* context,
                            std::function<void(const nlohmann::json&)> done) {
    if (!session_) return;
    session_->query(
        context,
        [experimentId](RunStore& store) {
            const auto e = store.experiment(experimentId);
            return e ? jsoncfg::parseOrNull(e->configJson) : nlohmann::json();
        },
        [done](const nlohmann::json& config, const QString&) { done(config); });
}

void RunCatalog::exportResults(qint64 experimentId, const QString& path, QObject* context,
                               Done done) {
    if (!session_) return;
    session_->query(
        context ? context : this,
        [experimentId, path](RunStore& store) {
            // Long format (one metric per line) keeps every metric of every run without a fixed
            // header.
            QByteArray out = "run,role,model,method,status,metric,value\n";
            for (const RunRecord& r : store.runs(experimentId))
                for (const auto& [metric, value] : store.finalResults(r.id))
                    out +=
                        QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
                            .arg(r.id)
                            .arg(QString::fromStdString(r.role), QString::fromStdString(r.model),
                                 QString::fromStdString(r.method), QString::fromStdString(r.status),
                                 QString::fromStdString(metric))
                            .arg(value, 0, 'g', 10)
                            .toUtf8();
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
                file.write(out) != out.size())
                throw std::runtime_error(file.errorString().toStdString());
            return true;
        },
        [done](bool, const QString& error) {
            if (done) done(error);
        });
}

void RunCatalog::exportModel(qint64 runId, const QString& folder, const QString& format,
                             std::shared_ptr<const CancelToken> cancel, QObject* context,
                             Done done) {
    if (!session_) return;
    auto* watcher = new QFutureWatcher<QString>(context ? context : this);
    connect(watcher, &QFutureWatcher<QString>::finished, watcher, [watcher, done] {
        watcher->deleteLater();
        if (done) done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(
        [database = QFile::encodeName(session_->path()).toStdString(), runId,
         folder = folder.toStdString(), format = format.toStdString(), cancel]() -> QString {
            try {
                RunStore store(database);
                const RunModel run = RunModel::load(store, runId, cancel.get());
                rd::exportModel(run, store.finalResults(runId), folder, format, cancel.get());
                return {};
            } catch (const Cancelled&) {
                return QStringLiteral("cancelled");
            } catch (const std::exception& e) {
                return CoreText::message(std::string(e.what()));
            }
        }));
}

}  // namespace rd
