#include "core/analysis/stage_order.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace crm {
namespace {

struct LogRow {
    uint32_t deal;
    uint32_t stage;
    int64_t time;
};

struct GroupingCase {
    std::string name;
    std::vector<LogRow> log;
    uint32_t deal_count;
    int64_t as_of;
    // Expected: per kept group, its deal and its events (row indexes) in (time, row) order.
    std::vector<std::pair<uint32_t, std::vector<uint32_t>>> groups;
};

TEST(GroupEventsByDeal, GroupsByDealInTimeThenRowOrderWithTimesAndStages) {
    const std::vector<GroupingCase> cases = {
        {"sorted log, deals interleaved",
         {{0, 0, 10}, {1, 0, 11}, {0, 1, 12}, {1, 2, 13}, {0, 2, 14}},
         2, 100,
         {{0, {0, 2, 4}}, {1, {1, 3}}}},
        {"a deal out of time order in the log: sorted by time",
         {{0, 1, 30}, {1, 0, 5}, {0, 0, 10}, {0, 2, 20}},
         2, 100,
         {{0, {2, 3, 0}}, {1, {1}}}},
        {"equal times keep the row order, also when the deal is sorted",
         {{0, 2, 20}, {0, 0, 10}, {0, 1, 10}, {0, 3, 10}},
         1, 100,
         {{0, {1, 2, 3, 0}}}},
        {"a deal in time order placed after a later event of the deal before it keeps its row order",
         {{0, 0, 40}, {1, 1, 5}, {1, 0, 5}, {1, 2, 6}},
         2, 100,
         {{0, {0}}, {1, {1, 2, 3}}}},
        {"events at or after as-of, and unknown deals, are left out; a deal without events has no group",
         {{0, 0, 10}, {2, 0, 10}, {1, 0, 50}, {0, 1, 49}, {0, 2, 50}, {7, 0, 1}},
         3, 50,
         {{0, {0, 3}}, {2, {1}}}},
    };
    for (const GroupingCase& c : cases) {
        DealEvents events;
        for (const LogRow& row : c.log) {
            events.deal.push_back(row.deal);
            events.stage.push_back(row.stage);
            events.time.push_back(row.time);
        }
        const EventsByDeal grouped = GroupEventsByDeal(events, c.deal_count, c.as_of);
        ASSERT_EQ(grouped.groups(), c.groups.size()) << c.name;
        ASSERT_EQ(grouped.starts.size(), c.groups.size() + 1) << c.name;
        ASSERT_EQ(grouped.times.size(), grouped.events.size()) << c.name;
        ASSERT_EQ(grouped.stages.size(), grouped.events.size()) << c.name;
        for (size_t g = 0; g < c.groups.size(); ++g) {
            EXPECT_EQ(grouped.deals[g], c.groups[g].first) << c.name << " group " << g;
            const std::vector<uint32_t> got(grouped.events.begin() + grouped.starts[g],
                                            grouped.events.begin() + grouped.starts[g + 1]);
            EXPECT_EQ(got, c.groups[g].second) << c.name << " group " << g;
        }
        for (size_t k = 0; k < grouped.events.size(); ++k) {
            EXPECT_EQ(grouped.times[k], c.log[grouped.events[k]].time) << c.name << " event " << k;
            EXPECT_EQ(grouped.stages[k], c.log[grouped.events[k]].stage) << c.name << " event " << k;
        }
    }
}

}  // namespace
}  // namespace crm
