#include "core/common/json_writer.h"

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include <gtest/gtest.h>

namespace crm {
namespace {

TEST(JsonWriter, FormatsMoneyWithTwoDecimals) {
    struct Case {
        int64_t minor;
        const char* text;
    };
    const Case cases[] = {
        {0, "0.00"}, {5, "0.05"}, {-5, "-0.05"}, {123456, "1234.56"}, {-123450, "-1234.50"},
        {100, "1.00"}, {INT64_MIN + 1, "-92233720368547758.07"},
    };
    for (const Case& c : cases) EXPECT_EQ(FormatMoney(c.minor), c.text) << c.minor;
}

TEST(JsonWriter, DoublesRoundTripShortest) {
    struct Case {
        double value;
        const char* text;
    };
    const Case cases[] = {
        {0.1, "0.1"}, {1.0 / 3.0, "0.3333333333333333"}, {2.5, "2.5"}, {1e21, "1e+21"}, {-0.0, "-0"}, {0.0, "0"},
        {100, "100"}, {-42.125, "-42.125"}, {0.0001, "0.0001"}, {0.00001, "1e-05"}, {1.5e-7, "1.5e-07"},
        {123456789012345.0, "123456789012345"}, {1e15, "1e+15"}, {1234567890123456.0, "1234567890123456"},
        {1e16, "1e+16"}, {12345678901234568.0, "12345678901234568"}, {1e100, "1e+100"},
        {2.0 / 3.0, "0.6666666666666666"},
        {0.1 + 0.2, "0.30000000000000004"}, {5e-324, "5e-324"},
        {1.7976931348623157e308, "1.7976931348623157e+308"}, {-1e-300, "-1e-300"},
    };
    for (const Case& c : cases) EXPECT_EQ(FormatDouble(c.value), c.text) << c.text;
}

/// printf's shortest exact form for normal doubles: the first of %.15g, %.16g, %.17g that reads back as the
/// same double.
std::string PrintfShortest(double value) {
    char buf[40];
    for (int precision = 15; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, value);
        if (std::strtod(buf, nullptr) == value) break;
    }
    return buf;
}

TEST(JsonWriter, DoublesMatchPrintfShortestForm) {
    // Random bit patterns (every magnitude; subnormals only read back), ratios of small integers (shares, means)
    // and cents.
    std::mt19937_64 random(20261124);
    for (int i = 0; i < 300000; ++i) {
        const uint64_t bits = random();
        double value;
        std::memcpy(&value, &bits, sizeof value);
        if (!std::isfinite(value)) continue;
        if (std::fabs(value) < DBL_MIN) {  // subnormal: fewer digits than printf's 15 may read back
            ASSERT_EQ(std::strtod(FormatDouble(value).c_str(), nullptr), value) << bits;
            continue;
        }
        ASSERT_EQ(FormatDouble(value), PrintfShortest(value)) << bits;
    }
    for (int i = 0; i < 300000; ++i) {
        const double value = static_cast<double>(random() % 100000) / static_cast<double>(random() % 999 + 1);
        ASSERT_EQ(FormatDouble(value), PrintfShortest(value)) << value;
        const double cents = static_cast<double>(static_cast<int64_t>(random() % 2000000001) - 1000000000) / 100.0;
        ASSERT_EQ(FormatDouble(cents), PrintfShortest(cents)) << cents;
    }
}

TEST(JsonWriter, EscapesStringsAndPlacesCommas) {
    JsonWriter out;
    out.BeginObject();
    out.Key("a\"b").String("line\nnext\ttab\x01");
    out.Key("list").BeginArray().Int(1).Null().Bool(true).Money(-250).EndArray();
    out.Key("nan").Double(0.0 / 0.0);
    out.Key("day").Date(19723);  // 2024-01-01 = 19723 days after 1970-01-01
    out.EndObject();
    EXPECT_EQ(out.str(), R"({"a\"b":"line\nnext\ttab\u0001","list":[1,null,true,-2.50],"nan":null,"day":"2024-01-01"})");
}

TEST(JsonWriter, WritesLongTextThroughItsBufferGrowing) {
    // Values of every size up to 2,000 bytes, some all control characters (each written as 6 bytes), between
    // numbers of every width: the text must be what writing each piece with its own escape rules gives.
    std::mt19937 random(7);
    JsonWriter out;
    std::string expected = "[";
    out.BeginArray();
    for (int i = 0; i < 3000; ++i) {
        if (i > 0) expected += ',';
        const size_t length = random() % 2000;
        std::string value(length, 'x');
        std::string escaped = "\"";
        for (size_t k = 0; k < length; ++k) {
            const char c = i % 3 == 0 ? static_cast<char>(random() % 32) : static_cast<char>('a' + random() % 26);
            value[k] = c;
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\u%04x", static_cast<unsigned>(c));
            const char* named = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : nullptr;
            escaped += named != nullptr ? std::string(named) : i % 3 == 0 ? std::string(hex) : std::string(1, c);
        }
        escaped += '"';
        const auto number = static_cast<int64_t>(random()) * (i % 2 == 0 ? 1 : -12345);
        out.BeginArray().String(value).Int(number).Money(number).EndArray();
        // Money: the minor units' digits (at least three) with the point two from the end.
        std::string digits = std::to_string(number < 0 ? -number : number);
        digits.insert(0, digits.size() < 3 ? 3 - digits.size() : 0, '0');
        const std::string money = (number < 0 ? "-" : "") + digits.substr(0, digits.size() - 2) + "." +
                                  digits.substr(digits.size() - 2);
        expected += "[" + escaped + "," + std::to_string(number) + "," + money + "]";
    }
    out.EndArray();
    expected += ']';
    EXPECT_EQ(out.str(), expected);
    EXPECT_EQ(out.Take(), expected);
}

}  // namespace
}  // namespace crm
