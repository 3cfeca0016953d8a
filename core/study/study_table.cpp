#include "study/study_table.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <tuple>

#include "catalog/run_vocabulary.h"
#include "config/json_config.h"
#include "store/run_store.h"
#include "store/store_error.h"
#include "study/study_plan.h"

namespace rd {

std::string StudyRow::label() const {
    if (role == role::kTeacher || role == role::kStudent) return role;
    return occurrence > 1 ? method + "#" + std::to_string(occurrence) : method;
}

const StudyRow* StudyTable::studentOf(int cell) const {
    for (const StudyRow& r : rows)
        if (r.cell == cell && r.role == role::kStudent) return &r;
    return nullptr;
}

namespace {

using RowKey = std::tuple<int, std::string, std::string, int>;  // cell, role, method, occurrence

/** Differences distilled − student of one metric, paired by user: averaged over the seeds per
 * user when the split is the same for every seed, else one pair per (seed, user). */
std::vector<double> pairedDifferences(RunStore& store, const StudyRow& student,
                                      const StudyRow& distilled, const std::string& metric,
                                      bool paired) {
    std::map<int32_t, std::pair<double, int>> perUser;  // user → (sum of differences, seeds)
    std::vector<double> flat;
    int seedsUsed = 0;
    for (size_t i = 0; i < distilled.seeds.size(); ++i) {
        const auto s = std::find(student.seeds.begin(), student.seeds.end(), distilled.seeds[i]);
        if (s == student.seeds.end()) continue;
        const UserValues a = store.userValues(student.runIds[s - student.seeds.begin()], metric);
        const UserValues b = store.userValues(distilled.runIds[i], metric);
        if (a.users.empty() || b.users.empty()) continue;
        ++seedsUsed;
        size_t x = 0, y = 0;  // both ascending by user
        while (x < a.users.size() && y < b.users.size()) {
            if (a.users[x] < b.users[y]) {
                ++x;
            } else if (b.users[y] < a.users[x]) {
                ++y;
            } else {
                const double d = b.values[y] - a.values[x];
                if (paired) {
                    auto& slot = perUser[a.users[x]];
                    slot.first += d;
                    ++slot.second;
                } else {
                    flat.push_back(d);
                }
                ++x;
                ++y;
            }
        }
    }
    if (!paired) return flat;
    std::vector<double> out;
    for (const auto& [user, slot] : perUser)
        if (slot.second == seedsUsed) out.push_back(slot.first / slot.second);
    return out;
}

}  // namespace

StudyTable analyzeStudy(RunStore& store, int64_t studyId, const StudyAnalysisOptions& options) {
    const auto record = store.study(studyId);
    if (!record) throw StoreError(store.path() + ": no study " + std::to_string(studyId));
    StudyTable t;
    t.studyId = record->id;
    t.name = record->name;
    t.status = record->status;
    t.created = record->created;
    t.resamples = options.resamples;
    t.alpha = options.alpha;
    const StudyPlan plan = StudyPlan::fromJson(
        jsoncfg::parseText(record->configJson, "study " + std::to_string(studyId) + " config"));
    t.cellLabels = plan.cellLabels;
    t.cells = plan.cells;
    t.seeds = plan.spec.seeds;
    t.paired = !plan.spec.varySplit;
    t.planned = static_cast<int>(plan.experiments.size());

    std::map<RowKey, size_t> index;
    for (const StudyMember& m : store.studyMembers(studyId)) {
        if (m.status != status::kFinished) continue;
        ++t.finished;
        std::map<std::pair<std::string, std::string>, int> seen;
        for (const RunRecord& run : store.runs(m.experimentId)) {
            const int occurrence = ++seen[{run.role, run.method}];
            if (run.status != status::kFinished) continue;
            const RowKey key{m.cell, run.role, run.method, occurrence};
            auto it = index.find(key);
            if (it == index.end()) {
                StudyRow row;
                row.cell = m.cell;
                row.role = run.role;
                row.method = run.method;
                row.model = run.model;
                row.occurrence = occurrence;
                it = index.emplace(key, t.rows.size()).first;
                t.rows.push_back(std::move(row));
            }
            StudyRow& row = t.rows[it->second];
            row.runIds.push_back(run.id);
            row.seeds.push_back(m.seed);
        }
    }
    // Cell by cell, each in the order its runs were made (teacher, student, methods).
    std::stable_sort(t.rows.begin(), t.rows.end(),
                     [](const StudyRow& a, const StudyRow& b) { return a.cell < b.cell; });

    for (StudyRow& row : t.rows) {
        std::map<std::string, std::vector<double>> values;
        for (int64_t run : row.runIds)
            for (const auto& [name, v] : store.finalResults(run))
                if (std::isfinite(v)) values[name].push_back(v);
        for (const auto& [name, v] : values) row.metrics[name] = stats::summarize(v, options.level);
    }

    std::vector<std::string> compared;
    for (int k : options.ks)
        for (const char* stem : {"NDCG@", "Recall@"}) compared.push_back(stem + std::to_string(k));
    for (size_t cell = 0; cell < t.cells.size(); ++cell) {
        const StudyRow* student = t.studentOf(static_cast<int>(cell));
        if (!student) continue;
        for (const std::string& metric : compared) {
            std::vector<StudyRow*> distilled;
            std::vector<double> p;
            for (StudyRow& row : t.rows) {
                if (row.cell != static_cast<int>(cell) || row.role != role::kDistilled) continue;
                const std::vector<double> d =
                    pairedDifferences(store, *student, row, metric, t.paired);
                if (d.empty()) continue;
                StudyComparison c;
                c.pairs = d.size();
                double sum = 0;
                for (double x : d) sum += x;
                c.meanDifference = sum / static_cast<double>(d.size());
                c.interval =
                    stats::bootstrapMeanInterval(d, options.resamples, options.seed, options.level);
                c.pWilcoxon = stats::wilcoxonSignedRank(d).p;
                c.pT = stats::pairedT(d).p;
                row.vsStudent[metric] = c;
                distilled.push_back(&row);
                p.push_back(c.pWilcoxon);
            }
            const std::vector<double> adjusted = stats::holmAdjust(p);
            for (size_t i = 0; i < distilled.size(); ++i) {
                StudyComparison& c = distilled[i]->vsStudent[metric];
                c.pHolm = adjusted[i];
                c.significant = std::isfinite(c.pHolm) && c.pHolm < options.alpha;
            }
        }
    }

    if (t.seeds.size() < 2)
        t.notes.push_back(
            "one seed: no interval over seeds; the paired tests are over the users of that seed");
    if (!t.paired)
        t.notes.push_back(
            "the split varies with the seed: users are paired within a seed only, each (seed, "
            "user) pair counts once");
    if (t.finished < t.planned)
        t.notes.push_back(std::to_string(t.finished) + " of " + std::to_string(t.planned) +
                          " experiments finished");
    return t;
}

nlohmann::json studyTableJson(const StudyTable& t) {
    auto number = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); };
    nlohmann::json rows = nlohmann::json::array();
    for (const StudyRow& r : t.rows) {
        nlohmann::json metrics = nlohmann::json::object();
        for (const auto& [name, s] : r.metrics) {
            nlohmann::json m = {{"n", s.n}, {"mean", number(s.mean)}, {"sd", number(s.sd)}};
            if (s.hasInterval) m["ci"] = {number(s.low), number(s.high)};
            metrics[name] = m;
        }
        nlohmann::json versus = nlohmann::json::object();
        for (const auto& [name, c] : r.vsStudent)
            versus[name] = {{"pairs", c.pairs},
                            {"mean_difference", number(c.meanDifference)},
                            {"ci", {number(c.interval.low), number(c.interval.high)}},
                            {"p_wilcoxon", number(c.pWilcoxon)},
                            {"p_t", number(c.pT)},
                            {"p_holm", number(c.pHolm)},
                            {"significant", c.significant}};
        rows.push_back({{"cell", r.cell},
                        {"cell_label", t.cellLabels.at(static_cast<size_t>(r.cell))},
                        {"cell_values", t.cells.at(static_cast<size_t>(r.cell))},
                        {"role", r.role},
                        {"method", r.label()},
                        {"model", r.model},
                        {"seeds", r.seeds},
                        {"runs", r.runIds},
                        {"metrics", metrics},
                        {"vs_student", versus}});
    }
    return {
        {"study", t.studyId}, {"name", t.name},
        {"status", t.status}, {"seeds", t.seeds},
        {"paired", t.paired}, {"resamples", t.resamples},
        {"alpha", t.alpha},   {"experiments", {{"planned", t.planned}, {"finished", t.finished}}},
        {"notes", t.notes},   {"rows", rows}};
}

}  // namespace rd
