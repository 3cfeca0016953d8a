#pragma once

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

/**
 * The command line of recdistill-cli: a command, positional arguments, "--name value" (or
 * "--name=value") options and "--flag" switches. Unknown options are an error that names them.
 */
class CliArgs {
public:
    /** valued: options that take a value; flags: switches. Throws std::invalid_argument. */
    CliArgs(const std::vector<std::string>& args, const std::set<std::string>& valued,
            const std::set<std::string>& flags);

    const std::vector<std::string>& positional() const { return positional_; }
    bool has(const std::string& name) const { return values_.count(name) || flags_.count(name); }
    std::string value(const std::string& name, const std::string& fallback = {}) const;
    /** Every value of a repeatable option, in order. */
    std::vector<std::string> values(const std::string& name) const;

private:
    std::vector<std::string> positional_;
    std::multimap<std::string, std::string> values_;
    std::set<std::string> flags_;
};
