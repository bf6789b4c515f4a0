#include "core/analysis/funnel.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/core/analysis/test_dataset.h"

namespace crm {
namespace {

using test::Seconds;

constexpr const char* kLost = "Закрыто и не реализовано";
constexpr double kDay = 86400;

// A stage log (not in time order: D1's won event comes first). Stage order lead -> qualified -> proposal -> won.
//   D1 Anna: lead 01-01 10:00, qualified 01-02 10:00, proposal 01-04 10:00, won 01-10 10:00 (full path)
//   D2 Boris: lead 01-01, proposal 01-03 (skips qualified), lost 01-05 (reason "price")
//   D3 Anna: created at qualified 01-02 (skips lead), proposal 01-02 12:00, back to qualified 01-03, won 01-06
//   D4 Boris: lead 01-05 (open)
//   D5 (no manager): lead 01-20, qualified 01-21 (open)
//   D6 Anna: qualified 01-02, lead 01-03 (entered out of order; open)
//   D7 Anna, source web: lead 01-02 00:00, qualified 06:00, proposal 01-03, won 01-05
Dataset EventData() {
    return test::MakeEvents({
        {"D1", "won", "2024-01-10T10:00", "Anna"},
        {"D1", "lead", "2024-01-01T10:00", "Anna"},
        {"D2", "lead", "2024-01-01T00:00", "Boris"},
        {"D3", "qualified", "2024-01-02T00:00", "Anna"},
        {"D6", "qualified", "2024-01-02T00:00", "Anna"},
        {"D7", "lead", "2024-01-02T00:00", "Anna", "", "web"},
        {"D1", "qualified", "2024-01-02T10:00", "Anna"},
        {"D7", "qualified", "2024-01-02T06:00", "Anna", "", "web"},
        {"D3", "proposal", "2024-01-02T12:00", "Anna"},
        {"D2", "proposal", "2024-01-03T00:00", "Boris"},
        {"D3", "qualified", "2024-01-03T00:00", "Anna"},
        {"D6", "lead", "2024-01-03T00:00", "Anna"},
        {"D7", "proposal", "2024-01-03T00:00", "Anna", "", "web"},
        {"D1", "proposal", "2024-01-04T10:00", "Anna"},
        {"D2", kLost, "2024-01-05T00:00", "Boris", "", "", "price"},
        {"D4", "lead", "2024-01-05T00:00", "Boris"},
        {"D7", "won", "2024-01-05T00:00", "Anna", "", "web"},
        {"D3", "won", "2024-01-06T00:00", "Anna"},
        {"D5", "lead", "2024-01-20T00:00"},
        {"D5", "qualified", "2024-01-21T00:00"},
    });
}

std::vector<std::string> Names(const std::vector<std::vector<uint32_t>>& lists, const Dictionary& dictionary,
                               size_t i) {
    std::vector<std::string> out;
    for (const uint32_t id : lists[i]) out.emplace_back(dictionary.At(id));
    return out;
}

TEST(Funnel, ReachedSkippedAndOutcomesPerMode) {
    struct Case {
        std::string name;
        FunnelParams params;
        std::vector<std::string> stages;
        StageOrderSource order;
        std::vector<int64_t> reached, skipped;
        int64_t won, lost, open;
    };
    std::vector<Case> cases;
    // Reached: D1 4 stages, D2 3 (skipped qualified), D3 4 (skipped lead), D4 1, D5 2, D6 2, D7 4.
    //   lead 7; qualified D1 D2 D3 D5 D6 D7 = 6; proposal D1 D2 D3 D7 = 4; won D1 D3 D7 = 3.
    // Inferred: lead beats qualified 3:1 (D1 D5 D7 vs D6) and proposal 3:0; qualified beats proposal 3:0.
    cases.push_back({"reached inferred", FunnelParams(), {"lead", "qualified", "proposal", "won"},
                     StageOrderSource::kInferred, {7, 6, 4, 3}, {1, 1, 0, 0}, 3, 1, 3});
    {
        // Strict: D1 4; D2 1 (no qualified); D3 0 (no lead); D4 1; D5 2; D6 1 (qualified entered before lead); D7 4.
        //   lead D1 D2 D4 D5 D6 D7 = 6; qualified D1 D5 D7 = 3; proposal D1 D7 = 2; won 2.
        Case c{"strict", FunnelParams(), {"lead", "qualified", "proposal", "won"}, StageOrderSource::kInferred,
               {6, 3, 2, 2}, {1, 1, 0, 0}, 3, 1, 3};
        c.params.mode = FunnelMode::kStrict;
        cases.push_back(c);
    }
    {
        // Given order; a lost outcome in the list is dropped (it is an outcome, not a stage).
        Case c{"given", FunnelParams(), {"lead", "qualified", "proposal", "won"}, StageOrderSource::kGiven,
               {7, 6, 4, 3}, {1, 1, 0, 0}, 3, 1, 3};
        c.params.stages = {"lead", "qualified", kLost, "proposal", "won"};
        cases.push_back(c);
    }
    {
        // Given order without qualified: it is ignored. D2 lead+proposal 2; D3 proposal+won 3 (skips lead);
        // D5 and D6 reach lead only. lead 7, proposal D1 D2 D3 D7 = 4, won 3.
        Case c{"given subset", FunnelParams(), {"lead", "proposal", "won"}, StageOrderSource::kGiven, {7, 4, 3},
               {1, 0, 0}, 3, 1, 3};
        c.params.stages = {"lead", "proposal", "won"};
        cases.push_back(c);
    }
    const Dataset data = EventData();
    for (const Case& c : cases) {
        const Result<FunnelResult> result = ComputeFunnel(data, std::nullopt, c.params);
        ASSERT_TRUE(result.ok()) << c.name << ": " << result.error().ToString();
        const FunnelResult& r = result.value();
        EXPECT_EQ(r.stages.names, c.stages) << c.name;
        EXPECT_EQ(r.stages.source, c.order) << c.name;
        EXPECT_EQ(r.deals, 7) << c.name;
        EXPECT_EQ(r.reached, c.reached) << c.name;
        EXPECT_EQ(r.skipped, c.skipped) << c.name;
        EXPECT_EQ(r.won, c.won) << c.name;
        EXPECT_EQ(r.lost, c.lost) << c.name;
        EXPECT_EQ(r.open, c.open) << c.name;
        EXPECT_EQ(r.as_of_seconds, std::optional<int64_t>(Seconds("2024-01-22"))) << c.name;
    }
}

TEST(Funnel, SkippedDealIdsAndIgnoredStages) {
    const Dataset data = EventData();
    FunnelParams params;
    params.stages = {"lead", "proposal", "won"};
    const Result<FunnelResult> result = ComputeFunnel(data, std::nullopt, params);
    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result.value().stages.ignored.size(), 1u);
    EXPECT_EQ(data.stages.At(result.value().stages.ignored[0]), "qualified");
    const Result<FunnelResult> inferred = ComputeFunnel(data, std::nullopt, FunnelParams());
    ASSERT_TRUE(inferred.ok());
    EXPECT_EQ(Names(inferred.value().skipped_deals, data.deals, 0), std::vector<std::string>{"D3"});
    EXPECT_EQ(Names(inferred.value().skipped_deals, data.deals, 1), std::vector<std::string>{"D2"});
    EXPECT_TRUE(inferred.value().skipped_deals[2].empty());
    EXPECT_TRUE(inferred.value().stages.ignored.empty());
}

TEST(Funnel, TimeInStageAndTimeToWon) {
    const Dataset data = EventData();
    const Result<FunnelResult> result = ComputeFunnel(data, std::nullopt, FunnelParams());
    ASSERT_TRUE(result.ok());
    const FunnelResult& r = result.value();
    struct Expected {
        int64_t count, still_in;
        double median_days, p90_days;
        std::array<int64_t, kDurationBins> histogram;
    };
    // Each stay runs from the first entry to the deal's next event at another stage (a lost event included).
    const Expected want[] = {
        // lead: D1 1d, D2 2d (to proposal), D5 1d, D7 0.25d; D4 and D6 have no later event (still in).
        //   sorted [0.25, 1, 1, 2]: median 1; p90 h = 2.7 -> 1 + 0.7 * 1 = 1.7.
        {4, 2, 1, 1.7, {1, 3, 0, 0, 0, 0, 0, 0}},
        // qualified: D1 2d, D3 0.5d (to proposal; the later return changes nothing), D6 1d (to lead), D7 0.75d;
        //   D5 still in. sorted [0.5, 0.75, 1, 2]: median 0.875; p90 1 + 0.7 * 1 = 1.7.
        {4, 1, 0.875, 1.7, {2, 2, 0, 0, 0, 0, 0, 0}},
        // proposal: D1 6d, D2 2d (to the lost event), D3 0.5d, D7 2d. sorted [0.5, 2, 2, 6]: median 2;
        //   p90 2 + 0.7 * 4 = 4.8.
        {4, 0, 2, 4.8, {1, 2, 1, 0, 0, 0, 0, 0}},
    };
    ASSERT_EQ(r.time_in_stage.size(), std::size(want));
    for (size_t s = 0; s < std::size(want); ++s) {
        const DurationStats& got = r.time_in_stage[s];
        EXPECT_EQ(got.count, want[s].count) << "stage " << s;
        EXPECT_EQ(got.still_in, want[s].still_in) << "stage " << s;
        EXPECT_NEAR(got.median_seconds / kDay, want[s].median_days, 1e-12) << "stage " << s;
        EXPECT_NEAR(got.p90_seconds / kDay, want[s].p90_days, 1e-12) << "stage " << s;
        EXPECT_EQ(got.histogram, want[s].histogram) << "stage " << s;
    }
    // Time to won, over deals with a lead and a won event: D1 9 days, D7 3 days (D3 has no lead event).
    // Median (259200 + 777600) / 2 = 518400 s = 6 days; p90 3 + 0.9 * 6 = 8.4 days.
    EXPECT_EQ(r.time_to_won.count, 2);
    EXPECT_DOUBLE_EQ(r.time_to_won.median_seconds, 518400.0);
    EXPECT_NEAR(r.time_to_won.p90_seconds / kDay, 8.4, 1e-12);
    EXPECT_EQ(r.time_to_won.histogram, (std::array<int64_t, kDurationBins>{0, 0, 1, 1, 0, 0, 0, 0}));
}

TEST(Funnel, StalledDeals) {
    const Dataset data = EventData();
    // As-of 2024-01-22 00:00. Open deals idle: D6 19 days (last event lead 01-03), D4 17 (01-05), D5 1 (01-21).
    struct Case {
        int32_t stalled_days, max_ids;
        int64_t count;
        std::vector<std::string> deals;
        std::vector<int64_t> days;
    };
    const Case cases[] = {
        {30, 100, 0, {}, {}},
        {10, 100, 2, {"D6", "D4"}, {19, 17}},
        {10, 1, 2, {"D6"}, {19}},
        {0, 100, 3, {"D6", "D4", "D5"}, {19, 17, 1}},
    };
    for (const Case& c : cases) {
        FunnelParams params;
        params.stalled_days = c.stalled_days;
        params.max_deal_ids = c.max_ids;
        const Result<FunnelResult> result = ComputeFunnel(data, std::nullopt, params);
        ASSERT_TRUE(result.ok());
        EXPECT_EQ(result.value().stalled_count, c.count) << "stalledDays " << c.stalled_days;
        std::vector<std::string> deals;
        std::vector<int64_t> days;
        for (const StalledDeal& d : result.value().stalled) {
            deals.emplace_back(data.deals.At(d.deal));
            days.push_back(d.idle_seconds / 86400);
            EXPECT_EQ(data.stages.At(d.stage), d.deal == *data.deals.Find("D5") ? "qualified" : "lead");
        }
        EXPECT_EQ(deals, c.deals) << "stalledDays " << c.stalled_days << " max " << c.max_ids;
        EXPECT_EQ(days, c.days) << "stalledDays " << c.stalled_days;
    }
}

TEST(Funnel, BreakdownsAndLossReasons) {
    const Dataset data = EventData();
    const Result<FunnelResult> result = ComputeFunnel(data, std::nullopt, FunnelParams());
    ASSERT_TRUE(result.ok());
    const FunnelResult& r = result.value();
    struct Row {
        std::string name;
        int64_t deals, won, lost, open;
        std::vector<int64_t> reached, skipped;
    };
    // By manager (the last non-empty value of each deal), most deals first:
    //   Anna: D1 D3 D6 D7 -> won D1 D3 D7, open D6; reached lead 4, qualified 4, proposal 3, won 3; D3 skipped lead.
    //   Boris: D2 D4 -> lost D2, open D4; reached lead 2, qualified 1 (D2 reached proposal), proposal 1.
    //   (none): D5 -> open; reached lead and qualified.
    const Row by_manager[] = {
        {"Anna", 4, 3, 0, 1, {4, 4, 3, 3}, {1, 0, 0, 0}},
        {"Boris", 2, 0, 1, 1, {2, 1, 1, 0}, {0, 1, 0, 0}},
        {"(none)", 1, 0, 0, 1, {1, 1, 0, 0}, {0, 0, 0, 0}},
    };
    const auto& rows = r.groups[static_cast<size_t>(FunnelGroup::kManager)];
    ASSERT_EQ(rows.size(), std::size(by_manager));
    for (size_t i = 0; i < rows.size(); ++i) {
        const Row& want = by_manager[i];
        EXPECT_EQ(rows[i].id == kNoId ? std::string("(none)") : std::string(data.managers.At(rows[i].id)), want.name);
        EXPECT_EQ(rows[i].deals, want.deals) << want.name;
        EXPECT_EQ(rows[i].won, want.won) << want.name;
        EXPECT_EQ(rows[i].lost, want.lost) << want.name;
        EXPECT_EQ(rows[i].open, want.open) << want.name;
        EXPECT_EQ(rows[i].reached, want.reached) << want.name;
        EXPECT_EQ(rows[i].skipped, want.skipped) << want.name;
    }
    // By source: D7 is "web", the rest have none. No pipeline column at all: no rows.
    const auto& sources = r.groups[static_cast<size_t>(FunnelGroup::kSource)];
    ASSERT_EQ(sources.size(), 2u);
    EXPECT_EQ(sources[0].id, kNoId);
    EXPECT_EQ(sources[0].deals, 6);
    EXPECT_EQ(data.channels.At(sources[1].id), "web");
    EXPECT_EQ(sources[1].won, 1);
    EXPECT_TRUE(r.groups[static_cast<size_t>(FunnelGroup::kPipeline)].empty());
    // Loss reasons among lost deals: D2 "price".
    EXPECT_TRUE(r.has_loss_reasons);
    ASSERT_EQ(r.loss_reasons.size(), 1u);
    EXPECT_EQ(data.lost_reasons.At(r.loss_reasons[0].first), "price");
    EXPECT_EQ(r.loss_reasons[0].second, 1);
}

TEST(Funnel, EventsAfterAsOfAreLeftOut) {
    const Dataset data = EventData();
    // At 2024-01-04 00:00: D1 (lead, qualified), D2 (lead, proposal), D3, D6, D7 (no won event yet); D4, D5 not yet.
    const Result<FunnelResult> result = ComputeFunnel(data, Seconds("2024-01-04"), FunnelParams());
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.value().deals, 5);
    EXPECT_EQ(result.value().won, 0);
    EXPECT_EQ(result.value().lost, 0);
    EXPECT_EQ(result.value().open, 5);
    // No won event is dated before the as-of time, yet "won" stays the last stage (not "proposal").
    EXPECT_EQ(result.value().stages.names, (std::vector<std::string>{"lead", "qualified", "proposal", "won"}));
    EXPECT_EQ(result.value().reached, (std::vector<int64_t>{5, 5, 3, 0}));
    EXPECT_EQ(result.value().as_of_seconds, std::optional<int64_t>(Seconds("2024-01-04")));
}

TEST(Funnel, EventJson) {
    const Dataset data = EventData();
    const Result<FunnelResult> result = ComputeFunnel(data, std::nullopt, FunnelParams());
    ASSERT_TRUE(result.ok());
    JsonWriter out;
    WriteFunnelJson(result.value(), data, out);
    const std::string& json = out.str();
    const std::string fragments[] = {
        R"({"mode":"reached","source":"events","order":"inferred","stages":["lead","qualified","proposal","won"],)"
        R"("ignoredStages":[],"deals":7,"reached":[7,6,4,3],"skipped":[1,1,0,0],)"
        R"("skippedDeals":[["D3"],["D2"],[],[]],)",
        // 6/7, 4/6, 3/4; 6/7, 4/7, 3/7; 7-6, 6-4, 4-3.
        R"("stepConversion":[null,0.8571428571428571,0.6666666666666666,0.75],)",
        R"("overallConversion":[1,0.8571428571428571,0.5714285714285714,0.42857142857142855],)",
        R"("dropOff":[1,2,1,null],"won":3,"lost":1,"open":3,"winRate":0.75,"wonShareOfAll":0.42857142857142855,)",
        R"("histogramEdgesDays":[0,1,3,7,14,30,60,90],)",
        R"({"stage":"lead","count":4,"stillIn":2,"medianDays":1,"p90Days":1.7,"histogram":[1,3,0,0,0,0,0,0]})",
        R"("timeToWon":{"count":2,"medianSeconds":518400,"medianDays":6,)",
        R"("medianFirstToWonSeconds":518400,"medianFirstToWonDays":6,)",
        R"("stalled":{"days":30,"count":0,"deals":[]},"lossReasons":[{"reason":"price","deals":1}],)",
        R"("byManager":[{"manager":"Anna","deals":4,"won":3,"lost":0,"open":1,"winRate":1,"reached":[4,4,3,3],)"
        R"("skipped":[1,0,0,0]},{"manager":"Boris","deals":2,"won":0,"lost":1,"open":1,"winRate":0,)",
        R"j({"manager":"(none)","deals":1,"won":0,"lost":0,"open":1,"winRate":null,)j",
        R"j("byPipeline":[],"bySource":[{"source":"(none)","deals":6,)j",
        R"("asOf":"2024-01-22T00:00:00"})",
    };
    for (const std::string& fragment : fragments) {
        EXPECT_NE(json.find(fragment), std::string::npos) << "missing " << fragment << "\nin " << json;
    }
}

Dataset SnapshotData() {
    using O = DealOutcome;
    return test::MakeSnapshots({
        {"S1", "won", O::kWon, "2024-01-01", "2024-01-11", "Anna"},
        {"S2", "proposal", O::kOpen, "", "", "Anna"},
        {"S3", kLost, O::kLost, "", "", "Boris", "price"},
        {"S4", "qualified", O::kLost, "", "", "Boris"},
        {"S5", "lead", O::kOpen},
        {"S6", "won", O::kOpen, "2024-01-01", "2024-01-03"},
    });
}

TEST(Funnel, SnapshotInput) {
    const Dataset data = SnapshotData();
    FunnelParams params;
    params.stages = {"lead", "qualified", "proposal", "won"};
    const Result<FunnelResult> result = ComputeFunnel(data, std::nullopt, params);
    ASSERT_TRUE(result.ok()) << result.error().ToString();
    const FunnelResult& r = result.value();
    // S1 won -> all 4; S2 proposal -> 3; S3 lost with the lost stage (last real stage unknown) -> lead only;
    // S4 lost at qualified -> 2; S5 lead -> 1; S6 at the won stage (outcome from the stage name) -> 4.
    EXPECT_FALSE(r.from_events);
    EXPECT_EQ(r.deals, 6);
    EXPECT_EQ(r.reached, (std::vector<int64_t>{6, 4, 3, 2}));
    EXPECT_EQ(r.won, 2);
    EXPECT_EQ(r.lost, 2);
    EXPECT_EQ(r.open, 2);
    // Time to won = closed - created: S1 10 days, S6 2 days; median 6 days.
    EXPECT_EQ(r.time_to_won.count, 2);
    EXPECT_DOUBLE_EQ(r.time_to_won.median_seconds, 6 * kDay);
    EXPECT_EQ(r.as_of_seconds, std::optional<int64_t>(Seconds("2024-01-12")));
    JsonWriter out;
    WriteFunnelJson(r, data, out);
    const std::string& json = out.str();
    const std::string fragments[] = {
        R"({"mode":"reached","source":"snapshot","order":"given","note":"snapshot: skipped stages cannot be known",)",
        R"("reached":[6,4,3,2],"skipped":null,"skippedDeals":null,)",
        R"("winRate":0.5,"wonShareOfAll":0.3333333333333333,)",
        R"("timeInStage":null,)",
        R"("medianFirstToWonSeconds":518400,"medianFirstToWonDays":6,"stalled":null,)",
        // Both reasons count 1: by name, "(none)" sorts before "price".
        R"j("lossReasons":[{"reason":"(none)","deals":1},{"reason":"price","deals":1}],)j",
        R"j("byManager":[{"manager":"(none)","deals":2,"won":1,"lost":0,"open":1,"winRate":1,"reached":[2,1,1,1],)j"
        R"("skipped":null},{"manager":"Anna","deals":2,"won":1,"lost":0,"open":1,"winRate":1,"reached":[2,2,2,1],)"
        R"("skipped":null},{"manager":"Boris","deals":2,"won":0,"lost":2,"open":0,"winRate":0,"reached":[2,1,0,0],)",
        R"("asOf":"2024-01-12T00:00:00"})",
    };
    for (const std::string& fragment : fragments) {
        EXPECT_NE(json.find(fragment), std::string::npos) << "missing " << fragment << "\nin " << json;
    }
}

TEST(Funnel, SnapshotWithoutOrderUsesDictionaryOrder) {
    const Dataset data = SnapshotData();
    const Result<FunnelResult> result = ComputeFunnel(data, std::nullopt, FunnelParams());
    ASSERT_TRUE(result.ok());
    // Stages in first-seen order without the outcomes, the won stage last: won(0) proposal(1) lost(2) qualified(3)
    // lead(4) -> proposal, qualified, lead, won. S2 at proposal -> 1, S3 lost -> 1, S4 -> 2, S5 -> 3, S1 S6 -> 4.
    EXPECT_EQ(result.value().stages.names, (std::vector<std::string>{"proposal", "qualified", "lead", "won"}));
    EXPECT_EQ(result.value().stages.source, StageOrderSource::kUnknown);
    EXPECT_EQ(result.value().reached, (std::vector<int64_t>{6, 4, 3, 2}));
}

TEST(Funnel, OutcomeOverridesAndErrors) {
    const Dataset data = EventData();
    {
        // "won" declared lost and "proposal" won: D1 D3 D7 (proposal events) are won; D2's Russian outcome is now
        // an ordinary stage, ranked by its times.
        FunnelParams params;
        params.won_stages = std::vector<std::string>{"proposal"};
        params.lost_stages = std::vector<std::string>{"won"};
        const Result<FunnelResult> result = ComputeFunnel(data, std::nullopt, params);
        ASSERT_TRUE(result.ok());
        EXPECT_EQ(result.value().stages.names.back(), "proposal");
        EXPECT_EQ(result.value().won, 4);  // D1, D2, D3, D7 all have a proposal event
        EXPECT_EQ(result.value().lost, 0);
    }
    {
        FunnelParams params;
        params.stages = {kLost};
        const Result<FunnelResult> result = ComputeFunnel(data, std::nullopt, params);
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.error().code, ErrorCode::kBadRequest);
    }
    {
        const Dataset empty;
        const Result<FunnelResult> result = ComputeFunnel(empty, std::nullopt, FunnelParams());
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.error().code, ErrorCode::kNoData);
    }
}

TEST(Funnel, ParsesParams) {
    struct Case {
        std::string json;
        bool ok;
        std::string message;
        std::string expected;
    };
    const Case cases[] = {
        {R"({})", true, "", ""},
        {R"({"stages":["lead","won"],"mode":"strict","stalledDays":14,"wonStages":["won"],"lostStages":["lost"],)"
         R"("maxDealIds":5,"groupBy":["manager","source"]})",
         true, "", ""},
        {R"({"mode":"loose"})", false, "funnel.mode", R"("reached", "strict")"},
        {R"({"stages":["a","a"]})", false, "funnel.stages", "distinct"},
        {R"({"stages":"a"})", false, "funnel.stages", "array of strings"},
        {R"({"stalledDays":-1})", false, "funnel.stalledDays", "from 0"},
        {R"({"groupBy":["region"]})", false, "funnel.groupBy", R"("manager", "pipeline", "source")"},
        {R"({"groupBy":["manager","manager"]})", false, "funnel.groupBy", "distinct"},
        {R"({"maxDealIds":1.5})", false, "funnel.maxDealIds", "integer"},
        {R"({"order":[]})", false, "unknown key funnel.order", R"("stages")"},
    };
    simdjson::dom::parser parser;
    for (const Case& c : cases) {
        simdjson::dom::element element;
        ASSERT_EQ(parser.parse(c.json).get(element), simdjson::SUCCESS) << c.json;
        FunnelParams params;
        const Status status = ParseFunnelParams(element, params);
        EXPECT_EQ(status.ok(), c.ok) << c.json;
        if (c.ok || status.ok()) continue;
        EXPECT_EQ(status.error().code, ErrorCode::kBadRequest) << c.json;
        EXPECT_NE(status.error().message.find(c.message), std::string::npos)
            << c.json << " -> " << status.error().message;
        EXPECT_NE(status.error().expected.find(c.expected), std::string::npos)
            << c.json << " -> " << status.error().expected;
    }
    simdjson::dom::element root;
    ASSERT_EQ(parser.parse(std::string_view(cases[1].json)).get(root), simdjson::SUCCESS);
    FunnelParams params;
    ASSERT_TRUE(ParseFunnelParams(root, params).ok());
    EXPECT_EQ(params.stages, (std::vector<std::string>{"lead", "won"}));
    EXPECT_EQ(params.mode, FunnelMode::kStrict);
    EXPECT_EQ(params.stalled_days, 14);
    EXPECT_EQ(params.won_stages, std::optional<std::vector<std::string>>(std::vector<std::string>{"won"}));
    EXPECT_EQ(params.max_deal_ids, 5);
    EXPECT_EQ(params.group_by, (std::vector<FunnelGroup>{FunnelGroup::kManager, FunnelGroup::kSource}));
}

}  // namespace
}  // namespace crm
