#pragma once
// Dates and datetimes as CRM exports write them. Times are naive local times stored as seconds
// since 1970-01-01 as if they were UTC; a written offset (Z, +03:00, -0500) is ignored.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace crm {

/// How a date column is written.
enum class DateKind : uint8_t {
    kUnknown,
    kIso,          ///< YYYY-MM-DD[(T| )hh:mm[:ss[.fff]]][Z|±hh[:]mm], also YYYY/MM/DD and YYYY.MM.DD
    kDayFirst,     ///< dd.mm.yyyy, dd/mm/yyyy, dd-mm-yyyy [hh:mm[:ss]] (also 2-digit years: 20yy)
    kMonthFirst,   ///< mm/dd/yyyy [hh:mm[:ss] [AM|PM]]
    kCompactYmd,   ///< yyyymmdd (8 digits, e.g. 19970101)
    kExcelSerial,  ///< days since 1899-12-30; a fraction is the time of day
    kUnixSeconds,  ///< seconds since 1970-01-01 UTC
    kUnixMillis,   ///< milliseconds since 1970-01-01 UTC
};

/// The format of one date column.
struct DateFormat {
    DateKind kind = DateKind::kUnknown;
    /// True when kDayFirst/kMonthFirst was chosen by default because no value had a part above 12.
    bool order_ambiguous = false;
    // The fields below only shape Describe(); parsing accepts every variant of the kind.
    char separator = 0;           ///< '.', '/' or '-' of a kDayFirst/kMonthFirst column (0: not known)
    bool two_digit_year = false;  ///< kDayFirst/kMonthFirst values write the year with 2 digits
    uint8_t time_parts = 0;       ///< 0: no time of day seen, 2: hh:mm, 3: hh:mm:ss
    bool twelve_hour = false;     ///< times carry AM/PM
    /// e.g. "dd.mm.yyyy hh:mm", "mm/dd/yyyy", "ISO 8601", "Excel serial", "Unix seconds".
    std::string Describe() const;
};

/// Decides the format of a column from sample values (empty ones ignored). For numeric dates with
/// '/' or '-' the day/month order comes from values whose first or second part exceeds 12 (the larger
/// count wins); when none does, day-first is chosen and order_ambiguous is set. '.' separated dates are
/// always day-first. Plain numbers are read as yyyymmdd (8 digits, years 1900..2100), Excel serials
/// (20000..80000), Unix seconds (1e8..4.2e9) or milliseconds (1e11..4.2e12) only when every sample fits the
/// same one of these. Text dates need at least half of the non-empty samples to read as dates; ISO wins over
/// numeric dates only when it has more values. kUnknown otherwise. `counts`, when given, holds how many sample
/// values each entry of `samples` stands for (distinct values with their counts); empty means one each.
DateFormat DetectDateFormat(std::span<const std::string_view> samples, std::span<const int64_t> counts = {});

/// Parses one value in a known format into seconds since the epoch; has_time tells whether a time
/// of day was written (always true for Unix times). kIso, kDayFirst and kMonthFirst columns all accept
/// both the ISO and the numeric shapes (numeric ones in the column's order, day-first unless kMonthFirst);
/// the numeric kinds also accept those text shapes. Years must be 1000..9999. Fractions of a second are
/// truncated; an Excel fraction of a day is rounded to the nearest second. False for anything else,
/// including invalid calendar dates, hours > 23, minutes or seconds > 59. No allocation.
bool ParseDateTime(std::string_view text, const DateFormat& format, int64_t& seconds, bool& has_time);

/// A numeric date split into parts before its day/month order is known ("05/07/2024 10:30").
struct NumericDateParts {
    int32_t first = 0;
    int32_t second = 0;
    int32_t year = 0;
    int32_t seconds_of_day = 0;
    bool has_time = false;
};

/// Splits "a<sep>b<sep>yyyy[ time]" with sep in "./-"; false when the text is not of that shape.
bool SplitNumericDate(std::string_view text, NumericDateParts& parts);

/// Builds seconds from split parts in the given order (kDayFirst or kMonthFirst); false when invalid.
bool ResolveNumericDate(const NumericDateParts& parts, DateKind order, int64_t& seconds);

/// Counts, over a whole column, values that prove day-first or month-first order.
struct DayMonthEvidence {
    int64_t first_above_12 = 0;   ///< values whose first part is 13..31 (so day-first)
    int64_t second_above_12 = 0;  ///< values whose second part is 13..31 (so month-first)
    /// Counts `parts` as `times` values.
    void Observe(const NumericDateParts& parts, int64_t times = 1);
    /// kDayFirst or kMonthFirst from the evidence; `fallback` when there is none.
    DateKind Decide(DateKind fallback) const;
};

}  // namespace crm
