#pragma once

// Internal to core: what a TrainedModel holds.

#include <memory>

#include "models/rec_model.h"
#include "models/trained_model.h"

namespace rd {

struct TrainedModel::Impl {
    std::string name;
    nlohmann::json params;
    std::string datasetHash;
    int32_t numUsers = 0, numItems = 0;
    std::shared_ptr<RecModel> model;
    nlohmann::json meta = nlohmann::json::object();  ///< the checkpoint's header when loaded
    bool prepared = false;                      ///< beginEval() done since the weights last changed
    SplitPart preparedPart = SplitPart::Valid;  ///< what the preparation ranks
};

}  // namespace rd
