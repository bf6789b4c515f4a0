#pragma once
// Orders rows -> purchases, return rows and order lines (SPEC §2 "Rows and purchases").

#include <cstdint>
#include <vector>

#include "core/ingest/grouped_duplicates.h"
#include "core/ingest/row_sink.h"
#include "core/ingest/value_cache.h"
#include "core/ingest/vocabulary.h"

namespace crm {

/// Turns order rows into purchases. Rules, in the order they are checked for each row:
/// 1. an exact duplicate of an earlier row is rejected (duplicate);
/// 2. order-level fields (customer, date, status, channel, manager) missing on a row are taken from
///    the first row of the same order id;
/// 3. the customer is the id column, else the normalized email, else the normalized phone (missingCustomer);
/// 4. the date must parse (badDate); the amount must parse: amount column, else quantity x unit price,
///    or the order total on the order's first row (badAmount);
/// 5. a row recording money going back (negative amount, or a document type reading return/refund) is a
///    return row: used, netted against the customer, never a purchase, whatever its status;
/// 6. otherwise a status reading cancelled/refunded/returned rejects the row (excludedStatus);
/// 7. the row joins its order's purchase (created by its first used row) or, without an order id, is one.
class OrdersSink : public RowSink {
public:
    explicit OrdersSink(SinkContext& context);
    void Consume(const Record& record) override;
    void Finish() override;

private:
    /// Order-level values from the first row of an order id (whether or not that row was used).
    struct OrderState {
        bool has_total = false;  ///< the order total was read from one of its rows
        uint32_t customer = kNoId;
        int64_t time = 0;
        bool has_date = false;
        bool has_time = false;
        uint32_t status = kNoId, channel = kNoId, manager = kNoId, campaign = kNoId, region = kNoId;
    };

    bool CustomerKey(const Record& record, std::string_view& key);
    bool IsExcluded(uint32_t status_id);
    /// Dictionary id of a row's order-level value; an empty value takes the order's, a first value sets it.
    uint32_t OrderLevel(const Record& record, Role role, Dictionary& dictionary, OrderState* order,
                        uint32_t OrderState::*field);
    std::array<ValueCache, kRoleCount> caches_;  // per role, for low-cardinality columns

    SinkContext& ctx_;
    GroupedDuplicates duplicates_;  // grouped by order id
    StatusMatcher excluded_;
    std::vector<OrderState> orders_;        // by id in Dataset::orders, for this file
    std::vector<int8_t> status_excluded_;   // by id in Dataset::statuses: -1 unknown, 0 no, 1 yes
    std::string key_buffer_;
};

}  // namespace crm
