#pragma once

#include <memory>
#include <string>

#include "config/run_config.h"
#include "data/dataset.h"
#include "data/train_data.h"
#include "store/store_records.h"
#include "util/cancel_token.h"

namespace rd {

/** A data config carried out: loaded, preprocessed and split, ready for training. */
struct PreparedData {
    std::shared_ptr<const Dataset> dataset;  ///< after preprocessing (titles, ids for front ends)
    TrainingData data;
    DatasetRecord record;  ///< for the run store: hash of the data set as trained on
    std::string summary;   ///< one line: name, sizes, split counts
};

/**
 * Loads, preprocesses and splits; throws LoadError / std::invalid_argument with the loader's
 * message, and Cancelled once cancel is set (while reading, and between the steps).
 */
PreparedData prepareData(const DataConfig& config, const CancelToken* cancel = nullptr);

}  // namespace rd
