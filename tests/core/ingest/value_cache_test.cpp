#include "core/ingest/value_cache.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace crm {
namespace {

TEST(ValueCache, GivesTheDictionaryIds) {
    // Values that share a length and first 8 bytes must still get their own ids.
    const std::string values[] = {"paid", "Отменён", "", "Иван Петров", "Иван Петрович", "paid", "Иван Петров", "cancelled",
                                  "Отменён покупателем", "Отменён"};
    Dictionary dictionary;
    ValueCache cache;
    for (const std::string& v : values) {
        const uint32_t id = cache.Intern(dictionary, v);
        if (v.empty()) {
            EXPECT_EQ(id, kNoId);
            continue;
        }
        EXPECT_EQ(dictionary.At(id), v);
        EXPECT_EQ(dictionary.Find(v), id);
    }
    EXPECT_EQ(dictionary.size(), 6u);  // paid, Отменён, Иван Петров, Иван Петрович, cancelled, Отменён покупателем
}

TEST(ValueCache, TellsApartValuesOfEveryLength) {
    // Values read as overlapping windows (short ones) or as 16 bytes plus the dictionary's text (long
    // ones): values differing anywhere, at every length from 1 to 20, must keep their own ids, however
    // often they come back.
    std::vector<std::string> values;
    for (size_t n = 1; n <= 20; ++n) {
        const std::string base(n, 'a');
        values.push_back(base);
        for (size_t i = 0; i < n; ++i) {
            std::string v = base;
            v[i] = 'b';  // one byte differs, at each position
            values.push_back(v);
        }
    }
    Dictionary dictionary;
    ValueCache cache;
    for (int round = 0; round < 3; ++round) {
        for (const std::string& v : values) {
            const uint32_t id = cache.Intern(dictionary, v);
            ASSERT_NE(id, kNoId) << v;
            EXPECT_EQ(dictionary.At(id), v) << "round " << round;
        }
    }
    EXPECT_EQ(dictionary.size(), values.size());  // 20 + (1 + 2 + ... + 20) = 230 distinct values
    EXPECT_EQ(values.size(), 230u);
}

}  // namespace
}  // namespace crm
