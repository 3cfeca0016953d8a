#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rd {

class TrainedModel;
struct Dataset;
struct TrainingData;

/**
 * `"teacher": {"name": "external", "scores": PATH, "user_embeddings": PATH, "item_embeddings":
 * PATH, "missing_users": "refuse" | "skip"}`: a teacher trained elsewhere, given by its scores
 * (see ExternalScores for the two file formats) and optionally its embeddings (.npy, rows in the
 * order of users.txt / items.txt beside them) for the methods that distil representations.
 */
struct ExternalTeacherSpec {
    std::string scores, userEmbeddings, itemEmbeddings;
    bool skipMissingUsers = false;

    bool hasEmbeddings() const { return !userEmbeddings.empty() && !itemEmbeddings.empty(); }
    /** Throws std::invalid_argument naming "KEY.field" (KEY e.g. "teacher"). */
    static ExternalTeacherSpec fromJson(const nlohmann::json& j, const std::string& key);
    static bool isExternal(const nlohmann::json& teacher);
};

/** An external teacher loaded for one data set, with what the pipeline checks methods against. */
struct ExternalTeacher {
    std::shared_ptr<TrainedModel> model;  ///< scores through the same interface as a trained model
    /// the shortest list over the users it scores, after dropping each user's training items
    int32_t shortestList = 0;
    std::string shortestUser;  ///< original id of a user with that list length
    bool fullScores = false;   ///< a matrix with a column for every item
    int32_t testUsers = 0, coveredTestUsers = 0;
    std::vector<std::string> skippedUsers;  ///< original ids of users without scores (skip)
    /// its size as given (it has no parameters here): score entries stored (lists: one per
    /// user-item pair; a matrix: users × items) and their bytes (lists: item id int32 + score
    /// float32 each; a matrix: float32 each), and the values of its embeddings (0 without)
    int64_t listEntries = 0, listBytes = 0, embeddingValues = 0;
};

/**
 * An external teacher's size figures for the run store: "list_entries", "embedding_values" (only
 * with embeddings) and "bytes" (the list's bytes plus the embeddings' as float32). Not "params":
 * what it was given says nothing of the parameters of the model that made it.
 */
std::map<std::string, double> externalTeacherSize(const ExternalTeacher& teacher);

/**
 * Reads the files against the data set (prepared: the same ids and split the experiment uses).
 * Throws LoadError (file:line) for bad files, std::invalid_argument when users have no scores and
 * the spec does not skip them (listing them), or when the embeddings do not fit together.
 */
ExternalTeacher loadExternalTeacher(const ExternalTeacherSpec& spec, const Dataset& dataset,
                                    const TrainingData& data);

}  // namespace rd
