#include "core/ingest/number_parser.h"

#include <cstring>
#include <system_error>

#include "fast_float.h"

// How a value is read (ParseMoney, ParseDecimal)
// ------------------------------------------------
// A value is  prefix* body suffix*  where prefix and suffix tokens are spaces (ASCII, U+00A0, U+2007..U+200A,
// U+202F), one sign ('-', '+', U+2212 minus, U+2013 en dash; prefix only), one '(' closed by one ')', and one
// currency token (a sign such as ₽ $ € or a word such as "руб." or "UAH", matched case-insensitively and not
// followed by a letter). The body is digits with:
//   - the column's decimal separator (at most once);
//   - thousands separators before the decimal: any space followed by a digit, an apostrophe (' or U+2019), or
//     the other one of ',' and '.' (the one that is not the decimal). All separators of one value are of the same
//     kind, groups after the first have exactly 3 digits and the first has 1..3 digits and does not start with 0;
//   - one leniency: a value whose only separator is the other punctuation mark and whose groups do not fit a
//     thousands grouping ("12,5" or "1234,567" in a '.' column) reads that mark as its decimal separator, since it
//     cannot be a thousands separator;
//   - an exponent "e[+-]ddd" (only when the decimal is '.' and no thousands separator was written, as in JSON).
// Money is computed exactly from the digits: value = D * 10^E with D an integer of up to 17 significant digits,
// then minor units = round(D * 10^(E+2)) half away from zero. |minor units| must not exceed 9e15 (so that every
// amount is exact as a JavaScript number).
//
// How a column's separators are decided (DetectNumberFormat)
// ----------------------------------------------------------
// Each value's body votes:
//   - both '.' and ',' present: the last one is the decimal;
//   - one mark written several times ("1,234,567", "1.234.567"): that mark is the thousands, the other the decimal;
//   - one mark written once: it is the decimal when it is not followed by exactly 3 digits ("1,5", "12,30"),
//     when it follows more than 3 digits ("1234,567") or a leading 0 ("0,125"), or when the value has space or
//     apostrophe groups ("1 234,567"); otherwise ("1,234", "1.234") the value is ambiguous and does not vote.
// The decimal with more votes wins; with no votes (or a tie) it is '.', so a column of ambiguous "1,234" values
// reads ',' as thousands. The thousands separator is the kind (space, apostrophe, or the non-decimal mark) seen
// most often between digit groups, 0 when none is seen.

namespace crm {
namespace {

constexpr int64_t kMaxMinorUnits = 9'000'000'000'000'000;  // 9e15
constexpr uint64_t kDigitCap = 100'000'000'000'000'000;    // 1e17: D stays below 1e18
constexpr int kBufferSize = 96;

constexpr uint64_t kPow10[20] = {1ULL,
                                 10ULL,
                                 100ULL,
                                 1000ULL,
                                 10000ULL,
                                 100000ULL,
                                 1000000ULL,
                                 10000000ULL,
                                 100000000ULL,
                                 1000000000ULL,
                                 10000000000ULL,
                                 100000000000ULL,
                                 1000000000000ULL,
                                 10000000000000ULL,
                                 100000000000000ULL,
                                 1000000000000000ULL,
                                 10000000000000000ULL,
                                 100000000000000000ULL,
                                 1000000000000000000ULL,
                                 10000000000000000000ULL};

inline bool IsDigit(char c) { return static_cast<unsigned>(c - '0') < 10u; }

inline uint8_t Byte(const char* p) { return static_cast<uint8_t>(*p); }

/// Length of a space character at p (ASCII space/tab, U+00A0, U+2007..U+200A, U+202F), 0 when none.
inline int SpaceLength(const char* p, const char* end) {
    const uint8_t c = Byte(p);
    if (c == ' ' || c == '\t') return 1;
    if (c == 0xC2 && end - p >= 2 && Byte(p + 1) == 0xA0) return 2;
    if (c == 0xE2 && end - p >= 3 && Byte(p + 1) == 0x80) {
        const uint8_t c2 = Byte(p + 2);
        if ((c2 >= 0x87 && c2 <= 0x8A) || c2 == 0xAF) return 3;
    }
    return 0;
}

/// Length of a minus sign at p ('-', U+2212 minus, U+2013 en dash), 0 when none.
inline int MinusLength(const char* p, const char* end) {
    if (*p == '-') return 1;
    if (Byte(p) == 0xE2 && end - p >= 3) {
        if (Byte(p + 1) == 0x88 && Byte(p + 2) == 0x92) return 3;
        if (Byte(p + 1) == 0x80 && Byte(p + 2) == 0x93) return 3;
    }
    return 0;
}

/// Length of an apostrophe at p (' or U+2019), 0 when none.
inline int ApostropheLength(const char* p, const char* end) {
    if (*p == '\'') return 1;
    if (Byte(p) == 0xE2 && end - p >= 3 && Byte(p + 1) == 0x80 && Byte(p + 2) == 0x99) return 3;
    return 0;
}

/// Decodes one UTF-8 code point (lenient: a stray byte decodes as itself with length 1).
inline char32_t DecodeCodePoint(const char* p, const char* end, int& length) {
    const uint8_t c = Byte(p);
    if (c < 0x80) {
        length = 1;
        return c;
    }
    if ((c & 0xE0) == 0xC0 && end - p >= 2) {
        length = 2;
        return (static_cast<char32_t>(c & 0x1F) << 6) | (Byte(p + 1) & 0x3F);
    }
    if ((c & 0xF0) == 0xE0 && end - p >= 3) {
        length = 3;
        return (static_cast<char32_t>(c & 0x0F) << 12) | (static_cast<char32_t>(Byte(p + 1) & 0x3F) << 6) |
               (Byte(p + 2) & 0x3F);
    }
    length = 1;
    return c;
}

/// Lower-cases ASCII and Cyrillic capitals (enough for matching currency words).
inline char32_t FoldCodePoint(char32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c >= 0x410 && c <= 0x42F) return c + 0x20;
    if (c >= 0x400 && c <= 0x40F) return c + 0x50;
    return c;
}

inline bool IsLetterCodePoint(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x400 && c <= 0x4FF);
}

/// A currency sign or word, in lower case. Words must not be followed by a letter.
struct CurrencyToken {
    char32_t chars[4];
    int length;
    bool word;
};

// Longer words come before their prefixes ("руб." before "руб", "р." before "р").
constexpr CurrencyToken kCurrencies[] = {
    {{U'₽'}, 1, false},
    {{U'$'}, 1, false},
    {{U'€'}, 1, false},
    {{U'₴'}, 1, false},
    {{U'£'}, 1, false},
    {{U'₸'}, 1, false},
    {{U'р', U'у', U'б', U'.'}, 4, false},
    {{U'р', U'у', U'б'}, 3, true},
    {{U'р', U'.'}, 2, false},
    {{U'р'}, 1, true},
    {{U'г', U'р', U'н', U'.'}, 4, false},
    {{U'г', U'р', U'н'}, 3, true},
    {{U'r', U'u', U'b'}, 3, true},
    {{U'r', U'u', U'r'}, 3, true},
    {{U'u', U'a', U'h'}, 3, true},
    {{U'u', U's', U'd'}, 3, true},
    {{U'e', U'u', U'r'}, 3, true},
    {{U'g', U'b', U'p'}, 3, true},
    {{U'k', U'z', U't'}, 3, true},
    {{U'b', U'y', U'n'}, 3, true},
};

/// Byte length of a currency token at p, 0 when none.
int CurrencyLength(const char* p, const char* end) {
    int first_length = 0;
    const char32_t first = FoldCodePoint(DecodeCodePoint(p, end, first_length));
    for (const CurrencyToken& token : kCurrencies) {
        if (token.chars[0] != first) continue;  // most text (names, statuses) stops here, decoded once
        const char* q = p + first_length;
        int k = 1;
        for (; k < token.length && q < end; ++k) {
            int length = 0;
            const char32_t c = FoldCodePoint(DecodeCodePoint(q, end, length));
            if (c != token.chars[k]) break;
            q += length;
        }
        if (k != token.length) continue;
        if (token.word && q < end) {
            int length = 0;
            if (IsLetterCodePoint(DecodeCodePoint(q, end, length))) continue;
        }
        return static_cast<int>(q - p);
    }
    return 0;
}

/// A value reduced to ASCII "ddd[.ddd][e[-]ddd]" plus its sign.
struct NormalizedNumber {
    char text[kBufferSize];
    int length = 0;
    bool negative = false;
};

enum class SeparatorKind : uint8_t { kNone, kSpace, kApostrophe, kPunct };

/// Scans `text` as described at the top of this file into `out`; false when it is not a number.
bool ScanNumber(std::string_view text, char decimal, NormalizedNumber& out) {
    const char* p = text.data();
    const char* const end = p + text.size();
    const char other = decimal == ',' ? '.' : ',';
    bool sign_seen = false, paren_open = false, paren_closed = false, currency_seen = false;
    out.negative = false;
    out.length = 0;

    // Prefix: spaces, one sign, one '(', one currency token.
    while (true) {
        if (p == end) return false;
        if (IsDigit(*p)) break;
        if (*p == decimal && end - p >= 2 && IsDigit(p[1])) break;
        int length = SpaceLength(p, end);
        if (length == 0 && !sign_seen) {
            length = MinusLength(p, end);
            if (length != 0) {
                out.negative = true;
                sign_seen = true;
            } else if (*p == '+') {
                length = 1;
                sign_seen = true;
            }
        }
        if (length == 0 && !paren_open && *p == '(') {
            length = 1;
            paren_open = true;
        }
        if (length == 0 && !currency_seen) {
            length = CurrencyLength(p, end);
            currency_seen = length != 0;
        }
        if (length == 0) return false;
        p += length;
    }

    // Body.
    char* const buf = out.text;
    int n = 0;
    int digits = 0;              // all digits written
    int group_digits = 0;        // digits since the last thousands separator (or the start)
    int separators = 0;          // thousands separators seen
    int last_separator_at = 0;   // buffer position where the digits after the last separator start
    bool first_group_invalid = false;
    bool seen_decimal = false;
    SeparatorKind kind = SeparatorKind::kNone;
    while (p < end) {
        const char c = *p;
        if (IsDigit(c)) {
            if (n >= kBufferSize - 8) return false;
            buf[n++] = c;
            ++digits;
            ++group_digits;
            ++p;
            continue;
        }
        if ((c == 'e' || c == 'E') && decimal == '.' && separators == 0 && digits > 0) {
            const char* q = p + 1;
            bool exponent_negative = false;
            if (q < end && (*q == '+' || *q == '-')) exponent_negative = *q++ == '-';
            if (q < end && IsDigit(*q)) {
                int exponent_digits = 0;
                buf[n++] = 'e';
                if (exponent_negative) buf[n++] = '-';
                while (q < end && IsDigit(*q)) {
                    if (++exponent_digits > 4) return false;
                    buf[n++] = *q++;
                }
                p = q;
                break;
            }
            break;  // an "E" not followed by digits starts a suffix such as "EUR"
        }
        if (seen_decimal) break;
        if (c == decimal) {
            if (separators > 0 && (group_digits != 3 || first_group_invalid)) return false;
            buf[n++] = '.';
            seen_decimal = true;
            ++p;
            continue;
        }
        SeparatorKind this_kind = SeparatorKind::kNone;
        int length = 0;
        if ((length = SpaceLength(p, end)) != 0) {
            this_kind = SeparatorKind::kSpace;
        } else if ((length = ApostropheLength(p, end)) != 0) {
            this_kind = SeparatorKind::kApostrophe;
        } else if (c == other) {
            this_kind = SeparatorKind::kPunct;
            length = 1;
        }
        if (this_kind == SeparatorKind::kNone || end - p <= length || !IsDigit(p[length])) break;
        if (group_digits == 0) return false;
        if (separators == 0) {
            first_group_invalid = group_digits > 3 || buf[n - group_digits] == '0';  // "1234,567", "0,123"
            kind = this_kind;
        } else if (this_kind != kind || group_digits != 3) {
            return false;
        }
        ++separators;
        group_digits = 0;
        last_separator_at = n;
        p += length;
    }
    if (digits == 0) return false;
    if (separators > 0 && !seen_decimal && (group_digits != 3 || first_group_invalid)) {
        // Not a thousands grouping: a single other mark is then the decimal separator ("12,5" in a '.' column).
        // (No exponent can follow: exponents are read only in values without thousands separators.)
        if (separators != 1 || kind != SeparatorKind::kPunct) return false;
        std::memmove(buf + last_separator_at + 1, buf + last_separator_at, n - last_separator_at);
        buf[last_separator_at] = '.';
        ++n;
    }
    out.length = n;

    // Suffix: spaces, the ')' closing a '(', one currency token.
    while (p < end) {
        int length = SpaceLength(p, end);
        if (length == 0 && paren_open && !paren_closed && *p == ')') {
            length = 1;
            paren_closed = true;
        }
        if (length == 0 && !currency_seen) {
            length = CurrencyLength(p, end);
            currency_seen = length != 0;
        }
        if (length == 0) return false;
        p += length;
    }
    if (paren_open) {
        if (!paren_closed || sign_seen) return false;
        out.negative = true;
    }
    return true;
}

/// Exact minor units of a normalized number: round(D * 10^(E+2)) half away from zero.
bool MinorUnitsOf(const NormalizedNumber& number, int64_t& minor_units) {
    uint64_t d = 0;
    int exponent = 0;
    bool in_fraction = false;
    int i = 0;
    for (; i < number.length; ++i) {
        const char c = number.text[i];
        if (c == '.') {
            in_fraction = true;
            continue;
        }
        if (c == 'e') break;
        if (d < kDigitCap) {
            d = d * 10 + static_cast<uint64_t>(c - '0');
            if (in_fraction) --exponent;
        } else if (!in_fraction) {
            ++exponent;  // a dropped integer digit; only its magnitude matters (it overflows anyway)
        }
    }
    if (i < number.length) {
        ++i;
        bool negative = false;
        if (number.text[i] == '-') {
            negative = true;
            ++i;
        }
        int written = 0;
        for (; i < number.length; ++i) written = written * 10 + (number.text[i] - '0');
        exponent += negative ? -written : written;
    }
    const int shift = exponent + 2;
    uint64_t magnitude = 0;
    if (d == 0) {
        magnitude = 0;
    } else if (shift >= 0) {
        if (shift > 16 || d > static_cast<uint64_t>(kMaxMinorUnits) / kPow10[shift]) return false;
        magnitude = d * kPow10[shift];
    } else if (-shift >= 19) {
        magnitude = 0;  // d < 1e18, so d / 10^19 < 0.1
    } else {
        const uint64_t divisor = kPow10[-shift];
        magnitude = d / divisor;
        if ((d % divisor) * 2 >= divisor) ++magnitude;
    }
    if (magnitude > static_cast<uint64_t>(kMaxMinorUnits)) return false;
    minor_units = number.negative ? -static_cast<int64_t>(magnitude) : static_cast<int64_t>(magnitude);
    return true;
}

/// What one sample says about its separators.
struct SampleShape {
    int dots = 0;
    int commas = 0;
    int spaces = 0;        // space groups
    int apostrophes = 0;   // apostrophe groups
    char last_mark = 0;    // last '.' or ','
    int digits_after_last_mark = 0;
    int digits_before_first_mark = 0;
    bool leading_zero = false;  // the first digit is 0
};

/// Reads the separators of a sample's body (after prefix tokens); false when it holds no digits.
bool ShapeOf(std::string_view text, SampleShape& shape) {
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p < end && !IsDigit(*p)) {
        if ((*p == '.' || *p == ',') && end - p >= 2 && IsDigit(p[1])) break;
        int length = SpaceLength(p, end);
        if (length == 0) length = MinusLength(p, end);
        if (length == 0 && (*p == '+' || *p == '(')) length = 1;
        if (length == 0) length = CurrencyLength(p, end);
        if (length == 0) return false;
        p += length;
    }
    int digits = 0, run = 0;
    while (p < end) {
        if (IsDigit(*p)) {
            if (digits == 0) shape.leading_zero = *p == '0';
            ++digits;
            ++run;
            ++p;
            continue;
        }
        const bool mark = *p == '.' || *p == ',';
        const int space = mark ? 0 : SpaceLength(p, end);
        const int apostrophe = mark || space ? 0 : ApostropheLength(p, end);
        const int length = mark ? 1 : space + apostrophe;
        if (length == 0 || end - p <= length || !IsDigit(p[length])) break;
        if (mark) {
            if (shape.dots + shape.commas == 0) shape.digits_before_first_mark = digits;
            (*p == '.' ? shape.dots : shape.commas)++;
            shape.last_mark = *p;
        } else if (space != 0) {
            ++shape.spaces;
        } else {
            ++shape.apostrophes;
        }
        run = 0;
        p += length;
    }
    if (shape.last_mark != 0) {
        // `run` counts the digits after the last separator; it belongs to the last mark only when no space or
        // apostrophe group followed it, which a well-formed number never does.
        shape.digits_after_last_mark = run;
    }
    return digits > 0;
}

}  // namespace

std::string NumberFormat::Describe() const {
    std::string out = "decimal '";
    out += decimal;
    out += '\'';
    if (thousands == 0) {
        out += ", no thousands separator";
    } else {
        out += " thousands '";
        out += thousands;
        out += '\'';
    }
    return out;
}

NumberFormat DetectNumberFormat(std::span<const std::string_view> samples) {
    int64_t comma_votes = 0, dot_votes = 0;
    int64_t space_groups = 0, apostrophe_groups = 0, comma_groups = 0, dot_groups = 0;
    for (const std::string_view sample : samples) {
        SampleShape shape;
        if (sample.empty() || !ShapeOf(sample, shape)) continue;
        space_groups += shape.spaces;
        apostrophe_groups += shape.apostrophes;
        if (shape.dots > 0 && shape.commas > 0) {
            // The last mark is the decimal; the other one groups thousands.
            if (shape.last_mark == ',') {
                ++comma_votes;
                dot_groups += shape.dots;
            } else {
                ++dot_votes;
                comma_groups += shape.commas;
            }
        } else if (shape.commas > 1) {
            ++dot_votes;
            comma_groups += shape.commas;
        } else if (shape.dots > 1) {
            ++comma_votes;
            dot_groups += shape.dots;
        } else if (shape.commas == 1 || shape.dots == 1) {
            const bool decimal_for_sure = shape.digits_after_last_mark != 3 || shape.digits_before_first_mark > 3 ||
                                          shape.leading_zero || shape.spaces > 0 || shape.apostrophes > 0;
            if (decimal_for_sure) {
                (shape.commas == 1 ? comma_votes : dot_votes)++;
            } else {
                (shape.commas == 1 ? comma_groups : dot_groups)++;  // ambiguous "1,234" / "1.234"
            }
        }
    }
    NumberFormat format;
    format.decimal = comma_votes > dot_votes ? ',' : '.';
    const int64_t punct_groups = format.decimal == ',' ? dot_groups : comma_groups;
    int64_t best = 0;
    if (space_groups > best) {
        best = space_groups;
        format.thousands = ' ';
    }
    if (apostrophe_groups > best) {
        best = apostrophe_groups;
        format.thousands = '\'';
    }
    if (punct_groups > best) format.thousands = format.decimal == ',' ? '.' : ',';
    return format;
}

bool ParseMoney(std::string_view text, const NumberFormat& format, int64_t& minor_units) {
    return ParsePlainMoney(text, format.decimal, minor_units) || ParseMoneyGeneral(text, format, minor_units);
}

bool ParseMoneyGeneral(std::string_view text, const NumberFormat& format, int64_t& minor_units) {
    NormalizedNumber number;
    if (!ScanNumber(text, format.decimal, number)) return false;
    return MinorUnitsOf(number, minor_units);
}

bool ParseDecimal(std::string_view text, const NumberFormat& format, double& value) {
    NormalizedNumber number;
    if (!ScanNumber(text, format.decimal, number)) return false;
    // fast_float takes no '+' and parses the sign itself: put '-' in front of the normalized digits.
    char buf[kBufferSize + 1];
    int n = 0;
    if (number.negative) buf[n++] = '-';
    std::memcpy(buf + n, number.text, static_cast<size_t>(number.length));
    n += number.length;
    double parsed = 0;
    const auto result = fast_float::from_chars(buf, buf + n, parsed);
    if (result.ec != std::errc() || result.ptr != buf + n) return false;
    value = parsed;
    return true;
}

bool IsPlainInteger(std::string_view text) {
    size_t i = 0;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) i = 1;
    if (i == text.size()) return false;
    for (; i < text.size(); ++i) {
        if (!IsDigit(text[i])) return false;
    }
    return true;
}

}  // namespace crm
