#include "core/engine/engine.h"

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "simdjson.h"

namespace crm {
namespace {

std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

/// A parsed JSON answer of the engine (kept alive with its parser).
struct Json {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    explicit Json(const std::string& text) { EXPECT_FALSE(parser.parse(text).get(root)) << text; }
    std::string_view Str(const char* pointer) {
        std::string_view v;
        EXPECT_FALSE(root.at_pointer(pointer).get(v)) << pointer;
        return v;
    }
    int64_t Int(const char* pointer) {
        int64_t v = -1;
        EXPECT_FALSE(root.at_pointer(pointer).get(v)) << pointer;
        return v;
    }
    double Num(const char* pointer) {
        double v = -1;
        EXPECT_FALSE(root.at_pointer(pointer).get(v)) << pointer;
        return v;
    }
    bool Has(const char* pointer) { return root.at_pointer(pointer).error() == simdjson::SUCCESS; }
};

const std::string kGoodOrders =
    "Клиент;Дата;Сумма;Канал;Статус\n"
    "ivan;01.02.2024;100,00;Сайт;Оплачен\n"
    "petr;03.02.2024;50,00;Instagram;Оплачен\n"
    "ivan;05.03.2024;25,50;Сайт;Оплачен\n";

TEST(Engine, BadInputsFailWithCodeAndPositionAndTheEngineStaysUsable) {
    struct Case {
        const char* file;
        const char* code;
        int64_t line, column;
    };
    // Positions from tests/data/bad/README.md (derived from the bytes of each file).
    const Case cases[] = {
        {"binary.csv", "notATable", 1, 1},        {"page.csv", "notATable", 1, 1},
        {"empty.csv", "empty", 1, 1},             {"header_only.csv", "headerOnly", 2, 1},
        {"truncated.json", "badJson", 4, 85},     {"scalar.json", "notATable", 1, 1},
        {"workbook.csv", "notATable", 1, 1},      {"not_objects.json", "notATable", 1, 2},
        {"unterminated_quote.csv", "badCsv", 3, 29},
    };
    Engine engine;
    for (const Case& c : cases) {
        SCOPED_TRACE(c.file);
        Json answer(engine.LoadFile(c.file, ReadFile(std::string(CRM_TEST_DATA_DIR) + "/bad/" + c.file), ""));
        EXPECT_EQ(answer.root["ok"].get_bool().value_unsafe(), false);
        EXPECT_EQ(answer.Str("/error/code"), c.code);
        EXPECT_EQ(answer.Str("/error/file"), c.file);
        EXPECT_EQ(answer.Int("/error/line"), c.line);
        EXPECT_EQ(answer.Int("/error/column"), c.column);
        EXPECT_FALSE(answer.Str("/error/message").empty());
        // The next call on the same engine works, and the failed file adds no rows.
        Json loaded(engine.LoadFile("orders.csv", kGoodOrders, ""));
        EXPECT_TRUE(loaded.root["ok"].get_bool().value_unsafe());
        Json report(engine.Analyze(R"({"analyses":["summary"]})"));
        EXPECT_EQ(report.Int("/rows/read"), 3);
        EXPECT_EQ(report.Int("/summary/purchases"), 3);
        EXPECT_EQ(engine.RemoveFile(c.file).rfind("{\"ok\":true", 0), 0u);
    }
}

TEST(Engine, FiltersRecomputeWithoutReloading) {
    Engine engine;
    ASSERT_EQ(engine.LoadFile("orders.csv", kGoodOrders, "").rfind("{\"ok\":true", 0), 0u);
    struct Case {
        const char* request;
        int64_t purchases;
        double revenue;
        const char* as_of;
    };
    const Case cases[] = {
        {R"({"analyses":["summary"]})", 3, 175.5, "2024-03-06"},
        {R"({"analyses":["summary"],"filters":{"channels":["Сайт"]}})", 2, 125.5, "2024-03-06"},
        {R"({"analyses":["summary"],"filters":{"to":"2024-02-29"}})", 2, 150, "2024-02-04"},
        {R"({"analyses":["summary"],"filters":{"from":"2024-02-02","to":"2024-02-29"}})", 1, 50, "2024-02-04"},
        {R"({"analyses":["summary"],"asOf":"2024-02-02"})", 1, 100, "2024-02-02"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.request);
        Json report(engine.Analyze(c.request));
        EXPECT_EQ(report.Int("/summary/purchases"), c.purchases);
        EXPECT_DOUBLE_EQ(report.Num("/summary/revenue"), c.revenue);
        EXPECT_EQ(report.Str("/summary/asOf"), c.as_of);
    }
}

TEST(Engine, ConfigureFileRereadsWithNewRoles) {
    Engine engine;
    const std::string text = "a;b;c;d\nx;01.02.2024;10;y\nx;02.02.2024;20;z\n";
    Json first(engine.LoadFile("f.csv", text, R"({"kind":"orders","roles":{"customer":"a","date":"b","amount":"c"}})"));
    EXPECT_TRUE(first.root["ok"].get_bool().value_unsafe());
    EXPECT_EQ(Json(engine.Analyze(R"({"analyses":["summary"]})")).Int("/summary/customers"), 1);
    Json second(engine.ConfigureFile("f.csv", R"({"kind":"orders","roles":{"customer":"d","date":"b","amount":"c"}})"));
    EXPECT_TRUE(second.root["ok"].get_bool().value_unsafe());
    EXPECT_EQ(second.Str("/file/roles/customer"), "d");
    EXPECT_EQ(Json(engine.Analyze(R"({"analyses":["summary"]})")).Int("/summary/customers"), 2);
}

TEST(Engine, RejectsBadRequestsAndMissingData) {
    Engine deals_only;
    ASSERT_EQ(Json(deals_only.LoadFile("deals.csv", "deal_id,stage,entered_at\n1,lead,2024-01-01T00:00:00\n", ""))
                  .Str("/file/kind"),
              "dealEvents");
    Engine orders_only;
    ASSERT_EQ(Json(orders_only.LoadFile("orders.csv", kGoodOrders, "")).Str("/file/kind"), "orders");
    struct Case {
        Engine* engine;
        const char* request;
        const char* code;
    };
    const Case cases[] = {
        {&deals_only, R"({"analyses":["rfm"]})", "noData"},
        {&deals_only, R"({"analyses":["cohorts"]})", "noData"},
        {&orders_only, R"({"analyses":["funnel"]})", "noData"},
        {&orders_only, R"({"analyses":["magic"]})", "badRequest"},
        {&orders_only, R"({"asOf":"01.02.2024"})", "badRequest"},
        {&orders_only, R"({"colour":"red"})", "badRequest"},
        {&orders_only, R"([1,2])", "badRequest"},
        {&orders_only, R"({"analyses":["rfm"],"rfm":{"n":11}})", "badRequest"},
        {&orders_only, R"({"analyses":["cohorts"],"cohorts":{"period":"decade"}})", "badRequest"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.request);
        EXPECT_EQ(Json(c.engine->Analyze(c.request)).Str("/error/code"), c.code);
    }
    // Both engines still answer a good request afterwards.
    EXPECT_EQ(Json(orders_only.Analyze("")).Int("/summary/purchases"), 3);
    EXPECT_EQ(Json(deals_only.Analyze("")).Int("/funnel/deals"), 1);
}

TEST(Engine, RowsAccountingAddsUpAcrossFiles) {
    Engine engine;
    (void)engine.LoadFile("a.csv", kGoodOrders, "");
    (void)engine.LoadFile("b.csv", "customer,date,amount\nq,2024-01-01,5\nq,2024-01-01,5\n,2024-01-02,1\n", "");
    Json report(engine.Analyze(R"({"analyses":["summary"],"rejectedRows":10})"));
    EXPECT_EQ(report.Int("/rows/read"), 6);
    EXPECT_EQ(report.Int("/rows/used"), 4);
    EXPECT_EQ(report.Int("/rows/rejected/duplicate"), 1);
    EXPECT_EQ(report.Int("/rows/rejected/missingCustomer"), 1);
    EXPECT_EQ(report.Int("/rows/rejectedTotal"), 2);
    EXPECT_EQ(report.Str("/rejectedRows/0/file"), "b.csv");
    EXPECT_EQ(report.Int("/rejectedRows/0/line"), 3);
    EXPECT_EQ(report.Str("/rejectedRows/1/reason"), "missingCustomer");
}

}  // namespace
}  // namespace crm
