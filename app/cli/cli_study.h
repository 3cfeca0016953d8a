#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "study/study_table.h"

/** The study table as text: per cell, one row per role with mean ± CI over seeds, the difference
 * to the student alone with its CI and Holm-adjusted p, and "*" only where significant. */
void printStudyTable(const rd::StudyTable& table, std::ostream& out);
/** Long CSV: one line per (cell, role, metric) with n, mean, sd and the interval. */
std::string studyTableCsv(const rd::StudyTable& table);
/** "study:12" → 12, else 0. */
int64_t studyIdOf(const std::string& target);
