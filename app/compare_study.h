#pragma once

#include <QString>
#include <QStringList>
#include <Qt>

#include <string>
#include <vector>

#include "study_charts.h"

class QTableWidget;

namespace rd {

struct StudyRow;
struct StudyTable;

/**
 * The Compare tab's study view in free functions (CompareTab arranges, these fill): a study's
 * table for one cell with mean ± CI per metric and the paired differences to the student alone,
 * marked only where significant; the values the charts draw; and the compression frontier.
 */
namespace compare_study {

/** Item data of the study table's cells (Qt::UserRole holds the mean, for sorting). */
enum Role {
    BestRole = Qt::UserRole + 1,  ///< true: significantly better than the student alone
    SignificanceRole,             ///< "better", "worse", "n.s." on the paired columns
    LowRole,                      ///< the interval (absent without one)
    HighRole,
    RunIdsRole,  ///< on the run column: the row's runs, one per seed
};

/** The rows of one cell, in the table's order (teacher, student, methods). */
std::vector<const StudyRow*> cellRows(const StudyTable& table, int cell);

/** A row as the table and the charts name it: "teacher", "student alone", "rrd". */
QString rowLabel(const StudyRow& row);

/** The row's mean and interval of a metric (NaN when the row has no value). */
IntervalValue interval(const StudyRow& row, const std::string& metric);

/** "0.1234 ± 0.0056" (half-width of the interval), or the mean alone without an interval. */
QString intervalText(const QString& metric, const IntervalValue& value);

/**
 * Fills table with the cell's rows: run, model, seeds, then the metric columns (the comparison's
 * columns; all of them with allMetrics), each paired metric followed by "Δ … [95 % CI]" and
 * "p (Holm)". Returns the metric names of the columns after the first three ("Δ:NDCG@10" and
 * "p:NDCG@10" for the paired ones).
 */
QStringList fillTable(QTableWidget* table, const StudyTable& study, int cell, bool allMetrics);

/** The text above the study's table: what it is, what the marks mean, and the core's notes. */
QString banner(const StudyTable& study);

/** Whether the sweep changes the student's size (a student.* axis giving several sizes). */
bool variesStudentSize(const StudyTable& study);

/** The frontier's lines: one per method (the student alone included) over the cells, by size;
 * *teacher: the teacher's mean of the metric (NaN without one). */
std::vector<FrontierLine> frontierLines(const StudyTable& study, const std::string& metric,
                                        double* teacher);

}  // namespace compare_study

}  // namespace rd
