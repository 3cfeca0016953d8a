#include "store/metric_step_codec.h"

#include <cstring>

#include "store/store_error.h"

namespace rd {

namespace {

// Explicit little-endian bytes, so a store moves between machines unchanged.
void putU32(char* p, uint32_t v) {
    for (int b = 0; b < 4; ++b) p[b] = static_cast<char>((v >> (8 * b)) & 0xff);
}

void putU64(char* p, uint64_t v) {
    for (int b = 0; b < 8; ++b) p[b] = static_cast<char>((v >> (8 * b)) & 0xff);
}

uint32_t getU32(const char* p) {
    uint32_t v = 0;
    for (int b = 0; b < 4; ++b)
        v |= static_cast<uint32_t>(static_cast<unsigned char>(p[b])) << (8 * b);
    return v;
}

uint64_t getU64(const char* p) {
    uint64_t v = 0;
    for (int b = 0; b < 8; ++b)
        v |= static_cast<uint64_t>(static_cast<unsigned char>(p[b])) << (8 * b);
    return v;
}

void putDouble(char* p, double d) {
    uint64_t v = 0;
    std::memcpy(&v, &d, sizeof v);
    putU64(p, v);
}

double getDouble(const char* p) {
    const uint64_t v = getU64(p);
    double d = 0;
    std::memcpy(&d, &v, sizeof d);
    return d;
}

MetricStepCodec::Point readPoint(const char* p) {
    return {static_cast<int32_t>(getU32(p)), getDouble(p + 4), getDouble(p + 12)};
}

void checkLength(std::string_view bytes) {
    if (bytes.size() % MetricStepCodec::kPointBytes != 0)
        throw StoreError("a metric step of " + std::to_string(bytes.size()) +
                         " bytes is not a whole number of points (20 bytes each); the store is "
                         "damaged");
}

}  // namespace

std::string MetricStepCodec::encode(const std::vector<Point>& points) {
    std::string out(points.size() * kPointBytes, '\0');
    char* p = out.data();
    for (const Point& point : points) {
        if (point.metricId <= 0 || point.metricId > INT32_MAX)
            throw StoreError("metric id " + std::to_string(point.metricId) +
                             " does not fit a stored step");
        putU32(p, static_cast<uint32_t>(point.metricId));
        putDouble(p + 4, point.value);
        putDouble(p + 12, point.wallTime);
        p += kPointBytes;
    }
    return out;
}

std::vector<MetricStepCodec::Point> MetricStepCodec::decode(std::string_view bytes) {
    checkLength(bytes);
    std::vector<Point> out;
    out.reserve(bytes.size() / kPointBytes);
    for (size_t i = 0; i < bytes.size(); i += kPointBytes)
        out.push_back(readPoint(bytes.data() + i));
    return out;
}

bool MetricStepCodec::find(std::string_view bytes, int64_t metricId, Point& out) {
    checkLength(bytes);
    for (size_t i = 0; i < bytes.size(); i += kPointBytes)
        if (static_cast<int64_t>(getU32(bytes.data() + i)) == metricId) {
            out = readPoint(bytes.data() + i);
            return true;
        }
    return false;
}

void MetricStepCodec::merge(std::vector<Point>& into, const std::vector<Point>& points) {
    for (const Point& p : points) {
        bool replaced = false;
        for (Point& q : into)
            if (q.metricId == p.metricId) {
                q = p;
                replaced = true;
                break;
            }
        if (!replaced) into.push_back(p);
    }
}

}  // namespace rd
