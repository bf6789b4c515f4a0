#include "core/common/civil_date.h"

#include <gtest/gtest.h>

namespace crm {
namespace {

TEST(CivilDate, DayNumbersMatchTheCalendar) {
    struct Case {
        int y, m, d;
        int32_t days;
    };
    // Day numbers counted from 1970-01-01: 2000-03-01 is 30 years (7 leap days) + Jan/Feb 2000 (60 days).
    const Case cases[] = {
        {1970, 1, 1, 0}, {1969, 12, 31, -1}, {2000, 3, 1, 11017}, {2024, 1, 1, 19723}, {2024, 2, 29, 19782},
        {1899, 12, 30, -25569},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(DaysFromCivil(c.y, c.m, c.d), c.days) << c.y << "-" << c.m << "-" << c.d;
        const CivilDate back = CivilFromDays(c.days);
        EXPECT_EQ(back.year, c.y);
        EXPECT_EQ(back.month, c.m);
        EXPECT_EQ(back.day, c.d);
    }
}

TEST(CivilDate, ValidatesAndFormats) {
    EXPECT_TRUE(IsValidCivil(2024, 2, 29));
    EXPECT_FALSE(IsValidCivil(2023, 2, 29));
    EXPECT_FALSE(IsValidCivil(1900, 2, 29));
    EXPECT_TRUE(IsValidCivil(2000, 2, 29));
    EXPECT_FALSE(IsValidCivil(2024, 13, 1));
    EXPECT_EQ(FormatIsoDate(19723), "2024-01-01");
    EXPECT_EQ(FormatIsoDateTime(19723LL * 86400 + 3661), "2024-01-01T01:01:01");
    EXPECT_EQ(DayOfSeconds(-1), -1);
    EXPECT_EQ(WeekdayOfDays(19723), 0);  // 2024-01-01 was a Monday
    int32_t days = 0;
    EXPECT_TRUE(ParseIsoDate("2024-02-29", days));
    EXPECT_EQ(days, 19782);
    EXPECT_FALSE(ParseIsoDate("2024-02-30", days));
    EXPECT_FALSE(ParseIsoDate("2024-2-3", days));
}

}  // namespace
}  // namespace crm
