#include "pipeline/external_teacher_check.h"

#include <algorithm>
#include <limits>

#include "data/train_data.h"
#include "distill/method_registry.h"

namespace rd {

std::string externalTeacherRefusal(const ExternalTeacher& teacher,
                                   const std::vector<MethodSpec>& methods,
                                   const TrainingData& data) {
    // The list every user could have at most: its unobserved items.
    int64_t fewestUnobserved = std::numeric_limits<int64_t>::max();
    for (int32_t u = 0; u < data.numUsers; ++u)
        fewestUnobserved =
            std::min<int64_t>(fewestUnobserved, data.numItems - data.train.degree(u));
    std::string out;
    auto add = [&out](const std::string& s) { out += (out.empty() ? "" : "; ") + s; };
    for (const MethodSpec& m : methods) {
        const MethodInfo& info = findMethod(m.name);
        if (info.needsFullScores && (!teacher.fullScores || !teacher.skippedUsers.empty())) {
            add(m.stage +
                " reads the teacher's score of every user and item, and the external "
                "teacher gives " +
                (teacher.fullScores ? std::string("none for ") +
                                          std::to_string(teacher.skippedUsers.size()) + " users"
                                    : std::string("top lists only: give a .npy score matrix "
                                                  "with a column for every item")));
            continue;
        }
        const char* param = m.params.contains("candidates") ? "candidates"
                            : m.params.contains("k")        ? "k"
                                                            : nullptr;
        if (!param) continue;
        const int64_t asked = m.params[param].get<int64_t>();
        const int64_t needed = std::min(asked, fewestUnobserved);
        if (teacher.shortestList < needed)
            add(m.stage + " reads each user's top " + std::to_string(needed) + " (" + param + " " +
                std::to_string(asked) +
                (needed < asked ? ", capped by the user with the fewest unobserved items" : "") +
                "), and the external teacher's list for user " + teacher.shortestUser + " has " +
                std::to_string(teacher.shortestList) +
                " items once its training items are dropped: give longer lists or lower " +
                m.stage + "." + param);
    }
    return out;
}

}  // namespace rd
