// recdistill-cli end to end without Qt: the suite of the Qt-free build (-DRECDISTILL_GUI=OFF), also
// run in the normal one. Each case runs the built binary as a user would, on the built-in data and
// a temporary run store, and checks what it prints.

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "catalog/metric_catalog.h"
#include "check.h"

namespace {

struct Result {
    int exitCode = -1;
    std::string out;
};

/** A temporary folder for the run store, removed at exit. */
const std::string& storeDir() {
    static const std::string dir = [] {
        char tmpl[] = "/tmp/recdistill-headless-XXXXXX";
        const char* d = mkdtemp(tmpl);
        if (!d) throw std::runtime_error("mkdtemp failed");
        return std::string(d);
    }();
    return dir;
}

/** Runs recdistill-cli with args (already shell-quoted) on the test's store; stdout only. */
Result cli(const std::string& args) {
    const std::string command = "'" RECDISTILL_BINARY_DIR "/app/recdistill-cli' --db '" +
                                storeDir() + "/runs.sqlite' " + args + " 2>" + storeDir() +
                                "/stderr.txt";
    Result r;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("popen failed");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
    const int status = pclose(pipe);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::string lastStderr() {
    FILE* f = std::fopen((storeDir() + "/stderr.txt").c_str(), "r");
    std::string out;
    if (!f) return out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    std::fclose(f);
    return out;
}

const std::string kSource = RECDISTILL_SOURCE_DIR;

}  // namespace

RD_TEST(statsOfTheBuiltInData) {
    const Result r = cli("stats demo --json");
    RD_CHECK_EQ(r.exitCode, 0);
    const auto j = nlohmann::json::parse(r.out);
    RD_CHECK_EQ(j["users"].get<int>(), 1000);
    RD_CHECK_EQ(j["items"].get<int>(), 1500);
}

RD_TEST(trainIsOneStageOfThePipeline) {
    const Result r = cli("train '" + kSource +
                         "/resources/experiments/quick-demo-mf.json' --set train.epochs=2 "
                         "--set model.dim=8 --set train.threads=1 --json");
    RD_CHECK_EQ(r.exitCode, 0);
    const auto j = nlohmann::json::parse(r.out);
    RD_CHECK_EQ(j["status"].get<std::string>(), std::string("finished"));
    RD_CHECK_EQ(j["epochs"].get<int>(), 2);
    RD_CHECK_EQ(j["params"].get<int>(), (1000 + 1500) * 8);
    RD_CHECK(j["run_id"].get<int>() > 0);
    const double ndcg = j["test"]["NDCG@10"].get<double>();
    RD_CHECK(ndcg > 0 && ndcg <= 1);
    RD_CHECK(j["valid"].contains("NDCG@10"));
    for (const auto& [name, value] : j["test"].items()) RD_CHECK(rd::findMetric(name) != nullptr);
}

RD_TEST(distillRecordsEveryStage) {
    const Result r =
        cli("distill '" + kSource +
            "/resources/experiments/quick-demo.json' "
            "--set 'methods=[\"rd\"]' --set train.epochs=2 --set teacher_train.epochs=2 "
            "--set data.preprocess.max_users=200 --set train.threads=1 --json");
    RD_CHECK_EQ(r.exitCode, 0);
    const auto j = nlohmann::json::parse(r.out);
    RD_CHECK_EQ(j["status"].get<std::string>(), std::string("finished"));
    RD_CHECK_EQ(j["rows"].size(), size_t{3});
    RD_CHECK_EQ(j["rows"][0]["role"].get<std::string>(), std::string("teacher"));
    RD_CHECK_EQ(j["rows"][2]["method"].get<std::string>(), std::string("rd"));
    const int teacher = j["rows"][0]["run_id"].get<int>(),
              student = j["rows"][1]["run_id"].get<int>();
    const Result csv =
        cli("compare " + std::to_string(teacher) + " " + std::to_string(student) + " --format csv");
    RD_CHECK_EQ(csv.exitCode, 0);
    RD_CHECK(csv.out.rfind("run,model,Recall@10,NDCG@10", 0) == 0);
    RD_CHECK(csv.out.find("run " + std::to_string(teacher) + " teacher,lightgcn,") !=
             std::string::npos);
}

RD_TEST(exportedTeacherAndStudentLeaveThroughTheCli) {
    const std::string common =
        " --set 'methods=[\"rd\"]' --set train.epochs=2 --set teacher_train.epochs=2 "
        "--set data.preprocess.max_users=200 --set train.threads=1 --json";
    const Result internal =
        cli("distill '" + kSource + "/resources/experiments/quick-demo.json'" + common);
    RD_CHECK_EQ(internal.exitCode, 0);
    const auto a = nlohmann::json::parse(internal.out);
    const std::string teacher = std::to_string(a["rows"][0]["run_id"].get<int>());
    const std::string student = std::to_string(a["rows"][1]["run_id"].get<int>());

    const Result model =
        cli("export-model " + student + " --out '" + storeDir() + "/model' --format csv");
    RD_CHECK_EQ(model.exitCode, 0);
    RD_CHECK(model.out.find("score: score(u, i) = U[u] · V[i]") != std::string::npos);
    for (const char* f : {"manifest.json", "users.txt", "items.txt", "user_embeddings.csv"})
        RD_CHECK(std::filesystem::exists(storeDir() + "/model/" + f));

    const Result exported = cli("export-teacher " + teacher + " --top 30 --out '" + storeDir() +
                                "/teacher/teacher.tsv'");
    RD_CHECK_EQ(exported.exitCode, 0);
    const std::string marker = "config: \"teacher\": ";
    const size_t at = exported.out.find(marker);
    RD_CHECK(at != std::string::npos);
    const auto spec = nlohmann::json::parse(exported.out.substr(at + marker.size()));
    RD_CHECK_EQ(spec["name"].get<std::string>(), std::string("external"));

    // The same experiment from the file: the teacher's metrics from its top-30 lists and the rd
    // student are the internal teacher's, exactly.
    const Result external =
        cli("distill '" + kSource +
            "/resources/experiments/quick-demo.json' --set 'teacher=" + spec.dump() + "'" + common);
    RD_CHECK_EQ(external.exitCode, 0);
    const auto b = nlohmann::json::parse(external.out);
    RD_CHECK_EQ(b["rows"][0]["model"].get<std::string>(), std::string("external"));
    for (size_t row : {size_t{0}, size_t{2}})
        RD_CHECK_EQ(b["rows"][row]["test"]["NDCG@10"].get<double>(),
                    a["rows"][row]["test"]["NDCG@10"].get<double>());

    // An external teacher's run has no model of its own to export.
    const Result none = cli("export-model " + std::to_string(b["rows"][0]["run_id"].get<int>()) +
                            " --out '" + storeDir() + "/none'");
    RD_CHECK_EQ(none.exitCode, 1);
    RD_CHECK(lastStderr().find("has no saved model") != std::string::npos);
}

RD_TEST(eachCommandRefusesTheOtherShape) {
    const Result train = cli("train '" + kSource + "/resources/experiments/quick-demo.json'");
    RD_CHECK_EQ(train.exitCode, 1);
    RD_CHECK(lastStderr().find("recdistill-cli distill") != std::string::npos);
    const Result distill =
        cli("distill '" + kSource + "/resources/experiments/quick-demo-mf.json'");
    RD_CHECK_EQ(distill.exitCode, 1);
    RD_CHECK(lastStderr().find("recdistill-cli train") != std::string::npos);
}

RD_TEST(studyOverSeedsWithoutQt) {
    const Result r =
        cli("study '" + kSource +
            "/resources/experiments/quick-demo.json' "
            "--set 'methods=[\"softlabel\"]' --set train.epochs=2 --set teacher_train.epochs=2 "
            "--set data.preprocess.max_users=150 --set train.threads=1 --seeds 1,2 --json");
    RD_CHECK_EQ(r.exitCode, 0);
    const auto j = nlohmann::json::parse(r.out);
    RD_CHECK_EQ(j["status"].get<std::string>(), std::string("finished"));
    RD_CHECK_EQ(j["ran"].get<int>(), 2);
    RD_CHECK_EQ(j["rows"].size(), size_t{3});
    const auto& softlabel = j["rows"][2];
    RD_CHECK_EQ(softlabel["method"].get<std::string>(), std::string("softlabel"));
    RD_CHECK_EQ(softlabel["metrics"]["NDCG@10"]["n"].get<int>(), 2);
    RD_CHECK(softlabel["metrics"]["NDCG@10"].contains("ci"));
    RD_CHECK(softlabel["vs_student"]["NDCG@10"]["pairs"].get<int>() > 0);
}

RD_TEST(runsListsWhatWasRecorded) {
    const Result r = cli("runs");
    RD_CHECK_EQ(r.exitCode, 0);
    RD_CHECK(r.out.find("Quick demo") != std::string::npos);
    RD_CHECK(r.out.find("study:1") != std::string::npos);
}

int main() {
    const int rc = rdcheck::runAll("headless_cli");
    std::filesystem::remove_all(storeDir());
    return rc;
}
