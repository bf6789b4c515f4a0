#include "core/analysis/customer_order.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace crm {
namespace {

TEST(CustomerOrder, ComparesIntegersByValueThenText) {
    struct Case {
        std::string_view a, b;
        int expected;
    };
    const Case cases[] = {
        {"2", "10", -1},      // by value, not bytewise
        {"10", "9", 1},
        {"-5", "3", -1},
        {"-10", "-9", -1},    // a larger magnitude is a smaller negative number
        {"007", "7", -1},     // equal values fall back to bytes: '0' < '7'
        {"-0", "0", -1},      // "-0" is 0; bytes decide
        {"10", "abc", -1},    // integers before text
        {"abc", "10", 1},
        {"a", "b", -1},
        {"-", "1", 1},        // "-" alone is text
        {"1a", "2", 1},       // "1a" is text
        {"12345678901234567890123", "99", 1},  // longer than int64: more digits = larger
        {"Ivan", "ivan", -1}, // bytewise: 'I' < 'i'
        {"42", "42", 0},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(CompareCustomerKeys(c.a, c.b), c.expected) << c.a << " vs " << c.b;
        EXPECT_EQ(CompareCustomerKeys(c.b, c.a), -c.expected) << c.b << " vs " << c.a;
    }
}

TEST(CustomerOrder, SortsDictionaryIds) {
    Dictionary customers;
    std::vector<uint32_t> ids;
    for (const char* key : {"10", "2", "b", "-3", "a", "007", "7"}) ids.push_back(customers.Intern(key));
    SortByCustomerKey(customers, ids);
    std::vector<std::string> keys;
    for (const uint32_t id : ids) keys.emplace_back(customers.At(id));
    EXPECT_EQ(keys, (std::vector<std::string>{"-3", "2", "007", "7", "10", "a", "b"}));
}

TEST(CustomerOrder, PlainIntegers) {
    EXPECT_TRUE(IsIntegerKey("0"));
    EXPECT_TRUE(IsIntegerKey("-12"));
    EXPECT_FALSE(IsIntegerKey(""));
    EXPECT_FALSE(IsIntegerKey("-"));
    EXPECT_FALSE(IsIntegerKey("+1"));
    EXPECT_FALSE(IsIntegerKey("1.0"));
    EXPECT_FALSE(IsIntegerKey(" 1"));
}

}  // namespace
}  // namespace crm
