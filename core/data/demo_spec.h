#pragma once

#include <string>

#include "data/demo_generator.h"

namespace rd {

/** True for "demo" and "demo:…": data paths that name generated data instead of a file. */
bool isDemoPath(const std::string& path);

/**
 * The generator settings a demo path asks for. "demo" is DemoConfig{} (the built-in data set, bit
 * for bit); "demo:users=30000,items=41000,interactions=1000000,seed=7" sizes it, every key optional
 * and in any order: users 1–10,000,000, items 3–10,000,000, interactions 1–50,000,000 (default
 * about 65 per user), seed 0–18446744073709551615 (default 42), sequential 0 or 1 (default 0; see
 * DemoConfig::sequential). Throws LoadError naming the key for
 * an unknown or repeated key, a value that is not a whole number in range, and an interaction count
 * the sizes cannot hold.
 */
DemoConfig parseDemoSpec(const std::string& path);

}  // namespace rd
