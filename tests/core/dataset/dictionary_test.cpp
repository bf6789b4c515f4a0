#include "core/dataset/dictionary.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

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

TEST(Dictionary, KeysWithoutIntegerTextKeepTheSameIds) {
    // A keys-only dictionary (order ids) gives the ids a full one gives, for integers in and out of the direct
    // table, integers that were hashed before the table grew over them, and text keys; only texts of direct
    // integers are not kept.
    std::vector<std::string> keys = {"17", "A-17", "70000", "0", "017", "123456789", "1234567890", "-5", "17 "};
    // 70000 is hashed (the table would be too sparse), moves into the table when 1..20000 have made it dense
    // enough, and is found there; 0..300,000 step 7 then grows the table while dense, later values are hashed.
    for (int i = 1; i <= 20000; ++i) keys.push_back(std::to_string(i));
    keys.push_back("70000");
    keys.push_back("70001");
    for (int i = 0; i < 300000; i += 7) keys.push_back(std::to_string(i));
    keys.push_back("17");
    keys.push_back("A-17");
    Dictionary full;
    Dictionary keys_only(Dictionary::Text::kNotForIntegers);
    for (const std::string& k : keys) ASSERT_EQ(keys_only.Intern(k), full.Intern(k)) << k;
    EXPECT_EQ(keys_only.size(), full.size());
    for (const std::string& k : keys) EXPECT_EQ(keys_only.Find(k), full.Find(k)) << k;
    EXPECT_FALSE(keys_only.Find("300001").has_value());
    EXPECT_EQ(keys_only.At(*keys_only.Find("A-17")), "A-17");
    EXPECT_EQ(keys_only.At(*keys_only.Find("017")), "017");            // not canonical: hashed, text kept
    EXPECT_EQ(keys_only.At(*keys_only.Find("299999")), "299999");      // beyond the dense table: hashed
    EXPECT_EQ(keys_only.At(*keys_only.Find("70000")), "70000");        // hashed first, text kept
    EXPECT_EQ(keys_only.At(*keys_only.Find("21")), "");                // direct: no text
    EXPECT_LT(keys_only.MemoryBytes(), full.MemoryBytes());
}

}  // namespace
TEST(Dictionary, IntegerFastPathKeepsCanonicalRules) {
    // Views into one buffer, so that the bytes around each view are digits the fast path must not read.
    const std::string buffer = "9012345678901234567";
    std::vector<std::string_view> texts;
    for (size_t size = 1; size <= 10; ++size) {
        for (size_t offset = 0; offset + size <= buffer.size(); offset += 3) {
            texts.push_back(std::string_view(buffer).substr(offset, size));
        }
    }
    // Leading zeros, signs, separators and the bytes next to '0'..'9' are not canonical integers.
    for (const char* text : {"0", "00", "007", "7", "10", "0010", "-5", "+5", "5-", "1 2", "12a", "/1", "1:", "9/",
                             ":0", "12345678", "123456789", "1234567890", "99999999", "100000000", "1.5", "١٢"}) {
        texts.push_back(text);
    }
    for (const bool keep_text : {true, false}) {
        Dictionary dictionary(keep_text ? Dictionary::Text::kAll : Dictionary::Text::kNotForIntegers);
        std::map<std::string, uint32_t> expected;  // first-seen order
        for (int round = 0; round < 2; ++round) {
            for (const std::string_view text : texts) {
                const auto [it, added] = expected.emplace(std::string(text), static_cast<uint32_t>(expected.size()));
                EXPECT_EQ(dictionary.Intern(text), it->second) << "text [" << text << "] keep_text " << keep_text;
            }
        }
        EXPECT_EQ(dictionary.size(), expected.size());
        for (const auto& [text, id] : expected) {
            EXPECT_EQ(dictionary.Find(text), id) << "text [" << text << "]";
            if (keep_text) EXPECT_EQ(dictionary.At(id), text);
        }
    }
}

}  // namespace crm
