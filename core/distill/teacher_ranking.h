#pragma once

// Internal to core: the teacher's ranking of each user's unobserved items, computed once and
// shared.

#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "util/cancel_token.h"

namespace rd {

class TrainedModel;
struct TrainingData;

/** bool [lengths.size(), k]: entry j of row r is real when j < lengths[r]; undefined when every
 *  row has at least k (nothing to mask). */
torch::Tensor realEntries(const std::vector<int32_t>& lengths, int32_t k);

/**
 * Each user's top-m items by teacher score among the items that are not training positives (and are
 * allowed, when a mask is given): items int32 [users, m] best first, their scores float [users, m],
 * and how many leading entries of each row are real (a user may have fewer than m candidates; items
 * a teacher scores -inf, those an external teacher does not list, are not real either).
 */
struct TeacherTopM {
    int32_t m = 0;
    torch::Tensor items, scores;
    std::vector<int32_t> valid;
    /// per user: the teacher scores this user (empty = every user; see RecModel::coveredUsers)
    std::vector<uint8_t> covered;
    /** The smallest valid count over the covered users: the list length every one of them has. */
    int32_t commonLength() const;
    /** bool [users, k]: which of each user's first k entries are real (a user with fewer
     *  unobserved items than k has a shorter list); undefined when every covered user has k. */
    torch::Tensor realEntries(int32_t k) const;
};

/**
 * Scores every user once with the (frozen) teacher. allowed[item] != 0 marks rankable items.
 * Throws Cancelled once cancel is set (checked per chunk of about 4 M scores).
 */
TeacherTopM computeTeacherTopM(const TrainedModel& teacher, const TrainingData& data, int32_t m,
                               const std::vector<uint8_t>* allowed = nullptr,
                               const CancelToken* cancel = nullptr);

/** The teacher's user and item representations (userRepr/itemRepr of every id), frozen. */
struct TeacherRepresentations {
    torch::Tensor users, items;  ///< [numUsers, dim_t], [numItems, dim_t]
};
/** Throws std::invalid_argument when the teacher has no representations (reprDim 0, e.g. `pop`). */
TeacherRepresentations teacherRepresentations(const TrainedModel& teacher,
                                              const TrainingData& data);

/**
 * The cache of teacher rankings: every method of one experiment shares the ranking of its teacher,
 * computed on first use with the largest m asked for so far (a list of m' > m starts with the top
 * m). Entries go when their teacher is destroyed. Thread-safe. A cancelled computation (Cancelled
 * thrown) leaves the cache as it was.
 */
class TeacherRanking {
public:
    static std::shared_ptr<const TeacherTopM> get(const std::shared_ptr<TrainedModel>& teacher,
                                                  const TrainingData& data, int32_t m,
                                                  const CancelToken* cancel = nullptr);
};

}  // namespace rd
