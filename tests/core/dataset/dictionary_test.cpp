#include "core/dataset/dictionary.h"

#include <string>

#include <gtest/gtest.h>

namespace crm {
namespace {

TEST(Dictionary, InternsInFirstSeenOrder) {
    Dictionary dictionary;
    EXPECT_EQ(dictionary.Intern("paid"), 0u);
    EXPECT_EQ(dictionary.Intern("Отменён"), 1u);
    EXPECT_EQ(dictionary.Intern(""), 2u);
    EXPECT_EQ(dictionary.Intern("paid"), 0u);
    EXPECT_EQ(dictionary.size(), 3u);
    EXPECT_EQ(dictionary.At(1), "Отменён");
    EXPECT_EQ(dictionary.Find("Отменён"), 1u);
    EXPECT_FALSE(dictionary.Find("cancelled").has_value());
}

TEST(Dictionary, SurvivesGrowth) {
    Dictionary dictionary;
    for (int i = 0; i < 100000; ++i) ASSERT_EQ(dictionary.Intern("customer-" + std::to_string(i)), static_cast<uint32_t>(i));
    for (int i = 0; i < 100000; i += 997) {
        EXPECT_EQ(dictionary.Find("customer-" + std::to_string(i)), static_cast<uint32_t>(i));
        EXPECT_EQ(dictionary.At(i), "customer-" + std::to_string(i));
    }
}

}  // namespace
}  // namespace crm
