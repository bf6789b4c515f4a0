#include "core/ingest/identity.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace crm {
namespace {

struct IdentityCase {
    std::string_view input;
    bool ok;
    std::string_view expected;  // when ok
};

TEST(NormalizeEmail, TrimsAndLowerCases) {
    const IdentityCase cases[] = {
        {"  Ivan@Example.COM ", true, "ivan@example.com"},
        {"ivan@example.com", true, "ivan@example.com"},
        {"\u00a0ivan.petrov+crm@mail.ru\ufeff", true, "ivan.petrov+crm@mail.ru"},
        {"ИВАН@ПОЧТА.РФ", true, "иван@почта.рф"},
        {"a@b.c", true, "a@b.c"},
        {"", false, ""},
        {"   ", false, ""},
        {"ivan", false, ""},
        {"@example.com", false, ""},
        {"ivan@", false, ""},
        {"ivan@example", false, ""},
        {"ivan@@example.com", false, ""},
        {"a@b@c.com", false, ""},
        {"iv an@example.com", false, ""},
        {"ivan@.com", false, ""},
        {"ivan@example.", false, ""},
        {"+7 912 345-67-89", false, ""},
    };
    for (const IdentityCase& c : cases) {
        std::string out = "stale";
        const bool ok = NormalizeEmail(c.input, out);
        EXPECT_EQ(ok, c.ok) << "input [" << c.input << "]";
        if (ok && c.ok) {
            EXPECT_EQ(out, c.expected) << "input [" << c.input << "]";
        }
    }
}

TEST(NormalizePhone, KeepsDigitsAndMapsRussianEight) {
    const IdentityCase cases[] = {
        {"+7 (912) 345-67-89", true, "79123456789"},
        {"8 912 345 67 89", true, "79123456789"},
        {"89123456789", true, "79123456789"},
        {"79123456789", true, "79123456789"},
        {"8-800-555-35-35", true, "78005553535"},
        {"8 (912) 345\u00a067\u201189", true, "79123456789"},  // no-break space and no-break hyphen
        {"+380 67 123 4567", true, "380671234567"},
        {"+1 (212) 555-0100", true, "12125550100"},
        {"+44 20 7946 0958", true, "442079460958"},
        {"1234567", true, "1234567"},
        {"8123456789", true, "8123456789"},        // 10 digits: the 8 stays
        {"812345678901", true, "812345678901"},    // 12 digits: the 8 stays
        {"123456789012345", true, "123456789012345"},  // 15 digits, the E.164 maximum
        {"123456", false, ""},                     // fewer than 7 digits
        {"", false, ""},
        {"abc", false, ""},
        {"+7 912 345 67 89 доб. 12", false, ""},  // Cyrillic letters
        {"ext 5 1234567", false, ""},
        {"ivan@example.com", false, ""},
        {"1234567890123456", false, ""},  // 16 digits
        {"+7 912 345-67-89, +7 912 345-67-90", false, ""},
    };
    for (const IdentityCase& c : cases) {
        std::string out = "stale";
        const bool ok = NormalizePhone(c.input, out);
        EXPECT_EQ(ok, c.ok) << "input [" << c.input << "]";
        if (ok && c.ok) {
            EXPECT_EQ(out, c.expected) << "input [" << c.input << "]";
        }
    }
}

}  // namespace
}  // namespace crm
