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

TEST(CustomerOrder, SortsDenseAndSparseIntegerKeysAlike) {
    // Dense distinct non-negative integers are placed by value; a repeated value, a negative key, text or a
    // wide range take the sort. Each case's expected order is by value, then by bytes.
    struct Case {
        std::vector<std::string> keys;
        std::vector<std::string> sorted;
    };
    const std::vector<Case> cases = {
        {{"5", "3", "4", "1", "2"}, {"1", "2", "3", "4", "5"}},
        {{"1002", "1000", "1001"}, {"1000", "1001", "1002"}},                  // a range not starting at 0
        {{"7", "07", "3"}, {"3", "07", "7"}},                                   // two keys of value 7
        {{"0", "-0", "2"}, {"-0", "0", "2"}},                                   // "-0" is 0
        {{"3", "-1", "2"}, {"-1", "2", "3"}},                                   // a negative key
        {{"3", "x", "1"}, {"1", "3", "x"}},                                     // text after integers
        {{"9000000000000000000", "5", "1"}, {"1", "5", "9000000000000000000"}},  // a wide range
        {{"42"}, {"42"}},
    };
    for (const Case& c : cases) {
        Dictionary customers;
        std::vector<uint32_t> ids;
        for (const std::string& key : c.keys) ids.push_back(customers.Intern(key));
        SortByCustomerKey(customers, ids);
        std::vector<std::string> keys;
        for (const uint32_t id : ids) keys.emplace_back(customers.At(id));
        EXPECT_EQ(keys, c.sorted) << c.keys.front() << "...";
    }
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
