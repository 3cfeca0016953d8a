#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rd {

class CancelToken;
struct RunModel;

/** What an export wrote. */
struct ExportResult {
    std::vector<std::string> files;  ///< paths written, manifest last
    nlohmann::json manifest;
};

/**
 * A trained model out of the workbench, for serving: into dir (created), users.txt and items.txt
 * (original ids, one a line, in row order), then for a dot-product model (mf, lightgcn, pop)
 * user_embeddings and item_embeddings with score(u, i) = U[u] · V[i]; for NeuMF every weight
 * matrix under its own name; as .npy (float32) or .csv (one row a line). manifest.json names the
 * model, its parameters, the data set's hash and split, the run's test metrics, the files and the
 * scoring rule, so a reader needs nothing else. Throws std::invalid_argument for an unknown
 * format, std::runtime_error when a file cannot be written. Files are written under temporary
 * names and renamed when all are complete: a failure or a cancel (Cancelled, checked between
 * files) leaves the folder's earlier files as they were.
 */
ExportResult exportModel(const RunModel& run, const std::map<std::string, double>& testMetrics,
                         const std::string& dir, const std::string& format,
                         const CancelToken* cancel = nullptr);

}  // namespace rd
