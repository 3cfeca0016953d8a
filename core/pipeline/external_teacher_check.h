#pragma once

#include <string>
#include <vector>

#include "models/external_teacher.h"
#include "pipeline/experiment_config.h"

namespace rd {

struct TrainingData;

/**
 * Why the experiment's methods cannot run with this external teacher, one sentence per method
 * that names it and the numbers ("" when all can): a top list shorter than what the method reads
 * (a trained teacher would give each user min(M, unobserved items) entries, the file must give as
 * many), and methods that read every score (dcd, unkd) without a full score matrix. Checked when
 * the teacher is loaded, before any student trains.
 */
std::string externalTeacherRefusal(const ExternalTeacher& teacher,
                                   const std::vector<MethodSpec>& methods,
                                   const TrainingData& data);

}  // namespace rd
