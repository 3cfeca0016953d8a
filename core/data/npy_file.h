#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rd {

/**
 * A 1-D or 2-D NumPy array as the .npy format stores it (version 1.0 to 3.0, C order), read into
 * float32 whatever its element type ('<f4', '<f8', '<i4', '<i8'), or written as little-endian
 * float32. The format is NumPy's own (numpy.lib.format), so `numpy.load` reads what write() makes
 * and read() takes what `numpy.save` makes. Errors are LoadError naming the file.
 */
struct NpyArray {
    std::vector<int64_t> shape;
    std::vector<float> values;  ///< row-major

    int64_t rows() const { return shape.empty() ? 0 : shape[0]; }
    int64_t cols() const { return shape.size() < 2 ? 1 : shape[1]; }

    static NpyArray read(const std::string& path);
    /** Writes rows × cols float32 (cols 0: a 1-D array of rows values). Throws std::runtime_error.
     */
    static void write(const std::string& path, const float* data, int64_t rows, int64_t cols);
};

/** One string per line (the id maps beside .npy files); throws LoadError. */
std::vector<std::string> readIdLines(const std::string& path);
/** Writes one string per line; throws std::runtime_error. */
void writeIdLines(const std::string& path, const std::vector<std::string>& ids);

}  // namespace rd
