#include "core/ingest/table_loader.h"
#include "core/ingest/record.h"

#include <iterator>
#include <numeric>
#include <string>

#include <gtest/gtest.h>

namespace crm {
namespace {

/// Loads `text` as one file with the given options JSON into a fresh dataset.
struct Loaded {
    Dataset data;
    RejectLog rejects;
    LoadOutcome outcome;
};

Loaded Load(const std::string& name, const std::string& text, const std::string& options_json = "",
            WindowOptions window = {}, LoadThreads threads = {}) {
    Loaded loaded;
    LoadOptions options;
    EXPECT_TRUE(ParseLoadOptions(options_json, options).ok());
    MemoryByteSource source(text);
    loaded.outcome = LoadTable(name, source, options, loaded.data, loaded.rejects, {}, window, threads);
    return loaded;
}

int64_t Sum(const std::vector<int64_t>& v) { return std::accumulate(v.begin(), v.end(), int64_t{0}); }

struct OrdersCase {
    const char* name;
    const char* file;
    std::string text;
    std::string options;
    int64_t read, used, duplicate, missing_customer, bad_date, bad_amount, excluded;
    size_t purchases;
    int64_t revenue;  // minor units, sum of purchases
    size_t returns;
    int64_t returned;  // minor units
    uint32_t customers;
};

TEST(TableLoader, AccountsForEveryOrderRow) {
    const OrdersCase cases[] = {
        {"order-level fields on the first row, every rejection reason",
         "orders.csv",
         "Номер;Дата;Клиент;Сумма;Статус\r\n"
         "1;01.02.2024;ivan;100,00;Оплачен\r\n"
         "1;;;50,00;\r\n"
         "2;02.02.2024;petr;1 000,50;Отменён\r\n"
         "2;;;10,00;\r\n"
         "3;03.02.2024;ivan;-30,00;Возврат\r\n"
         "1;;;50,00;\r\n"
         "4;05.02.2024;;20,00;Оплачен\r\n"
         "5;32.02.2024;anna;20,00;Оплачен\r\n"
         "6;06.02.2024;anna;договорная;Оплачен\r\n",
         "",
         // 9 rows: order 1 (2 rows used), order 2 (2 rows excluded: status inherited), return row used,
         // repeat of row 2 (duplicate), no customer, 32.02 (bad date), "договорная" (bad amount).
         9, 3, 1, 1, 1, 1, 2,
         1, 15000,  // order 1: 100,00 + 50,00
         1, 3000,
         3},  // ivan, petr, anna are interned even when rejected later; only ivan buys
        {"order total on the first row (Shopify)",
         "orders_export.csv",
         "Name,Email,Financial Status,Created at,Total,Lineitem quantity,Lineitem price,Lineitem name\n"
         "#1001,a@x.com,paid,2024-03-05 14:22:10 +0300,30.00,1,10.00,Cap\n"
         "#1001,,,,,2,10.00,Mug\n"
         "#1002,B@X.com,refunded,2024-03-06 10:00:00 +0300,15.00,1,15.00,Cap\n"
         "#1003,b@x.com,paid,2024-03-07 10:00:00 +0300,12.50,1,12.50,Pen\n",
         "",
         4, 3, 0, 0, 0, 0, 1,
         2, 4250,  // #1001 total 30.00 (not 10 + 2x10 again) + #1003 12.50
         0, 0,
         2},
        {"quantity x unit price, a negative line is a return (UCI Online Retail)",
         "online_retail.csv",
         "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
         "536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26,2.55,17850,United Kingdom\n"
         "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26,3.39,17850,United Kingdom\n"
         "C536379,D,Discount,-1,2010-12-01 09:41,27.50,14527,United Kingdom\n"
         "536370,22728,ALARM CLOCK,24,2010-12-01 08:45,3.75,,France\n",
         "",
         4, 3, 0, 1, 0, 0, 0,
         1, 3564,  // 6 x 2.55 = 15.30 and 6 x 3.39 = 20.34
         1, 2750,
         2},
        {"JSON object holding an array, nested customer flattened, emails normalized",
         "orders.json",
         R"({"orders":[{"order_id":1,"customer":{"email":"A@x.com"},"date":"2024-01-05","amount":10.5},)"
         R"({"order_id":2,"customer":{"email":" a@x.com"},"date":"2024-01-06","amount":20.25}]})",
         "",
         2, 2, 0, 0, 0, 0, 0,
         2, 3075,
         0, 0,
         1},
        {"roles set by the caller override the guess",
         "export.csv",
         "a,b,c\nx1,2024-01-01,5\nx2,2024-01-02,7\nx1,2024-01-03,1\n",
         R"({"kind":"orders","roles":{"customer":"a","date":"b","amount":"c"}})",
         3, 3, 0, 0, 0, 0, 0,
         3, 1300,
         0, 0,
         2},
        {"duplicates kept when asked",
         "dups.csv",
         "customer,date,amount\nc1,2024-01-01,5\nc1,2024-01-01,5\n",
         R"({"dropDuplicates":false})",
         2, 2, 0, 0, 0, 0, 0,
         2, 1000,
         0, 0,
         1},
    };
    for (const OrdersCase& c : cases) {
        SCOPED_TRACE(c.name);
        const Loaded loaded = Load(c.file, c.text, c.options);
        ASSERT_FALSE(loaded.outcome.error) << loaded.outcome.error->ToString();
        const RowAccounting& rows = loaded.outcome.report.rows;
        EXPECT_EQ(loaded.outcome.report.kind, TableKind::kOrders);
        EXPECT_EQ(rows.read, c.read);
        EXPECT_EQ(rows.used, c.used);
        EXPECT_EQ(rows.rejected[static_cast<int>(RejectReason::kDuplicate)], c.duplicate);
        EXPECT_EQ(rows.rejected[static_cast<int>(RejectReason::kMissingCustomer)], c.missing_customer);
        EXPECT_EQ(rows.rejected[static_cast<int>(RejectReason::kBadDate)], c.bad_date);
        EXPECT_EQ(rows.rejected[static_cast<int>(RejectReason::kBadAmount)], c.bad_amount);
        EXPECT_EQ(rows.rejected[static_cast<int>(RejectReason::kExcludedStatus)], c.excluded);
        EXPECT_EQ(rows.read, rows.used + rows.RejectedTotal());
        EXPECT_EQ(loaded.data.purchases.size(), c.purchases);
        EXPECT_EQ(Sum(loaded.data.purchases.revenue), c.revenue);
        EXPECT_EQ(loaded.data.returns.size(), c.returns);
        EXPECT_EQ(Sum(loaded.data.returns.amount), c.returned);
        EXPECT_EQ(rows.return_rows, static_cast<int64_t>(c.returns));
        EXPECT_EQ(rows.returned_amount, c.returned);
        EXPECT_EQ(loaded.data.customers.size(), c.customers);
    }
}

TEST(TableLoader, LogsRejectedRowsWithLineColumnAndValue) {
    const Loaded loaded = Load("orders.csv",
                               "Клиент;Дата;Сумма\n"
                               "ivan;01.02.2024;10\n"
                               "petr;вчера;10\n"
                               "anna;02.02.2024;много\n");
    ASSERT_FALSE(loaded.outcome.error);
    ASSERT_EQ(loaded.rejects.rows.size(), 2u);
    const RejectedRow& date = loaded.rejects.rows[0];
    EXPECT_EQ(date.file, "orders.csv");
    EXPECT_EQ(date.line, 3);
    EXPECT_EQ(date.column, 2);
    EXPECT_EQ(date.column_name, "Дата");
    EXPECT_EQ(date.value, "вчера");
    EXPECT_EQ(date.reason, RejectReason::kBadDate);
    const RejectedRow& amount = loaded.rejects.rows[1];
    EXPECT_EQ(amount.line, 4);
    EXPECT_EQ(amount.column, 3);
    EXPECT_EQ(amount.value, "много");
    EXPECT_EQ(amount.reason, RejectReason::kBadAmount);
}

TEST(TableLoader, ExcludedStatusesAreAParameter) {
    const std::string text = "customer,date,amount,status\nc1,2024-01-01,5,paid\nc2,2024-01-01,5,cancelled\nc3,2024-01-02,5,test\n";
    const Loaded by_default = Load("o.csv", text);
    EXPECT_EQ(by_default.outcome.report.rows.used, 2);
    EXPECT_EQ(by_default.outcome.report.rows.excluded_statuses.at("cancelled"), 1);
    const Loaded custom = Load("o.csv", text, R"({"excludedStatuses":["test"]})");
    EXPECT_EQ(custom.outcome.report.rows.used, 2);
    EXPECT_EQ(custom.outcome.report.rows.excluded_statuses.at("test"), 1);
    EXPECT_EQ(custom.outcome.report.rows.excluded_statuses.count("cancelled"), 0u);
}

TEST(TableLoader, ReportsMissingRolesWithTheColumns) {
    const Loaded loaded = Load("orders.csv", "Клиент;Комментарий\nivan;привет\n", R"({"kind":"orders"})");
    ASSERT_TRUE(loaded.outcome.error);
    EXPECT_EQ(loaded.outcome.error->code, ErrorCode::kMissingRole);
    EXPECT_EQ(loaded.outcome.error->file, "orders.csv");
    EXPECT_EQ(loaded.outcome.report.columns.size(), 2u);
}

struct PurchaseTimeCase {
    int32_t day;
    int64_t time;
};

TEST(TableLoader, KeepsPurchaseTimesExact) {
    // Times before 1970 split into a day (rounded down) and a second of the day.
    const Loaded loaded = Load("orders.csv",
                               "order_id,customer_id,order_date,amount,status\n"
                               "1,a,1969-12-31 23:30:00,10.00,paid\n"
                               "2,b,1960-01-01 12:00:00,20.00,paid\n"
                               "3,c,2024-01-01 10:30:00,1.00,paid\n");
    ASSERT_FALSE(loaded.outcome.error) << loaded.outcome.error->ToString();
    const PurchaseTimeCase cases[] = {
        {-1, -1800},                               // 1800 s before the epoch
        {-3653, -3653 * int64_t{86400} + 43200},   // 1960..1969: 10 years, 3 of them leap: 3653 days
        {19723, 19723 * int64_t{86400} + 37800},   // 2024-01-01 = day 19723 (1704067200 s), + 10:30
    };
    const Purchases& p = loaded.data.purchases;
    ASSERT_EQ(p.size(), std::size(cases));
    for (size_t i = 0; i < std::size(cases); ++i) {
        EXPECT_EQ(p.day[i], cases[i].day) << "purchase " << i;
        EXPECT_EQ(p.Time(i), cases[i].time) << "purchase " << i;
        EXPECT_EQ(p.has_time[i], 1) << "purchase " << i;
    }
    // Columns holding one value on every row stay uniform; the seconds vary.
    EXPECT_TRUE(p.status.uniform());
    EXPECT_TRUE(p.channel.uniform());
    EXPECT_EQ(p.channel[0], kNoId);
    EXPECT_TRUE(p.has_time.uniform());
    EXPECT_FALSE(p.second_of_day.uniform());
}

TEST(TableLoader, LoadsDealEventsAndSnapshots) {
    const Loaded events = Load("deal_stages.csv",
                               "deal_id,stage,entered_at,manager\n"
                               "1,lead,2024-01-01T10:00:00,Ann\n"
                               "1,won,2024-01-05T10:00:00,Ann\n"
                               "2,lead,2024-01-02T10:00:00,Bob\n"
                               ",lead,2024-01-02T10:00:00,Bob\n"
                               "3,,2024-01-02T10:00:00,Bob\n");
    ASSERT_FALSE(events.outcome.error) << events.outcome.error->ToString();
    EXPECT_EQ(events.outcome.report.kind, TableKind::kDealEvents);
    EXPECT_EQ(events.data.deal_events.size(), 3u);
    EXPECT_EQ(events.outcome.report.rows.rejected[static_cast<int>(RejectReason::kMissingDealId)], 1);
    EXPECT_EQ(events.outcome.report.rows.rejected[static_cast<int>(RejectReason::kMissingStage)], 1);
    EXPECT_EQ(events.data.deal_events.time[1] - events.data.deal_events.time[0], 4 * 86400);

    const Loaded snapshot = Load("deals.csv",
                                 "ID;Название;Стадия сделки;Сумма;Ответственный;Дата создания\n"
                                 "10;Окна;Сделка успешна;10 000;Анна;01.03.2024\n"
                                 "11;Двери;Сделка провалена;5 000;Анна;02.03.2024\n"
                                 "12;Крыша;Переговоры;7 000;Борис;03.03.2024\n");
    ASSERT_FALSE(snapshot.outcome.error) << snapshot.outcome.error->ToString();
    EXPECT_EQ(snapshot.outcome.report.kind, TableKind::kDealSnapshot);
    ASSERT_EQ(snapshot.data.deal_snapshots.size(), 3u);
    EXPECT_EQ(snapshot.data.deal_snapshots.outcome[0], DealOutcome::kWon);
    EXPECT_EQ(snapshot.data.deal_snapshots.outcome[1], DealOutcome::kLost);
    EXPECT_EQ(snapshot.data.deal_snapshots.outcome[2], DealOutcome::kOpen);
}

TEST(TableLoader, FlagsMonthFirstDatesSeenAfterTheSample) {
    // The sample (first 10 rows) has no part above 12, so day-first is assumed; row 12 proves month-first.
    std::string text = "customer,date,amount\n";
    for (int i = 1; i <= 11; ++i) text += "c" + std::to_string(i) + ",05/07/2024,1\n";
    text += "c12,07/25/2024,1\n";
    const Loaded first = Load("us.csv", text, R"({"sampleRows":10})");
    ASSERT_FALSE(first.outcome.error);
    ASSERT_TRUE(first.outcome.date_order_conflict);
    EXPECT_EQ(*first.outcome.date_order_conflict, DateKind::kMonthFirst);
    const Loaded second = Load("us.csv", text, R"({"sampleRows":10,"dateOrder":"monthFirst"})");
    EXPECT_FALSE(second.outcome.date_order_conflict);
    EXPECT_EQ(second.outcome.report.rows.used, 12);
    EXPECT_EQ(second.data.purchases.day[0], 19850);  // 2024-05-07: 19723 (Jan 1) + 31+29+31+30 + 6
}

/// A file of each format larger than its head: about 6,000 (CSV) and 3,000 (JSON) rows with duplicates, bad dates,
/// excluded statuses, quoted fields that span lines (CSV) and Cyrillic text.
struct PieceFile {
    const char* file;
    std::string text;
};

std::vector<PieceFile> PieceFiles() {
    std::string csv = "Номер;Дата;Клиент;Сумма;Статус;Комментарий\r\n";
    for (int i = 1; i <= 6000; ++i) {
        const std::string id = std::to_string(i / 2 + 1);  // two rows per order
        const std::string day = std::to_string(i % 28 + 1);
        std::string row = id + ";" + (day.size() == 1 ? "0" : "") + day + ".03.2024;клиент " + std::to_string(i % 97) +
                          ";" + std::to_string(i % 500) + ",50;" + (i % 13 == 0 ? "Отменён" : "Оплачен") + ";";
        row += i % 7 == 0 ? "\"строка 1\r\nстрока \"\"2\"\"\"" : "—";
        if (i % 101 == 0) row = id + ";31.02.2024;x;1,00;Оплачен;";  // bad date
        csv += row + "\r\n";
        if (i % 50 == 0) csv += row + "\r\n";  // an exact duplicate
    }
    std::string ndjson;
    for (int i = 1; i <= 3000; ++i) {
        ndjson += R"({"order_id":")" + std::to_string(i) + R"(","customer":"c)" + std::to_string(i % 50) +
                  R"(","date":"2024-02-)" + (i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1) + R"(","amount":)" +
                  std::to_string(i % 300) + ".25}\n";
        if (i % 40 == 0) ndjson += R"({"order_id":")" + std::to_string(i) + R"(","customer":"c1","date":"bad","amount":1})" "\n";
    }
    std::string array = "[";
    for (size_t p = 0; p < ndjson.size();) {
        const size_t end = ndjson.find('\n', p);
        array += (p == 0 ? "" : ",\n") + ndjson.substr(p, end - p);
        p = end + 1;
    }
    return {{"orders.csv", csv}, {"orders.ndjson", ndjson}, {"orders.json", array + "]"}};
}

/// Expects two loads of the same file to have read, kept and rejected the same rows into the same purchases.
void ExpectSameLoad(const Loaded& a, const Loaded& b) {
    ASSERT_FALSE(a.outcome.error) << a.outcome.error->ToString();
    ASSERT_FALSE(b.outcome.error) << b.outcome.error->ToString();
    const RowAccounting& x = a.outcome.report.rows;
    const RowAccounting& y = b.outcome.report.rows;
    EXPECT_GT(x.read, 2000);
    EXPECT_EQ(x.read, y.read);
    EXPECT_EQ(x.used, y.used);
    EXPECT_EQ(x.rejected, y.rejected);
    EXPECT_EQ(x.excluded_statuses, y.excluded_statuses);
    EXPECT_GT(x.RejectedTotal(), 0);
    const Purchases& p = a.data.purchases;
    const Purchases& q = b.data.purchases;
    EXPECT_EQ(p.customer, q.customer);
    EXPECT_EQ(p.day, q.day);
    EXPECT_EQ(p.revenue, q.revenue);
    EXPECT_EQ(p.order, q.order);
    ASSERT_EQ(p.size(), q.size());
    for (size_t i = 0; i < p.size(); ++i) ASSERT_EQ(p.status[i], q.status[i]) << i;
    ASSERT_EQ(a.data.customers.size(), b.data.customers.size());
    for (uint32_t id = 0; id < a.data.customers.size(); ++id) ASSERT_EQ(a.data.customers.At(id), b.data.customers.At(id));
    ASSERT_EQ(a.rejects.rows.size(), b.rejects.rows.size());
    for (size_t i = 0; i < a.rejects.rows.size(); ++i) {
        EXPECT_EQ(a.rejects.rows[i].line, b.rejects.rows[i].line) << i;
        EXPECT_EQ(a.rejects.rows[i].value, b.rejects.rows[i].value) << i;
        EXPECT_EQ(a.rejects.rows[i].reason, b.rejects.rows[i].reason) << i;
    }
}

TEST(TableLoader, ReadsTheSameInSmallPieces) {
    // A file larger than its head, read in pieces of 97 bytes after a 4 KiB head, gives the same dataset,
    // report and rejected rows as a read in one piece: the sample (2,000 rows) spans many refills, quoted
    // fields span lines and pieces, and duplicates and rejections fall anywhere.
    for (const PieceFile& f : PieceFiles()) {
        SCOPED_TRACE(f.file);
        ExpectSameLoad(Load(f.file, f.text), Load(f.file, f.text, "", WindowOptions{4096, 97}));
    }
}

TEST(TableLoader, ReadsTheSameWithASinkThread) {
    // Rows handed to a sink thread (core/ingest/sink_thread.h) give the same dataset and rejected rows as one
    // thread, with the window's pieces in every size from one row to the whole file: the reader waits for the
    // sink before a piece is overwritten.
#if !CRM_LOAD_THREADS
    GTEST_SKIP() << "this build has no sink thread";
#endif
    const LoadThreads threaded{0};
    for (const PieceFile& f : PieceFiles()) {
        SCOPED_TRACE(f.file);
        const Loaded single = Load(f.file, f.text);
        for (const WindowOptions window : {WindowOptions{4096, 97}, WindowOptions{4096, 4096}, WindowOptions{}}) {
            SCOPED_TRACE(window.piece_bytes);
            ExpectSameLoad(single, Load(f.file, f.text, "", window, threaded));
        }
    }
}

}  // namespace
}  // namespace crm
