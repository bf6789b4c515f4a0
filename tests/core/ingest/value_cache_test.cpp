#include "core/ingest/value_cache.h"

#include <string>

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

}  // namespace
}  // namespace crm
