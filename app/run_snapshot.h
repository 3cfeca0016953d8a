#pragma once

#include <QList>
#include <QPointF>
#include <QString>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "run_style.h"
#include "store/store_records.h"

namespace rd {

class RunStore;

/** What the Compare, Diversity and Users tabs show of one run, read from the store in one go. */
struct RunSnapshot {
    RunRecord record;
    QString label;  ///< "teacher", "student", "rrd"; prefixed "#3 " when runs of several
                    ///< experiments mix
    std::map<std::string, double> results;
    ExposureHistogram exposure;
    std::vector<QPointF> validCurve;  ///< "valid/<metric>" by epoch
    std::string validMetric;
    int occurrence = 1;  ///< 2 for the experiment's second run of the same method ("rrd#2")

    double value(const std::string& metric) const;
    /** How every chart draws this run (by role and method: the same in every tab and experiment).
     */
    RunStyle style() const;
};

/** The snapshots of one selection, read once and shared by every tab that shows them (never null
 * when handed out). */
using RunSnapshots = std::shared_ptr<const std::vector<RunSnapshot>>;

/**
 * Reads the given runs (missing ones are skipped) in id order. validMetric: the curve to read
 * ("NDCG@10"), else the valid_metric of each run's experiment.
 */
std::vector<RunSnapshot> loadRunSnapshots(RunStore& store, const QList<qint64>& runIds,
                                          const std::string& validMetric = {});

}  // namespace rd
