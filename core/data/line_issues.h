#pragma once

#include <cstdint>
#include <string>

#include "data/load_options.h"

namespace rd {

/**
 * Decides what a malformed line costs: by default the load fails with a LoadError naming the file,
 * the line and what was expected; with skipBadLines the line is counted and its reason kept (the
 * first few) in the LoadReport, so a data set is never returned half-loaded in silence.
 */
class LineIssues {
public:
    LineIssues(bool skip, LoadReport& report) : skip_(skip), report_(report) {}
    /** Throws LoadError unless skipping. */
    void bad(const std::string& file, int64_t line, const std::string& message);
    int64_t count() const { return report_.skippedLines; }

private:
    static constexpr size_t kKeptReasons = 5;
    bool skip_;
    LoadReport& report_;
};

}  // namespace rd
