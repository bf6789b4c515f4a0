#include "core/ingest/text.h"

#include <cstdint>
#include <cstring>

namespace crm {
namespace {

inline uint8_t Byte(const char* p) { return static_cast<uint8_t>(*p); }

inline bool IsAsciiSpace(uint8_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/// Length of a space-like character starting at p (ASCII whitespace, U+00A0, U+2009, U+202F, U+FEFF), 0 if none.
inline size_t LeadingSpaceLength(const char* p, const char* end) {
    const uint8_t c = Byte(p);
    if (IsAsciiSpace(c)) return 1;
    if (c == 0xC2 && end - p >= 2 && Byte(p + 1) == 0xA0) return 2;
    if (c == 0xE2 && end - p >= 3 && Byte(p + 1) == 0x80 && (Byte(p + 2) == 0x89 || Byte(p + 2) == 0xAF)) return 3;
    if (c == 0xEF && end - p >= 3 && Byte(p + 1) == 0xBB && Byte(p + 2) == 0xBF) return 3;
    return 0;
}

/// Length of a space-like character ending just before `end`, 0 if none.
inline size_t TrailingSpaceLength(const char* begin, const char* end) {
    const uint8_t c = Byte(end - 1);
    if (IsAsciiSpace(c)) return 1;
    if (c == 0xA0 && end - begin >= 2 && Byte(end - 2) == 0xC2) return 2;
    if (end - begin >= 3) {
        const uint8_t a = Byte(end - 3), b = Byte(end - 2);
        if (a == 0xE2 && b == 0x80 && (c == 0x89 || c == 0xAF)) return 3;
        if (a == 0xEF && b == 0xBB && c == 0xBF) return 3;
    }
    return 0;
}

/// Appends code point cp (< 0x800) as UTF-8.
inline void AppendTwoByte(std::string& out, uint32_t cp) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
}

/// True when the code point at p (of length `length`) separates words in a header: ASCII other than letters
/// and digits, U+0080..U+00BF (incl. U+00A0, « », °), U+2000..U+20FF (spaces, dashes, quotes, bullets and
/// currency signs such as ₽ ₴ €), U+3000 and U+FEFF. Other non-ASCII characters (letters, №) belong to words.
inline bool IsHeaderSeparator(const char* p, size_t length) {
    const uint8_t c = Byte(p);
    if (length == 1) {
        return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80);
    }
    if (length == 2) return c == 0xC2;  // U+0080..U+00BF
    if (length == 3) {
        const uint8_t c1 = Byte(p + 1);
        if (c == 0xE2 && c1 >= 0x80 && c1 <= 0x83) return true;  // U+2000..U+20FF
        if (c == 0xE3 && c1 == 0x80 && Byte(p + 2) == 0x80) return true;  // U+3000
        if (c == 0xEF && c1 == 0xBB && Byte(p + 2) == 0xBF) return true;  // U+FEFF
    }
    return false;
}

/// Length of the UTF-8 sequence starting with lead byte c (1 for ASCII and stray bytes).
inline size_t SequenceLength(uint8_t c) {
    if (c < 0xC0) return 1;
    if (c < 0xE0) return 2;
    if (c < 0xF0) return 3;
    return 4;
}

}  // namespace

std::string_view TrimTextSlow(std::string_view text) {
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
        const size_t length = LeadingSpaceLength(p, end);
        if (length == 0) break;
        p += length;
    }
    while (end > p) {
        const size_t length = TrailingSpaceLength(p, end);
        if (length == 0) break;
        end -= length;
    }
    return std::string_view(p, static_cast<size_t>(end - p));
}

void FoldCase(std::string_view text, std::string& out) {
    out.clear();
    out.reserve(text.size());
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p < end) {
        const uint8_t c = Byte(p);
        if (c < 0x80) {
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
            ++p;
            continue;
        }
        if ((c == 0xD0 || c == 0xD1 || c == 0xD2) && end - p >= 2 && (Byte(p + 1) & 0xC0) == 0x80) {
            uint32_t cp = (static_cast<uint32_t>(c & 0x1F) << 6) | (Byte(p + 1) & 0x3F);
            if (cp == 0x401 || cp == 0x451) {
                cp = 0x435;  // Ё, ё -> е
            } else if (cp >= 0x410 && cp <= 0x42F) {
                cp += 0x20;  // А..Я -> а..я
            } else if (cp >= 0x400 && cp <= 0x40F) {
                cp += 0x50;  // Ѐ..Џ (incl. Є І Ї) -> ѐ..џ
            } else if (cp == 0x490) {
                cp = 0x491;  // Ґ -> ґ
            }
            AppendTwoByte(out, cp);
            p += 2;
            continue;
        }
        out += static_cast<char>(c);
        ++p;
    }
}

std::string NormalizeHeader(std::string_view header) {
    std::string folded;
    FoldCase(header, folded);
    std::string out;
    out.reserve(folded.size());
    bool pending_space = false;
    const char* p = folded.data();
    const char* const end = p + folded.size();
    while (p < end) {
        size_t length = SequenceLength(Byte(p));
        if (length > static_cast<size_t>(end - p)) length = 1;
        if (IsHeaderSeparator(p, length)) {
            pending_space = !out.empty();
        } else {
            if (pending_space) out += ' ';
            pending_space = false;
            out.append(p, length);
        }
        p += length;
    }
    return out;
}

bool IsValidUtf8(std::string_view text) {
    const uint8_t* p = reinterpret_cast<const uint8_t*>(text.data());
    const uint8_t* const end = p + text.size();
    while (p < end) {
        // ASCII fast path: 8 bytes at a time.
        if (end - p >= 8) {
            uint64_t word;
            std::memcpy(&word, p, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                p += 8;
                continue;
            }
        }
        const uint8_t c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        // Multi-byte sequences per RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
        if (c >= 0xC2 && c <= 0xDF) {
            if (end - p < 2 || (p[1] & 0xC0) != 0x80) return false;
            p += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            if (end - p < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return false;
            if (c == 0xE0 && p[1] < 0xA0) return false;   // overlong
            if (c == 0xED && p[1] >= 0xA0) return false;  // surrogate
            p += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            if (end - p < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) {
                return false;
            }
            if (c == 0xF0 && p[1] < 0x90) return false;   // overlong
            if (c == 0xF4 && p[1] >= 0x90) return false;  // above U+10FFFF
            p += 4;
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace crm
