#include "core/ingest/date_text_cache.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/ingest/row_sink.h"

namespace crm {
namespace {

constexpr int64_t kFail = INT64_MIN;  // the text must not parse

struct Step {
    std::string text;
    int64_t seconds;  // kFail: rejected
    bool has_time;
};

struct Sequence {
    std::string name;
    DateFormat format;
    std::vector<Step> steps;
};

DateFormat Format(DateKind kind, bool order_ambiguous = false) {
    DateFormat format;
    format.kind = kind;
    format.order_ambiguous = order_ambiguous;
    return format;
}

TEST(DateTextCache, ParsesSequencesAsTheParserDoes) {
    // Each sequence goes through one column's cache in order: a repeated text, the same day with another
    // clock, invalid clocks after a cached day, other shapes with or without the cached date part.
    const std::vector<Sequence> sequences = {
        {"iso T",
         Format(DateKind::kIso),
         {
             {"2023-01-01T00:09:03", 1672531743, true},
             {"2023-01-01T00:09:03", 1672531743, true},
             {"2023-01-01T23:59:59", 1672617599, true},
             {"2023-01-01T24:00:00", kFail, false},
             {"2023-01-01T12:60:00", kFail, false},
             {"2023-01-01T12:00:60", kFail, false},
             {"2023-01-01T1a:00:00", kFail, false},
             {"2023-01-01T/6:00:00", kFail, false},
             {"2023-01-01T12:00-00", 1672574400, true},  // hh:mm and a -00 offset: not a clock
             {"2023-01-01T12.00:00", kFail, false},
             {"2023-01-01T12:00:00", 1672574400, true},
             {"2023-01-01 12:00:00", 1672574400, true},  // ' ' instead of 'T': another date part
             {"2023-01-02T00:00:00", 1672617600, true},  // the next day
             {"2023-01-01T06:00:00", 1672552800, true},  // back to the day before
             {"2023-01-01", 1672531200, false},
             {"2023-01-01T06:00", 1672552800, true},
             {"2023-01-01T06:00:00Z", 1672552800, true},
             {"2023-01-01T06:00:00.9", 1672552800, true},
             {"2023-01-01T06:00:01", 1672552801, true},
             {"2023-02-29T10:00:00", kFail, false},  // no such day: never cached
             {"2023-02-29T11:00:00", kFail, false},
         }},
        {"iso space",
         Format(DateKind::kIso),
         {
             {"2023-12-31 23:59:59", 1704067199, true},
             {"2023-12-31 00:00:00", 1703980800, true},
             {"2024-01-01 00:00:01", 1704067201, true},
             {"2024-01-01x00:00:01", kFail, false},
             {"2024-02-29 10:00:00", 1709200800, true},
         }},
        {"day first",
         Format(DateKind::kDayFirst),
         {
             {"31.12.2023 23:59:59", 1704067199, true},
             {"31.12.2023 00:00:00", 1703980800, true},
             {"31.12.2023 24:00:00", kFail, false},
             {"01.01.2024 00:00:01", 1704067201, true},
             {"01.01.2024 10:00:00", 1704103200, true},
             {"01/01/2024 10:00:00", 1704103200, true},
             {"1.1.2024 10:00:00", 1704103200, true},
             {"01.01.2024 10:00", 1704103200, true},
             {"01.01.2024", 1704067200, false},
             {"01.01.2024 10:00:00", 1704103200, true},
         }},
        {"month first",
         Format(DateKind::kMonthFirst),
         {
             {"01/02/2024 10:00:00", 1704189600, true},
             {"01/02/2024 11:00:00", 1704193200, true},
             {"13/02/2024 11:00:00", kFail, false},
             {"02/01/2024 10:00:00", 1706781600, true},
         }},
        {"ambiguous order",
         Format(DateKind::kDayFirst, true),
         {
             {"01/02/2024 10:00:00", 1706781600, true},
             {"01/02/2024 11:00:00", 1706785200, true},
             {"01/02/2024 11:00:00", 1706785200, true},
             {"13/02/2024 11:00:00", 1707822000, true},
             {"02/13/2024 11:00:00", kFail, false},
         }},
        {"unix seconds with text dates",
         Format(DateKind::kUnixSeconds),
         {
             {"2023-01-01T00:09:03", 1672531743, true},
             {"1672531743", 1672531743, true},
             {"2023-01-01T00:09:04", 1672531744, true},
         }},
    };
    for (const Sequence& sequence : sequences) {
        SinkContext context;
        context.binding.date[static_cast<int>(Role::kStageTime)] = sequence.format;
        DayMonthEvidence evidence;
        for (size_t i = 0; i < sequence.steps.size(); ++i) {
            const Step& step = sequence.steps[i];
            SCOPED_TRACE(sequence.name + ", step " + std::to_string(i) + ": " + step.text);
            int64_t seconds = 0, parser_seconds = 0;
            bool has_time = false, parser_has_time = false;
            const bool ok = context.ParseDate(Role::kStageTime, step.text, seconds, has_time);
            const bool parser_ok = ParseDateTime(step.text, sequence.format, parser_seconds, parser_has_time);
            ASSERT_EQ(ok, parser_ok);
            ASSERT_EQ(ok, step.seconds != kFail);
            if (ok) {
                EXPECT_EQ(seconds, parser_seconds);
                EXPECT_EQ(has_time, parser_has_time);
                EXPECT_EQ(seconds, step.seconds);
                EXPECT_EQ(has_time, step.has_time);
            }
            NumericDateParts parts;
            if (sequence.format.order_ambiguous && SplitNumericDate(step.text, parts)) evidence.Observe(parts);
        }
        // Every value feeds the day/month evidence, cached or not.
        const DayMonthEvidence& fed = context.date_evidence[static_cast<int>(Role::kStageTime)];
        EXPECT_EQ(fed.first_above_12, evidence.first_above_12) << sequence.name;
        EXPECT_EQ(fed.second_above_12, evidence.second_above_12) << sequence.name;
    }
}

TEST(DateTextCache, ReadsClocks) {
    struct Case {
        std::string text;  // 8 bytes
        int32_t seconds;   // -1: not a clock
    };
    const Case cases[] = {
        {"00:00:00", 0},      {"23:59:59", 86399}, {"12:34:56", 45296}, {"24:00:00", -1}, {"09:60:00", -1},
        {"09:00:60", -1},     {"9a:00:00", -1},    {"09-00:00", -1},    {"09:00 00", -1}, {"0:00:000", -1},
        {"\x3a" "0:00:00", -1}, {"/9:00:00", -1},
    };
    for (const Case& c : cases) {
        int32_t seconds = -1;
        const bool ok = ReadClock(c.text.data(), seconds);
        EXPECT_EQ(ok, c.seconds >= 0) << c.text;
        if (ok) EXPECT_EQ(seconds, c.seconds) << c.text;
    }
}

}  // namespace
}  // namespace crm
