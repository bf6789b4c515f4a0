// Engine-level drill-downs and filter value lists: files loaded from CSV text, every drill count compared with
// the number the same request's report shows.

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/engine/engine.h"
#include "simdjson.h"

namespace crm {
namespace {

// A return row is a negative amount; G's cancelled order is rejected (no row carries "cancelled").
const std::string kOrders =
    "customer,date,amount,channel,manager,status\n"
    "A,2024-01-05,10.00,web,Anna,paid\n"
    "B,2024-01-10,3.00,shop,Boris,paid\n"
    "F,2024-01-15,3.00,web,Anna,paid\n"
    "A,2024-01-20,5.00,shop,Anna,paid\n"
    "A,2024-01-25,-2.00,web,Anna,paid\n"
    "C,2024-02-01,4.00,web,Boris,shipped\n"
    "B,2024-02-11,7.00,web,Boris,paid\n"
    "F,2024-02-20,-1.00,web,Anna,paid\n"
    "C,2024-02-25,1.00,web,Boris,paid\n"
    "A,2024-03-02,20.00,shop,Anna,paid\n"
    "C,2024-03-05,-1.50,web,Boris,paid\n"
    "D,2024-03-10,9.00,,Carl,paid\n"
    "G,2024-03-12,5.00,web,Anna,cancelled\n";
const char* kOrderOptions =
    R"({"kind":"orders","roles":{"customer":"customer","date":"date","amount":"amount","channel":"channel",)"
    R"("manager":"manager","status":"status"}})";

const std::string kDeals =
    "deal,stage,time,manager,pipeline,source\n"
    "1,lead,2024-01-01T00:00:00,Anna,Main,web\n"
    "2,lead,2024-01-01T00:00:00,Boris,Main,\n"
    "1,qualified,2024-01-02T00:00:00,Anna,Main,web\n"
    "3,qualified,2024-01-02T00:00:00,Anna,Main,\n"
    "10,qualified,2024-01-02T00:00:00,Anna,,\n"
    "3,proposal,2024-01-02T12:00:00,Anna,Main,\n"
    "2,proposal,2024-01-03T00:00:00,Boris,Main,\n"
    "10,lead,2024-01-03T00:00:00,Anna,,\n"
    "1,proposal,2024-01-04T00:00:00,Anna,Main,web\n"
    "2,lost,2024-01-05T00:00:00,Boris,Main,\n"
    "4,lead,2024-01-05T00:00:00,Boris,,\n"
    "3,won,2024-01-06T00:00:00,Anna,Main,\n"
    "1,won,2024-01-10T00:00:00,Anna,Main,web\n"
    "5,lead,2024-01-20T00:00:00,,B2B,ads\n"
    "5,qualified,2024-01-21T00:00:00,,B2B,ads\n";
const char* kDealOptions =
    R"({"kind":"dealEvents","roles":{"dealId":"deal","stage":"stage","stageTime":"time","manager":"manager",)"
    R"("pipeline":"pipeline","channel":"source"}})";

/// A parsed engine answer.
struct Json {
    std::string text;
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    explicit Json(std::string answer) : text(std::move(answer)) { EXPECT_FALSE(parser.parse(text).get(root)) << text; }
    simdjson::dom::element At(const std::string& pointer) {
        simdjson::dom::element e;
        EXPECT_FALSE(root.at_pointer(pointer).get(e)) << pointer;
        return e;
    }
    int64_t Int(const std::string& pointer) {
        int64_t v = -1;
        EXPECT_FALSE(root.at_pointer(pointer).get(v)) << pointer;
        return v;
    }
    /// Money as integer minor units.
    int64_t Cents(const std::string& pointer) {
        double v = 0;
        EXPECT_FALSE(root.at_pointer(pointer).get(v)) << pointer;
        return std::llround(v * 100);
    }
    bool IsNull(const std::string& pointer) { return At(pointer).is_null(); }
    std::string Str(const std::string& pointer) {
        std::string_view v;
        EXPECT_FALSE(root.at_pointer(pointer).get(v)) << pointer;
        return std::string(v);
    }
};

std::string Quote(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

void LoadBoth(Engine& engine) {
    ASSERT_EQ(engine.LoadFile("orders.csv", kOrders, kOrderOptions).rfind("{\"ok\":true", 0), 0u);
    ASSERT_EQ(engine.LoadFile("deals.csv", kDeals, kDealOptions).rfind("{\"ok\":true", 0), 0u);
}

/// The request keys shared by the report and its drill-downs (asOf, filters, analysis params).
struct Context {
    std::string name;
    std::string keys;  // e.g. "\"filters\":{...}," (each key followed by a comma)
};

const Context kContexts[] = {
    {"defaults", ""},
    {"week", R"("cohorts":{"period":"week","weekStart":"sunday"},)"},
    {"quarter", R"("cohorts":{"period":"quarter"},)"},
    {"by channel", R"("cohorts":{"by":"channel"},)"},
    {"by manager capped", R"("cohorts":{"by":"manager","maxOffsets":2},)"},
    {"web only", R"("filters":{"channels":["web"]},)"},
    {"Anna only", R"("filters":{"managers":["Anna"]},)"},
    {"from mid January", R"("filters":{"from":"2024-01-15"},)"},
    {"as of March", R"("asOf":"2024-03-01",)"},
    {"strict", R"("funnel":{"mode":"strict","stalledDays":10},)"},
    {"given order", R"("funnel":{"stages":["lead","qualified","proposal","won"],"stalledDays":10},)"},
    {"Main pipeline", R"("filters":{"pipelines":["Main"]},)"},
};

TEST(EngineDrill, CohortCellsMatchTheReport) {
    Engine engine;
    LoadBoth(engine);
    for (const Context& c : kContexts) {
        SCOPED_TRACE(c.name);
        Json report(engine.Analyze("{" + c.keys + R"("analyses":["cohorts"]})"));
        ASSERT_FALSE(report.root.at_pointer("/cohorts").error()) << c.name;
        const int64_t offsets = report.Int("/cohorts/offsets");
        simdjson::dom::array labels;
        ASSERT_FALSE(report.At("/cohorts/cohorts").get(labels));
        for (size_t a = 0; a < labels.size(); ++a) {
            const std::string label(labels.at(a).get_string().value_unsafe());
            const std::string row = "/" + std::to_string(a);
            for (int64_t k = 0; k < offsets; ++k) {
                const std::string cell = row + "/" + std::to_string(k);
                Json drill(engine.Analyze("{" + c.keys + R"("analyses":["summary"],"drill":{"cohort":)" + Quote(label) +
                                          ",\"offset\":" + std::to_string(k) + "}}"));
                const std::string where = label + " k" + std::to_string(k);
                ASSERT_EQ(drill.Str("/drill/kind"), "cohort") << where;
                // A null cell has no active customer and no money.
                const std::string active_at = "/cohorts/active" + cell, revenue_at = "/cohorts/revenue" + cell;
                const int64_t active = report.IsNull(active_at) ? 0 : report.Int(active_at);
                const int64_t revenue = report.IsNull(revenue_at) ? 0 : report.Cents(revenue_at);
                EXPECT_EQ(drill.Int("/drill/total"), active) << where;
                EXPECT_EQ(drill.Cents("/drill/revenue"), revenue) << where;
                int64_t listed = 0;
                for (int64_t r = 0; r < drill.Int("/drill/total"); ++r) {
                    listed += drill.Cents("/drill/rows/" + std::to_string(r) + "/3");
                    EXPECT_GE(drill.Int("/drill/rows/" + std::to_string(r) + "/2"), 1) << where;
                }
                EXPECT_EQ(listed + drill.Cents("/drill/revenueOutsideRows"), revenue) << where;
            }
            Json whole(
                engine.Analyze("{" + c.keys + R"("analyses":["summary"],"drill":{"cohort":)" + Quote(label) + "}}"));
            EXPECT_EQ(whole.Int("/drill/total"), report.Int("/cohorts/sizes" + row)) << label;
            EXPECT_TRUE(whole.IsNull("/drill/offset")) << label;
        }
    }
}

TEST(EngineDrill, FunnelCountsMatchTheReport) {
    Engine engine;
    LoadBoth(engine);
    for (const Context& c : kContexts) {
        SCOPED_TRACE(c.name);
        Json report(engine.Analyze("{" + c.keys + R"("analyses":["funnel"]})"));
        ASSERT_FALSE(report.root.at_pointer("/funnel").error()) << c.name;
        const auto total = [&](const std::string& drill) {
            Json answer(engine.Analyze("{" + c.keys + R"("analyses":["summary"],"drill":)" + drill + "}"));
            EXPECT_EQ(answer.Str("/drill/kind"), "funnel") << drill;
            return answer.Int("/drill/total");
        };
        simdjson::dom::array stages;
        ASSERT_FALSE(report.At("/funnel/stages").get(stages));
        for (size_t s = 0; s < stages.size(); ++s) {
            const std::string stage = Quote(std::string(stages.at(s).get_string().value_unsafe()));
            const std::string i = "/" + std::to_string(s);
            EXPECT_EQ(total(R"({"set":"reached","stage":)" + stage + "}"), report.Int("/funnel/reached" + i)) << stage;
            EXPECT_EQ(total(R"({"set":"skipped","stage":)" + stage + "}"), report.Int("/funnel/skipped" + i)) << stage;
            if (s + 1 < stages.size()) {
                EXPECT_EQ(total(R"({"set":"droppedAfter","stage":)" + stage + "}"), report.Int("/funnel/dropOff" + i))
                    << stage;
            }
            simdjson::dom::array managers;
            ASSERT_FALSE(report.At("/funnel/byManager").get(managers));
            for (size_t m = 0; m < managers.size(); ++m) {
                const std::string row = "/funnel/byManager/" + std::to_string(m);
                const std::string manager = Quote(report.Str(row + "/manager"));
                EXPECT_EQ(total(R"({"set":"reached","stage":)" + stage + ",\"manager\":" + manager + "}"),
                          report.Int(row + "/reached" + i))
                    << stage << " " << manager;
            }
        }
        EXPECT_EQ(total(R"({"set":"won"})"), report.Int("/funnel/won"));
        EXPECT_EQ(total(R"({"set":"lost"})"), report.Int("/funnel/lost"));
        EXPECT_EQ(total(R"({"set":"open"})"), report.Int("/funnel/open"));
        EXPECT_EQ(total(R"({"set":"stalled"})"), report.Int("/funnel/stalled/count"));
    }
}

TEST(EngineDrill, RowsAndLimit) {
    Engine engine;
    LoadBoth(engine);
    // Cohort 2024-01 at offset 0: A (10 + 5 - 2 = 13.00 in January), B 3.00, F 3.00. A's totals: 3 purchases,
    // 10 + 5 - 2 + 20 = 33.00.
    Json cell(engine.Analyze(R"({"analyses":["summary"],"drill":{"cohort":"2024-01","offset":0,"limit":1}})"));
    EXPECT_EQ(cell.Int("/drill/total"), 3);
    EXPECT_TRUE(cell.At("/drill/truncated").get_bool().value_unsafe());
    EXPECT_EQ(cell.Int("/drill/limit"), 1);
    EXPECT_NE(cell.text.find(R"("rows":[["A","2024-01-05",2,13.00,3,33.00]],)"), std::string::npos) << cell.text;
    EXPECT_EQ(cell.Cents("/drill/revenue"), 1900);
    // Deals are listed by id value: 5 before 10. Deal 5: no manager, pipeline B2B, source ads.
    Json deals(engine.Analyze(R"({"analyses":["summary"],"drill":{"stage":"qualified","set":"droppedAfter"}})"));
    EXPECT_EQ(simdjson::to_string(deals.At("/drill/rows")),
              R"([["5",null,"B2B","ads","qualified","open","2024-01-20T00:00:00","2024-01-21T00:00:00"],)"
              R"(["10","Anna",null,null,"lead","open","2024-01-02T00:00:00","2024-01-03T00:00:00"]])");
    EXPECT_FALSE(deals.At("/drill/truncated").get_bool().value_unsafe());
}

TEST(EngineDrill, BadDrillRequests) {
    Engine engine;
    LoadBoth(engine);
    Engine deals_only;
    ASSERT_EQ(deals_only.LoadFile("deals.csv", kDeals, kDealOptions).rfind("{\"ok\":true", 0), 0u);
    struct Case {
        Engine* engine;
        std::string drill;
        std::string code;
        std::string message;  // a part of the error message
    };
    const Case cases[] = {
        {&engine, R"([1])", "badRequest", "'drill' must be an object"},
        {&engine, R"({})", "badRequest", "'drill' needs 'cohort'"},
        {&engine, R"({"cohort":"2024-01","set":"won"})", "badRequest", "one analysis at a time"},
        {&engine, R"({"cohort":""})", "badRequest", "'drill.cohort' must be a non-empty string"},
        {&engine, R"({"cohort":"2024-01","offset":-1})", "badRequest", "'drill.offset' must be an integer"},
        {&engine, R"({"set":"won","offset":1})", "badRequest", "'drill.offset' needs 'drill.cohort'"},
        {&engine, R"({"set":"reached"})", "badRequest", R"('drill.set' "reached" needs 'drill.stage')"},
        {&engine, R"({"set":"gone","stage":"lead"})", "badRequest", R"('drill.set' must be one of "reached")"},
        {&engine, R"({"set":"won","limit":0})", "badRequest", "'drill.limit' must be an integer 1..100000"},
        {&engine, R"({"set":"won","limit":100001})", "badRequest", "'drill.limit' must be an integer 1..100000"},
        {&engine, R"({"set":"won","region":"x"})", "badRequest", "unknown key 'drill.region'"},
        {&engine, R"({"cohort":"1999-01"})", "badRequest", "drill: no cohort '1999-01'"},
        {&engine, R"({"cohort":"2024-01","offset":3})", "badRequest", "drill: offset 3 is outside"},
        {&engine, R"({"set":"reached","stage":"demo"})", "badRequest", "drill: no funnel stage 'demo'"},
        {&engine, R"({"set":"droppedAfter","stage":"won"})", "badRequest", "before the last (won) stage"},
        {&deals_only, R"({"cohort":"2024-01"})", "noData", "drill: no purchases"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.drill);
        Json answer(c.engine->Analyze(R"({"analyses":["summary"],"drill":)" + c.drill + "}"));
        EXPECT_EQ(answer.Str("/error/code"), c.code);
        const std::string message = answer.Str("/error/message");
        EXPECT_NE(message.find(c.message), std::string::npos) << message;
    }
    // A null drill is no drill.
    Json none(engine.Analyze(R"({"analyses":["summary"],"drill":null})"));
    EXPECT_TRUE(none.root.at_pointer("/drill").error());
}

TEST(EngineDrill, DescribeListsFilterValues) {
    Engine engine;
    LoadBoth(engine);
    Json described(engine.Describe());
    struct Case {
        std::string list;
        std::string json;
    };
    // channels: web = 8 order rows (5 purchases, 3 returns) + 4 events of deal 1; shop 3; ads = 2 events of deal 5.
    // managers: Anna 6 order rows (G's cancelled row is rejected) + 9 events; Boris 5 + 4; Carl 1.
    // statuses: paid 11 order rows, shipped 1; pipelines: Main 10 events, B2B 2.
    const Case cases[] = {
        {"channels", R"([{"value":"web","rows":12},{"value":"shop","rows":3},{"value":"ads","rows":2}])"},
        {"managers", R"([{"value":"Anna","rows":15},{"value":"Boris","rows":9},{"value":"Carl","rows":1}])"},
        {"statuses", R"([{"value":"paid","rows":11},{"value":"shipped","rows":1}])"},
        {"pipelines", R"([{"value":"Main","rows":10},{"value":"B2B","rows":2}])"},
    };
    const std::string filter_keys[] = {"channels", "managers", "statuses", "pipelines"};
    for (const Case& c : cases) {
        SCOPED_TRACE(c.list);
        EXPECT_EQ(simdjson::to_string(described.At("/dimensions/" + c.list)), c.json);
        // Every listed value is one the filter selects rows with.
        simdjson::dom::array values;
        ASSERT_FALSE(described.At("/dimensions/" + c.list).get(values));
        for (auto item : values) {
            const std::string value(item["value"].get_string().value_unsafe());
            Json report(engine.Analyze(R"({"analyses":["summary"],"filters":{")" + c.list + R"(":[)" + Quote(value) +
                                       "]}}"));
            const int64_t rows =
                report.Int("/summary/purchases") + report.Int("/summary/returnRows") + report.Int("/summary/deals");
            EXPECT_GT(rows, 0) << value;
        }
    }
}

}  // namespace
}  // namespace crm
