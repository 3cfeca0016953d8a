#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rd {

/**
 * Small, allocation-free helpers the loaders share: splitting a line into fields, strict number
 * parsing (locale-independent), separator guessing for error messages, and text decoding.
 */
namespace fields {

/** Splits line at every occurrence of sep (one or more characters) into out (cleared first). */
void split(std::string_view line, std::string_view sep, std::vector<std::string_view>& out);
/** Splits one CSV line with RFC 4180 quoting ("a, b" and doubled quotes); false on a broken quote.
 */
bool splitCsv(std::string_view line, char sep, std::vector<std::string>& out);
std::string_view trim(std::string_view s);

/** Whole field must be an integer; sets overflow when it is one but does not fit. */
bool parseInt64(std::string_view s, int64_t& out, bool* overflow = nullptr);
/** Whole field must be a finite number (decimal or exponent form). */
bool parseDouble(std::string_view s, double& out);

/** A separator for messages: "TAB", "','", "'::'", "space". */
std::string describeSeparator(std::string_view sep);
/**
 * When line does not have `expected` fields with sep, the separator it seems to use instead, as a
 * sentence fragment ("the line seems to use ',' as separator"), or an empty string.
 */
std::string separatorHint(std::string_view line, std::string_view sep, size_t expected);
/** The separator that splits sample lines into the same number (>= 2) of fields, or "". */
std::string guessSeparator(const std::vector<std::string>& lines);

bool isValidUtf8(std::string_view s, size_t* badOffset = nullptr);
std::string latin1ToUtf8(std::string_view s);
/** Shortens a field for quoting in a message. */
std::string quote(std::string_view s, size_t maxLen = 40);

}  // namespace fields
}  // namespace rd
