#include "core/ingest/grouped_duplicates.h"

#include <string>
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
    // Group 3 grows past the chain limit (8): repeats are still found before and after the switch.
    for (int i = 0; i < 12; ++i) steps.push_back({"3,e" + std::to_string(i), 3, false});
    steps.push_back({"3,e0", 3, true});
    steps.push_back({"3,e11", 3, true});
    steps.push_back({"3,e12", 3, false});
    GroupedDuplicates duplicates;
    std::vector<std::string> texts;  // rows must outlive the detector
    texts.reserve(steps.size());
    for (const Step& s : steps) {
        texts.push_back(s.row);
        EXPECT_EQ(duplicates.SeenBefore(texts.back(), s.group), s.repeat) << s.row << " in group " << s.group;
    }
}

}  // namespace
}  // namespace crm
