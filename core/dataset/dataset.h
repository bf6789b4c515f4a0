#pragma once
// The compact columnar dataset every analysis reads: dictionary-encoded text, day/second
// numbers, amounts in integer minor units (kopecks, cents). Built once by ingest; filters
// and analyses re-run over it without re-parsing.

#include <cstdint>
#include <vector>

#include "core/common/civil_date.h"
#include "core/dataset/dictionary.h"
#include "core/dataset/uniform_column.h"

namespace crm {

/// One row per purchase: a distinct order id among the used, paid, non-return rows
/// (or one used row when the file has no order id column).
struct Purchases {
    std::vector<uint32_t> customer;        ///< id in Dataset::customers
    std::vector<int32_t> day;              ///< days since 1970-01-01, naive local date
    UniformColumn<int32_t> second_of_day;  ///< 0..86399: time = day * 86400 + second_of_day, naive local time
    std::vector<int64_t> revenue;          ///< minor units: sum of the order's rows, or its order total
    std::vector<uint32_t> order;           ///< id in Dataset::orders, kNoId without an order id column
    UniformColumn<uint32_t> channel;       ///< id in Dataset::channels or kNoId
    UniformColumn<uint32_t> manager;       ///< id in Dataset::managers or kNoId
    UniformColumn<uint32_t> status;        ///< id in Dataset::statuses or kNoId
    UniformColumn<uint32_t> campaign;      ///< id in Dataset::campaigns or kNoId
    UniformColumn<uint32_t> region;        ///< id in Dataset::regions or kNoId
    UniformColumn<uint8_t> has_time;       ///< 1 when the source wrote a time of day

    size_t size() const { return customer.size(); }
    /// Seconds since 1970-01-01 of row `i`, naive local time.
    int64_t Time(size_t i) const { return static_cast<int64_t>(day[i]) * kSecondsPerDay + second_of_day[i]; }
    /// Reserves room for `rows` rows in every column.
    void Reserve(size_t rows) {
        for (auto* c : {&customer, &order}) c->reserve(rows);
        for (auto* c : {&channel, &manager, &status, &campaign, &region}) c->reserve(rows);
        day.reserve(rows);
        second_of_day.reserve(rows);
        revenue.reserve(rows);
        has_time.reserve(rows);
    }
};

/// One row per return row: money going back (negative amount or a return/refund document).
struct Returns {
    std::vector<uint32_t> customer;   ///< id in Dataset::customers
    std::vector<int32_t> day;         ///< days since 1970-01-01
    std::vector<int64_t> amount;      ///< minor units returned, positive
    UniformColumn<uint32_t> channel;  ///< id in Dataset::channels or kNoId
    UniformColumn<uint32_t> manager;  ///< id in Dataset::managers or kNoId
    UniformColumn<uint32_t> status;   ///< id in Dataset::statuses or kNoId

    size_t size() const { return customer.size(); }
};

/// Line items of purchases (for product analyses): one per used non-return row.
struct OrderLines {
    std::vector<uint32_t> purchase;  ///< index into Purchases
    std::vector<uint32_t> product;   ///< id in Dataset::products or kNoId
    std::vector<int64_t> amount;     ///< minor units of this line (0 when only an order total exists)
    std::vector<double> quantity;    ///< quantity, 1 when not given

    size_t size() const { return purchase.size(); }
};

/// Attributes from a customers table, indexed by customer id (kNoId / INT32_MIN when unknown).
struct CustomerInfo {
    std::vector<int32_t> first_contact_day;  ///< days since epoch or INT32_MIN
    std::vector<uint32_t> channel;           ///< acquisition channel id in Dataset::channels
    std::vector<uint32_t> region;            ///< id in Dataset::regions
};

/// Deal outcome of a snapshot row or a deal overall.
enum class DealOutcome : uint8_t { kOpen, kWon, kLost };

/// Pipeline as an event log: one row per stage change.
struct DealEvents {
    std::vector<uint32_t> deal;           ///< id in Dataset::deals
    std::vector<uint32_t> stage;          ///< id in Dataset::stages (lost outcomes included)
    std::vector<int64_t> time;            ///< seconds since epoch, naive
    UniformColumn<uint32_t> manager;      ///< id in Dataset::managers or kNoId
    UniformColumn<uint32_t> pipeline;     ///< id in Dataset::pipelines or kNoId
    UniformColumn<uint32_t> source;       ///< id in Dataset::channels or kNoId
    UniformColumn<uint32_t> lost_reason;  ///< id in Dataset::lost_reasons or kNoId
    UniformColumn<int64_t> amount;        ///< minor units or INT64_MIN when absent

    size_t size() const { return deal.size(); }
    /// Reserves room for `rows` rows in every column.
    void Reserve(size_t rows) {
        for (auto* c : {&deal, &stage}) c->reserve(rows);
        for (auto* c : {&manager, &pipeline, &source, &lost_reason}) c->reserve(rows);
        time.reserve(rows);
        amount.reserve(rows);
    }
};

/// Pipeline as a snapshot: one row per deal.
struct DealSnapshots {
    std::vector<uint32_t> deal;         ///< id in Dataset::deals
    std::vector<uint32_t> stage;        ///< current stage id in Dataset::stages
    std::vector<DealOutcome> outcome;   ///< from a status column or the stage name
    std::vector<int64_t> created;       ///< seconds since epoch or INT64_MIN
    std::vector<int64_t> closed;        ///< seconds since epoch or INT64_MIN
    std::vector<uint32_t> manager;      ///< id in Dataset::managers or kNoId
    std::vector<uint32_t> pipeline;     ///< id in Dataset::pipelines or kNoId
    std::vector<uint32_t> source;       ///< id in Dataset::channels or kNoId
    std::vector<uint32_t> lost_reason;  ///< id in Dataset::lost_reasons or kNoId
    std::vector<int64_t> amount;        ///< minor units or INT64_MIN when absent

    size_t size() const { return deal.size(); }
};

/// Everything loaded from all files of one session.
struct Dataset {
    Dictionary customers;  ///< customer keys (id, normalized email or normalized phone)
    Dictionary orders{Dictionary::Text::kNotForIntegers};  ///< order ids (a key set: integer ids keep no text)
    Dictionary channels;   ///< channels / sources (orders, customers and deals share it)
    Dictionary managers;
    Dictionary statuses;
    Dictionary campaigns;
    Dictionary regions;
    Dictionary products;
    Dictionary deals;
    Dictionary stages;
    Dictionary pipelines;
    Dictionary lost_reasons;

    std::vector<uint32_t> order_purchase;  ///< purchase index of each order id (Dataset::orders), kNoId before its first used row

    Purchases purchases;
    Returns returns;
    OrderLines lines;
    CustomerInfo customer_info;
    DealEvents deal_events;
    DealSnapshots deal_snapshots;
};

}  // namespace crm
