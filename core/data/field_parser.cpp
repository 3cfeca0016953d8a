#include "data/field_parser.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace rd::fields {

void split(std::string_view line, std::string_view sep, std::vector<std::string_view>& out) {
    out.clear();
    if (sep.size() == 1) {
        const char c = sep[0];
        const char* p = line.data();
        const char* end = p + line.size();
        for (;;) {
            const void* hit = std::memchr(p, c, static_cast<size_t>(end - p));
            if (!hit) {
                out.emplace_back(p, static_cast<size_t>(end - p));
                return;
            }
            const char* q = static_cast<const char*>(hit);
            out.emplace_back(p, static_cast<size_t>(q - p));
            p = q + 1;
        }
    }
    size_t pos = 0;
    for (;;) {
        const size_t hit = line.find(sep, pos);
        if (hit == std::string_view::npos) {
            out.push_back(line.substr(pos));
            return;
        }
        out.push_back(line.substr(pos, hit - pos));
        pos = hit + sep.size();
    }
}

bool splitCsv(std::string_view line, char sep, std::vector<std::string>& out) {
    out.clear();
    std::string cur;
    size_t i = 0;
    for (;;) {
        cur.clear();
        if (i < line.size() && line[i] == '"') {
            ++i;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        cur += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                cur += line[i++];
            }
            if (!closed) return false;
            if (i < line.size() && line[i] != sep) return false;
        } else {
            while (i < line.size() && line[i] != sep) cur += line[i++];
        }
        out.push_back(cur);
        if (i >= line.size()) return true;
        ++i;  // separator
    }
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool parseInt64(std::string_view s, int64_t& out, bool* overflow) {
    if (overflow) *overflow = false;
    if (s.empty()) return false;
    const char* b = s.data();
    if (*b == '+') ++b;
    auto res = std::from_chars(b, s.data() + s.size(), out);
    if (res.ec == std::errc::result_out_of_range && res.ptr == s.data() + s.size()) {
        if (overflow) *overflow = true;
        return false;
    }
    return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

bool parseDouble(std::string_view s, double& out) {
    if (s.empty()) return false;
    const char* b = s.data();
    if (*b == '+') ++b;
    auto res = std::from_chars(b, s.data() + s.size(), out);
    return res.ec == std::errc() && res.ptr == s.data() + s.size() && std::isfinite(out);
}

std::string describeSeparator(std::string_view sep) {
    if (sep == "\t") return "TAB";
    if (sep == " ") return "space";
    return "'" + std::string(sep) + "'";
}

std::string separatorHint(std::string_view line, std::string_view sep, size_t expected) {
    static const char* candidates[] = {"\t", "::", ",", ";", "|", " "};
    std::vector<std::string_view> parts;
    for (const char* c : candidates) {
        if (sep == c) continue;
        split(line, c, parts);
        if (parts.size() >= 2 && parts.size() >= expected)
            return "the line seems to use " + describeSeparator(c) + " as separator";
    }
    return {};
}

std::string guessSeparator(const std::vector<std::string>& lines) {
    static const char* candidates[] = {"\t", "::", ",", ";", "|", " "};
    std::vector<std::string_view> parts;
    for (const char* c : candidates) {
        size_t n = 0;
        bool consistent = !lines.empty();
        for (const auto& l : lines) {
            split(l, c, parts);
            if (parts.size() < 2 || (n != 0 && parts.size() != n)) {
                consistent = false;
                break;
            }
            n = parts.size();
        }
        if (consistent) return c;
    }
    return {};
}

bool isValidUtf8(std::string_view s, size_t* badOffset) {
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t n = 0;
        if (c < 0x80)
            n = 0;
        else if ((c & 0xE0) == 0xC0 && c >= 0xC2)
            n = 1;
        else if ((c & 0xF0) == 0xE0)
            n = 2;
        else if ((c & 0xF8) == 0xF0 && c <= 0xF4)
            n = 3;
        else {
            if (badOffset) *badOffset = i;
            return false;
        }
        for (size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
                if (badOffset) *badOffset = i;
                return false;
            }
        }
        i += n + 1;
    }
    return true;
}

std::string latin1ToUtf8(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 8);
    for (unsigned char c : s) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

std::string quote(std::string_view s, size_t maxLen) {
    std::string out = "'";
    if (s.size() > maxLen) {
        while (maxLen > 0 && (static_cast<unsigned char>(s[maxLen]) & 0xC0) == 0x80)
            --maxLen;  // whole UTF-8 chars
        out += std::string(s.substr(0, maxLen));
        out += "…";
    } else {
        out += std::string(s);
    }
    return out + "'";
}

}  // namespace rd::fields
