#pragma once

// One fuzz target: LLVMFuzzerTestOneInput (libFuzzer's entry point, also called by the project's
// own deterministic smoke driver, smoke_main.cpp) and the small valid inputs the project makes
// itself to start from. An input the code refuses with its own error type is a pass; a crash, a
// sanitizer report, any other exception (it escapes and aborts), or a hang is a finding.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace rdfuzz {

/** The seed inputs of this target (valid or nearly valid files, made in code). */
std::vector<std::string> seeds();

/** Inputs the code accepted (the rest were refused with its own error): the smoke driver reports
 * both, so a target whose mutants are all refused at the first byte shows. */
extern long accepted;

/** A folder of this process for the files a target writes (created once, removed at exit). */
const std::string& scratchFolder();

/** Aborts (a finding) with "TARGET breaks an invariant: what" unless ok. */
void require(bool ok, const char* what);

/** Writes bytes to path (replacing it); aborts when it cannot (not a finding of the target). */
void writeFile(const std::string& path, const std::string& bytes);
std::string readFile(const std::string& path);

}  // namespace rdfuzz
