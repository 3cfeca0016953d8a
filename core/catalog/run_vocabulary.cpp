#include "catalog/run_vocabulary.h"

#include "catalog/tr_noop.h"

namespace rd {

const std::vector<VocabularyEntry>& runStatuses() {
    static const std::vector<VocabularyEntry> kStatuses = {
        {status::kRunning, RD_TR_NOOP("rd::CoreText", "running")},
        {status::kFinished, RD_TR_NOOP("rd::CoreText", "finished")},
        {status::kFailed, RD_TR_NOOP("rd::CoreText", "failed")},
        {status::kCancelled, RD_TR_NOOP("rd::CoreText", "cancelled")},
        {status::kInterrupted, RD_TR_NOOP("rd::CoreText", "interrupted")},
        {status::kWaiting, RD_TR_NOOP("rd::CoreText", "waiting")},
    };
    return kStatuses;
}

const std::vector<VocabularyEntry>& runRoles() {
    static const std::vector<VocabularyEntry> kRoles = {
        {role::kTeacher, RD_TR_NOOP("rd::CoreText", "teacher")},
        {role::kStudent, RD_TR_NOOP("rd::CoreText", "student alone")},
        {role::kDistilled, RD_TR_NOOP("rd::CoreText", "distilled student")},
        {role::kModel, RD_TR_NOOP("rd::CoreText", "model")},
    };
    return kRoles;
}

namespace {

const char* labelIn(const std::vector<VocabularyEntry>& table, const std::string& word) {
    for (const VocabularyEntry& e : table)
        if (word == e.word) return e.label;
    return nullptr;
}

}  // namespace

const char* statusLabel(const std::string& word) {
    const char* l = labelIn(runStatuses(), word);
    return l ? l : word.c_str();
}

const char* roleLabel(const std::string& word) {
    const char* l = labelIn(runRoles(), word);
    return l ? l : word.c_str();
}

bool isFinalStatus(const std::string& word) {
    return word == status::kFinished || word == status::kFailed || word == status::kCancelled ||
           word == status::kInterrupted;
}

}  // namespace rd
