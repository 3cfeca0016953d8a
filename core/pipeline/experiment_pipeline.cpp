#include "pipeline/experiment_pipeline.h"

#include <cmath>
#include <memory>
#include <stdexcept>

#include "catalog/run_vocabulary.h"
#include "dist/data_parallel.h"
#include "distill/method_factory.h"
#include "distill/method_registry.h"
#include "engine/training_loop.h"
#include "eval/evaluator.h"
#include "eval/per_user_metrics.h"
#include "eval/ranking_metrics.h"
#include "eval/serving_cost.h"
#include "models/external_teacher.h"
#include "models/model_registry.h"
#include "pipeline/external_teacher_check.h"
#include "pipeline/prepared_data.h"
#include "pipeline/run_artifacts.h"
#include "pipeline/run_recorder.h"
#include "store/run_store.h"
#include "util/torch_info.h"

namespace rd {

namespace {

StageInfo plannedStage(int index, int count, const std::string& stage, const std::string& role,
                       const std::string& method, const std::string& model,
                       const TrainConfig& train, int methodMinimum) {
    StageInfo s;
    s.index = index;
    s.count = count;
    s.stage = stage;
    s.role = role;
    s.method = method;
    s.model = model;
    s.maxEpochs = train.epochs;
    s.patience = train.patience;
    s.evalEvery = train.evalEvery;
    s.minEpochs = train.minEpochs > 0 ? train.minEpochs : methodMinimum;
    return s;
}

/** The method's own minimum of epochs (MethodInfo::minimumEpochsParam: htd's anneal_epochs), as
 * its hook reports it. */
int methodMinimumEpochs(const MethodSpec& m) {
    try {
        const MethodInfo& info = findMethod(m.name);
        if (info.minimumEpochsParam.empty()) return 0;
        return resolveParams(info.schema, m.params, m.name + ".")[info.minimumEpochsParam]
            .get<int>();
    } catch (const std::exception&) {
    }
    return 0;
}

}  // namespace

std::vector<StageInfo> plannedStages(const ExperimentConfig& c) {
    std::vector<StageInfo> out;
    if (c.singleModel)
        return {
            plannedStage(0, 1, role::kModel, role::kModel, "", c.teacher.name, c.teacherTrain, 0)};
    const int n = 2 + static_cast<int>(c.methods.size());
    out.push_back(plannedStage(0, n, "teacher", "teacher", "", c.teacher.name, c.teacherTrain, 0));
    out.push_back(plannedStage(1, n, "student", "student", "none", c.student.name, c.train, 0));
    for (size_t i = 0; i < c.methods.size(); ++i)
        out.push_back(plannedStage(static_cast<int>(i) + 2, n, c.methods[i].stage, "distilled",
                                   c.methods[i].name, c.student.name, c.train,
                                   methodMinimumEpochs(c.methods[i])));
    return out;
}

namespace {

/** GapClosed = (distilled − student) / (teacher − student); undefined when the teacher is no
 * better. */
double gapClosed(double teacher, double student, double distilled) {
    const double gap = teacher - student;
    return std::abs(gap) < 1e-12 ? std::nan("") : (distilled - student) / gap;
}

/** One experiment's run: the state the stages share. */
class PipelineRun {
public:
    PipelineRun(const ExperimentConfig& c, const PipelineCallbacks& cb, const CancelToken* cancel,
                RunStore* store)
        : c_(c), cb_(cb), cancel_(cancel), store_(store), stages_(plannedStages(c)) {}

    ExperimentOutcome run(int64_t experimentId) {
        threads_ = setComputeThreads(c_.train.threads);
        log("loading " + c_.data.path);
        try {
            prepared_ = std::make_unique<PreparedData>(prepareData(c_.data, cancel_));
        } catch (const Cancelled&) {
            // Before any stage: nothing of this experiment is in the store yet (or only its row).
            out_.experimentId = experimentId;
            out_.status = "cancelled";
            out_.error = "cancelled while loading the data";
            return finish();
        }
        // A sequential model on data without time order: refused before anything is stored.
        for (const ModelSpec* m : {&c_.teacher, &c_.student}) {
            if (m == &c_.student && c_.singleModel) continue;
            if (m->name.empty() || m->name == "external") continue;
            if (findModel(m->name).sequential && !data().hasSequences())
                throw std::invalid_argument(
                    (m == &c_.teacher && !c_.singleModel ? "teacher" : "model") +
                    std::string(".name: ") + m->name +
                    " is a sequential model and needs timestamps, but " + prepared_->record.name +
                    " has none; choose a data set with timestamps (e.g. MovieLens) or a "
                    "non-sequential model");
        }
        out_.dataSummary = prepared_->summary;
        out_.threads = threads_;
        out_.ildBasis = ildBasis(makeEvalContext(data(), c_.train.seed));
        log(prepared_->summary + "; " + std::to_string(threads_) + " threads");
        if (store_) {
            const int64_t datasetId = store_->addDataset(prepared_->record);
            if (experimentId == 0) {
                ExperimentRecord e;
                e.name = !c_.name.empty()
                             ? c_.name
                             : "train " + c_.teacher.name + " on " + prepared_->record.name;
                e.datasetId = datasetId;
                e.configJson = c_.source.dump();
                experimentId = store_->addExperiment(e);
            }
            out_.experimentId = experimentId;
            if (cb_.onExperimentRecorded) cb_.onExperimentRecorded(experimentId);
        }

        if (!teacherStage()) return finish();
        if (c_.singleModel) {
            out_.status = status::kFinished;
            return finish();
        }
        if (!studentStage(stages_[1], nullptr)) return finish();
        for (size_t i = 0; i < c_.methods.size(); ++i)
            if (!studentStage(stages_[i + 2], &c_.methods[i])) return finish();
        out_.status = "finished";
        return finish();
    }

private:
    const TrainingData& data() const { return prepared_->data; }
    void log(const std::string& m) const {
        if (cb_.onLog) cb_.onLog(m);
    }

    ExperimentOutcome finish() { return std::move(out_); }

    std::unique_ptr<RunRecorder> startRecorder(const StageInfo& s, const ModelSpec& model,
                                               const MethodSpec* method, uint64_t seed) {
        if (!store_) return nullptr;
        RunRecord r;
        r.experimentId = out_.experimentId;
        r.role = s.role;
        r.model = model.name;
        r.method = s.method;
        r.seed = static_cast<int64_t>(seed);
        r.appVersion = RECDISTILL_VERSION;
        r.torchVersion = torchVersion();
        r.threads = threads_;
        nlohmann::json params = model.params;
        if (method)
            for (const auto& [k, v] : method->params.items()) params["method." + k] = v;
        r.paramsJson = params.dump();
        return std::make_unique<RunRecorder>(*store_, r);
    }

    // A store that fails in the middle of a stage must not lose the training itself: warn, stop
    // recording.
    template <typename F>
    void guarded(std::unique_ptr<RunRecorder>& rec, F&& f) {
        if (!rec) return;
        try {
            f();
        } catch (const std::exception& e) {
            log(std::string("warning: run store: ") + e.what() +
                "; this stage is no longer recorded");
            rec.reset();
        }
    }

    TrainCallbacks trainCallbacks(std::unique_ptr<RunRecorder>& rec) {
        TrainCallbacks tc;
        tc.onEpoch = [this, &rec](const EpochReport& r) {
            guarded(rec, [&] { rec->epoch(r); });
            if (cb_.onEpoch) cb_.onEpoch(r);
        };
        tc.onLog = [this](const std::string& m) { log(m); };
        return tc;
    }

    /** Evaluates on test, fills cost figures and the comparison with teacher and student, records.
     */
    void evaluate(StageResult& r, const TrainedModel& model, const TrainOutcome* trained,
                  std::unique_ptr<RunRecorder>& rec) {
        if (cb_.onEvaluating) cb_.onEvaluating(r.info);
        EvalOptions eo;
        eo.part = SplitPart::Test;
        eo.ks = c_.train.ks;
        eo.batchUsers = c_.train.evalBatchUsers;
        eo.latencySample = c_.latencyUsers;
        eo.seed = c_.train.seed;
        eo.sampledNegatives = c_.train.sampledNegatives;
        eo.cancel = cancel_;
        if (DataParallel* dp = c_.train.dataParallel; dp && dp->worldSize() > 1) {
            // Data-parallel: each rank ranks its share of the test users, the lists are gathered
            // on every rank, and the metrics are those of all users (as at world size 1).
            eo.shards = dp->worldSize();
            eo.shard = dp->rank();
            eo.gatherLists = [this, dp, &r](const std::vector<int32_t>& rows, int k,
                                            int64_t users) {
                log(r.info.stage + ": test users ranked over " + std::to_string(dp->worldSize()) +
                    " ranks (" + std::to_string(rows.size() / static_cast<size_t>(k)) + " of " +
                    std::to_string(users) + " here), lists gathered");
                return dp->gatherInterleaved(rows, k, users);
            };
        }
        EvalResult ev = evaluateModel(model, data(), eo);
        r.test = std::move(ev.metrics);
        r.exposure = std::move(ev.exposure);
        r.lists = std::move(ev.lists);
        r.perUser = perUserAccuracy(r.lists, data(), SplitPart::Test, c_.train.ks);
        if (model.modelName() == "external") {
            // What it was given, not parameters: see externalTeacherSize().
            for (const auto& [name, v] : externalSize_) r.test[name] = v;
        } else {
            r.test["params"] = static_cast<double>(model.parameterCount());
            r.test["bytes"] = static_cast<double>(model.storedBytes());
        }
        // Served the way bench_latency --serving times it (the same function): top-10 for one
        // user by brute force over the item table, one thread.
        for (const auto& [name, v] : servingFigures(model, 10, eo.latencySample, eo.cancel))
            r.test[name] = v;
        if (trained) {
            r.valid = trained->bestValid;
            r.test["train_seconds"] = trained->trainSeconds;
            r.test["epochs"] = trained->epochsRun;
            r.test["best_epoch"] = trained->bestEpoch;
        }
        if (teacher_ && teacherEvaluated_ && r.info.role != "teacher") {
            r.test["Agreement@10"] =
                agreementAtK(r.lists, teacherResult_.lists, std::min(10, r.lists.k));
            if (r.info.role == "distilled")
                for (const char* m : {"NDCG@10", "Recall@10"}) {
                    const double g = gapClosed(teacherResult_.value(m, NAN),
                                               studentResult_.value(m, NAN), r.value(m, NAN));
                    if (std::isfinite(g)) r.test[std::string("GapClosed:") + m] = g;
                }
        }
        guarded(rec, [&] {
            rec->results(r.test, r.exposure, r.lists);
            rec->userValues(r.perUser);
        });
    }

    void stageDone(StageResult& r, std::unique_ptr<RunRecorder>& rec) {
        guarded(rec, [&] { rec->finish(r.status, r.error); });
        if (cb_.onStageFinished) cb_.onStageFinished(r);
        out_.stages.push_back(r);
    }

    /** Between stages: a cancel that came after the last stage ended starts no new one. */
    bool cancelledBefore(const StageInfo& s) {
        if (!cancel_ || !cancel_->cancelled()) return false;
        out_.status = "cancelled";
        out_.error = "cancelled before " + s.stage;
        return true;
    }

    /** evaluate(), or false with the stage cancelled when a cancel came during the evaluation. */
    bool evaluated(StageResult& r, const TrainedModel& model, const TrainOutcome* trained,
                   std::unique_ptr<RunRecorder>& rec) {
        try {
            evaluate(r, model, trained, rec);
            return true;
        } catch (const Cancelled&) {
            r.status = "cancelled";
            return false;
        }
    }

    /** Stops the experiment with the stage's status; returns false so callers return at once. */
    bool stop(StageResult& r, std::unique_ptr<RunRecorder>& rec) {
        out_.status = r.status;
        out_.error = r.status == "cancelled" ? "cancelled during " + r.info.stage
                                             : r.info.stage + ": " + r.error;
        stageDone(r, rec);
        return false;
    }

    std::shared_ptr<TrainedModel> findSavedTeacher(const std::string& key, std::string* relative) {
        if (!c_.teacherCheckpoint.empty()) {
            auto model =
                TrainedModel::load(c_.teacherCheckpoint, data());  // checks data-set hash and shape
            const std::string saved = model->checkpointMeta().value("reuse_key", "");
            if (saved != key)
                throw std::runtime_error(c_.teacherCheckpoint +
                                         ": this teacher was trained with another split, "
                                         "teacher config or training settings (key " +
                                         (saved.empty() ? std::string("none") : saved) +
                                         ", this experiment needs " + key + ")");
            *relative = c_.teacherCheckpoint;
            log("teacher: loaded " + c_.teacherCheckpoint);
            return model;
        }
        if (!store_ || !c_.reuseTeacher) return nullptr;
        int64_t fromRun = 0;
        auto model = loadReusableCheckpoint(*store_, key, data(), &fromRun, relative);
        if (model) {
            log("teacher: reusing the saved teacher of run " + std::to_string(fromRun) + " (" +
                *relative + ")");
            reusedFromRun_ = fromRun;
        }
        return model;
    }

    /** The teacher read from files: nothing trained; evaluated when it scores every test user. */
    bool externalTeacherStage() {
        const StageInfo& s = stages_[0];
        if (cancelledBefore(s)) return false;
        if (cb_.onStageStarted) cb_.onStageStarted(s);
        StageResult r;
        r.info = s;
        auto rec = startRecorder(s, c_.teacher, nullptr, c_.teacherTrain.seed);
        if (rec) r.runId = rec->runId();
        ExternalTeacher t;
        try {
            t = loadExternalTeacher(ExternalTeacherSpec::fromJson(c_.teacher.params, "teacher"),
                                    *prepared_->dataset, data());
            const std::string refusal = externalTeacherRefusal(t, c_.methods, data());
            if (!refusal.empty()) throw std::invalid_argument(refusal);
        } catch (const std::exception& e) {
            r.status = "failed";
            r.error = e.what();
            return stop(r, rec);
        }
        externalSize_ = externalTeacherSize(t);
        if (!t.skippedUsers.empty())
            log("teacher: " + std::to_string(t.skippedUsers.size()) +
                " users have no scores; they train on the student's own loss alone");
        r.status = "finished";
        if (t.coveredTestUsers == t.testUsers) {
            if (!evaluated(r, *t.model, nullptr, rec)) return stop(r, rec);
            teacherEvaluated_ = true;
        } else {
            r.error = "not evaluated: the teacher scores " + std::to_string(t.coveredTestUsers) +
                      " of the " + std::to_string(t.testUsers) + " test users";
            log("teacher: " + r.error);
            r.test = externalSize_;  // its size is known all the same
            guarded(rec, [&] { rec->results(r.test, r.exposure, r.lists); });
        }
        teacher_ = t.model;
        teacherResult_ = r;
        stageDone(r, rec);
        return true;
    }

    bool teacherStage() {
        if (!c_.singleModel && c_.teacher.name == "external") return externalTeacherStage();
        const StageInfo& s = stages_[0];
        if (cancelledBefore(s)) return false;
        if (cb_.onStageStarted) cb_.onStageStarted(s);
        StageResult r;
        r.info = s;
        const std::string key =
            modelReuseKey(data().datasetHash, c_.data.split, c_.teacher, c_.teacherTrain);
        std::string relative;
        std::shared_ptr<TrainedModel> model;
        try {
            model = findSavedTeacher(key, &relative);
        } catch (const std::exception& e) {
            std::unique_ptr<RunRecorder> none;
            r.status = "failed";
            r.error = e.what();
            return stop(r, none);
        }
        auto rec = startRecorder(s, c_.teacher, nullptr, c_.teacherTrain.seed);
        if (rec) r.runId = rec->runId();
        TrainOutcome trained;
        if (model) {
            r.reused = true;
            r.status = "finished";
            // The new teacher run points at the same file, so this experiment's rows are complete
            // on their own.
            if (rec && relative.rfind("artifacts/", 0) == 0)
                guarded(rec, [&] {
                    ArtifactRecord a = store_->reusableArtifacts("checkpoint", key).front();
                    a.runId = rec->runId();
                    a.created.clear();
                    store_->addArtifact(a);
                });
        } else {
            trained = trainModel(data(), c_.teacher, c_.teacherTrain, s.stage, trainCallbacks(rec),
                                 cancel_);
            r.status = trained.status;
            r.error = trained.error;
            if (trained.status != "finished") return stop(r, rec);
            model = trained.model;
            guarded(rec, [&] { saveRunCheckpoint(*store_, rec->runId(), *model, c_.source, key); });
        }
        if (!evaluated(r, *model, model == trained.model ? &trained : nullptr, rec))
            return stop(r, rec);
        if (reusedFromRun_) r.test["reused_from_run"] = static_cast<double>(reusedFromRun_);
        teacher_ = model;
        teacherEvaluated_ = true;
        teacherResult_ = r;
        stageDone(r, rec);
        return true;
    }

    bool studentStage(const StageInfo& s, const MethodSpec* method) {
        if (cancelledBefore(s)) return false;
        if (cb_.onStageStarted) cb_.onStageStarted(s);
        StageResult r;
        r.info = s;
        auto rec = startRecorder(s, c_.student, method, c_.train.seed);
        if (rec) r.runId = rec->runId();
        std::unique_ptr<LossHook> hook;
        if (method) {
            try {
                hook = createMethodHook(method->name, method->params, teacher_, data(),
                                        c_.train.seed, c_.student, cancel_);
            } catch (const Cancelled&) {  // e.g. while the teacher ranks every user
                r.status = "cancelled";
                return stop(r, rec);
            } catch (const std::exception& e) {
                // One method that cannot run with this pair does not stop the others.
                r.status = "failed";
                r.error = e.what();
                log(s.stage + ": " + r.error);
                stageDone(r, rec);
                return true;
            }
        }
        TrainOutcome trained = runTraining(data(), c_.student, c_.train, s.stage,
                                           trainCallbacks(rec), cancel_, hook.get());
        r.status = trained.status;
        r.error = trained.error;
        if (trained.status == "cancelled" || (trained.status == "failed" && !method))
            return stop(r, rec);
        if (trained.status == "failed") {
            log(s.stage + ": failed: " + r.error);
            stageDone(r, rec);
            return true;
        }
        guarded(rec,
                [&] { saveRunCheckpoint(*store_, rec->runId(), *trained.model, c_.source, ""); });
        if (!evaluated(r, *trained.model, &trained, rec)) return stop(r, rec);
        if (!method) studentResult_ = r;
        stageDone(r, rec);
        return true;
    }

    const ExperimentConfig& c_;
    const PipelineCallbacks& cb_;
    const CancelToken* cancel_;
    RunStore* store_;
    std::vector<StageInfo> stages_;
    int threads_ = 1;
    int64_t reusedFromRun_ = 0;
    bool teacherEvaluated_ = false;
    MetricTable externalSize_;  ///< an external teacher's size figures (externalTeacherSize)
    std::unique_ptr<PreparedData> prepared_;
    std::shared_ptr<TrainedModel> teacher_;
    StageResult teacherResult_, studentResult_;
    ExperimentOutcome out_;
};

}  // namespace

ExperimentOutcome runExperiment(const ExperimentConfig& config, const PipelineCallbacks& callbacks,
                                const CancelToken* cancel, RunStore* store, int64_t experimentId) {
    PipelineRun run(config, callbacks, cancel, store);
    return run.run(experimentId);
}

}  // namespace rd
