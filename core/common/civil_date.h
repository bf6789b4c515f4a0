#pragma once
// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01).

#include <cstdint>
#include <string>

namespace crm {

constexpr int64_t kSecondsPerDay = 86400;

/// Days since 1970-01-01 for year y, month m (1..12), day d (1..31). No validation.
constexpr int32_t DaysFromCivil(int32_t y, int32_t m, int32_t d) {
    y -= m <= 2 ? 1 : 0;
    const int32_t era = (y >= 0 ? y : y - 399) / 400;
    const int32_t yoe = y - era * 400;
    const int32_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/// A calendar date.
struct CivilDate {
    int32_t year;
    int32_t month;  ///< 1..12
    int32_t day;    ///< 1..31
};

/// Calendar date of a day number.
constexpr CivilDate CivilFromDays(int32_t z) {
    z += 719468;
    const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int32_t doe = z - era * 146097;
    const int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int32_t y = yoe + era * 400;
    const int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int32_t mp = (5 * doy + 2) / 153;
    const int32_t d = doy - (153 * mp + 2) / 5 + 1;
    const int32_t m = mp < 10 ? mp + 3 : mp - 9;
    return CivilDate{m <= 2 ? y + 1 : y, m, d};
}

/// True when y-m-d is a real calendar date.
constexpr bool IsValidCivil(int32_t y, int32_t m, int32_t d) {
    if (m < 1 || m > 12 || d < 1) return false;
    constexpr int8_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= kDays[m - 1] + ((m == 2 && leap) ? 1 : 0);
}

/// Floor division of seconds into a day number (correct for negative times).
constexpr int32_t DayOfSeconds(int64_t seconds) {
    return static_cast<int32_t>(seconds >= 0 ? seconds / kSecondsPerDay : -((-seconds + kSecondsPerDay - 1) / kSecondsPerDay));
}

/// Weekday of a day number: 0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday).
constexpr int32_t WeekdayOfDays(int32_t days) {
    const int32_t w = (days + 3) % 7;
    return w < 0 ? w + 7 : w;
}

/// Month index year*12 + (month-1) of a day number.
constexpr int32_t MonthIndexOfDays(int32_t days) {
    const CivilDate c = CivilFromDays(days);
    return c.year * 12 + c.month - 1;
}

/// "YYYY-MM-DD".
std::string FormatIsoDate(int32_t days);

/// "YYYY-MM-DDTHH:MM:SS" for seconds since the epoch (naive time).
std::string FormatIsoDateTime(int64_t seconds);

/// Parses exactly "YYYY-MM-DD"; returns false on anything else.
bool ParseIsoDate(std::string_view text, int32_t& days);

}  // namespace crm
