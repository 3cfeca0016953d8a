#include "data/load_error.h"

#include <utility>

namespace rd {

namespace {
std::string compose(const std::string& file, int64_t line, const std::string& message) {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    if (!out.empty()) out += ": ";
    return out + message;
}
}  // namespace

LoadError::LoadError(std::string file, int64_t line, const std::string& message)
    : std::runtime_error(compose(file, line, message)),
      file_(std::move(file)),
      line_(line),
      reason_(message) {}

}  // namespace rd
