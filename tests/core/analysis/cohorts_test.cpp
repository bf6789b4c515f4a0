#include "core/analysis/cohorts.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/core/analysis/test_dataset.h"

namespace crm {
namespace {

using test::Day;

// Customers (revenue in minor units), channel of each purchase:
//   A: 2024-01-05 1000 web, 2024-01-20 500 shop, 2024-03-02 2000 shop; return 2024-01-25 200
//   B: 2024-01-10 300 shop, 2024-02-11 700 web
//   C: 2024-02-01 400 web, 2024-02-25 100 web; return 2024-03-05 150
//   D: 2024-03-10 900 (no channel)
//   E: 2024-01-31 250 app, 2024-03-16 600 app, 2024-04-01 100 app
Dataset CohortData() {
    return test::MakeOrders(
        {
            {"A", "2024-01-05", 1000, "web"},
            {"B", "2024-01-10", 300, "shop"},
            {"A", "2024-01-20", 500, "shop"},
            {"E", "2024-01-31", 250, "app"},
            {"C", "2024-02-01", 400, "web"},
            {"B", "2024-02-11", 700, "web"},
            {"C", "2024-02-25", 100, "web"},
            {"A", "2024-03-02", 2000, "shop"},
            {"D", "2024-03-10", 900, ""},
            {"E", "2024-03-16", 600, "app"},
            {"E", "2024-04-01", 100, "app"},
        },
        {{"A", "2024-01-25", 200}, {"C", "2024-03-05", 150}});
}

/// -1 stands for a null cell in the expected tables below.
constexpr int64_t kNull = -1;
constexpr double kNullD = -1;

struct Expected {
    std::vector<std::string> labels;
    std::vector<int64_t> sizes;
    int32_t offsets;
    std::vector<std::vector<int64_t>> active;
    std::vector<std::vector<double>> retention, or_later, cumulative;
    std::vector<std::vector<int64_t>> revenue;  // minor units
    std::vector<std::vector<double>> revenue_per_customer;  // currency units
    std::vector<int32_t> partial;  // -1 = null
};

void ExpectMatrix(const CohortResult& r, const std::vector<std::vector<double>>& want, const std::string& what,
                  const std::function<double(size_t)>& value) {
    ASSERT_EQ(want.size(), r.labels.size()) << what;
    for (size_t a = 0; a < want.size(); ++a) {
        ASSERT_EQ(want[a].size(), static_cast<size_t>(r.offsets)) << what << " row " << a;
        for (int32_t k = 0; k < r.offsets; ++k) {
            const size_t i = a * r.offsets + k;
            if (want[a][k] == kNullD) {
                EXPECT_EQ(r.eligible[i], 0) << what << " [" << a << "][" << k << "] should be null";
            } else {
                EXPECT_GT(r.eligible[i], 0) << what << " [" << a << "][" << k << "] should be observable";
                EXPECT_NEAR(value(i), want[a][k], 1e-12) << what << " [" << a << "][" << k << "]";
            }
        }
    }
}

std::vector<std::vector<double>> ToDouble(const std::vector<std::vector<int64_t>>& m) {
    std::vector<std::vector<double>> out;
    for (const auto& row : m) out.emplace_back(row.begin(), row.end());
    return out;
}

void Check(const CohortResult& r, const Expected& e, const std::string& name) {
    EXPECT_EQ(r.labels, e.labels) << name;
    EXPECT_EQ(r.sizes, e.sizes) << name;
    ASSERT_EQ(r.offsets, e.offsets) << name;
    const auto share = [&](const std::vector<int64_t>& counts) {
        return [&](size_t i) { return static_cast<double>(counts[i]) / static_cast<double>(r.eligible[i]); };
    };
    ExpectMatrix(r, ToDouble(e.active), name + " active", [&](size_t i) { return static_cast<double>(r.active[i]); });
    ExpectMatrix(r, e.retention, name + " retention", share(r.active));
    ExpectMatrix(r, e.or_later, name + " retentionOrLater", share(r.active_or_later));
    ExpectMatrix(r, e.cumulative, name + " retentionCumulative", [&](size_t i) {
        return i % r.offsets == 0 ? 1.0 : static_cast<double>(r.returned_by[i]) / static_cast<double>(r.eligible[i]);
    });
    ExpectMatrix(r, ToDouble(e.revenue), name + " revenue",
                 [&](size_t i) { return static_cast<double>(r.revenue[i]); });
    ExpectMatrix(r, e.revenue_per_customer, name + " cumulativeRevenuePerCustomer", [&](size_t i) {
        return static_cast<double>(r.cumulative_revenue[i]) / static_cast<double>(r.eligible[i]) / 100.0;
    });
    EXPECT_EQ(r.partial_offsets, e.partial) << name;
}

TEST(Cohorts, MatricesForEachPeriodAndAttribute) {
    struct Case {
        std::string name;
        std::string as_of;
        CohortParams params;
        Expected expected;
    };
    std::vector<Case> cases;
    {
        // Month, as-of 2024-03-16: last period March (partial: 03-15 is not the month's end). E's 03-16 and 04-01
        // purchases are on/after the as-of date. Cohorts Jan {A, B, E}, Feb {C}, Mar {D}.
        // active Jan: k0 A,B,E; k1 (Feb) B; k2 (Mar) A. Feb: k0 C; k1 nobody (C's March row is a return).
        // or-later Jan: k1 A,B (2/3); k2 A (1/3). cumulative Jan: k1 B (1/3); k2 B, A (2/3).
        // revenue Jan k0: A 1000+500-200 + B 300 + E 250 = 1850; k1: B 700; k2: A 2000.
        //         Feb k0: 400+100 = 500; k1: return -150. Mar k0: 900.
        // per customer Jan: 1850/3/100, 2550/3/100 = 8.5, 4550/3/100; Feb: 5, 3.5; Mar: 9.
        Case c{"month", "2024-03-16", CohortParams(), {}};
        c.expected = {{"2024-01", "2024-02", "2024-03"},
                      {3, 1, 1},
                      3,
                      {{3, 1, 1}, {1, 0, kNull}, {1, kNull, kNull}},
                      {{1, 1.0 / 3, 1.0 / 3}, {1, 0, kNullD}, {1, kNullD, kNullD}},
                      {{1, 2.0 / 3, 1.0 / 3}, {1, 0, kNullD}, {1, kNullD, kNullD}},
                      {{1, 1.0 / 3, 2.0 / 3}, {1, 0, kNullD}, {1, kNullD, kNullD}},
                      {{1850, 700, 2000}, {500, -150, kNull}, {900, kNull, kNull}},
                      {{18.5 / 3, 8.5, 45.5 / 3}, {5, 3.5, kNullD}, {9, kNullD, kNullD}},
                      {2, 1, 0}};
        cases.push_back(c);
    }
    {
        // Same, capped at 2 offsets: Jan's partial cell (offset 2) is cut off.
        Case c = cases.back();
        c.name = "month maxOffsets=2";
        c.params.max_offsets = 2;
        c.expected.offsets = 2;
        for (auto* m : {&c.expected.active, &c.expected.revenue}) {
            for (auto& row : *m) row.pop_back();
        }
        for (auto* m : {&c.expected.retention, &c.expected.or_later, &c.expected.cumulative,
                        &c.expected.revenue_per_customer}) {
            for (auto& row : *m) row.pop_back();
        }
        c.expected.partial = {-1, 1, 0};
        cases.push_back(c);
    }
    {
        // Month, as-of 2024-04-01: March is complete (no partial cells); E's 03-16 purchase now counts.
        // Jan k2: A, E active; or-later Jan k1: A, B, E (3/3), k2: A, E (2/3); cumulative k2: B, A, E (3/3).
        // revenue Jan k2: 2000 + 600 = 2600; per customer k2: (1850+700+2600)/3/100 = 51.5/3.
        Case c{"month complete", "2024-04-01", CohortParams(), {}};
        c.expected = {{"2024-01", "2024-02", "2024-03"},
                      {3, 1, 1},
                      3,
                      {{3, 1, 2}, {1, 0, kNull}, {1, kNull, kNull}},
                      {{1, 1.0 / 3, 2.0 / 3}, {1, 0, kNullD}, {1, kNullD, kNullD}},
                      {{1, 1, 2.0 / 3}, {1, 0, kNullD}, {1, kNullD, kNullD}},
                      {{1, 1.0 / 3, 1}, {1, 0, kNullD}, {1, kNullD, kNullD}},
                      {{1850, 700, 2600}, {500, -150, kNull}, {900, kNull, kNull}},
                      {{18.5 / 3, 8.5, 51.5 / 3}, {5, 3.5, kNullD}, {9, kNullD, kNullD}},
                      {-1, -1, -1}};
        cases.push_back(c);
    }
    {
        // Quarter, as-of 2024-04-02: one cohort 2024-Q1 {A..E}; Q2 is partial (offset 1).
        // k0 revenue: A 3300, B 1000, C 350, D 900, E 850 = 6400; k1: E 100. Per customer 64/5, 65/5.
        // or-later k1: E (1/5); cumulative k1: E (1/5).
        Case c{"quarter", "2024-04-02", CohortParams(), {}};
        c.params.period = CohortPeriod::kQuarter;
        c.expected = {{"2024-Q1"}, {5}, 2, {{5, 1}}, {{1, 0.2}}, {{1, 0.2}}, {{1, 0.2}}, {{6400, 100}},
                      {{12.8, 13}}, {1}};
        cases.push_back(c);
    }
    {
        // First-touch channel, as-of 2024-03-16 (month offsets since each customer's own first month).
        // Cohorts by name, "(none)" last: app {E}, shop {B}, web {A (Jan), C (Feb)}, (none) {D (Mar)}.
        // Horizons (last period - first period): A 2, B 2, C 1, D 0, E 2.
        // web: eligible k0 2, k1 2, k2 1 (A). active k0 A, C; k1 none (A's offsets are 0, 0, 2; C's 0, 0); k2 A.
        //   or-later k1: A; k2: A (1/1). cumulative: k1 none; k2 A (first repeat offset 2).
        //   revenue k0: A 1500-200 + C 500 = 1800; k1: C's March return -150; k2: A 2000.
        //   per customer: k0 1800/2, k1 (1300 + 350)/2, k2 A only: 3300/1.
        // app: E, k0 250, k1 0, k2 0 (03-16 excluded). shop: B, k1 700 (Feb, offset 1).
        Case c{"channel", "2024-03-16", CohortParams(), {}};
        c.params.by = CohortBy::kChannel;
        c.expected = {{"app", "shop", "web", "(none)"},
                      {1, 1, 2, 1},
                      3,
                      {{1, 0, 0}, {1, 1, 0}, {2, 0, 1}, {1, kNull, kNull}},
                      {{1, 0, 0}, {1, 1, 0}, {1, 0, 1}, {1, kNullD, kNullD}},
                      {{1, 0, 0}, {1, 1, 0}, {1, 0.5, 1}, {1, kNullD, kNullD}},
                      {{1, 0, 0}, {1, 1, 1}, {1, 0, 1}, {1, kNullD, kNullD}},
                      {{250, 0, 0}, {300, 700, 0}, {1800, -150, 2000}, {900, kNull, kNull}},
                      {{2.5, 2.5, 2.5}, {3, 10, 10}, {9, 8.25, 33}, {9, kNullD, kNullD}},
                      {-1, -1, -1, -1}};
        cases.push_back(c);
    }
    const Dataset data = CohortData();
    for (const Case& c : cases) {
        const Result<CohortResult> result = ComputeCohorts(data, Day(c.as_of), c.params);
        ASSERT_TRUE(result.ok()) << c.name << ": " << result.error().ToString();
        Check(result.value(), c.expected, c.name);
    }
}

TEST(Cohorts, WeeksStartOnMondayOrSunday) {
    // 2024-01-01 is a Monday. P buys Sat 01-06, Sun 01-07, Mon 01-08; Q buys Sun 01-07. As-of Wed 01-10.
    const Dataset data = test::MakeOrders({
        {"P", "2024-01-06", 100},
        {"Q", "2024-01-07", 200},
        {"P", "2024-01-07", 300},
        {"P", "2024-01-08", 400},
    });
    struct Case {
        int32_t week_start;
        std::vector<std::string> labels;
        std::vector<int64_t> sizes;
        std::vector<int64_t> active;  // row-major, -1 = null
        std::vector<int64_t> revenue;
        std::vector<int32_t> partial;
    };
    const Case cases[] = {
        // Monday weeks: 01-01..01-07 holds P's and Q's first purchases; P returns in 01-08..01-14 (partial).
        {0, {"2024-01-01"}, {2}, {2, 1}, {600, 400}, {1}},
        // Sunday weeks: P starts in 12-31..01-06, then buys twice in 01-07..01-13 (counted once); Q starts 01-07.
        {6, {"2023-12-31", "2024-01-07"}, {1, 1}, {1, 1, 1, -1}, {100, 700, 200, -1}, {1, 0}},
    };
    for (const Case& c : cases) {
        CohortParams params;
        params.period = CohortPeriod::kWeek;
        params.week_start = c.week_start;
        const Result<CohortResult> result = ComputeCohorts(data, Day("2024-01-10"), params);
        ASSERT_TRUE(result.ok());
        const CohortResult& r = result.value();
        EXPECT_EQ(r.labels, c.labels) << "weekStart " << c.week_start;
        EXPECT_EQ(r.sizes, c.sizes) << "weekStart " << c.week_start;
        ASSERT_EQ(r.active.size(), c.active.size()) << "weekStart " << c.week_start;
        for (size_t i = 0; i < c.active.size(); ++i) {
            const std::string where = "weekStart " + std::to_string(c.week_start) + " cell " + std::to_string(i);
            EXPECT_EQ(r.eligible[i] > 0 ? r.active[i] : -1, c.active[i]) << where;
            EXPECT_EQ(r.eligible[i] > 0 ? r.revenue[i] : -1, c.revenue[i]) << where;
        }
        EXPECT_EQ(r.partial_offsets, c.partial) << "weekStart " << c.week_start;
    }
}

TEST(Cohorts, JsonHasNullsNeverZeros) {
    const Dataset data = CohortData();
    const Result<CohortResult> result = ComputeCohorts(data, Day("2024-03-16"), CohortParams());
    ASSERT_TRUE(result.ok());
    JsonWriter out;
    WriteCohortsJson(result.value(), out);
    const std::string& json = out.str();
    const std::string fragments[] = {
        R"({"period":"month","by":"firstPurchase","weekStart":"monday","asOf":"2024-03-16","lastPeriod":"2024-03",)"
        R"("partialLastPeriod":true,"cohorts":["2024-01","2024-02","2024-03"],"sizes":[3,1,1],"offsets":3,)",
        R"("active":[[3,1,1],[1,0,null],[1,null,null]])",
        R"("retentionCumulative":[[1,0.3333333333333333,0.6666666666666666],[1,0,null],[1,null,null]])",
        R"("revenue":[[18.50,7.00,20.00],[5.00,-1.50,null],[9.00,null,null]])",
        R"("cumulativeRevenuePerCustomer":[[6.166666666666667,8.5,15.166666666666666],[5,3.5,null],[9,null,null]])",
        R"("partialOffsets":[2,1,0]})",
    };
    for (const std::string& fragment : fragments) {
        EXPECT_NE(json.find(fragment), std::string::npos) << "missing " << fragment << "\nin " << json;
    }
}

TEST(Cohorts, ParsesParams) {
    struct Case {
        std::string json;
        bool ok;
        std::string message;
        std::string expected;
    };
    const Case cases[] = {
        {R"({})", true, "", ""},
        {R"({"period":"week","weekStart":"sunday","by":"campaign","maxOffsets":12})", true, "", ""},
        {R"({"maxOffsets":null})", true, "", ""},
        {R"({"period":"day"})", false, "cohorts.period", R"("month", "week", "quarter")"},
        {R"({"weekStart":"sun"})", false, "cohorts.weekStart", R"("sunday")"},
        {R"({"by":"product"})", false, "cohorts.by", R"("firstPurchase", "channel")"},
        {R"({"maxOffsets":0})", false, "cohorts.maxOffsets", "from 1"},
        {R"({"size":3})", false, "unknown key cohorts.size", R"("period", "weekStart", "by", "maxOffsets")"},
    };
    simdjson::dom::parser parser;
    for (const Case& c : cases) {
        simdjson::dom::element element;
        ASSERT_EQ(parser.parse(c.json).get(element), simdjson::SUCCESS) << c.json;
        CohortParams params;
        const Status status = ParseCohortParams(element, params);
        EXPECT_EQ(status.ok(), c.ok) << c.json;
        if (c.ok || status.ok()) continue;
        EXPECT_EQ(status.error().code, ErrorCode::kBadRequest) << c.json;
        EXPECT_NE(status.error().message.find(c.message), std::string::npos)
            << c.json << " -> " << status.error().message;
        EXPECT_NE(status.error().expected.find(c.expected), std::string::npos)
            << c.json << " -> " << status.error().expected;
    }
    simdjson::dom::element root;
    const std::string_view json = R"({"period":"week","weekStart":"sunday","by":"campaign","maxOffsets":12})";
    ASSERT_EQ(parser.parse(json).get(root), simdjson::SUCCESS);
    CohortParams params;
    ASSERT_TRUE(ParseCohortParams(root, params).ok());
    EXPECT_EQ(params.period, CohortPeriod::kWeek);
    EXPECT_EQ(params.week_start, 6);
    EXPECT_EQ(params.by, CohortBy::kCampaign);
    EXPECT_EQ(params.max_offsets, std::optional<int32_t>(12));
}

TEST(Cohorts, NoPurchasesIsNoData) {
    const Dataset data = CohortData();
    const Result<CohortResult> result = ComputeCohorts(data, Day("2024-01-01"), CohortParams());
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::kNoData);
}

}  // namespace
}  // namespace crm
