#include "core/common/json_writer.h"

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
    const Case cases[] = {{0.1, "0.1"}, {1.0 / 3.0, "0.3333333333333333"}, {2.5, "2.5"}, {1e21, "1e+21"}, {-0.0, "-0"}};
    for (const Case& c : cases) EXPECT_EQ(FormatDouble(c.value), c.text) << c.value;
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

}  // namespace
}  // namespace crm
