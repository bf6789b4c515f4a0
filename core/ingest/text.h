#pragma once
// Small UTF-8 text utilities for header matching and value normalization.

#include <cstdint>
#include <string>
#include <string_view>

namespace crm {

/// Removes leading and trailing ASCII whitespace, U+00A0, U+2009, U+202F and U+FEFF (general case).
std::string_view TrimTextSlow(std::string_view text);

/// Removes leading and trailing ASCII whitespace, U+00A0, U+2009, U+202F and U+FEFF. Inline fast path:
/// a value that starts and ends with a printable ASCII byte other than space is returned as it is.
inline std::string_view TrimText(std::string_view text) {
    if (text.empty()) return text;
    const auto first = static_cast<unsigned char>(text.front());
    const auto last = static_cast<unsigned char>(text.back());
    if (first > ' ' && first < 0x7F && last > ' ' && last < 0x7F) return text;
    return TrimTextSlow(text);
}

/// Lower-cases ASCII and Cyrillic (Russian and Ukrainian letters incl. Ё/ё→е, Ї, І, Є, Ґ) into `out`
/// (cleared first); other bytes are copied unchanged.
void FoldCase(std::string_view text, std::string& out);

/// FoldCase, then every run of non-letter, non-digit characters becomes one space, trimmed:
/// "Дата оформления (МСК)" -> "дата оформления мск", "Customer_ID" -> "customer id", "Сумма, ₽" -> "сумма".
/// Separators are ASCII punctuation and spaces, U+0080..U+00BF, U+2000..U+20FF (spaces, dashes, quotes,
/// currency signs), U+3000 and U+FEFF; every other non-ASCII character (letters, №) is part of a word.
std::string NormalizeHeader(std::string_view header);

/// Writes code point `cp` (at most U+10FFFF) as UTF-8 at `out`; returns the end of what was written.
inline char* PutUtf8(char* out, uint32_t cp) {
    if (cp < 0x80) {
        *out++ = static_cast<char>(cp);
    } else if (cp < 0x800) {
        *out++ = static_cast<char>(0xC0 | (cp >> 6));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *out++ = static_cast<char>(0xE0 | (cp >> 12));
        *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        *out++ = static_cast<char>(0xF0 | (cp >> 18));
        *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

/// True when `text` is valid UTF-8 (RFC 3629: no overlong forms, surrogates or code points above U+10FFFF).
bool IsValidUtf8(std::string_view text);

}  // namespace crm
