#include "cli_args.h"

CliArgs::CliArgs(const std::vector<std::string>& args, const std::set<std::string>& valued,
                 const std::set<std::string>& flags) {
    for (size_t k = 0; k < args.size(); ++k) {
        const std::string& a = args[k];
        if (a.size() < 3 || a.compare(0, 2, "--") != 0) {
            positional_.push_back(a);
            continue;
        }
        std::string name = a.substr(2), value;
        const auto eq = name.find('=');
        const bool inlineValue = eq != std::string::npos;
        if (inlineValue) {
            value = name.substr(eq + 1);
            name.resize(eq);
        }
        if (flags.count(name)) {
            if (inlineValue) throw std::invalid_argument("option --" + name + " takes no value");
            flags_.insert(name);
        } else if (valued.count(name)) {
            if (!inlineValue) {
                if (k + 1 >= args.size())
                    throw std::invalid_argument("option --" + name + " needs a value");
                value = args[++k];
            }
            values_.emplace(name, value);
        } else {
            throw std::invalid_argument("unknown option --" + name);
        }
    }
}

std::string CliArgs::value(const std::string& name, const std::string& fallback) const {
    const auto range = values_.equal_range(name);
    return range.first == range.second ? fallback : std::prev(range.second)->second;
}

std::vector<std::string> CliArgs::values(const std::string& name) const {
    std::vector<std::string> out;
    for (auto [it, end] = values_.equal_range(name); it != end; ++it) out.push_back(it->second);
    return out;
}
