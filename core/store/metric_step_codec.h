#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rd {

/**
 * The values of one training step as stored in metric_steps.points: per point a little-endian
 * int32 metric id, a float64 value and a float64 wall time (20 bytes). One row per step keeps an
 * epoch's commit on one B-tree page (one metric per row dirtied about twenty pages, one per curve);
 * a curve is read back by picking its metric out of each step. NaN values are kept as NaN.
 */
class MetricStepCodec {
public:
    struct Point {
        int64_t metricId = 0;
        double value = 0;
        double wallTime = 0;
    };
    static constexpr size_t kPointBytes = 20;

    /** Throws StoreError when a metric id does not fit in 32 bits. */
    static std::string encode(const std::vector<Point>& points);
    /** Throws StoreError when the length is not a multiple of kPointBytes. */
    static std::vector<Point> decode(std::string_view bytes);
    /** The point of one metric, without decoding the others; false when the step lacks it. */
    static bool find(std::string_view bytes, int64_t metricId, Point& out);
    /** Replaces the points of the same metric and appends the new ones (a later value wins). */
    static void merge(std::vector<Point>& into, const std::vector<Point>& points);
};

}  // namespace rd
