#include "core/ingest/grouped_duplicates.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/dataset/dictionary.h"

namespace crm {
namespace {

TEST(GroupedDuplicates, FindsRepeatsWithinGroupsSmallAndLarge) {
    struct Step {
        std::string row;
        uint32_t group;
        bool repeat;
    };
    std::vector<Step> steps = {
        {"1,lead,a", 1, false}, {"1,won,b", 1, false}, {"1,lead,a", 1, true},   // repeat inside a small group
        {"2,lead,a", 2, false}, {"1,lead,a", 2, false},                          // same bytes, other group: the
                                                                                  // caller never does this, but
                                                                                  // groups must not mix
        {"x", kNoId, false},    {"x", kNoId, true},                              // rows without a group: hashed
    };
    // Group 3 grows to 13 rows (a chain), group 4 to 40 (past a chain's 16 rows, into the set): repeats of
    // their first, last and middle rows are found, before and after group 4 moves.
    for (int i = 0; i < 12; ++i) steps.push_back({"3,e" + std::to_string(i), 3, false});
    steps.push_back({"3,e0", 3, true});
    steps.push_back({"3,e11", 3, true});
    steps.push_back({"3,e12", 3, false});
    steps.push_back({"3,e5", 3, true});
    for (int i = 0; i < 40; ++i) {
        steps.push_back({"4,e" + std::to_string(i), 4, false});
        if (i == 10 || i == 16 || i == 17 || i == 39) {
            steps.push_back({"4,e0", 4, true});
            steps.push_back({"4,e" + std::to_string(i), 4, true});
            steps.push_back({"4,e" + std::to_string(i / 2), 4, true});
        }
    }
    steps.push_back({"3,e12", 3, true});  // group 3's chain is intact after group 4's entries
    steps.push_back({"4,e0", 3, false});
    GroupedDuplicates duplicates;
    for (const Step& s : steps) {
        const std::string copy = s.row;  // rows are fingerprinted: they need not outlive the call
        EXPECT_EQ(duplicates.SeenBefore(copy, s.group), s.repeat) << s.row << " in group " << s.group;
    }
}

TEST(GroupedDuplicates, FindsRepeatsOfFarApartAndLongRows) {
    // All rows live in one text, as in a file. Group 0 gets two rows, then 70,000 other groups get two rows
    // each, then group 0 a third: far-apart rows of one group are still compared. Group 1 gets rows longer
    // than 64 KB that differ only in their last byte.
    const std::string long_a(70000, 'a'), long_b = std::string(69999, 'a') + "b";
    std::string text = "0,first\n0,second\n0,third\n" + long_a + "\n" + long_b + "\n";
    const size_t groups = 70000;
    std::vector<std::pair<size_t, size_t>> pair_rows;  // offset, size of "g,x" rows
    for (size_t g = 2; g < groups + 2; ++g) {
        for (const char* tail : {",x", ",y"}) {
            const std::string row = std::to_string(g) + tail;
            pair_rows.emplace_back(text.size(), row.size());
            text += row + "\n";
        }
    }
    auto view = [&text](size_t offset, size_t size) { return std::string_view(text).substr(offset, size); };
    const std::string_view first = view(0, 7), second = view(8, 8), third = view(17, 7);
    const std::string_view row_a = view(25, long_a.size()), row_b = view(25 + long_a.size() + 1, long_b.size());

    GroupedDuplicates duplicates;
    EXPECT_FALSE(duplicates.SeenBefore(first, 0));
    EXPECT_FALSE(duplicates.SeenBefore(second, 0));
    for (size_t i = 0; i < pair_rows.size(); ++i) {
        const uint32_t group = static_cast<uint32_t>(2 + i / 2);
        EXPECT_FALSE(duplicates.SeenBefore(view(pair_rows[i].first, pair_rows[i].second), group)) << i;
    }
    EXPECT_FALSE(duplicates.SeenBefore(third, 0));  // 140,000 rows after `second`
    EXPECT_TRUE(duplicates.SeenBefore(first, 0));
    EXPECT_TRUE(duplicates.SeenBefore(third, 0));
    EXPECT_TRUE(duplicates.SeenBefore(view(pair_rows[1].first, pair_rows[1].second), 2));
    EXPECT_FALSE(duplicates.SeenBefore(row_a, 1));
    EXPECT_FALSE(duplicates.SeenBefore(row_b, 1));
    EXPECT_TRUE(duplicates.SeenBefore(row_a, 1));
    EXPECT_TRUE(duplicates.SeenBefore(row_b, 1));
}

}  // namespace
}  // namespace crm
