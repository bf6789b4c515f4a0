#include "core/ingest/date_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/common/civil_date.h"

namespace crm {
namespace {

/// Expected seconds of a written local date and time.
int64_t At(int32_t y, int32_t m, int32_t d, int32_t hh = 0, int32_t mm = 0, int32_t ss = 0) {
    return static_cast<int64_t>(DaysFromCivil(y, m, d)) * kSecondsPerDay + hh * 3600 + mm * 60 + ss;
}

DateFormat Kind(DateKind kind) {
    DateFormat format;
    format.kind = kind;
    return format;
}

struct ParseCase {
    std::string_view text;
    DateKind kind;
    bool ok;
    int64_t seconds;  // expected when ok
    bool has_time;
};

TEST(ParseDateTime, AnchorsAreRight) {
    // 2024-01-01 is day 19723 since 1970-01-01 (54 years, 13 of them leap: 54*365 + 13 = 19723).
    EXPECT_EQ(At(2024, 1, 1), 19723LL * 86400);
    EXPECT_EQ(At(2024, 1, 1), 1704067200LL);
}

TEST(ParseDateTime, ReadsEveryWrittenForm) {
    using K = DateKind;
    const ParseCase cases[] = {
        // ISO 8601 and its relatives; offsets are ignored, the written date and time are kept.
        {"2024-03-05", K::kIso, true, At(2024, 3, 5), false},
        {" 2024-03-05 ", K::kIso, true, At(2024, 3, 5), false},
        {"2024/03/05", K::kIso, true, At(2024, 3, 5), false},
        {"2024.03.05", K::kIso, true, At(2024, 3, 5), false},
        {"2024-3-5", K::kIso, true, At(2024, 3, 5), false},
        {"2024-03-05T14:22", K::kIso, true, At(2024, 3, 5, 14, 22), true},
        {"2024-03-05 14:22:10", K::kIso, true, At(2024, 3, 5, 14, 22, 10), true},
        {"2024-03-05 9:05", K::kIso, true, At(2024, 3, 5, 9, 5), true},
        {"2024-03-05T14:22:10.987Z", K::kIso, true, At(2024, 3, 5, 14, 22, 10), true},
        {"2024-03-05T14:22:10.123456+03:00", K::kIso, true, At(2024, 3, 5, 14, 22, 10), true},
        {"2024-03-05 14:22:10 +0300", K::kIso, true, At(2024, 3, 5, 14, 22, 10), true},
        {"2024-03-05T23:30:00-05:00", K::kIso, true, At(2024, 3, 5, 23, 30), true},
        {"2024-03-05T23:30:00-05", K::kIso, true, At(2024, 3, 5, 23, 30), true},
        {"2024-03-05T14:22:10 UTC", K::kIso, true, At(2024, 3, 5, 14, 22, 10), true},
        {"2024-03-05 14:22 GMT+3", K::kIso, true, At(2024, 3, 5, 14, 22), true},
        {"2024-03-05T00:00:00", K::kIso, true, At(2024, 3, 5), true},
        // The 19-byte event-log shapes (a fast path; "yyyy-mm-dd hh:mm:ss" is above): 'T' and 't', the last second of a leap day, and the
        // limits it must refuse like the general path.
        {"2024-02-29T23:59:59", K::kIso, true, At(2024, 2, 29, 23, 59, 59), true},
        {"2024-03-05t14:22:10", K::kIso, true, At(2024, 3, 5, 14, 22, 10), true},
        {"2023-02-29T10:00:00", K::kIso, false, 0, false},
        {"2024-03-05T24:00:00", K::kIso, false, 0, false},
        {"2024-03-05T12:60:00", K::kIso, false, 0, false},
        {"2024-13-05T12:00:00", K::kIso, false, 0, false},
        {"2024-03-05T1a:00:00", K::kIso, false, 0, false},
        // Bytes next to the digits ('/' 0x2F, ':' 0x3A, '?' 0x3F, 0xB5: low nibble a digit's) in every word.
        {"2/24-03-05T12:00:00", K::kIso, false, 0, false},
        {"2024-0:-05T12:00:00", K::kIso, false, 0, false},
        {"2024-03-?5T12:00:00", K::kIso, false, 0, false},
        {"2024-03-05T12:0\xB5:00", K::kIso, false, 0, false},
        {"2024-03-05T12:00:5?", K::kIso, false, 0, false},
        {"0001-01-01T00:00:00", K::kIso, false, 0, false},
        {"9999-12-31T23:59:59", K::kIso, true, At(9999, 12, 31, 23, 59, 59), true},
        {"2024-02-29", K::kIso, true, At(2024, 2, 29), false},
        {"2000-02-29", K::kIso, true, At(2000, 2, 29), false},
        {"1997-01-01", K::kIso, true, At(1997, 1, 1), false},
        {"05.03.2024", K::kIso, true, At(2024, 3, 5), false},  // numeric dates in an ISO column: day-first
        {"2023-02-29", K::kIso, false, 0, false},
        {"1900-02-29", K::kIso, false, 0, false},
        {"2024-13-01", K::kIso, false, 0, false},
        {"2024-00-10", K::kIso, false, 0, false},
        {"2024-04-31", K::kIso, false, 0, false},
        {"2024-03-00", K::kIso, false, 0, false},
        {"2024-03-05T24:00", K::kIso, false, 0, false},
        {"2024-03-05T12:60", K::kIso, false, 0, false},
        {"2024-03-05T12:30:60", K::kIso, false, 0, false},
        {"2024-03-05T", K::kIso, false, 0, false},
        {"2024-03-05X", K::kIso, false, 0, false},
        {"2024-03-05 14", K::kIso, false, 0, false},
        {"2024-03-05 14:2", K::kIso, false, 0, false},
        {"2024-03-05T14:22:10+3:0", K::kIso, false, 0, false},
        {"2024-03-05 14:22 extra", K::kIso, false, 0, false},
        {"2024-03/05", K::kIso, false, 0, false},
        {"0001-01-01", K::kIso, false, 0, false},
        {"20240-03-05", K::kIso, false, 0, false},
        {"", K::kIso, false, 0, false},
        {"   ", K::kIso, false, 0, false},
        {"yesterday", K::kIso, false, 0, false},
        // Day first.
        {"05.03.2024", K::kDayFirst, true, At(2024, 3, 5), false},
        {"5.3.2024", K::kDayFirst, true, At(2024, 3, 5), false},
        {"05.03.2024 14:22", K::kDayFirst, true, At(2024, 3, 5, 14, 22), true},
        {"05.03.2024 14:22:10", K::kDayFirst, true, At(2024, 3, 5, 14, 22, 10), true},
        {"05.03.2024, 14:22", K::kDayFirst, true, At(2024, 3, 5, 14, 22), true},
        {"05.03.2024 0:00:00", K::kDayFirst, true, At(2024, 3, 5), true},
        {"05.03.24", K::kDayFirst, true, At(2024, 3, 5), false},
        {"05.03.24 08:15", K::kDayFirst, true, At(2024, 3, 5, 8, 15), true},
        {"05/03/2024", K::kDayFirst, true, At(2024, 3, 5), false},
        {"05-03-2024", K::kDayFirst, true, At(2024, 3, 5), false},
        {"31.12.2023 23:59:59", K::kDayFirst, true, At(2023, 12, 31, 23, 59, 59), true},
        {"05.03.2024 г.", K::kDayFirst, true, At(2024, 3, 5), false},
        {"05.03.2024г", K::kDayFirst, true, At(2024, 3, 5), false},
        {"2024-03-05", K::kDayFirst, true, At(2024, 3, 5), false},  // ISO in a day-first column
        {"29.02.2024", K::kDayFirst, true, At(2024, 2, 29), false},
        {"31.02.2024", K::kDayFirst, false, 0, false},
        {"29.02.2023", K::kDayFirst, false, 0, false},
        {"32.01.2024", K::kDayFirst, false, 0, false},
        {"05.13.2024", K::kDayFirst, false, 0, false},
        {"05.03.2024 25:00", K::kDayFirst, false, 0, false},
        {"05.03.2024 10:61", K::kDayFirst, false, 0, false},
        {"01.01.0001 0:00:00", K::kDayFirst, false, 0, false},  // 1C's empty date
        {"05.03.202", K::kDayFirst, false, 0, false},
        {"05.03", K::kDayFirst, false, 0, false},
        {"05.03/2024", K::kDayFirst, false, 0, false},
        {"005.03.2024", K::kDayFirst, false, 0, false},
        {"05.03.2024 гx", K::kDayFirst, false, 0, false},
        {"a5.03.2024", K::kDayFirst, false, 0, false},
        // Month first, with 12-hour times.
        {"03/05/2024", K::kMonthFirst, true, At(2024, 3, 5), false},
        {"3/5/2024 14:22", K::kMonthFirst, true, At(2024, 3, 5, 14, 22), true},
        {"3/5/2024 2:22 PM", K::kMonthFirst, true, At(2024, 3, 5, 14, 22), true},
        {"3/5/2024 2:22PM", K::kMonthFirst, true, At(2024, 3, 5, 14, 22), true},
        {"3/5/2024 12:05 AM", K::kMonthFirst, true, At(2024, 3, 5, 0, 5), true},
        {"3/5/2024 12:05 PM", K::kMonthFirst, true, At(2024, 3, 5, 12, 5), true},
        {"03/05/2024 11:59:59 pm", K::kMonthFirst, true, At(2024, 3, 5, 23, 59, 59), true},
        {"12/31/24", K::kMonthFirst, true, At(2024, 12, 31), false},
        {"2024-03-05 14:22:10 +0300", K::kMonthFirst, true, At(2024, 3, 5, 14, 22, 10), true},
        {"3/5/2024 13:00 PM", K::kMonthFirst, false, 0, false},
        {"3/5/2024 0:30 AM", K::kMonthFirst, false, 0, false},
        {"13/05/2024", K::kMonthFirst, false, 0, false},
        {"3/5/2024 2:22 XM", K::kMonthFirst, false, 0, false},
        // yyyymmdd (the CDNOW data set).
        {"19970101", K::kCompactYmd, true, At(1997, 1, 1), false},
        {"19980630", K::kCompactYmd, true, At(1998, 6, 30), false},
        {"19970230", K::kCompactYmd, false, 0, false},
        {"1997011", K::kCompactYmd, false, 0, false},
        {"199701011", K::kCompactYmd, false, 0, false},
        // Excel serials: days since 1899-12-30, a fraction is the time of day rounded to the second.
        {"45292", K::kExcelSerial, true, At(2024, 1, 1), false},
        {"45292.0", K::kExcelSerial, true, At(2024, 1, 1), false},
        {"45292.5", K::kExcelSerial, true, At(2024, 1, 1, 12), true},
        {"45292,75", K::kExcelSerial, true, At(2024, 1, 1, 18), true},
        // 0.000011574 * 86400 = 0.9999936 s -> 1 s.
        {"45292.000011574", K::kExcelSerial, true, At(2024, 1, 1, 0, 0, 1), true},
        // 0.99999 * 86400 = 86399.136 s -> 23:59:59.
        {"45292.99999", K::kExcelSerial, true, At(2024, 1, 1, 23, 59, 59), true},
        // 0.999999 * 86400 = 86399.9136 s -> 86400 s: the next midnight.
        {"45292.999999", K::kExcelSerial, true, At(2024, 1, 2), true},
        // 45356 - 45292 = 64 days after 2024-01-01 = 2024-03-05 (31 in January, 29 in February, 4).
        {"45356.598726851854", K::kExcelSerial, true, At(2024, 3, 5, 14, 22, 10), true},
        {"2024-03-05", K::kExcelSerial, true, At(2024, 3, 5), false},  // text dates still read
        {"-5", K::kExcelSerial, false, 0, false},
        {"45292.", K::kExcelSerial, false, 0, false},
        {"45292.5.1", K::kExcelSerial, false, 0, false},
        {"abc", K::kExcelSerial, false, 0, false},
        {"9999999", K::kExcelSerial, false, 0, false},
        // Unix seconds and milliseconds (UTC). 2024-03-05 is day 19723 + 31 + 29 + 4 = 19787;
        // 19787 * 86400 = 1709596800, plus 14:22:10 = 51730 s -> 1709648530.
        {"1704067200", K::kUnixSeconds, true, At(2024, 1, 1), true},
        {"1709648530", K::kUnixSeconds, true, At(2024, 3, 5, 14, 22, 10), true},
        {"1709648530.75", K::kUnixSeconds, true, At(2024, 3, 5, 14, 22, 10), true},
        {"1709648530123", K::kUnixMillis, true, At(2024, 3, 5, 14, 22, 10), true},
        {"1709648530999", K::kUnixMillis, true, At(2024, 3, 5, 14, 22, 10), true},
        {"17096485x0", K::kUnixSeconds, false, 0, false},
        {"999999999999999", K::kUnixSeconds, false, 0, false},
        // Unknown format reads nothing.
        {"2024-03-05", K::kUnknown, false, 0, false},
    };
    for (const ParseCase& c : cases) {
        int64_t seconds = -1;
        bool has_time = false;
        const bool ok = ParseDateTime(c.text, Kind(c.kind), seconds, has_time);
        EXPECT_EQ(ok, c.ok) << "text [" << c.text << "] kind " << static_cast<int>(c.kind);
        if (!ok || !c.ok) continue;
        EXPECT_EQ(seconds, c.seconds) << "text [" << c.text << "] got " << FormatIsoDateTime(seconds);
        EXPECT_EQ(has_time, c.has_time) << "text [" << c.text << "]";
    }
}

struct SplitCase {
    std::string_view text;
    bool ok;
    NumericDateParts parts;
};

TEST(SplitNumericDate, SplitsBeforeTheOrderIsKnown) {
    const SplitCase cases[] = {
        {"05/07/2024 10:30", true, {5, 7, 2024, 10 * 3600 + 30 * 60, true}},
        {"13.01.24", true, {13, 1, 2024, 0, false}},
        {"1-2-2024 1:02:03 PM", true, {1, 2, 2024, 13 * 3600 + 2 * 60 + 3, true}},
        {" 31/12/1999 ", true, {31, 12, 1999, 0, false}},
        {"2024-01-05", false, {}},
        {"5/7", false, {}},
        {"05/07/202", false, {}},
        {"05/07-2024", false, {}},
        {"05/07/2024 10", false, {}},
        {"", false, {}},
    };
    for (const SplitCase& c : cases) {
        NumericDateParts parts;
        const bool ok = SplitNumericDate(c.text, parts);
        EXPECT_EQ(ok, c.ok) << "text [" << c.text << "]";
        if (!ok || !c.ok) continue;
        EXPECT_EQ(parts.first, c.parts.first) << c.text;
        EXPECT_EQ(parts.second, c.parts.second) << c.text;
        EXPECT_EQ(parts.year, c.parts.year) << c.text;
        EXPECT_EQ(parts.seconds_of_day, c.parts.seconds_of_day) << c.text;
        EXPECT_EQ(parts.has_time, c.parts.has_time) << c.text;
    }
}

TEST(ResolveNumericDate, AppliesTheOrder) {
    const struct {
        NumericDateParts parts;
        DateKind order;
        bool ok;
        int64_t seconds;
    } cases[] = {
        {{5, 7, 2024, 0, false}, DateKind::kDayFirst, true, At(2024, 7, 5)},
        {{5, 7, 2024, 0, false}, DateKind::kMonthFirst, true, At(2024, 5, 7)},
        {{5, 7, 2024, 3723, true}, DateKind::kDayFirst, true, At(2024, 7, 5, 1, 2, 3)},
        {{13, 1, 2024, 0, false}, DateKind::kDayFirst, true, At(2024, 1, 13)},
        {{13, 1, 2024, 0, false}, DateKind::kMonthFirst, false, 0},
        {{31, 2, 2024, 0, false}, DateKind::kDayFirst, false, 0},
        {{5, 7, 2024, 86400, true}, DateKind::kDayFirst, false, 0},
        {{5, 7, 999, 0, false}, DateKind::kDayFirst, false, 0},
    };
    for (const auto& c : cases) {
        int64_t seconds = -1;
        const bool ok = ResolveNumericDate(c.parts, c.order, seconds);
        EXPECT_EQ(ok, c.ok) << c.parts.first << "/" << c.parts.second << "/" << c.parts.year;
        if (ok && c.ok) {
            EXPECT_EQ(seconds, c.seconds) << c.parts.first << "/" << c.parts.second;
        }
    }
}

TEST(DayMonthEvidence, DecidesFromPartsAbove12) {
    const struct {
        std::vector<std::string_view> column;
        DateKind fallback;
        DateKind expected;
        int64_t first_above_12;
        int64_t second_above_12;
    } cases[] = {
        {{"13/01/2024", "05/02/2024"}, DateKind::kMonthFirst, DateKind::kDayFirst, 1, 0},
        {{"01/13/2024", "02/05/2024"}, DateKind::kDayFirst, DateKind::kMonthFirst, 0, 1},
        {{"01/02/2024", "03/04/2024"}, DateKind::kDayFirst, DateKind::kDayFirst, 0, 0},
        {{"01/02/2024", "03/04/2024"}, DateKind::kMonthFirst, DateKind::kMonthFirst, 0, 0},
        {{"13/01/2024", "01/13/2024", "01/14/2024"}, DateKind::kDayFirst, DateKind::kMonthFirst, 1, 2},
        {{"13/01/2024", "01/13/2024"}, DateKind::kMonthFirst, DateKind::kMonthFirst, 1, 1},
        {{"31/12/2024", "45/01/2024"}, DateKind::kMonthFirst, DateKind::kDayFirst, 1, 0},  // 45 is no day
    };
    for (const auto& c : cases) {
        DayMonthEvidence evidence;
        for (const std::string_view text : c.column) {
            NumericDateParts parts;
            ASSERT_TRUE(SplitNumericDate(text, parts)) << text;
            evidence.Observe(parts);
        }
        EXPECT_EQ(evidence.first_above_12, c.first_above_12) << c.column.front();
        EXPECT_EQ(evidence.second_above_12, c.second_above_12) << c.column.front();
        EXPECT_EQ(evidence.Decide(c.fallback), c.expected) << c.column.front();
    }
}

struct DetectCase {
    std::vector<std::string_view> samples;
    DateKind kind;
    bool order_ambiguous;
    std::string_view description;
};

TEST(DetectDateFormat, DecidesTheColumnFormat) {
    using K = DateKind;
    const DetectCase cases[] = {
        {{"2024-03-05", "2024-03-06"}, K::kIso, false, "ISO 8601"},
        {{"2024-03-05 14:22:10 +0300", "", "2024-03-06 09:00:00 +0300"}, K::kIso, false, "ISO 8601 date and time"},
        {{"2024-03-05T14:22:10Z"}, K::kIso, false, "ISO 8601 date and time"},
        {{"05.03.2024", "06.03.2024"}, K::kDayFirst, false, "dd.mm.yyyy"},
        {{"05.03.2024 14:22", "06.03.2024 09:00"}, K::kDayFirst, false, "dd.mm.yyyy hh:mm"},
        {{"05.03.2024 14:22:10", "06.03.2024 9:00"}, K::kDayFirst, false, "dd.mm.yyyy hh:mm:ss"},
        {{"05.03.24", "06.03.24"}, K::kDayFirst, false, "dd.mm.yy"},
        {{"05/03/2024", "25/03/2024"}, K::kDayFirst, false, "dd/mm/yyyy"},
        {{"05-03-2024", "25-03-2024"}, K::kDayFirst, false, "dd-mm-yyyy"},
        {{"03/05/2024", "03/25/2024"}, K::kMonthFirst, false, "mm/dd/yyyy"},
        {{"3/25/2024 2:22 PM", "3/26/2024 9:15 AM"}, K::kMonthFirst, false, "mm/dd/yyyy hh:mm AM/PM"},
        {{"03/05/2024", "04/06/2024"},
         K::kDayFirst,
         true,
         "dd/mm/yyyy (day/month order assumed: no value has a part above 12)"},
        {{"19970101", "19970102", "19980630"}, K::kCompactYmd, false, "yyyymmdd"},
        {{"45292", "45293.5"}, K::kExcelSerial, false, "Excel serial"},
        {{"1704067200", "1709648530"}, K::kUnixSeconds, false, "Unix seconds"},
        {{"1704067200000", "1709648530123"}, K::kUnixMillis, false, "Unix milliseconds"},
        {{"45292", "1704067200"}, K::kUnknown, false, "unknown"},  // numbers fitting different ranges
        {{"12", "100"}, K::kUnknown, false, "unknown"},
        {{"19970101", "12"}, K::kUnknown, false, "unknown"},
        {{"abc", "def", "2024-01-01"}, K::kUnknown, false, "unknown"},  // fewer than half are dates
        {{"abc", "2024-01-01"}, K::kIso, false, "ISO 8601"},
        {{"2024-01-01", "05.03.2024", "06.03.2024"}, K::kDayFirst, false, "dd.mm.yyyy"},
        {{"99/99/2024"}, K::kUnknown, false, "unknown"},
        {{}, K::kUnknown, false, "unknown"},
        {{"", "  "}, K::kUnknown, false, "unknown"},
    };
    for (const DetectCase& c : cases) {
        const DateFormat format = DetectDateFormat(c.samples);
        std::string joined;
        for (const std::string_view s : c.samples) joined.append(s).append(" | ");
        EXPECT_EQ(format.kind, c.kind) << "samples " << joined;
        EXPECT_EQ(format.order_ambiguous, c.order_ambiguous) << "samples " << joined;
        EXPECT_EQ(format.Describe(), c.description) << "samples " << joined;
    }
}

TEST(DetectDateFormat, CountsWeighDistinctValuesAsTheirRepeats) {
    // Distinct values with counts decide as the same values repeated: the weights tip the day/month order,
    // the half-of-samples rule and ISO against numeric dates.
    struct Case {
        std::vector<std::string_view> values;
        std::vector<int64_t> counts;
        DateKind kind;
        bool order_ambiguous;
    };
    const Case cases[] = {
        {{"13/01/2024", "01/13/2024"}, {3, 1}, DateKind::kDayFirst, false},    // 3 day-first values against 1
        {{"13/01/2024", "01/13/2024"}, {1, 3}, DateKind::kMonthFirst, false},  // and the other way round
        {{"abc", "2024-01-01"}, {3, 1}, DateKind::kUnknown, false},            // 1 date among 4 values
        {{"abc", "2024-01-01"}, {1, 3}, DateKind::kIso, false},
        {{"2024-01-01", "05.03.2024"}, {3, 1}, DateKind::kIso, false},         // ISO has more values
        {{"2024-01-01", "05.03.2024"}, {1, 3}, DateKind::kDayFirst, false},
        {{"03/05/2024", ""}, {2, 5}, DateKind::kDayFirst, true},                 // empty values are ignored
    };
    for (const Case& c : cases) {
        std::vector<std::string_view> repeated;
        for (size_t i = 0; i < c.values.size(); ++i) repeated.insert(repeated.end(), c.counts[i], c.values[i]);
        const DateFormat weighted = DetectDateFormat(c.values, c.counts);
        const DateFormat expanded = DetectDateFormat(repeated);
        EXPECT_EQ(weighted.kind, c.kind) << c.values[0] << " x" << c.counts[0];
        EXPECT_EQ(weighted.order_ambiguous, c.order_ambiguous) << c.values[0] << " x" << c.counts[0];
        EXPECT_EQ(weighted.kind, expanded.kind) << c.values[0] << " x" << c.counts[0];
        EXPECT_EQ(weighted.Describe(), expanded.Describe()) << c.values[0] << " x" << c.counts[0];
    }
}

TEST(DetectDateFormat, DetectedFormatReadsItsSamples) {
    const std::vector<std::string_view> column = {"3/25/2024 2:22 PM", "12/1/2024 9:15 AM", "1/2/2024 12:00 PM"};
    const DateFormat format = DetectDateFormat(column);
    ASSERT_EQ(format.kind, DateKind::kMonthFirst);
    const int64_t expected[] = {At(2024, 3, 25, 14, 22), At(2024, 12, 1, 9, 15), At(2024, 1, 2, 12, 0)};
    for (size_t i = 0; i < column.size(); ++i) {
        int64_t seconds = 0;
        bool has_time = false;
        EXPECT_TRUE(ParseDateTime(column[i], format, seconds, has_time)) << column[i];
        EXPECT_EQ(seconds, expected[i]) << column[i];
        EXPECT_TRUE(has_time) << column[i];
    }
}

}  // namespace
}  // namespace crm
