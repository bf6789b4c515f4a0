#include "core/ingest/duplicate_filter.h"

#include <gtest/gtest.h>

namespace crm {
namespace {

TEST(DuplicateFilter, FlagsOnlyByteIdenticalRepeats) {
    const std::string text = "a;1\na;1\na; 1\nA;1\n\n\na;1";
    DuplicateFilter filter;
    struct Case {
        size_t offset, size;
        bool repeat;
    };
    const Case cases[] = {{0, 3, false}, {4, 3, true}, {8, 4, false}, {13, 3, false}, {17, 0, false}, {18, 0, true}, {19, 3, true}};
    for (const Case& c : cases) {
        EXPECT_EQ(filter.SeenBefore(std::string_view(text).substr(c.offset, c.size)), c.repeat) << c.offset;
    }
}

}  // namespace
}  // namespace crm
