#include "core/ingest/date_parser.h"

#include <algorithm>

#include "core/common/bytes.h"
#include "core/common/civil_date.h"

// Shapes accepted by ParseDateTime
// --------------------------------
//   ISO        yyyy-mm-dd, yyyy/mm/dd, yyyy.mm.dd (month and day with 1 or 2 digits)
//   numeric    a.b.yyyy, a/b/yyyy, a-b-yyyy, a and b with 1 or 2 digits, a 2-digit year meaning 20yy
//   followed by an optional time: ('T' | spaces | ',' spaces) h[h]:mm[:ss[(.|,)fraction]], then optional
//   AM/PM, then an optional offset (Z, UTC, GMT, ±hh, ±hh:mm, ±hhmm) that is ignored: the written date and
//   time are kept. A Russian year mark "г." after the date is skipped. Fractions of a second are truncated.
// Text kinds (kIso, kDayFirst, kMonthFirst) accept both shapes, so a column that mixes ISO and numeric dates
// still reads: numeric dates take the column's order (month-first only for kMonthFirst). Numeric kinds
// (Excel, Unix, yyyymmdd) read plain numbers and fall back to the text shapes for values that are not numbers.
// Years must be 1000..9999, so 1C's empty date "01.01.0001" is not a date.

namespace crm {
namespace {

constexpr int32_t kExcelEpochDays = DaysFromCivil(1899, 12, 30);  // serial 0
constexpr int64_t kMaxExcelSerial = 2958465;                      // 9999-12-31
constexpr int64_t kMaxUnixSeconds = 253402300799;                 // 9999-12-31 23:59:59
constexpr char kSeparators[3] = {'.', '/', '-'};

inline bool IsDigit(char c) { return static_cast<unsigned>(c - '0') < 10u; }
inline int32_t Digit(char c) { return c - '0'; }
inline bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// What a time of day looked like.
struct TimeInfo {
    bool has_time = false;
    bool has_seconds = false;
    bool twelve_hour = false;
};

/// Reads min..max digits at p into value.
inline bool ReadNumber(const char*& p, const char* end, int min_digits, int max_digits, int32_t& value) {
    int count = 0;
    int32_t v = 0;
    while (p < end && count < max_digits && IsDigit(*p)) {
        v = v * 10 + Digit(*p++);
        ++count;
    }
    value = v;
    return count >= min_digits && (p == end || !IsDigit(*p));
}

inline void SkipSpaces(const char*& p, const char* end) {
    while (p < end && IsSpace(*p)) ++p;
}

inline bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// Skips an ignored UTC offset: Z, UTC, GMT (optionally followed by an offset), ±hh, ±hh:mm, ±hhmm.
bool SkipZone(const char*& p, const char* end) {
    if (p == end) return true;
    if (*p == 'Z' || *p == 'z') {
        ++p;
        return true;
    }
    if (end - p >= 3) {
        const char a = static_cast<char>(p[0] | 0x20), b = static_cast<char>(p[1] | 0x20),
                   c = static_cast<char>(p[2] | 0x20);
        if ((a == 'u' && b == 't' && c == 'c') || (a == 'g' && b == 'm' && c == 't')) {
            p += 3;
            if (p == end || (*p != '+' && *p != '-')) return true;
        }
    }
    if (*p != '+' && *p != '-') return false;
    ++p;
    int digits = 0;
    while (p < end && IsDigit(*p) && digits < 4) {
        ++p;
        ++digits;
    }
    if (digits == 2 && p < end && *p == ':') {
        ++p;
        int minute_digits = 0;
        while (p < end && IsDigit(*p) && minute_digits < 2) {
            ++p;
            ++minute_digits;
        }
        return minute_digits == 2;
    }
    return digits == 1 || digits == 2 || digits == 4;
}

/// Parses what follows a date up to the end of the text: nothing, or a time of day with AM/PM and an offset.
bool ParseTail(const char* p, const char* end, int32_t& seconds_of_day, TimeInfo& info) {
    seconds_of_day = 0;
    info = TimeInfo{};
    if (p == end) return true;
    // Russian "05.03.2024 г." / "05.03.2024г".
    const char* q = p;
    SkipSpaces(q, end);
    if (end - q >= 2 && static_cast<uint8_t>(q[0]) == 0xD0 && static_cast<uint8_t>(q[1]) == 0xB3) {
        q += 2;
        if (q < end && *q == '.') ++q;
        if (q == end) return true;
        if (!IsSpace(*q)) return false;
        p = q;
    }
    if (*p == 'T' || *p == 't') {
        ++p;
    } else {
        if (*p == ',') ++p;
        if (p == end || !IsSpace(*p)) return false;
        SkipSpaces(p, end);
    }
    int32_t hour = 0, minute = 0, second = 0;
    if (!ReadNumber(p, end, 1, 2, hour) || p == end || *p != ':') return false;
    ++p;
    if (!ReadNumber(p, end, 2, 2, minute)) return false;
    info.has_time = true;
    if (p < end && *p == ':') {
        ++p;
        if (!ReadNumber(p, end, 2, 2, second)) return false;
        info.has_seconds = true;
        if (p < end && (*p == '.' || *p == ',')) {
            ++p;
            if (p == end || !IsDigit(*p)) return false;
            while (p < end && IsDigit(*p)) ++p;  // truncated
        }
    }
    SkipSpaces(p, end);
    if (end - p >= 2 && (p[1] == 'M' || p[1] == 'm') && (end - p == 2 || !IsLetter(p[2]))) {
        const char c = static_cast<char>(p[0] | 0x20);
        if (c == 'a' || c == 'p') {
            if (hour < 1 || hour > 12) return false;
            hour = (hour == 12 ? 0 : hour) + (c == 'p' ? 12 : 0);
            info.twelve_hour = true;
            p += 2;
            SkipSpaces(p, end);
        }
    }
    if (hour > 23 || minute > 59 || second > 59) return false;
    if (!SkipZone(p, end)) return false;
    SkipSpaces(p, end);
    if (p != end) return false;
    seconds_of_day = hour * 3600 + minute * 60 + second;
    return true;
}

inline bool IsValidDate(int32_t year, int32_t month, int32_t day) {
    return year >= 1000 && year <= 9999 && IsValidCivil(year, month, day);
}

inline int64_t SecondsOf(int32_t year, int32_t month, int32_t day, int32_t seconds_of_day) {
    return static_cast<int64_t>(DaysFromCivil(year, month, day)) * kSecondsPerDay + seconds_of_day;
}

inline bool IsIsoSeparator(char c) { return c == '-' || c == '/' || c == '.'; }

/// True when the text starts like an ISO date: 4 digits and a separator.
inline bool LooksIso(const char* p, const char* end) {
    return end - p >= 8 && IsDigit(p[0]) && IsDigit(p[1]) && IsDigit(p[2]) && IsDigit(p[3]) && IsIsoSeparator(p[4]);
}

/// yyyy<sep>m[m]<sep>d[d][tail].
bool ParseIsoShape(const char* p, const char* end, int64_t& seconds, TimeInfo& info) {
    int32_t year = 0, month = 0, day = 0;
    if (!ReadNumber(p, end, 4, 4, year) || p == end || !IsIsoSeparator(*p)) return false;
    const char separator = *p++;
    if (!ReadNumber(p, end, 1, 2, month) || p == end || *p != separator) return false;
    ++p;
    if (!ReadNumber(p, end, 1, 2, day)) return false;
    int32_t seconds_of_day = 0;
    if (!IsValidDate(year, month, day) || !ParseTail(p, end, seconds_of_day, info)) return false;
    seconds = SecondsOf(year, month, day, seconds_of_day);
    return true;
}

/// SplitNumericDate that also reports the separator, the year's width and the time's shape.
bool SplitNumeric(const char* p, const char* end, NumericDateParts& parts, char& separator, bool& two_digit_year,
                  TimeInfo& info) {
    int32_t first = 0, second = 0, year = 0;
    if (!ReadNumber(p, end, 1, 2, first) || p == end || !IsIsoSeparator(*p)) return false;
    separator = *p++;
    if (!ReadNumber(p, end, 1, 2, second) || p == end || *p != separator) return false;
    ++p;
    const char* year_start = p;
    if (!ReadNumber(p, end, 2, 4, year) || p - year_start == 3) return false;
    two_digit_year = p - year_start == 2;
    if (two_digit_year) year += 2000;
    int32_t seconds_of_day = 0;
    if (!ParseTail(p, end, seconds_of_day, info)) return false;
    parts.first = first;
    parts.second = second;
    parts.year = year;
    parts.seconds_of_day = seconds_of_day;
    parts.has_time = info.has_time;
    return true;
}

inline void Trim(const char*& p, const char*& end) {
    while (p < end && IsSpace(*p)) ++p;
    while (end > p && IsSpace(end[-1])) --end;
}

/// Reads the text shapes (ISO or numeric in the given order).
bool ParseTextDate(const char* p, const char* end, DateKind order, int64_t& seconds, bool& has_time) {
    const ptrdiff_t n = end - p;
    // Fast paths for the two most common shapes: "yyyy-mm-dd" and "dd.mm.yyyy".
    if (n == 10) {
        if (p[4] == '-' && p[7] == '-' && IsDigit(p[0]) && IsDigit(p[1]) && IsDigit(p[2]) && IsDigit(p[3]) &&
            IsDigit(p[5]) && IsDigit(p[6]) && IsDigit(p[8]) && IsDigit(p[9])) {
            const int32_t year = Digit(p[0]) * 1000 + Digit(p[1]) * 100 + Digit(p[2]) * 10 + Digit(p[3]);
            const int32_t month = Digit(p[5]) * 10 + Digit(p[6]);
            const int32_t day = Digit(p[8]) * 10 + Digit(p[9]);
            if (!IsValidDate(year, month, day)) return false;
            seconds = SecondsOf(year, month, day, 0);
            has_time = false;
            return true;
        }
        if (p[2] == '.' && p[5] == '.' && order == DateKind::kDayFirst && IsDigit(p[0]) && IsDigit(p[1]) &&
            IsDigit(p[3]) && IsDigit(p[4]) && IsDigit(p[6]) && IsDigit(p[7]) && IsDigit(p[8]) && IsDigit(p[9])) {
            const int32_t day = Digit(p[0]) * 10 + Digit(p[1]);
            const int32_t month = Digit(p[3]) * 10 + Digit(p[4]);
            const int32_t year = Digit(p[6]) * 1000 + Digit(p[7]) * 100 + Digit(p[8]) * 10 + Digit(p[9]);
            if (!IsValidDate(year, month, day)) return false;
            seconds = SecondsOf(year, month, day, 0);
            has_time = false;
            return true;
        }
    }
    // "yyyy-mm-ddThh:mm:ss" and "yyyy-mm-dd hh:mm:ss" (CRM event logs): the same result as ParseIsoShape.
    if (n == 19 && p[4] == '-' && p[7] == '-' && (p[10] == 'T' || p[10] == ' ') && p[13] == ':' && p[16] == ':') {
        // Three overlapping 8-byte words: "yyyy-mm-", "ddThh:mm", "hh:mm:ss", with their separator bytes (checked
        // above) replaced by '0': all digits when no byte is flagged.
        constexpr uint64_t kZeros = 0x3030303030303030ULL;
        constexpr uint64_t kDateMask = 0x00FFFF00FFFFFFFFULL, kTimeMask = 0xFFFF00FFFF00FFFFULL;
        const uint64_t a = (Load64(p) & kDateMask) | (kZeros & ~kDateMask);
        const uint64_t b = (Load64(p + 8) & kTimeMask) | (kZeros & ~kTimeMask);
        const uint64_t c = (Load64(p + 11) & kTimeMask) | (kZeros & ~kTimeMask);
        if ((NonDigitBytes(a) | NonDigitBytes(b) | NonDigitBytes(c)) == 0) {
            const uint64_t da = a - kZeros, db = b - kZeros, dc = c - kZeros;  // bytes 0..9, no borrows
            const auto at = [](uint64_t word, int i) { return static_cast<int32_t>((word >> (8 * i)) & 0xFF); };
            const int32_t year = at(da, 0) * 1000 + at(da, 1) * 100 + at(da, 2) * 10 + at(da, 3);
            const int32_t month = at(da, 5) * 10 + at(da, 6);
            const int32_t day = at(db, 0) * 10 + at(db, 1);
            const int32_t hour = at(dc, 0) * 10 + at(dc, 1);
            const int32_t minute = at(dc, 3) * 10 + at(dc, 4);
            const int32_t second = at(dc, 6) * 10 + at(dc, 7);
            if (!IsValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return false;
            seconds = SecondsOf(year, month, day, hour * 3600 + minute * 60 + second);
            has_time = true;
            return true;
        }
    }
    TimeInfo info;
    if (LooksIso(p, end)) {
        if (!ParseIsoShape(p, end, seconds, info)) return false;
        has_time = info.has_time;
        return true;
    }
    NumericDateParts parts;
    char separator = 0;
    bool two_digit_year = false;
    if (!SplitNumeric(p, end, parts, separator, two_digit_year, info)) return false;
    if (!ResolveNumericDate(parts, order, seconds)) return false;
    has_time = parts.has_time;
    return true;
}

/// A plain non-negative number "digits[(.|,)digits]" (up to 15 integer digits).
struct PlainNumber {
    int64_t integer = 0;
    int integer_digits = 0;
    uint64_t fraction = 0;  ///< the first up to 12 fraction digits
    int fraction_digits = 0;
};

bool ReadPlainNumber(const char* p, const char* end, PlainNumber& number) {
    while (p < end && IsDigit(*p)) {
        if (++number.integer_digits > 15) return false;
        number.integer = number.integer * 10 + Digit(*p++);
    }
    if (number.integer_digits == 0) return false;
    if (p == end) return true;
    if (*p != '.' && *p != ',') return false;
    ++p;
    if (p == end) return false;
    while (p < end && IsDigit(*p)) {
        if (number.fraction_digits < 12) {
            number.fraction = number.fraction * 10 + static_cast<uint64_t>(Digit(*p));
            ++number.fraction_digits;
        }
        ++p;
    }
    return p == end;
}

constexpr uint64_t kPow10[13] = {1,           10,           100,           1000,         10000,
                                 100000,      1000000,      10000000,      100000000,    1000000000,
                                 10000000000, 100000000000, 1000000000000};

/// Reads a numeric kind's plain number; false when the text is not one or is out of range.
bool ParseNumericKind(const PlainNumber& number, DateKind kind, int64_t& seconds, bool& has_time) {
    switch (kind) {
        case DateKind::kCompactYmd: {
            if (number.integer_digits != 8 || number.fraction_digits != 0) return false;
            const int32_t year = static_cast<int32_t>(number.integer / 10000);
            const int32_t month = static_cast<int32_t>(number.integer / 100 % 100);
            const int32_t day = static_cast<int32_t>(number.integer % 100);
            if (!IsValidDate(year, month, day)) return false;
            seconds = SecondsOf(year, month, day, 0);
            has_time = false;
            return true;
        }
        case DateKind::kExcelSerial: {
            if (number.integer > kMaxExcelSerial) return false;
            // The fraction of a day, rounded to the nearest second: round(F * 86400 / 10^k).
            const uint64_t scale = kPow10[number.fraction_digits];
            const int64_t time = static_cast<int64_t>((number.fraction * 86400 + scale / 2) / scale);
            seconds = (kExcelEpochDays + number.integer) * kSecondsPerDay + time;
            has_time = number.fraction != 0;
            return true;
        }
        case DateKind::kUnixSeconds:
            if (number.integer > kMaxUnixSeconds) return false;
            seconds = number.integer;
            has_time = true;
            return true;
        case DateKind::kUnixMillis:
            if (number.integer / 1000 > kMaxUnixSeconds) return false;
            seconds = number.integer / 1000;
            has_time = true;
            return true;
        default:
            return false;
    }
}

/// Which numeric kind a plain number fits when detecting a column (kUnknown when none).
DateKind NumericKindOf(const PlainNumber& number) {
    const int64_t v = number.integer;
    if (number.integer_digits == 8 && number.fraction_digits == 0) {
        const int32_t year = static_cast<int32_t>(v / 10000);
        if (year >= 1900 && year <= 2100 && IsValidCivil(year, static_cast<int32_t>(v / 100 % 100),
                                                         static_cast<int32_t>(v % 100))) {
            return DateKind::kCompactYmd;
        }
    }
    if (v >= 20000 && v < 80000) return DateKind::kExcelSerial;
    if (v >= 100'000'000 && v <= 4'200'000'000) return DateKind::kUnixSeconds;
    if (v >= 100'000'000'000 && v <= 4'200'000'000'000 && number.fraction_digits == 0) return DateKind::kUnixMillis;
    return DateKind::kUnknown;
}

inline bool IsNumericKind(DateKind kind) {
    return kind == DateKind::kCompactYmd || kind == DateKind::kExcelSerial || kind == DateKind::kUnixSeconds ||
           kind == DateKind::kUnixMillis;
}

}  // namespace

std::string DateFormat::Describe() const {
    std::string out;
    switch (kind) {
        case DateKind::kUnknown:
            return "unknown";
        case DateKind::kIso:
            return time_parts == 0 ? "ISO 8601" : "ISO 8601 date and time";
        case DateKind::kCompactYmd:
            return "yyyymmdd";
        case DateKind::kExcelSerial:
            return "Excel serial";
        case DateKind::kUnixSeconds:
            return "Unix seconds";
        case DateKind::kUnixMillis:
            return "Unix milliseconds";
        case DateKind::kDayFirst:
        case DateKind::kMonthFirst: {
            const char sep = separator != 0 ? separator : (kind == DateKind::kDayFirst ? '.' : '/');
            out.append(kind == DateKind::kDayFirst ? "dd" : "mm");
            out += sep;
            out += kind == DateKind::kDayFirst ? "mm" : "dd";
            out += sep;
            out += two_digit_year ? "yy" : "yyyy";
            if (time_parts >= 2) out += " hh:mm";
            if (time_parts >= 3) out += ":ss";
            if (twelve_hour) out += " AM/PM";
            if (order_ambiguous) out += " (day/month order assumed: no value has a part above 12)";
            return out;
        }
    }
    return "unknown";
}

bool SplitNumericDate(std::string_view text, NumericDateParts& parts) {
    const char* p = text.data();
    const char* end = p + text.size();
    Trim(p, end);
    char separator = 0;
    bool two_digit_year = false;
    TimeInfo info;
    return SplitNumeric(p, end, parts, separator, two_digit_year, info);
}

bool ResolveNumericDate(const NumericDateParts& parts, DateKind order, int64_t& seconds) {
    const bool month_first = order == DateKind::kMonthFirst;
    const int32_t day = month_first ? parts.second : parts.first;
    const int32_t month = month_first ? parts.first : parts.second;
    if (!IsValidDate(parts.year, month, day)) return false;
    if (parts.seconds_of_day < 0 || parts.seconds_of_day >= kSecondsPerDay) return false;
    seconds = SecondsOf(parts.year, month, day, parts.seconds_of_day);
    return true;
}

void DayMonthEvidence::Observe(const NumericDateParts& parts, int64_t times) {
    if (parts.first > 12 && parts.first <= 31) first_above_12 += times;
    if (parts.second > 12 && parts.second <= 31) second_above_12 += times;
}

DateKind DayMonthEvidence::Decide(DateKind fallback) const {
    if (first_above_12 > second_above_12) return DateKind::kDayFirst;
    if (second_above_12 > first_above_12) return DateKind::kMonthFirst;
    return fallback;
}

DateFormat DetectDateFormat(std::span<const std::string_view> samples, std::span<const int64_t> counts) {
    int64_t non_empty = 0, iso = 0, numeric = 0, numbers = 0;
    int64_t numeric_kind_counts[8] = {};
    int64_t separator_counts[3] = {};  // by kSeparators
    int64_t two_digit_years = 0;
    uint8_t iso_time_parts = 0, numeric_time_parts = 0;
    bool twelve_hour = false;
    DayMonthEvidence evidence;
    // Every count below is a sum over values, so a distinct value seen n times is read once and counted n times.
    for (size_t i = 0; i < samples.size(); ++i) {
        const std::string_view sample = samples[i];
        const int64_t times = counts.empty() ? 1 : counts[i];
        const char* p = sample.data();
        const char* end = p + sample.size();
        Trim(p, end);
        if (p == end) continue;
        non_empty += times;
        PlainNumber number;
        if (ReadPlainNumber(p, end, number)) {
            numbers += times;
            numeric_kind_counts[static_cast<int>(NumericKindOf(number))] += times;
            continue;
        }
        TimeInfo info;
        int64_t seconds = 0;
        if (LooksIso(p, end)) {
            if (ParseIsoShape(p, end, seconds, info)) {
                iso += times;
                iso_time_parts = std::max<uint8_t>(iso_time_parts, info.has_seconds ? 3 : info.has_time ? 2 : 0);
            }
            continue;
        }
        NumericDateParts parts;
        char separator = 0;
        bool two_digit_year = false;
        if (!SplitNumeric(p, end, parts, separator, two_digit_year, info)) continue;
        if (!ResolveNumericDate(parts, DateKind::kDayFirst, seconds) &&
            !ResolveNumericDate(parts, DateKind::kMonthFirst, seconds)) {
            continue;
        }
        numeric += times;
        evidence.Observe(parts, times);
        separator_counts[separator == '.' ? 0 : separator == '/' ? 1 : 2] += times;  // kSeparators order
        two_digit_years += two_digit_year ? times : 0;
        numeric_time_parts = std::max<uint8_t>(numeric_time_parts, info.has_seconds ? 3 : info.has_time ? 2 : 0);
        twelve_hour = twelve_hour || info.twelve_hour;
    }
    DateFormat format;
    if (non_empty == 0) return format;
    if (numbers == non_empty) {
        // Plain numbers are dates only when every one fits the same range.
        for (const DateKind kind :
             {DateKind::kCompactYmd, DateKind::kExcelSerial, DateKind::kUnixSeconds, DateKind::kUnixMillis}) {
            if (numeric_kind_counts[static_cast<int>(kind)] == numbers) format.kind = kind;
        }
        return format;
    }
    // Text dates: at least half of the values must read as dates.
    if ((iso + numeric) * 2 < non_empty || iso + numeric == 0) return format;
    if (iso > numeric) {
        format.kind = DateKind::kIso;
        format.time_parts = iso_time_parts;
        return format;
    }
    const int64_t dotted = separator_counts[0];
    if (dotted == numeric) {
        format.kind = DateKind::kDayFirst;  // '.' dates are always day-first
    } else {
        format.kind = evidence.Decide(DateKind::kDayFirst);
        format.order_ambiguous = evidence.first_above_12 == evidence.second_above_12;
    }
    int best = 0;
    for (int k = 1; k < 3; ++k) {
        if (separator_counts[k] > separator_counts[best]) best = k;
    }
    format.separator = kSeparators[best];
    format.two_digit_year = two_digit_years * 2 > numeric;
    format.time_parts = numeric_time_parts;
    format.twelve_hour = twelve_hour;
    return format;
}

bool ParseDateTime(std::string_view text, const DateFormat& format, int64_t& seconds, bool& has_time) {
    const char* p = text.data();
    const char* end = p + text.size();
    Trim(p, end);
    if (p == end) return false;
    if (IsNumericKind(format.kind)) {
        PlainNumber number;
        if (ReadPlainNumber(p, end, number)) return ParseNumericKind(number, format.kind, seconds, has_time);
        return ParseTextDate(p, end, DateKind::kDayFirst, seconds, has_time);
    }
    switch (format.kind) {
        case DateKind::kIso:
        case DateKind::kDayFirst:
            return ParseTextDate(p, end, DateKind::kDayFirst, seconds, has_time);
        case DateKind::kMonthFirst:
            return ParseTextDate(p, end, DateKind::kMonthFirst, seconds, has_time);
        default:
            return false;
    }
}

}  // namespace crm
