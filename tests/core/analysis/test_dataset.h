#pragma once
// Builds small Datasets by hand for the analysis tests: rows as compact tables of text, interned into
// the dictionaries exactly as ingest would (an empty text means "no value").

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/common/civil_date.h"
#include "core/dataset/dataset.h"

namespace crm::test {

/// Day number of "YYYY-MM-DD" (-1 is never a test date, so failures show up as odd numbers).
inline int32_t Day(std::string_view iso) {
    int32_t days = -1;
    ParseIsoDate(iso.substr(0, 10), days);
    return days;
}

/// Seconds of "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM".
inline int64_t Seconds(std::string_view text) {
    int64_t seconds = static_cast<int64_t>(Day(text)) * kSecondsPerDay;
    if (text.size() >= 16) {
        seconds += ((text[11] - '0') * 10 + (text[12] - '0')) * 3600 + ((text[14] - '0') * 10 + (text[15] - '0')) * 60;
    }
    return seconds;
}

/// Id of `text` in `dictionary`, kNoId for an empty text.
inline uint32_t Id(Dictionary& dictionary, std::string_view text) {
    return text.empty() ? kNoId : dictionary.Intern(text);
}

/// A purchase: customer key, date "YYYY-MM-DD", revenue in minor units, optional attributes.
struct PurchaseRow {
    std::string_view customer;
    std::string_view date;
    int64_t revenue;
    std::string_view channel = "";
    std::string_view manager = "";
    std::string_view campaign = "";
    std::string_view region = "";
};

/// A return: customer key, date, amount in minor units (positive).
struct ReturnRow {
    std::string_view customer;
    std::string_view date;
    int64_t amount;
};

/// Orders data: customers are interned in row order (purchases first, then returns).
inline Dataset MakeOrders(std::initializer_list<PurchaseRow> purchases, std::initializer_list<ReturnRow> returns = {}) {
    Dataset data;
    for (const PurchaseRow& row : purchases) {
        Purchases& p = data.purchases;
        p.customer.push_back(data.customers.Intern(row.customer));
        p.day.push_back(Day(row.date));
        p.second_of_day.push_back(static_cast<int32_t>(Seconds(row.date) - int64_t{Day(row.date)} * kSecondsPerDay));
        p.revenue.push_back(row.revenue);
        p.order.push_back(kNoId);
        p.channel.push_back(Id(data.channels, row.channel));
        p.manager.push_back(Id(data.managers, row.manager));
        p.status.push_back(kNoId);
        p.campaign.push_back(Id(data.campaigns, row.campaign));
        p.region.push_back(Id(data.regions, row.region));
        p.has_time.push_back(row.date.size() > 10 ? 1 : 0);
    }
    for (const ReturnRow& row : returns) {
        Returns& r = data.returns;
        r.customer.push_back(data.customers.Intern(row.customer));
        r.day.push_back(Day(row.date));
        r.amount.push_back(row.amount);
        r.channel.push_back(kNoId);
        r.manager.push_back(kNoId);
        r.status.push_back(kNoId);
    }
    return data;
}

/// A deal event: deal id, stage, time "YYYY-MM-DDTHH:MM", optional attributes.
struct EventRow {
    std::string_view deal;
    std::string_view stage;
    std::string_view time;
    std::string_view manager = "";
    std::string_view pipeline = "";
    std::string_view source = "";
    std::string_view lost_reason = "";
};

inline Dataset MakeEvents(std::initializer_list<EventRow> rows) {
    Dataset data;
    DealEvents& e = data.deal_events;
    for (const EventRow& row : rows) {
        e.deal.push_back(data.deals.Intern(row.deal));
        e.stage.push_back(data.stages.Intern(row.stage));
        e.time.push_back(Seconds(row.time));
        e.manager.push_back(Id(data.managers, row.manager));
        e.pipeline.push_back(Id(data.pipelines, row.pipeline));
        e.source.push_back(Id(data.channels, row.source));
        e.lost_reason.push_back(Id(data.lost_reasons, row.lost_reason));
        e.amount.push_back(INT64_MIN);
    }
    return data;
}

/// A snapshot row: deal id, current stage, outcome, created and closed ("" = unknown), optional attributes.
struct SnapshotRow {
    std::string_view deal;
    std::string_view stage;
    DealOutcome outcome;
    std::string_view created = "";
    std::string_view closed = "";
    std::string_view manager = "";
    std::string_view lost_reason = "";
};

inline Dataset MakeSnapshots(std::initializer_list<SnapshotRow> rows) {
    Dataset data;
    DealSnapshots& s = data.deal_snapshots;
    for (const SnapshotRow& row : rows) {
        s.deal.push_back(data.deals.Intern(row.deal));
        s.stage.push_back(data.stages.Intern(row.stage));
        s.outcome.push_back(row.outcome);
        s.created.push_back(row.created.empty() ? INT64_MIN : Seconds(row.created));
        s.closed.push_back(row.closed.empty() ? INT64_MIN : Seconds(row.closed));
        s.manager.push_back(Id(data.managers, row.manager));
        s.pipeline.push_back(kNoId);
        s.source.push_back(kNoId);
        s.lost_reason.push_back(Id(data.lost_reasons, row.lost_reason));
        s.amount.push_back(INT64_MIN);
    }
    return data;
}

}  // namespace crm::test
