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

TEST(Dictionary, KeepsIdsAcrossReserve) {
    // Reserving room (more, then less than held) must not change ids or texts.
    Dictionary dictionary;
    const std::string keys[] = {"17", "paid", "0", "Иван", "123456789", "1234567890"};
    for (const std::string& k : keys) dictionary.Intern(k);
    dictionary.Reserve(1000, 10000);
    dictionary.Reserve(1, 1);
    for (int i = 0; i < 1000; ++i) dictionary.Intern(std::to_string(1000 + i));
    for (size_t i = 0; i < std::size(keys); ++i) {
        EXPECT_EQ(dictionary.At(static_cast<uint32_t>(i)), keys[i]);
        EXPECT_EQ(dictionary.Find(keys[i]), static_cast<uint32_t>(i));
    }
    EXPECT_EQ(dictionary.Find("1999"), 6u + 999u);  // 6 keys, then 1000..1999 in order
    EXPECT_EQ(dictionary.size(), 1006u);
}

}  // namespace
}  // namespace crm
