#pragma once

#include "eval/accuracy_metrics.h"

namespace rd::eval_detail {

/** ILD at every K, on category vectors or on binary interaction columns (see ildBasis). */
void addIldMetric(const EvalPlan& plan, const EvalContext& ctx, MetricTable& out);

/** Personalization at every K: 1 - mean Jaccard of the top-K sets over user pairs. */
void addPersonalizationMetric(const EvalPlan& plan, const EvalContext& ctx, MetricTable& out);

}  // namespace rd::eval_detail
