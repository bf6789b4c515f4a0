#include "core/analysis/drill.h"

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/core/analysis/test_dataset.h"

namespace crm {
namespace {

using test::Day;
using test::Seconds;

// Purchases (minor units) and returns; as-of 2024-04-01, so E's only purchase (on the as-of day) is left out.
//   A web:  01-05 1000, 01-20 500 (shop), 03-02 2000; return 01-25 200
//   B shop: 01-10 300, 02-11 700
//   F web:  01-15 300; return 02-20 100 (F buys nothing in February)
//   C web:  02-01 400, 02-25 100; return 03-05 150 (C buys nothing in March)
//   D:      03-10 900 (no channel)
//   E:      04-01 100
Dataset Orders() {
    return test::MakeOrders(
        {
            {"A", "2024-01-05", 1000, "web"},
            {"B", "2024-01-10", 300, "shop"},
            {"F", "2024-01-15", 300, "web"},
            {"A", "2024-01-20", 500, "shop"},
            {"C", "2024-02-01", 400, "web"},
            {"B", "2024-02-11", 700, "web"},
            {"C", "2024-02-25", 100, "web"},
            {"A", "2024-03-02", 2000, "shop"},
            {"D", "2024-03-10", 900, ""},
            {"E", "2024-04-01", 100, "web"},
        },
        {{"A", "2024-01-25", 200}, {"F", "2024-02-20", 100}, {"C", "2024-03-05", 150}});
}

const int32_t kAsOf = Day("2024-04-01");

struct CustomerRow {
    std::string customer, first;
    int64_t period_purchases, period_revenue, total_purchases, total_revenue;
};

TEST(Drill, CohortCustomers) {
    struct Case {
        std::string name;
        CohortParams params;
        std::string cohort;
        std::optional<int32_t> offset;
        int64_t limit;
        std::vector<CustomerRow> rows;
        int64_t total, revenue, outside;
    };
    CohortParams month;
    CohortParams by_channel;
    by_channel.by = CohortBy::kChannel;
    CohortParams capped;
    capped.max_offsets = 2;
    // Totals: A 3 purchases 1000+500+2000-200 = 3300; B 2, 1000; F 1, 300-100 = 200; C 2, 500-150 = 350; D 1, 900.
    const CustomerRow a_jan{"A", "2024-01-05", 2, 1300, 3, 3300};  // January: 1000 + 500 - 200
    const CustomerRow b_jan{"B", "2024-01-10", 1, 300, 2, 1000};
    const CustomerRow f_jan{"F", "2024-01-15", 1, 300, 1, 200};
    const Case cases[] = {
        // Cohort 2024-01 = A, B, F. Offset 0: all three, 1300 + 300 + 300 = 1900.
        {"jan k0", month, "2024-01", 0, kDefaultDrillLimit, {a_jan, b_jan, f_jan}, 3, 1900, 0},
        // Offset 1 (February): only B buys (700); F's return of 100 is in the cell but F is not active.
        {"jan k1", month, "2024-01", 1, kDefaultDrillLimit, {{"B", "2024-01-10", 1, 700, 2, 1000}}, 1, 600, -100},
        {"jan k2", month, "2024-01", 2, kDefaultDrillLimit, {{"A", "2024-01-05", 1, 2000, 3, 3300}}, 1, 2000, 0},
        // The whole row: every customer, all offsets: 3300 + 1000 + 200 = 4500 = 1900 + 600 + 2000.
        {"jan row",
         month,
         "2024-01",
         std::nullopt,
         kDefaultDrillLimit,
         {{"A", "2024-01-05", 3, 3300, 3, 3300},
          {"B", "2024-01-10", 2, 1000, 2, 1000},
          {"F", "2024-01-15", 1, 200, 1, 200}},
         3,
         4500,
         0},
        // Cut to 2 rows in key order; the money still covers all three.
        {"jan row limit",
         month,
         "2024-01",
         std::nullopt,
         2,
         {{"A", "2024-01-05", 3, 3300, 3, 3300}, {"B", "2024-01-10", 2, 1000, 2, 1000}},
         3,
         4500,
         0},
        // Two columns only: the row covers offsets 0..1 (A's March purchase is outside): 1300 + 1000 + 200 = 2500.
        {"capped row",
         capped,
         "2024-01",
         std::nullopt,
         kDefaultDrillLimit,
         {{"A", "2024-01-05", 2, 1300, 3, 3300},
          {"B", "2024-01-10", 2, 1000, 2, 1000},
          {"F", "2024-01-15", 1, 200, 1, 200}},
         3,
         2500,
         0},
        // C's March cell holds only a return: no active customer, revenue -150.
        {"feb k1", month, "2024-02", 1, kDefaultDrillLimit, {}, 0, -150, -150},
        // Observable range but no purchase: D's cohort has no offset 2 cell (null in the report), no rows.
        {"mar k2", month, "2024-03", 2, kDefaultDrillLimit, {}, 0, 0, 0},
        // First-touch channel "web": A (Jan, 1300), C (Feb, 500), F (Jan, 300) at their own offset 0.
        {"web k0",
         by_channel,
         "web",
         0,
         kDefaultDrillLimit,
         {a_jan, {"C", "2024-02-01", 2, 500, 2, 350}, f_jan},
         3,
         2100,
         0},
        {"none row", by_channel, "(none)", std::nullopt, kDefaultDrillLimit, {{"D", "2024-03-10", 1, 900, 1, 900}}, 1,
         900, 0},
    };
    const Dataset data = Orders();
    for (const Case& c : cases) {
        DrillSpec spec;
        spec.cohort = c.cohort;
        spec.offset = c.offset;
        spec.limit = c.limit;
        const Result<DrillResult> result = ComputeCohortDrill(data, kAsOf, c.params, spec);
        ASSERT_TRUE(result.ok()) << c.name << ": " << result.error().ToString();
        const DrillResult& r = result.value();
        EXPECT_EQ(r.total, c.total) << c.name;
        EXPECT_EQ(r.truncated, c.total > c.limit) << c.name;
        EXPECT_EQ(r.revenue, c.revenue) << c.name;
        EXPECT_EQ(r.revenue_outside_rows, c.outside) << c.name;
        ASSERT_EQ(r.customers.size(), c.rows.size()) << c.name;
        for (size_t i = 0; i < c.rows.size(); ++i) {
            const CohortDrillRow& got = r.customers[i];
            const CustomerRow& want = c.rows[i];
            EXPECT_EQ(data.customers.At(got.customer), want.customer) << c.name << " row " << i;
            EXPECT_EQ(got.first_day, Day(want.first)) << c.name << " row " << i;
            EXPECT_EQ(got.period_purchases, want.period_purchases) << c.name << " row " << i;
            EXPECT_EQ(got.period_revenue, want.period_revenue) << c.name << " row " << i;
            EXPECT_EQ(got.total_purchases, want.total_purchases) << c.name << " row " << i;
            EXPECT_EQ(got.total_revenue, want.total_revenue) << c.name << " row " << i;
        }
    }
}

TEST(Drill, CohortCellsAgreeWithTheMatrix) {
    // Every cell and every period / attribute: rows = active, listed money + money outside the rows = revenue.
    const Dataset data = Orders();
    for (const CohortPeriod period : {CohortPeriod::kMonth, CohortPeriod::kWeek, CohortPeriod::kQuarter}) {
        for (const CohortBy by : {CohortBy::kFirstPurchase, CohortBy::kChannel}) {
            CohortParams params;
            params.period = period;
            params.by = by;
            const Result<CohortResult> matrix = ComputeCohorts(data, kAsOf, params);
            ASSERT_TRUE(matrix.ok());
            const CohortResult& m = matrix.value();
            for (size_t a = 0; a < m.labels.size(); ++a) {
                for (int32_t k = 0; k < m.offsets; ++k) {
                    DrillSpec spec;
                    spec.cohort = m.labels[a];
                    spec.offset = k;
                    const Result<DrillResult> drill = ComputeCohortDrill(data, kAsOf, params, spec);
                    ASSERT_TRUE(drill.ok());
                    const size_t cell = a * static_cast<size_t>(m.offsets) + static_cast<size_t>(k);
                    int64_t listed = 0;
                    for (const CohortDrillRow& row : drill.value().customers) listed += row.period_revenue;
                    const std::string where = m.labels[a] + " k" + std::to_string(k);
                    EXPECT_EQ(drill.value().total, m.active[cell]) << where;
                    EXPECT_EQ(listed + drill.value().revenue_outside_rows, m.revenue[cell]) << where;
                    EXPECT_EQ(drill.value().revenue, m.revenue[cell]) << where;
                }
                DrillSpec whole;
                whole.cohort = m.labels[a];
                const Result<DrillResult> drill = ComputeCohortDrill(data, kAsOf, params, whole);
                ASSERT_TRUE(drill.ok());
                EXPECT_EQ(drill.value().total, m.sizes[a]) << m.labels[a];
            }
        }
    }
}

// Stages lead -> qualified -> proposal -> won (given); as-of defaults to 2024-01-22 00:00 (after the last event).
//   1 Anna, source web: lead 01-01, qualified 01-02, proposal 01-04, won 01-10          -> won, reached 4
//   2 Boris: lead 01-01, proposal 01-03 (skips qualified), lost 01-05                   -> lost, reached 3
//   3 Anna: qualified 01-02, proposal 01-02 12:00, won 01-06 (skips lead)               -> won, reached 4
//   4 Boris: lead 01-05                                                                 -> open, idle 17 days
//   5 (no manager), pipeline B2B: lead 01-20, qualified 01-21                           -> open, idle 1 day
//   10 Anna: qualified 01-02, lead 01-03 (out of order)                                 -> open, idle 19 days
Dataset Events() {
    return test::MakeEvents({
        {"1", "lead", "2024-01-01T00:00", "Anna", "", "web"},
        {"2", "lead", "2024-01-01T00:00", "Boris"},
        {"1", "qualified", "2024-01-02T00:00", "Anna", "", "web"},
        {"3", "qualified", "2024-01-02T00:00", "Anna"},
        {"10", "qualified", "2024-01-02T00:00", "Anna"},
        {"3", "proposal", "2024-01-02T12:00", "Anna"},
        {"2", "proposal", "2024-01-03T00:00", "Boris"},
        {"10", "lead", "2024-01-03T00:00", "Anna"},
        {"1", "proposal", "2024-01-04T00:00", "Anna", "", "web"},
        {"2", "lost", "2024-01-05T00:00", "Boris"},
        {"4", "lead", "2024-01-05T00:00", "Boris"},
        {"3", "won", "2024-01-06T00:00", "Anna"},
        {"1", "won", "2024-01-10T00:00", "Anna", "", "web"},
        {"5", "lead", "2024-01-20T00:00", "", "B2B"},
        {"5", "qualified", "2024-01-21T00:00", "", "B2B"},
    });
}

// Snapshot, same stages: S1 at proposal (open), S2 at won, S3 at the lost outcome (reached lead only), S4 at lead,
// S5 lost at qualified.
Dataset Snapshots() {
    using O = DealOutcome;
    return test::MakeSnapshots({
        {"S1", "proposal", O::kOpen, "2024-01-01", "", "Anna"},
        {"S2", "won", O::kOpen, "2024-01-02", "2024-01-09", "Boris"},
        {"S3", "lost", O::kOpen, "2024-01-03", "2024-01-05"},
        {"S4", "lead", O::kOpen, "2024-01-04"},
        {"S5", "qualified", O::kLost, "2024-01-05", "2024-01-07", "Boris"},
    });
}

struct DealCase {
    std::string name;
    bool snapshot;
    FunnelMode mode;
    int32_t stalled_days;
    std::optional<std::string> stage;
    DealSet set;
    std::optional<std::string> manager;
    std::vector<std::string> deals;  // in key order: integers by value
};

TEST(Drill, FunnelDeals) {
    using S = DealSet;
    const auto R = FunnelMode::kReached;
    const DealCase cases[] = {
        // reached: lead 6; qualified (reached > 1) 1 2 3 5 10; proposal 1 2 3; won 1 3.
        {"reached lead", false, R, 30, "lead", S::kReached, {}, {"1", "2", "3", "4", "5", "10"}},
        {"reached qualified", false, R, 30, "qualified", S::kReached, {}, {"1", "2", "3", "5", "10"}},
        {"reached proposal", false, R, 30, "proposal", S::kReached, {}, {"1", "2", "3"}},
        {"reached won", false, R, 30, "won", S::kReached, {}, {"1", "3"}},
        {"skipped lead", false, R, 30, "lead", S::kSkipped, {}, {"3"}},
        {"skipped qualified", false, R, 30, "qualified", S::kSkipped, {}, {"2"}},
        {"skipped proposal", false, R, 30, "proposal", S::kSkipped, {}, {}},
        // dropped after s = reached exactly s + 1 stages: 6 - 5 = 1, 5 - 3 = 2, 3 - 2 = 1.
        {"dropped lead", false, R, 30, "lead", S::kDroppedAfter, {}, {"4"}},
        {"dropped qualified", false, R, 30, "qualified", S::kDroppedAfter, {}, {"5", "10"}},
        {"dropped proposal", false, R, 30, "proposal", S::kDroppedAfter, {}, {"2"}},
        {"won", false, R, 30, {}, S::kWon, {}, {"1", "3"}},
        {"lost", false, R, 30, {}, S::kLost, {}, {"2"}},
        {"open", false, R, 30, {}, S::kOpen, {}, {"4", "5", "10"}},
        {"open past qualified", false, R, 30, "qualified", S::kOpen, {}, {"5", "10"}},
        // Idle more than 10 days: 4 (17 days) and 10 (19 days); 5 is idle 1 day. None with the default 30.
        {"stalled 10", false, R, 10, {}, S::kStalled, {}, {"4", "10"}},
        {"stalled 30", false, R, 30, {}, S::kStalled, {}, {}},
        {"stalled past qualified", false, R, 10, "qualified", S::kStalled, {}, {"10"}},
        {"Anna qualified", false, R, 30, "qualified", S::kReached, "Anna", {"1", "3", "10"}},
        {"no manager", false, R, 30, "lead", S::kReached, "(none)", {"5"}},
        // Strict: 1 -> 4, 2 -> 1 (no qualified), 3 -> 0 (no lead), 4 -> 1, 5 -> 2, 10 -> 1 (lead after qualified).
        {"strict lead", false, FunnelMode::kStrict, 30, "lead", S::kReached, {}, {"1", "2", "4", "5", "10"}},
        {"strict dropped lead", false, FunnelMode::kStrict, 30, "lead", S::kDroppedAfter, {}, {"2", "4", "10"}},
        {"strict qualified", false, FunnelMode::kStrict, 30, "qualified", S::kReached, {}, {"1", "5"}},
        // Snapshot: S1 3 stages, S2 4, S3 1, S4 1, S5 2.
        {"snap qualified", true, R, 30, "qualified", S::kReached, {}, {"S1", "S2", "S5"}},
        {"snap dropped lead", true, R, 30, "lead", S::kDroppedAfter, {}, {"S3", "S4"}},
        {"snap lost", true, R, 30, {}, S::kLost, {}, {"S3", "S5"}},
        {"snap Boris", true, R, 30, {}, S::kLost, "Boris", {"S5"}},
    };
    const Dataset events = Events();
    const Dataset snapshots = Snapshots();
    for (const DealCase& c : cases) {
        FunnelParams params;
        params.stages = {"lead", "qualified", "proposal", "won"};
        params.mode = c.mode;
        params.stalled_days = c.stalled_days;
        DrillSpec spec;
        spec.kind = DrillKind::kFunnel;
        spec.stage = c.stage;
        spec.set = c.set;
        spec.groups[0] = c.manager;
        const Dataset& data = c.snapshot ? snapshots : events;
        const Result<DrillResult> result = ComputeFunnelDrill(data, std::nullopt, params, spec);
        ASSERT_TRUE(result.ok()) << c.name << ": " << result.error().ToString();
        std::vector<std::string> got;
        for (const DealSummary& deal : result.value().deals) got.emplace_back(data.deals.At(deal.deal));
        EXPECT_EQ(got, c.deals) << c.name;
        EXPECT_EQ(result.value().total, static_cast<int64_t>(c.deals.size())) << c.name;
    }
}

TEST(Drill, FunnelCountsAgreeWithTheFunnel) {
    const Dataset events = Events();
    const Dataset snapshots = Snapshots();
    for (const Dataset* data : {&events, &snapshots}) {
        for (const FunnelMode mode : {FunnelMode::kReached, FunnelMode::kStrict}) {
            FunnelParams params;  // inferred / dictionary order
            params.mode = mode;
            params.stalled_days = 10;
            const Result<FunnelResult> funnel = ComputeFunnel(*data, std::nullopt, params);
            ASSERT_TRUE(funnel.ok());
            const FunnelResult& f = funnel.value();
            const auto count = [&](std::optional<std::string> stage, DealSet set, std::optional<std::string> manager) {
                DrillSpec spec;
                spec.kind = DrillKind::kFunnel;
                spec.stage = std::move(stage);
                spec.set = set;
                spec.groups[0] = std::move(manager);
                const Result<DrillResult> drill = ComputeFunnelDrill(*data, std::nullopt, params, spec);
                EXPECT_TRUE(drill.ok()) << drill.error().ToString();
                return drill.ok() ? drill.value().total : -1;
            };
            const size_t stages = f.stages.names.size();
            for (size_t s = 0; s < stages; ++s) {
                const std::string& name = f.stages.names[s];
                EXPECT_EQ(count(name, DealSet::kReached, {}), f.reached[s]) << name;
                if (f.from_events) EXPECT_EQ(count(name, DealSet::kSkipped, {}), f.skipped[s]) << name;
                if (s + 1 < stages) {
                    EXPECT_EQ(count(name, DealSet::kDroppedAfter, {}), f.reached[s] - f.reached[s + 1]) << name;
                }
                for (const FunnelGroupRow& row : f.groups[0]) {
                    const std::string manager = row.id == kNoId ? "(none)" : std::string(data->managers.At(row.id));
                    EXPECT_EQ(count(name, DealSet::kReached, manager), row.reached[s]) << name << " " << manager;
                }
            }
            EXPECT_EQ(count({}, DealSet::kWon, {}), f.won);
            EXPECT_EQ(count({}, DealSet::kLost, {}), f.lost);
            EXPECT_EQ(count({}, DealSet::kOpen, {}), f.open);
            if (f.from_events) EXPECT_EQ(count({}, DealSet::kStalled, {}), f.stalled_count);
        }
    }
}

TEST(Drill, Errors) {
    struct Case {
        std::string name;
        bool snapshot;
        bool cohort;
        std::string key;  // cohort label or stage
        std::optional<int32_t> offset;
        DealSet set;
        std::string message;
    };
    const Case cases[] = {
        {"unknown cohort", false, true, "2023-12", 0, DealSet::kReached,
         "no cohort '2023-12' (cohorts: 2024-01, 2024-02"},
        {"offset past K", false, true, "2024-01", 3, DealSet::kReached, "offset 3 is outside the cohort offsets 0..2"},
        {"unknown stage", false, false, "demo", {}, DealSet::kReached,
         "no funnel stage 'demo' (stages: lead, qualified, proposal, won)"},
        {"dropped after won", false, false, "won", {}, DealSet::kDroppedAfter, "before the last (won) stage 'won'"},
        {"snapshot skipped", true, false, "lead", {}, DealSet::kSkipped, "set 'skipped' needs a deal event log"},
        {"snapshot stalled", true, false, "lead", {}, DealSet::kStalled, "set 'stalled' needs a deal event log"},
    };
    const Dataset orders = Orders();
    const Dataset events = Events();
    const Dataset snapshots = Snapshots();
    FunnelParams funnel;
    funnel.stages = {"lead", "qualified", "proposal", "won"};
    for (const Case& c : cases) {
        DrillSpec spec;
        spec.kind = c.cohort ? DrillKind::kCohort : DrillKind::kFunnel;
        if (c.cohort) spec.cohort = c.key;
        if (!c.cohort) spec.stage = c.key;
        spec.offset = c.offset;
        spec.set = c.set;
        const Dataset& deals = c.snapshot ? snapshots : events;
        const Result<DrillResult> result = c.cohort ? ComputeCohortDrill(orders, kAsOf, CohortParams(), spec)
                                                    : ComputeFunnelDrill(deals, std::nullopt, funnel, spec);
        ASSERT_FALSE(result.ok()) << c.name;
        EXPECT_EQ(result.error().code, ErrorCode::kBadRequest) << c.name;
        EXPECT_NE(result.error().message.find(c.message), std::string::npos)
            << c.name << ": " << result.error().message;
    }
}

TEST(Drill, Json) {
    struct Case {
        std::string name;
        std::string json;
    };
    std::vector<Case> cases;
    {
        const Dataset data = Orders();
        DrillSpec spec;
        spec.cohort = "2024-01";
        spec.offset = 1;
        const Result<DrillResult> r = ComputeCohortDrill(data, kAsOf, CohortParams(), spec);
        ASSERT_TRUE(r.ok());
        JsonWriter out;
        WriteDrillJson(r.value(), data, out);
        cases.push_back({"cohort", out.Take()});
        EXPECT_EQ(cases.back().json,
                  R"({"kind":"cohort","cohort":"2024-01","offset":1,"asOf":"2024-04-01","revenue":6.00,)"
                  R"("revenueOutsideRows":-1.00,"columns":["customer","firstPurchase","purchasesInPeriod",)"
                  R"("revenueInPeriod","totalPurchases","totalRevenue"],"rows":[["B","2024-01-10",1,7.00,2,10.00]],)"
                  R"("total":1,"truncated":false,"limit":10000})");
    }
    {
        const Dataset data = Events();
        FunnelParams params;
        params.stages = {"lead", "qualified", "proposal", "won"};
        DrillSpec spec;
        spec.kind = DrillKind::kFunnel;
        spec.stage = "proposal";
        spec.set = DealSet::kReached;
        spec.limit = 2;
        const Result<DrillResult> r = ComputeFunnelDrill(data, std::nullopt, params, spec);
        ASSERT_TRUE(r.ok());
        JsonWriter out;
        WriteDrillJson(r.value(), data, out);
        EXPECT_EQ(out.str(),
                  R"({"kind":"funnel","stage":"proposal","stageIndex":2,"set":"reached","mode":"reached",)"
                  R"("asOf":"2024-01-22T00:00:00","columns":["deal","manager","pipeline","source","lastStage",)"
                  R"("status","firstEvent","lastEvent"],"rows":[)"
                  R"(["1","Anna",null,"web","won","won","2024-01-01T00:00:00","2024-01-10T00:00:00"],)"
                  R"(["2","Boris",null,null,"lost","lost","2024-01-01T00:00:00","2024-01-05T00:00:00"]],)"
                  R"("total":3,"truncated":true,"limit":2})");
    }
    {
        const Dataset data = Snapshots();
        FunnelParams params;
        params.stages = {"lead", "qualified", "proposal", "won"};
        DrillSpec spec;
        spec.kind = DrillKind::kFunnel;
        spec.set = DealSet::kOpen;
        spec.groups[0] = "(none)";
        const Result<DrillResult> r = ComputeFunnelDrill(data, std::nullopt, params, spec);
        ASSERT_TRUE(r.ok());
        JsonWriter out;
        WriteDrillJson(r.value(), data, out);
        // Open snapshot deals: S1 (Anna), S4 (no manager). asOf = the day after the last created/closed (01-09).
        EXPECT_EQ(out.str(),
                  R"j({"kind":"funnel","stage":null,"stageIndex":null,"set":"open","manager":"(none)",)j"
                  R"("mode":"reached","asOf":"2024-01-10T00:00:00","columns":["deal","manager","pipeline","source",)"
                  R"("lastStage","status","firstEvent","lastEvent"],)"
                  R"("rows":[["S4",null,null,null,"lead","open","2024-01-04T00:00:00",null]],)"
                  R"("total":1,"truncated":false,"limit":10000})");
    }
}

}  // namespace
}  // namespace crm
