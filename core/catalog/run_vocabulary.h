#pragma once

#include <string>
#include <vector>

namespace rd {

/**
 * The words the run store, the pipeline and every front end share for a run's state and its part in
 * an experiment. They are stored as text (SQLite, JSON); these tables are the one list of the valid
 * words and of their English labels (translated by the GUI, context "rd::CoreText"; the CLI prints
 * the word).
 */
struct VocabularyEntry {
    const char* word;   ///< as stored: "finished", "distilled"
    const char* label;  ///< for people: "finished", "distilled student"
};

/** Run and stage statuses: running, finished, failed, cancelled, interrupted, waiting. */
const std::vector<VocabularyEntry>& runStatuses();

/** Roles of a run in its experiment: teacher, student (alone), distilled, model (a single `train`).
 */
const std::vector<VocabularyEntry>& runRoles();

/** The label of a status or role word; the word itself when unknown. */
const char* statusLabel(const std::string& word);
const char* roleLabel(const std::string& word);

/** True for statuses after which a run never changes (finished, failed, cancelled, interrupted). */
bool isFinalStatus(const std::string& word);

namespace status {
inline constexpr const char* kRunning = "running";
inline constexpr const char* kFinished = "finished";
inline constexpr const char* kFailed = "failed";
inline constexpr const char* kCancelled = "cancelled";
inline constexpr const char* kInterrupted = "interrupted";
inline constexpr const char* kWaiting = "waiting";
}  // namespace status

namespace role {
inline constexpr const char* kTeacher = "teacher";
inline constexpr const char* kStudent = "student";
inline constexpr const char* kDistilled = "distilled";
inline constexpr const char* kModel = "model";
}  // namespace role

}  // namespace rd
