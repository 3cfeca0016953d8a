#pragma once

#include <cstdint>
#include <string>

#include "pipeline/model_export.h"

namespace rd {

class CancelToken;
struct RunModel;

/**
 * A trained run as an external teacher file (the format `"teacher": {"name": "external"}` reads):
 * for a path ending in .npy the full users × items score matrix with users.txt and items.txt
 * beside it, otherwise text lines `user<TAB>item<TAB>score` (original ids, a header line) holding
 * each user's top m items among those not in its training set, best first, scores printed so they
 * read back to the same float. When the model has representations, user_embeddings.npy and
 * item_embeddings.npy (rows in users.txt / items.txt order) go beside the file, for the methods
 * that distil embeddings. The manifest (not written to disk) says what to put in the config.
 * Files are written under temporary names and renamed when all are complete; a cancel
 * (Cancelled, checked per block of users while ranking and writing) or a failure leaves none.
 */
ExportResult exportTeacher(const RunModel& run, int32_t m, const std::string& path,
                           const CancelToken* cancel = nullptr);

}  // namespace rd
