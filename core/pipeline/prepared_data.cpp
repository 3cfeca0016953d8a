#include "pipeline/prepared_data.h"

#include <stdexcept>
#include <utility>

#include "data/data_loader.h"
#include "data/dataset_stats.h"
#include "data/preprocess.h"
#include "data/split.h"
#include "data/stats_json.h"

namespace rd {

PreparedData prepareData(const DataConfig& cfg, const CancelToken* cancel) {
    LoadOptions load = cfg.load;
    load.cancel = cancel;
    LoadResult loaded = loadDataset(cfg.path, load);
    throwIfCancelled(cancel);
    auto ds = std::make_shared<Dataset>(preprocess(loaded.dataset, cfg.preprocess));
    throwIfCancelled(cancel);
    PreparedData out;
    // The data set as trained on (after preprocessing), so its hash matches the checkpoints' hash.
    out.record.name = ds->name;
    out.record.sourcePath = cfg.path;
    out.record.format = ds->format;
    out.record.contentHash = ds->hash;
    out.record.statsJson = statsToJson(computeStats(*ds)).dump();
    throwIfCancelled(cancel);
    const Split split = makeSplit(*ds, cfg.split);
    throwIfCancelled(cancel);
    // Reliability review F6: a split with no test (or no training) interactions trained and then
    // "evaluated" 0 users, printing zeros as if they were results.
    for (const auto& [part, name] :
         {std::pair{SplitPart::Train, "training"}, std::pair{SplitPart::Test, "test"}})
        if (split.count(part) == 0)
            throw std::invalid_argument(cfg.path + ": the " + splitKindName(cfg.split.kind) +
                                        " split of " + std::to_string(ds->numInteractions()) +
                                        " interactions leaves no " + name +
                                        " interactions; nothing could be " +
                                        (part == SplitPart::Test ? "evaluated" : "trained") +
                                        " (more data, or another data.split)");
    out.summary = ds->name + ": " + std::to_string(ds->numUsers()) + " users, " +
                  std::to_string(ds->numItems()) + " items, " +
                  std::to_string(ds->numInteractions()) + " interactions; split " +
                  splitKindName(cfg.split.kind) + " " +
                  std::to_string(split.count(SplitPart::Train)) + "/" +
                  std::to_string(split.count(SplitPart::Valid)) + "/" +
                  std::to_string(split.count(SplitPart::Test));
    out.data = TrainingData::fromSplit(*ds, split);
    out.dataset = std::move(ds);
    return out;
}

}  // namespace rd
