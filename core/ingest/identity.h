#pragma once
// Customer identity keys (SPEC §2): id as written, else email, else phone.

#include <string>
#include <string_view>

namespace crm {

/// Trims (TrimText) and lower-cases (FoldCase: ASCII and Cyrillic) an email into `out`; false (and `out` empty)
/// when `text` is not an email: exactly one '@' with text before it, a domain with a dot inside it, no spaces.
bool NormalizeEmail(std::string_view text, std::string& out);

/// Keeps the digits of a phone into `out`; an 11-digit number starting with 8 becomes 7...;
/// false (and `out` empty) when fewer than 7 or more than 15 (E.164) digits remain or the text holds letters
/// (ASCII or not). Spaces, punctuation, U+00A0, U+2000..U+200B, U+2010..U+2015, U+202F and U+2212 are skipped.
bool NormalizePhone(std::string_view text, std::string& out);

}  // namespace crm
