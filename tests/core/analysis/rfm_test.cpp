#include "core/analysis/rfm.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/core/analysis/test_dataset.h"

namespace crm {
namespace {

using test::Day;

// As-of 2024-01-11. Per customer (rows dated 2024-01-11 or later do not count):
//   "1":  01-10 10.00, 01-05 20.00                  -> recency 1,  frequency 2, monetary 30.00
//   "2":  01-01 5.00 (+ 01-11 99.99 excluded)        -> recency 10, frequency 1, monetary 5.00
//   "3":  01-10 7.00, 01-09 3.00, 01-02 10.00        -> recency 1,  frequency 3, monetary 20.00
//   "10": 01-06 50.00 (return 10.00 on 01-11 excluded) -> recency 5, frequency 1, monetary 50.00
//   "11": 01-08 1.00, return 0.50 on 01-09           -> recency 3,  frequency 1, monetary 0.50
//   "99": only 01-12                                 -> not a customer
Dataset RfmData() {
    return test::MakeOrders(
        {
            {"10", "2024-01-06", 5000},
            {"1", "2024-01-10", 1000},
            {"2", "2024-01-01", 500},
            {"3", "2024-01-10", 700},
            {"1", "2024-01-05", 2000},
            {"3", "2024-01-09", 300},
            {"11", "2024-01-08", 100},
            {"3", "2024-01-02", 1000},
            {"2", "2024-01-11", 9999},
            {"99", "2024-01-12", 100},
        },
        {{"11", "2024-01-09", 50}, {"10", "2024-01-11", 1000}});
}

struct Expected {
    std::string customer;
    int r, f, m;
    std::string segment;
};

std::vector<Expected> Actual(const RfmResult& result, const Dataset& data) {
    std::vector<Expected> rows;
    for (const RfmCustomer& c : result.customers) {
        rows.push_back({std::string(data.customers.At(c.customer)), c.r, c.f, c.m, result.segment_names[c.segment]});
    }
    return rows;
}

void ExpectRows(const std::vector<Expected>& got, const std::vector<Expected>& want, const std::string& name) {
    ASSERT_EQ(got.size(), want.size()) << name;
    for (size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(got[i].customer, want[i].customer) << name << " row " << i;
        EXPECT_EQ(got[i].r, want[i].r) << name << " " << want[i].customer << " r";
        EXPECT_EQ(got[i].f, want[i].f) << name << " " << want[i].customer << " f";
        EXPECT_EQ(got[i].m, want[i].m) << name << " " << want[i].customer << " m";
        EXPECT_EQ(got[i].segment, want[i].segment) << name << " " << want[i].customer << " segment";
    }
}

void ExpectNear(const std::vector<double>& got, const std::vector<double>& want, const std::string& what) {
    ASSERT_EQ(got.size(), want.size()) << what;
    for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-9) << what << " [" << i << "]";
}

TEST(Rfm, ScoresForEveryMethod) {
    struct Case {
        std::string name;
        RfmParams params;
        std::vector<Expected> rows;  // in customer key order: 1, 2, 3, 10, 11 (numeric, not bytewise)
        std::vector<double> recency_breaks, frequency_breaks, monetary_breaks;  // monetary in minor units
        std::vector<int32_t> unused_r, unused_f, unused_m;
    };
    std::vector<Case> cases;
    {
        // Quantile n = 5, h = 4 * k / 5 = 0.8, 1.6, 2.4, 3.2.
        // recency sorted [1,1,3,5,10]: q = 1, 1+0.6*2 = 2.2, 3+0.4*2 = 3.8, 5+0.2*5 = 6;
        //   R = 5 - #{rec > q}: 1 -> 5, 10 -> 1, 5 -> 2, 3 -> 3 (score 4 unused).
        // frequency sorted [1,1,1,2,3]: q = 1, 1, 1.4, 2.2; F = 1 + #{f > q}: 1 -> 1, 2 -> 4, 3 -> 5 (2, 3 unused).
        // monetary sorted [50,500,2000,3000,5000]: q = 410, 1400, 2400, 3400; M: 1, 2, 3, 4, 5.
        Case c{"quantile n=5", RfmParams(), {}, {1, 2.2, 3.8, 6}, {1, 1, 1.4, 2.2}, {410, 1400, 2400, 3400},
               {4}, {2, 3}, {}};
        c.rows = {{"1", 5, 4, 4, "Champions"},
                  {"2", 1, 1, 2, "Lost"},
                  {"3", 5, 5, 3, "Champions"},
                  {"10", 2, 1, 5, "Hibernating"},
                  {"11", 3, 1, 1, "About to sleep"}};
        cases.push_back(c);
    }
    {
        // NTILE(5) over 5 customers: one per bucket.
        // R by recency desc, key asc: 2 (10), 10 (5), 11 (3), 1 (1), 3 (1) -> 1..5.
        // F ascending, ties by key 2 < 10 < 11: 2, 10, 11 (f=1), 1 (2), 3 (3) -> 1..5.
        // M ascending: 11 (50), 2 (500), 3 (2000), 1 (3000), 10 (5000) -> 1..5.
        Case c{"ntile n=5", RfmParams(), {}, {}, {}, {}, {}, {}, {}};
        c.params.method = RfmMethod::kNtile;
        c.rows = {{"1", 4, 4, 4, "Loyal"},
                  {"2", 1, 1, 2, "Lost"},
                  {"3", 5, 5, 3, "Champions"},
                  {"10", 2, 2, 5, "Hibernating"},
                  {"11", 3, 3, 1, "Need attention"}};
        cases.push_back(c);
    }
    {
        // NTILE(10) over 5 customers: buckets 1..5, scores 6..10 unused. On the 1..5 scale ceil(s/2):
        // 2 -> R1 F1 Lost, 10 -> R1 F1 Lost, 11 -> R2 F2 Hibernating, 1 -> R2 F2 Hibernating, 3 -> R3 F3.
        Case c{"ntile n=10", RfmParams(), {}, {}, {}, {}, {6, 7, 8, 9, 10}, {6, 7, 8, 9, 10}, {6, 7, 8, 9, 10}};
        c.params.method = RfmMethod::kNtile;
        c.params.n = 10;
        c.rows = {{"1", 4, 4, 4, "Hibernating"},
                  {"2", 1, 1, 2, "Lost"},
                  {"3", 5, 5, 3, "Need attention"},
                  {"10", 2, 2, 5, "Lost"},
                  {"11", 3, 3, 1, "Hibernating"}};
        cases.push_back(c);
    }
    {
        // Quantile n = 3, h = 4/3, 8/3.
        // recency [1,1,3,5,10]: q = 1 + (1/3)*2 = 1.667, 3 + (2/3)*2 = 4.333;
        //   R = 3 - #{rec > q}: 1 -> 3, 10 -> 1, 5 -> 1, 3 -> 2.
        // frequency [1,1,1,2,3]: q = 1, 1 + (2/3)*1 = 1.667; F: 1 -> 1, 2 -> 3, 3 -> 3 (2 unused).
        // monetary [50,500,2000,3000,5000]: q = 500 + 1500/3 = 1000, 2000 + 2000/3 = 2666.67; M: 1,1,2,3,3.
        // 1..5 scale ceil(5s/3): 1 -> 2, 2 -> 4, 3 -> 5.
        Case c{"quantile n=3", RfmParams(), {}, {5.0 / 3, 13.0 / 3}, {1, 5.0 / 3}, {1000, 8000.0 / 3}, {}, {2}, {}};
        c.params.n = 3;
        c.rows = {{"1", 3, 3, 3, "Champions"},
                  {"2", 1, 1, 1, "Hibernating"},
                  {"3", 3, 3, 2, "Champions"},
                  {"10", 1, 1, 3, "Hibernating"},
                  {"11", 2, 1, 1, "Potential loyalists"}};
        cases.push_back(c);
    }
    {
        // Fixed n = 3: recency [2, 7], frequency [1, 2], monetary [10.00, 25.00] = [1000, 2500] minor.
        // R = 3 - #{rec > t}: 1 -> 3, 10 -> 1, 5 -> 2, 3 -> 2. F = 1 + #{f > t}: 2 -> 2, 1 -> 1, 3 -> 3.
        // M: 3000 -> 3, 500 -> 1, 2000 -> 2, 5000 -> 3, 50 -> 1.
        // Segments: 1: R5 F4 Champions; 2: R2 F2 Hibernating; 3: R5 F5 Champions; 10: R4 F2 Potential loyalists;
        // 11: R4 F2 Potential loyalists.
        Case c{"fixed n=3", RfmParams(), {}, {2, 7}, {1, 2}, {1000, 2500}, {}, {}, {}};
        c.params.method = RfmMethod::kFixed;
        c.params.n = 3;
        c.params.thresholds = {{2, 7}, {1, 2}, {10.0, 25.0}};
        c.rows = {{"1", 3, 2, 3, "Champions"},
                  {"2", 1, 1, 1, "Hibernating"},
                  {"3", 3, 3, 2, "Champions"},
                  {"10", 2, 1, 3, "Potential loyalists"},
                  {"11", 2, 1, 1, "Potential loyalists"}};
        cases.push_back(c);
    }
    {
        // Mean monetary, quantile n = 5: means 1: 1500, 2: 500, 3: 2000/3 = 666.67, 10: 5000, 11: 50.
        // sorted [50, 500, 666.67, 1500, 5000]: q = 50 + 0.8*450 = 410, 500 + 0.6*166.67 = 600,
        // 666.67 + 0.4*833.33 = 1000, 1500 + 0.2*3500 = 2200. M: 1500 -> 4, 500 -> 2, 666.67 -> 3, 5000 -> 5, 50 -> 1.
        Case c{"quantile mean monetary", RfmParams(), {}, {1, 2.2, 3.8, 6}, {1, 1, 1.4, 2.2}, {410, 600, 1000, 2200},
               {4}, {2, 3}, {}};
        c.params.monetary = MonetaryMode::kMean;
        c.rows = {{"1", 5, 4, 4, "Champions"},
                  {"2", 1, 1, 2, "Lost"},
                  {"3", 5, 5, 3, "Champions"},
                  {"10", 2, 1, 5, "Hibernating"},
                  {"11", 3, 1, 1, "About to sleep"}};
        cases.push_back(c);
    }
    const Dataset data = RfmData();
    for (const Case& c : cases) {
        const Result<RfmResult> result = ComputeRfm(data, Day("2024-01-11"), c.params);
        ASSERT_TRUE(result.ok()) << c.name << ": " << result.error().ToString();
        ExpectRows(Actual(result.value(), data), c.rows, c.name);
        ExpectNear(result.value().recency_breaks, c.recency_breaks, c.name + " recency breaks");
        ExpectNear(result.value().frequency_breaks, c.frequency_breaks, c.name + " frequency breaks");
        ExpectNear(result.value().monetary_breaks, c.monetary_breaks, c.name + " monetary breaks");
        EXPECT_EQ(result.value().unused_r, c.unused_r) << c.name;
        EXPECT_EQ(result.value().unused_f, c.unused_f) << c.name;
        EXPECT_EQ(result.value().unused_m, c.unused_m) << c.name;
    }
}

TEST(Rfm, MeasuresNetReturnsAndSkipAsOf) {
    const Dataset data = RfmData();
    const Result<RfmResult> result = ComputeRfm(data, Day("2024-01-11"), RfmParams());
    ASSERT_TRUE(result.ok());
    struct Row {
        std::string customer;
        int32_t recency, frequency;
        int64_t net;
    };
    // See RfmData: the 99.99 purchase and the 10.00 return on the as-of day are left out; 11 nets 1.00 - 0.50.
    const Row want[] = {{"1", 1, 2, 3000}, {"2", 10, 1, 500}, {"3", 1, 3, 2000}, {"10", 5, 1, 5000}, {"11", 3, 1, 50}};
    ASSERT_EQ(result.value().customers.size(), std::size(want));
    for (size_t i = 0; i < std::size(want); ++i) {
        const RfmCustomer& c = result.value().customers[i];
        EXPECT_EQ(data.customers.At(c.customer), want[i].customer);
        EXPECT_EQ(c.recency, want[i].recency) << want[i].customer;
        EXPECT_EQ(c.frequency, want[i].frequency) << want[i].customer;
        EXPECT_EQ(c.net_revenue, want[i].net) << want[i].customer;
    }
    EXPECT_EQ(result.value().total_revenue, 10550);  // 3000 + 500 + 2000 + 5000 + 50
}

TEST(Rfm, GridSegmentsAndJson) {
    const Dataset data = RfmData();
    const Result<RfmResult> result = ComputeRfm(data, Day("2024-01-11"), RfmParams());
    ASSERT_TRUE(result.ok());
    JsonWriter out;
    WriteRfmJson(result.value(), data, out);
    const std::string& json = out.str();
    // Quantile n = 5 scores (see ScoresForEveryMethod): 1 R5 F4, 2 R1 F1, 3 R5 F5, 10 R2 F1, 11 R3 F1.
    const std::string expected_fragments[] = {
        R"("method":"quantile","n":5,"monetaryMode":"total","asOf":"2024-01-11","customerCount":5)",
        // 410, 1400, 2400, 3400 minor units. Recency at p = 0.8: h = 4 * 0.8 = 3.2 = 16/5 exactly, so
        // q = 5 + (1/5)(10 - 5) = 6 exactly (numpy and DuckDB print 6.000000000000001 from floating k/n).
        R"("breakpoints":{"recency":[1,2.2,3.8,6],"frequency":[1,1,1.4,2.2],"monetary":[4.1,14,24,34)",
        R"("unusedScores":{"r":[4],"f":[2,3],"m":[]})",
        R"("count":[[1,0,0,0,0],[1,0,0,0,0],[1,0,0,0,0],[0,0,0,0,0],[0,0,0,1,1]])",
        R"("meanMonetary":[[5,null,null,null,null],[50,null,null,null,null],[0.5,null,null,null,null],)"
        R"([null,null,null,null,null],[null,null,null,30,20]])",
        R"("meanM":[[2,null,null,null,null],[5,null,null,null,null],[1,null,null,null,null],)",
        R"("revenue":[[5.00,0.00,0.00,0.00,0.00],[50.00,0.00,0.00,0.00,0.00],)",
        // Champions: 1 and 3 -> 2 customers, share 0.4, revenue 50.00 of 105.50, recency (1+1)/2,
        // frequency (2+3)/2, monetary (30+20)/2.
        R"({"name":"Champions","customers":2,"share":0.4,"revenue":50.00,"revenueShare":0.47393364928909953,)"
        R"("meanRecency":1,"meanFrequency":2.5,"meanMonetary":25})",
        R"({"name":"Loyal","customers":0,"share":0,"revenue":0.00,"revenueShare":0,"meanRecency":null,)",
        R"({"customer":"10","recency":5,"frequency":1,"monetary":50.00,"revenue":50.00,"r":2,"f":1,"m":5,)"
        R"("segment":"Hibernating"})",
    };
    for (const std::string& fragment : expected_fragments) {
        EXPECT_NE(json.find(fragment), std::string::npos) << "missing " << fragment << "\nin " << json;
    }
    EXPECT_EQ(json.find("\"Other\""), std::string::npos) << "the default table covers every cell";
    // Segments are listed in table order: Lost first, Champions last.
    EXPECT_LT(json.find("\"name\":\"Lost\""), json.find("\"name\":\"Champions\""));
}

TEST(Rfm, MeanModeJsonMonetary) {
    const Dataset data = RfmData();
    RfmParams params;
    params.monetary = MonetaryMode::kMean;
    const Result<RfmResult> result = ComputeRfm(data, Day("2024-01-11"), params);
    ASSERT_TRUE(result.ok());
    JsonWriter out;
    WriteRfmJson(result.value(), data, out);
    // Customer 1: 30.00 over 2 purchases = 15 per purchase; its net revenue stays 30.00.
    EXPECT_NE(out.str().find(R"({"customer":"1","recency":1,"frequency":2,"monetary":15,"revenue":30.00,)"),
              std::string::npos)
        << out.str();
    EXPECT_NE(out.str().find(R"("monetaryMode":"mean")"), std::string::npos);
}

TEST(Rfm, CustomSegmentsAndOther) {
    simdjson::dom::parser parser;
    simdjson::dom::element element;
    ASSERT_EQ(parser.parse(std::string_view(
                               R"({"segments":[{"name":"Best","r":[4,5],"f":[4,5]},{"name":"Recent","r":5,"m":[1,2]}],)"
                               R"("includeCustomers":false})"))
                  .get(element),
              simdjson::SUCCESS);
    RfmParams params;
    ASSERT_TRUE(ParseRfmParams(element, params).ok());
    const Dataset data = RfmData();
    const Result<RfmResult> result = ComputeRfm(data, Day("2024-01-11"), params);
    ASSERT_TRUE(result.ok());
    // Quantile n = 5: 1 R5 F4 M4 -> Best; 2 R1 -> Other; 3 R5 F5 -> Best; 10 R2 -> Other; 11 R3 -> Other.
    EXPECT_EQ(result.value().segment_names, (std::vector<std::string>{"Best", "Recent", "Other"}));
    ASSERT_EQ(result.value().segments.size(), 3u);
    EXPECT_EQ(result.value().segments[0].customers, 2);
    EXPECT_EQ(result.value().segments[1].customers, 0);
    EXPECT_EQ(result.value().segments[2].customers, 3);
    JsonWriter out;
    WriteRfmJson(result.value(), data, out);
    EXPECT_NE(out.str().find(R"("customers":null})"), std::string::npos) << out.str();
}

TEST(Rfm, ParsesParams) {
    struct Case {
        std::string json;
        bool ok;
        std::string message;   // substring of the error message
        std::string expected;  // substring of the error's "expected"
    };
    const Case cases[] = {
        {R"({})", true, "", ""},
        {R"(null)", true, "", ""},
        {R"({"method":"ntile","n":10,"monetary":"mean","includeCustomers":true})", true, "", ""},
        {R"({"method":"fixed","n":3,"thresholds":{"recency":[30,90],"frequency":[1,3],"monetary":[100,500]}})", true,
         "", ""},
        {R"({"method":"fixed","n":4,"thresholds":{"recency":[30,90],"frequency":[1,3],"monetary":[100,500]}})", false,
         "rfm.thresholds.recency", "3 ascending numbers"},
        {R"({"method":"fixed"})", false, "rfm.thresholds.recency", "4 ascending numbers"},
        {R"({"method":"fixed","n":3,"thresholds":{"recency":[90,30],"frequency":[1,3],"monetary":[1,5]}})", false,
         "rfm.thresholds.recency", "ascending"},
        {R"({"method":"kmeans"})", false, "rfm.method", R"("quantile", "ntile", "fixed")"},
        {R"({"n":11})", false, "rfm.n", "from 3 to 10"},
        {R"({"n":2})", false, "rfm.n", "from 3 to 10"},
        {R"({"n":"5"})", false, "rfm.n", "integer"},
        {R"({"monetary":"median"})", false, "rfm.monetary", R"("total", "mean")"},
        {R"({"frobnicate":1})", false, "unknown key rfm.frobnicate", R"("method")"},
        {R"({"segments":[{"name":"X","r":[0,5]}]})", false, "rfm.segments.r", "1..5"},
        {R"({"segments":[{"name":"X","q":1}]})", false, "unknown key rfm.segments.q", R"("name", "r", "f", "m")"},
        {R"({"segments":[{"r":1}]})", false, "rfm.segments.name", "non-empty"},
        {R"({"includeCustomers":1})", false, "rfm.includeCustomers", "true or false"},
        {R"([1])", false, "bad value for rfm", "object"},
    };
    simdjson::dom::parser parser;
    for (const Case& c : cases) {
        simdjson::dom::element element;
        ASSERT_EQ(parser.parse(c.json).get(element), simdjson::SUCCESS) << c.json;
        RfmParams params;
        const Status status = ParseRfmParams(element, params);
        EXPECT_EQ(status.ok(), c.ok) << c.json;
        if (c.ok || status.ok()) continue;
        EXPECT_EQ(status.error().code, ErrorCode::kBadRequest) << c.json;
        EXPECT_NE(status.error().message.find(c.message), std::string::npos)
            << c.json << " -> " << status.error().message;
        EXPECT_NE(status.error().expected.find(c.expected), std::string::npos)
            << c.json << " -> " << status.error().expected;
    }
}

TEST(Rfm, DefaultsWhenMissingAndParsedValues) {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    ASSERT_EQ(parser.parse(std::string_view(R"({"cohorts":{}})")).get(root), simdjson::SUCCESS);
    RfmParams params;
    params.n = 7;
    ASSERT_TRUE(ParseRfmParams(root["rfm"], params).ok());  // absent key: defaults
    EXPECT_EQ(params.n, 5);
    EXPECT_EQ(params.method, RfmMethod::kQuantile);
    EXPECT_EQ(params.monetary, MonetaryMode::kTotal);
    EXPECT_EQ(params.segments.size(), 11u);
    EXPECT_TRUE(params.include_customers);

    ASSERT_EQ(parser.parse(std::string_view(R"({"method":"ntile","n":10,"monetary":"mean"})")).get(root),
              simdjson::SUCCESS);
    ASSERT_TRUE(ParseRfmParams(root, params).ok());
    EXPECT_EQ(params.method, RfmMethod::kNtile);
    EXPECT_EQ(params.n, 10);
    EXPECT_EQ(params.monetary, MonetaryMode::kMean);
}

TEST(Rfm, DefaultSegmentTableCoversEveryCell) {
    const std::vector<RfmSegment> segments = DefaultRfmSegments();
    // The documented map, row R5 down to R1, columns F1..F5.
    const char* want[5][5] = {
        {"New", "Potential loyalists", "Potential loyalists", "Champions", "Champions"},
        {"Promising", "Potential loyalists", "Potential loyalists", "Loyal", "Loyal"},
        {"About to sleep", "About to sleep", "Need attention", "Loyal", "Loyal"},
        {"Hibernating", "Hibernating", "At risk", "At risk", "Can't lose them"},
        {"Lost", "Hibernating", "At risk", "At risk", "Can't lose them"},
    };
    for (int r = 5; r >= 1; --r) {
        for (int f = 1; f <= 5; ++f) {
            for (int m = 1; m <= 5; ++m) {
                const size_t i = MatchSegment(segments, r, f, m);
                ASSERT_LT(i, segments.size()) << "R" << r << " F" << f;
                EXPECT_EQ(segments[i].name, want[5 - r][f - 1]) << "R" << r << " F" << f << " M" << m;
            }
        }
    }
    EXPECT_EQ(ScoreOnFiveScale(1, 3), 2);   // ceil(5/3)
    EXPECT_EQ(ScoreOnFiveScale(2, 3), 4);   // ceil(10/3)
    EXPECT_EQ(ScoreOnFiveScale(3, 3), 5);
    EXPECT_EQ(ScoreOnFiveScale(7, 10), 4);  // ceil(3.5)
    EXPECT_EQ(ScoreOnFiveScale(10, 10), 5);
}

TEST(Rfm, NoPurchasesIsNoData) {
    const Dataset data = RfmData();
    const Result<RfmResult> result = ComputeRfm(data, Day("2023-12-31"), RfmParams());
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::kNoData);
}

TEST(Rfm, NtileOrdersNegativeAndTiedMonetaryByKey) {
    // As-of 2024-01-11; returns on 01-03 count. Net monetary (cents): "1" 1000 - 3000 = -2000, "5" 100 - 2100 =
    // -2000, "3" 1000 - 1000 = 0, "2" 500, "4" 500. NTILE(5) by (monetary, key): 1, 5, 3, 2, 4 -> M 1..5.
    const Dataset data = test::MakeOrders(
        {{"1", "2024-01-02", 1000}, {"2", "2024-01-02", 500}, {"3", "2024-01-02", 1000}, {"4", "2024-01-02", 500},
         {"5", "2024-01-02", 100}},
        {{"1", "2024-01-03", 3000}, {"3", "2024-01-03", 1000}, {"5", "2024-01-03", 2100}});
    RfmParams params;
    params.method = RfmMethod::kNtile;
    const std::vector<std::pair<std::string, int>> want = {{"1", 1}, {"2", 4}, {"3", 3}, {"4", 5}, {"5", 2}};
    for (const MonetaryMode mode : {MonetaryMode::kTotal, MonetaryMode::kMean}) {  // one order each: the same
        params.monetary = mode;
        const Result<RfmResult> result = ComputeRfm(data, Day("2024-01-11"), params);
        ASSERT_TRUE(result.ok());
        ASSERT_EQ(result.value().customers.size(), want.size());
        for (size_t i = 0; i < want.size(); ++i) {
            const RfmCustomer& c = result.value().customers[i];
            EXPECT_EQ(data.customers.At(c.customer), want[i].first) << i;
            EXPECT_EQ(c.m, want[i].second) << want[i].first;
        }
    }
}

}  // namespace
}  // namespace crm
