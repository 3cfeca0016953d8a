#include "data/line_issues.h"

#include "data/load_error.h"

namespace rd {

void LineIssues::bad(const std::string& file, int64_t line, const std::string& message) {
    if (!skip_) throw LoadError(file, line, message);
    ++report_.skippedLines;
    if (report_.firstReasons.size() < kKeptReasons)
        report_.firstReasons.push_back(LoadError(file, line, message).what());
}

}  // namespace rd
