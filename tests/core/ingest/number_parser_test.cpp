#include "core/ingest/number_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace crm {
namespace {

constexpr NumberFormat kComma{',', ' '};  // "1 234,56"
constexpr NumberFormat kDot{'.', ','};    // "1,234.56"

struct MoneyCase {
    std::string_view text;
    NumberFormat format;
    bool ok;
    int64_t minor_units;  // expected when ok
};

TEST(ParseMoney, ReadsEveryWrittenForm) {
    const MoneyCase cases[] = {
        // Plain values.
        {"0", kDot, true, 0},
        {"5", kDot, true, 500},
        {"-5", kDot, true, -500},
        {"+5", kDot, true, 500},
        {"123.45", kDot, true, 12345},
        {"123,45", kComma, true, 12345},
        {"12.3", kDot, true, 1230},
        {"5.", kDot, true, 500},
        {".5", kDot, true, 50},
        {",5", kComma, true, 50},
        {"  42  ", kDot, true, 4200},
        {"0001234", kDot, true, 123400},
        // Thousands separators: space, no-break space, thin space, narrow no-break space, figure space.
        {"1 234,56", kComma, true, 123456},
        {"1\u00a0234,56", kComma, true, 123456},
        {"1\u2009234,56", kComma, true, 123456},
        {"1\u202f234,56", kComma, true, 123456},
        {"1\u2007234,56", kComma, true, 123456},
        {"1 234 567,8", kComma, true, 123456780},
        {"1 234.56", kDot, true, 123456},
        {"1.234,56", kComma, true, 123456},
        {"1.234.567,89", kComma, true, 123456789},
        {"1,234,567.89", kDot, true, 123456789},
        {"1'234.50", kDot, true, 123450},
        {"1\u2019234.50", kDot, true, 123450},
        {"1,234", kDot, true, 123400},
        // "1,234" in a decimal-comma column is 1.234 -> 1.23 (the third decimal, 4, rounds down).
        {"1,234", kComma, true, 123},
        // One other mark that cannot group thousands is the decimal separator.
        {"12,5", kDot, true, 1250},
        {"12.5", kComma, true, 1250},
        {"1234,567", kDot, true, 123457},  // 1234.567 -> 1234.57
        {"0,125", kDot, true, 13},         // 0.125 -> 12.5 minor units -> 13
        {"0.125", kComma, true, 13},
        {"1,234,567", kComma, false, 0},   // a decimal comma cannot repeat
        // Currency signs and words, before or after, with or without a space.
        {"1 234,56 ₽", kComma, true, 123456},
        {"₽1 234,56", kComma, true, 123456},
        {"$1,234.56", kDot, true, 123456},
        {"1,234.56$", kDot, true, 123456},
        {"€ 9,99", kComma, true, 999},
        {"9.99 €", kDot, true, 999},
        {"£5", kDot, true, 500},
        {"₴250", kComma, true, 25000},
        {"250 грн", kComma, true, 25000},
        {"250грн.", kComma, true, 25000},
        {"100 руб.", kComma, true, 10000},
        {"100руб", kComma, true, 10000},
        {"руб. 100", kComma, true, 10000},
        {"100 р.", kComma, true, 10000},
        {"100р", kComma, true, 10000},
        {"100 РУБ.", kComma, true, 10000},
        {"100 Руб", kComma, true, 10000},
        {"RUB 100", kDot, true, 10000},
        {"100 UAH", kDot, true, 10000},
        {"100 usd", kDot, true, 10000},
        {"100EUR", kDot, true, 10000},
        {"5 000 ₸", kComma, true, 500000},
        // Negatives: '-', U+2212, U+2013, accounting parentheses, around currency signs.
        {"−7,5", kComma, true, -750},
        {"–7,5", kComma, true, -750},
        {"- 5", kDot, true, -500},
        {"-$5", kDot, true, -500},
        {"$-5", kDot, true, -500},
        {"(12.30)", kDot, true, -1230},
        {"(1 234,56 ₽)", kComma, true, -123456},
        {"($12.30)", kDot, true, -1230},
        {"-1 234,56 руб.", kComma, true, -123456},
        // Rounding of a third decimal, half away from zero.
        {"12.345", kDot, true, 1235},
        {"12.344", kDot, true, 1234},
        {"12.3449999", kDot, true, 1234},
        {"-12.345", kDot, true, -1235},
        {"(12.345)", kDot, true, -1235},
        {"0.005", kDot, true, 1},
        {"0.0049", kDot, true, 0},
        {"-0.001", kDot, true, 0},
        {"2,675", kComma, true, 268},  // 2.675 -> 2.68 (no binary floating point involved)
        // Scientific notation (decimal '.' only), computed exactly.
        {"1e3", kDot, true, 100000},
        {"2.5E+2", kDot, true, 25000},
        {"1.25e-1", kDot, true, 13},  // 0.125 -> 12.5 minor units -> 13
        {"125E-2", kDot, true, 125},
        {"0.1e1", kDot, true, 100},
        // Limits: |minor units| <= 9e15.
        {"90000000000000.00", kDot, true, 9'000'000'000'000'000},
        {"-90 000 000 000 000", kComma, true, -9'000'000'000'000'000},
        {"90000000000000.01", kDot, false, 0},
        {"100000000000000", kDot, false, 0},
        {"123456789012345678901234567890", kDot, false, 0},
        {"1e20", kDot, false, 0},
        {"1e-30", kDot, true, 0},
        // Not money.
        {"", kDot, false, 0},
        {"-", kDot, false, 0},
        {" ", kDot, false, 0},
        {"abc", kDot, false, 0},
        {"12a", kDot, false, 0},
        {"1.2.3", kDot, false, 0},      // two decimal points
        {"1,23,456", kDot, false, 0},   // groups of 2 are not thousands
        {"1,2,3", kDot, false, 0},
        {"1 23", kComma, false, 0},
        {"5 5", kComma, false, 0},
        {"12 345 6", kComma, false, 0},
        {"1 234.567,89", kComma, false, 0},  // a space group then a '.' group
        {"1,234.5", kComma, false, 0},       // '.' after the decimal comma
        {"12-", kDot, false, 0},
        {"(12", kDot, false, 0},
        {"12)", kDot, false, 0},
        {"-(12)", kDot, false, 0},
        {"--5", kDot, false, 0},
        {"₽", kComma, false, 0},
        {"$", kDot, false, 0},
        {"руб.", kComma, false, 0},
        {"12 руб руб", kComma, false, 0},
        {"100 рублей", kComma, false, 0},
        {"1e3", kComma, false, 0},  // no exponent with a decimal comma
        {"12e", kDot, false, 0},
        {"1e", kDot, false, 0},
        {"1,000e3", kDot, false, 0},
        {"0x10", kDot, false, 0},
        {"NaN", kDot, false, 0},
        {"inf", kDot, false, 0},
        {"12 %", kDot, false, 0},
        {"2024-03-05", kDot, false, 0},
    };
    for (const MoneyCase& c : cases) {
        int64_t minor_units = -777;
        const bool ok = ParseMoney(c.text, c.format, minor_units);
        EXPECT_EQ(ok, c.ok) << "text [" << c.text << "] decimal " << c.format.decimal;
        if (ok && c.ok) {
            EXPECT_EQ(minor_units, c.minor_units) << "text [" << c.text << "]";
        }
    }
}

TEST(ParseMoney, FastPathsMatchTheGeneralScan) {
    // Shapes around the fast paths' edges: digit counts, fraction lengths, signs, the other mark, spaces.
    const std::vector<std::string_view> texts = {
        "0.00", "0,00", "-0.00", "43.01", "43,01", "-43.01", "163.69", "1.5", "1,5", "12.", "12,", "5", "-5", "+5.00",
        ".50", "-.50", "0.5", "00.01", "007.10", "1.234", "1,234", "12.345", "1.2.3", "1,2,3", "1.23e2", "12.3a",
        "a2.34", "12a.34", "1 2.34", " 12.34", "12.34 ", "--1.00", "-", "-.", ".", "", "1234567890123.45",
        "12345678901234.56", "-1234567890123.45", "1234567890123", "12345678901234", "9999999999999.99",
        "123456789012345.6", "1234567890123456.", "(12.30)", "$12.30", "12.30₽", "12.3O", "12.:0", "12./0", "1/.00",
    };
    for (const NumberFormat format : {kDot, kComma, NumberFormat{'.', 0}, NumberFormat{',', '.'}}) {
        for (const std::string_view text : texts) {
            int64_t general = -777, fast = -777, slow = -777;
            const bool general_ok = ParseMoneyGeneral(text, format, general);
            const std::string where = "text [" + std::string(text) + "] decimal " + format.decimal;
            const bool fast_ok = ParsePlainMoney(text, format.decimal, fast);
            EXPECT_TRUE(!fast_ok || general_ok) << where;  // the fast path only reads money
            EXPECT_EQ(ParseMoney(text, format, slow), general_ok) << where;
            if (fast_ok) EXPECT_EQ(fast, general) << where;
            if (general_ok) EXPECT_EQ(slow, general) << where;
        }
    }
}

TEST(ParseMoney, FastPathTakesPlainAmounts) {
    // [-]digits[<decimal>d[d]] with 1..13 integer digits, in minor units (cents) computed by hand.
    const std::vector<std::pair<std::string_view, int64_t>> plain = {
        {"0.00", 0}, {"-0.00", 0}, {"43.01", 4301}, {"-43.01", -4301}, {"1.5", 150}, {"5", 500}, {"-5", -500},
        {"00.01", 1}, {"007.10", 710}, {"1234567890123.45", 123456789012345}, {"1234567890123", 123456789012300},
    };
    for (const auto& [text, cents] : plain) {
        int64_t minor = -777;
        EXPECT_TRUE(ParsePlainMoney(text, '.', minor)) << text;
        EXPECT_EQ(minor, cents) << text;
    }
    int64_t minor = 0;
    EXPECT_TRUE(ParsePlainMoney("43,01", ',', minor));
    EXPECT_EQ(minor, 4301);
    for (const std::string_view text : {"12345678901234.56", "1.234", "1,234", "+5.00", " 12.34", "12.3O", "", "-"}) {
        EXPECT_FALSE(ParsePlainMoney(text, '.', minor)) << text;  // left to the general scan
    }
}

struct DecimalCase {
    std::string_view text;
    NumberFormat format;
    bool ok;
    double value;
};

TEST(ParseDecimal, ReadsQuantities) {
    const DecimalCase cases[] = {
        {"1,5", kComma, true, 1.5},
        {"1 234,5", kComma, true, 1234.5},
        {"3", kDot, true, 3.0},
        {"-0.25", kDot, true, -0.25},
        {"2.5E+2", kDot, true, 250.0},
        {"1'000", kDot, true, 1000.0},
        {"(3)", kDot, true, -3.0},
        {"0.1", kDot, true, 0.1},
        {".5", kDot, true, 0.5},
        {"1,234.5", kDot, true, 1234.5},
        {"12,5", kDot, true, 12.5},
        {"₽ 10,01", kComma, true, 10.01},
        {"", kDot, false, 0},
        {"-", kDot, false, 0},
        {"abc", kDot, false, 0},
        {"1.2.3", kDot, false, 0},
        {"1,5 kg", kComma, false, 0},
    };
    for (const DecimalCase& c : cases) {
        double value = -777;
        const bool ok = ParseDecimal(c.text, c.format, value);
        EXPECT_EQ(ok, c.ok) << "text [" << c.text << "]";
        if (ok && c.ok) {
            EXPECT_DOUBLE_EQ(value, c.value) << "text [" << c.text << "]";
        }
    }
}

TEST(IsPlainInteger, AcceptsOnlySignedDigits) {
    const struct {
        std::string_view text;
        bool expected;
    } cases[] = {
        {"123", true}, {"-123", true}, {"+5", true},     {"0", true},     {"", false},     {"-", false},
        {"+", false},  {"12.0", false}, {" 12", false}, {"12 ", false}, {"1 000", false}, {"1e3", false},
    };
    for (const auto& c : cases) EXPECT_EQ(IsPlainInteger(c.text), c.expected) << "text [" << c.text << "]";
}

struct DetectCase {
    std::vector<std::string_view> samples;
    char decimal;
    char thousands;
};

TEST(DetectNumberFormat, DecidesSeparatorsFromTheColumn) {
    const DetectCase cases[] = {
        {{"1 234,56", "99,90", "5"}, ',', ' '},
        {{"1\u00a0234,56", "12,3"}, ',', ' '},
        {{"1,234.56", "12.5"}, '.', ','},
        {{"1,234", "5,678"}, '.', ','},  // ambiguous alone: ',' groups thousands
        {{"1,234", "12,5"}, ',', 0},     // "12,5" proves a decimal comma, so "1,234" is 1.234
        {{"1.234.567,89"}, ',', '.'},
        {{"1.234.567"}, ',', '.'},
        {{"1,234,567"}, '.', ','},
        {{"1'234.50", "99.00"}, '.', '\''},
        {{"12.5", "3.75"}, '.', 0},
        {{"1.234"}, '.', 0},  // ambiguous: the default decimal '.'
        {{"1234,567"}, ',', 0},  // more than 3 digits before the mark: a decimal
        {{"0,125", "1,234"}, ',', 0},  // a lone 0 before the mark: a decimal
        {{"1 234,567"}, ',', ' '},  // space groups: the mark is the decimal
        {{"₽ 1 234,50", "(12,30)", "-5"}, ',', ' '},
        {{"$1,234.56", "$99.99", "$5"}, '.', ','},
        {{"1,5", "2,5", "3.5"}, ',', 0},  // majority
        {{"100", "200", "-7"}, '.', 0},
        {{}, '.', 0},
        {{"", "abc", "n/a"}, '.', 0},
    };
    for (const DetectCase& c : cases) {
        const NumberFormat format = DetectNumberFormat(c.samples);
        std::string joined;
        for (const std::string_view s : c.samples) joined.append(s).append(" | ");
        EXPECT_EQ(format.decimal, c.decimal) << "samples " << joined;
        EXPECT_EQ(format.thousands, c.thousands) << "samples " << joined;
    }
}

TEST(NumberFormat, DescribesItself) {
    EXPECT_EQ((NumberFormat{',', ' '}).Describe(), "decimal ',' thousands ' '");
    EXPECT_EQ((NumberFormat{'.', ','}).Describe(), "decimal '.' thousands ','");
    EXPECT_EQ((NumberFormat{'.', 0}).Describe(), "decimal '.', no thousands separator");
}

}  // namespace
}  // namespace crm
