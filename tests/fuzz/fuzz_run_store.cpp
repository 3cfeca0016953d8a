// Fuzz target: the run-store opener and readers. The input is a whole database file (mutations of a
// real store corrupt its pages; seeds also hold a foreign SQLite file, a newer schema and an
// empty file). Opening it, reading every record and importing it into a fresh store either works or
// throws StoreError; anything else is a finding. A refused file must stay byte for byte as it was.

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "config/json_config.h"
#include "fuzz_target.h"
#include "store/run_store.h"
#include "store/store_error.h"

namespace {

namespace fs = std::filesystem;

void removeStore(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

void readEverything(rd::RunStore& store) {
    for (const rd::DatasetRecord& d : store.datasets()) rd::jsoncfg::parseOrNull(d.statsJson);
    for (const rd::ExperimentRecord& e : store.experiments()) {
        rd::jsoncfg::parseOrNull(e.configJson);
        store.experiment(e.id);
    }
    for (const rd::RunRecord& r : store.runs()) {
        rd::jsoncfg::parseOrNull(r.paramsJson);
        store.points(r.id);
        store.finalResults(r.id);
        store.exposure(r.id);
        store.topKSamples(r.id);
        store.artifacts(r.id);
        for (const std::string& m : store.userValueMetrics(r.id)) store.userValues(r.id, m);
    }
    for (const rd::StudyRecord& s : store.studies()) {
        rd::jsoncfg::parseOrNull(s.configJson);
        store.studyMembers(s.id);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string folder = rdfuzz::scratchFolder();
    const std::string path = folder + "/input.sqlite", fresh = folder + "/fresh.sqlite";
    removeStore(path);
    removeStore(fresh);
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    rdfuzz::writeFile(path, bytes);
    std::unique_ptr<rd::RunStore> store;
    try {
        store = std::make_unique<rd::RunStore>(path);
    } catch (const rd::StoreError&) {
        // Refused at the door: the file must be byte for byte as it was.
        if (rdfuzz::readFile(path) != bytes) {
            std::fprintf(stderr, "a refused run store was changed\n");
            std::abort();
        }
        return 0;
    }
    try {
        readEverything(*store);
        ++rdfuzz::accepted;
    } catch (const rd::StoreError&) {
        return 0;  // damage found while reading: refused with the store's own error
    }
    store.reset();  // closed: the WAL is folded back into the file
    // It opened (a store, possibly migrated now): importing it into another store is the next case.
    const std::string source = rdfuzz::readFile(path);
    try {
        rd::RunStore target(fresh);
        target.importFrom(path);
        readEverything(target);
    } catch (const rd::StoreError&) {
    }
    if (rdfuzz::readFile(path) != source) {
        std::fprintf(stderr, "an import changed its source\n");
        std::abort();
    }
    return 0;
}

namespace rdfuzz {

namespace {

void sql(const std::string& path, const char* statement) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK ||
        sqlite3_exec(db, statement, nullptr, nullptr, nullptr) != SQLITE_OK) {
        std::fprintf(stderr, "seed: %s failed\n", statement);
        std::abort();
    }
    sqlite3_close(db);
}

std::string storeBytes(const std::string& path) {
    const std::string bytes = readFile(path);
    removeStore(path);
    return bytes;
}

}  // namespace

std::vector<std::string> seeds() {
    const std::string path = scratchFolder() + "/seed.sqlite";
    std::vector<std::string> out;
    removeStore(path);
    {
        rd::RunStore store(path);
        rd::DatasetRecord d;
        d.name = "demo";
        d.sourcePath = "demo";
        d.format = "demo";
        d.contentHash = "abc";
        const int64_t dataset = store.addDataset(d);
        rd::ExperimentRecord e;
        e.name = "seed experiment";
        e.datasetId = dataset;
        e.configJson = R"({"teacher": {"name": "mf", "dim": 32}, "methods": ["rd"]})";
        const int64_t experiment = store.addExperiment(e);
        store.setExperimentTags(experiment, {"seed", "fuzz"});
        for (const char* role : {"teacher", "student", "distilled"}) {
            rd::RunRecord r;
            r.experimentId = experiment;
            r.role = role;
            r.model = "mf";
            r.method = std::string(role) == "distilled" ? "rd" : "";
            const int64_t run = store.startRun(r);
            for (int step = 1; step <= 3; ++step)
                store.addPoints(run, step,
                                {{"loss/bpr", 1.0 / step}, {"valid/NDCG@10", 0.1 * step}}, step);
            store.setFinalResults(run, {{"NDCG@10", 0.2}, {"Recall@10", 0.3}, {"params", 1000}});
            rd::UserValues v;
            v.users = {0, 1, 2};
            v.values = {0.1, 0.5, 0.0};
            store.setUserValues(run, "NDCG@10", v);
            store.finishRun(run, "finished");
        }
        rd::StudyRecord s;
        s.name = "seed study";
        s.configJson = R"({"study": {"seeds": [1, 2]}})";
        const int64_t study = store.addStudy(s);
        rd::StudyMember m;
        m.studyId = study;
        m.experimentId = experiment;
        m.seed = 1;
        m.configHash = "h";
        store.addStudyMember(m);
    }
    out.push_back(storeBytes(path));
    {
        rd::RunStore store(path);  // the empty schema
    }
    const std::string empty = readFile(path);
    out.push_back(empty);
    sql(path, "PRAGMA user_version = 99");
    out.push_back(storeBytes(path));
    sql(path,
        "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) "
        "VALUES ('someone else''s database')");
    out.push_back(storeBytes(path));
    out.push_back(std::string());
    out.push_back("SQLite format 3");
    return out;
}

}  // namespace rdfuzz
