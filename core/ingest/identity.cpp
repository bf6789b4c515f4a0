#include "core/ingest/identity.h"

#include <cstdint>

#include "core/ingest/text.h"

namespace crm {
namespace {

constexpr size_t kMinPhoneDigits = 7;
constexpr size_t kMaxPhoneDigits = 15;  // E.164

inline uint8_t Byte(const char* p) { return static_cast<uint8_t>(*p); }

/// True for code points a phone may hold between its digits besides ASCII punctuation: spaces (U+00A0,
/// U+2000..U+200B, U+202F), dashes (U+2010..U+2015), U+2212 minus.
inline size_t PhonePunctuationLength(const char* p, const char* end) {
    const uint8_t c = Byte(p);
    if (c == 0xC2 && end - p >= 2 && Byte(p + 1) == 0xA0) return 2;
    if (c == 0xE2 && end - p >= 3) {
        const uint8_t c1 = Byte(p + 1), c2 = Byte(p + 2);
        if (c1 == 0x80 && (c2 <= 0x8B || (c2 >= 0x90 && c2 <= 0x95) || c2 == 0xAF)) return 3;
        if (c1 == 0x88 && c2 == 0x92) return 3;
    }
    return 0;
}

}  // namespace

bool NormalizeEmail(std::string_view text, std::string& out) {
    out.clear();
    const std::string_view email = TrimText(text);
    size_t at = std::string_view::npos;
    for (size_t i = 0; i < email.size(); ++i) {
        const uint8_t c = static_cast<uint8_t>(email[i]);
        if (c <= ' ' || c == 0x7F) return false;  // no spaces or control characters inside
        if (c == '@') {
            if (at != std::string_view::npos) return false;  // more than one '@'
            at = i;
        }
    }
    if (at == std::string_view::npos || at == 0) return false;
    const std::string_view domain = email.substr(at + 1);
    const size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size() || domain.front() == '.') return false;
    FoldCase(email, out);
    return true;
}

bool NormalizePhone(std::string_view text, std::string& out) {
    out.clear();
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p < end) {
        const char c = *p;
        if (c >= '0' && c <= '9') {
            if (out.size() == kMaxPhoneDigits) break;  // too long: rejected below
            out += c;
            ++p;
            continue;
        }
        if (static_cast<uint8_t>(c) < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) break;
            ++p;  // spaces and punctuation: + ( ) - . / and the like
            continue;
        }
        const size_t length = PhonePunctuationLength(p, end);
        if (length == 0) break;  // letters (Cyrillic "доб.") or other symbols
        p += length;
    }
    if (p != end || out.size() < kMinPhoneDigits) {
        out.clear();
        return false;
    }
    if (out.size() == 11 && out[0] == '8') out[0] = '7';
    return true;
}

}  // namespace crm
