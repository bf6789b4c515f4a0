#pragma once
// Orders rows -> purchases, return rows and order lines (SPEC §2 "Rows and purchases").

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/ingest/grouped_duplicates.h"
#include "core/ingest/number_parser.h"
#include "core/ingest/row_sink.h"
#include "core/ingest/text.h"
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
    ~OrdersSink() override;
    /// The row's fingerprint, date and amount.
    void Prepare(Record& record) override;
    void Consume(const Record& record) override;
    void Finish() override;

private:
    /// Order-level values of an order id in this file: the first non-empty value of each field (32 bytes).
    struct OrderState {
        static constexpr int64_t kNoDate = INT64_MIN;
        int64_t date = kNoDate;  ///< seconds * 2 + (1 when a time of day was written), or kNoDate
        uint32_t customer = kNoId;
        uint32_t status = kNoId, channel = kNoId, manager = kNoId, campaign = kNoId, region = kNoId;

        bool has_date() const { return date != kNoDate; }
        int64_t time() const { return date >> 1; }
        bool has_time() const { return (date & 1) != 0; }
        void SetDate(int64_t seconds, bool with_time) { date = seconds * 2 + (with_time ? 1 : 0); }
        bool operator==(const OrderState&) const = default;
    };

    /// A row's fields, loaded once per row (ColumnBinding::Value would reload them after every store).
    struct Fields {
        const std::string_view* data;
        size_t count;
        /// The trimmed value of column `index`; empty when absent (-1) or missing.
        std::string_view operator[](int index) const {
            return static_cast<size_t>(index) < count ? TrimText(data[index]) : std::string_view();
        }
    };

    /// Column index of a role (-1 when absent).
    int Col(Role role) const { return columns_[static_cast<int>(role)]; }
    /// The amount column's value in minor units: ParseMoney with its fast path inline (the hot path of most files).
    bool ParseAmount(std::string_view text, int64_t& minor) const {
        const NumberFormat& format = ctx_.binding.number[static_cast<int>(Role::kAmount)];
        return ParsePlainMoney(text, format.decimal, minor) || ParseMoneyGeneral(text, format, minor);
    }
    /// Rules 2-7 for a row that is not a duplicate; `order` is its order's state (null without an order
    /// id), `changed` tells whether the row changed it, `created` whether the row created the purchase.
    void ConsumeRow(const Record& record, Fields f, uint32_t order_id, OrderState* order, bool& changed,
                    bool& created);
    /// The row's customer key: `customer` when not empty, else its normalized email, else its phone.
    bool CustomerKey(const Record& record, std::string_view customer, std::string_view& key);
    bool IsExcluded(uint32_t status_id);
    /// Dictionary id of a row's order-level value; an empty value takes the order's, a first value sets it.
    uint32_t OrderLevel(Fields f, Role role, Dictionary& dictionary, OrderState* order,
                        uint32_t OrderState::*field, bool& changed);
    /// The state of an order id: its side entry, else the values of this file's purchase of it, else
    /// empty. Returns the side entry (valid until the next AddSide), or null.
    OrderState* LoadOrder(uint32_t order_id, OrderState& state);
    /// The values of this file's purchase of an order id, when it has one (else leaves `state`).
    void DeriveOrder(uint32_t order_id, OrderState& state) const;
    /// Keeps a changed state (`side`: its entry from LoadOrder) unless this file's purchase of the order
    /// holds the same values; a purchase `created` from the state always does.
    void StoreOrder(uint32_t order_id, OrderState* side, const OrderState& state, bool created);
    bool HasSide(uint32_t order_id) const {
        return (order_id >> 6) < side_bits_.size() && ((side_bits_[order_id >> 6] >> (order_id & 63)) & 1) != 0;
    }
    OrderState* FindSide(uint32_t order_id);
    void AddSide(uint32_t order_id, const OrderState& state);
    void RehashOther(size_t slots);
    /// After the sampled rows: sizes the tables for the whole file from the sample's proportions.
    void ReserveFromSample();
    /// Capacity to grow a column of `size` entries (`first` of them from earlier files) to.
    size_t GrowTarget(size_t size, size_t first) const;
    /// Moves the excluded-status counts into the file's report.
    void FlushExcluded();

    std::array<ValueCache, kRoleCount> caches_;  // per role, for low-cardinality columns
    DateTextCache prepare_dates_;                // Prepare's own (it may run on another thread than Consume)

    SinkContext& ctx_;
    std::array<int, kRoleCount> columns_;  // the binding's column per role
    GroupedDuplicates duplicates_;  // grouped by order id
    StatusMatcher excluded_;
    std::vector<int8_t> status_excluded_;   // by id in Dataset::statuses: -1 unknown, 0 no, 1 yes
    std::vector<int64_t> excluded_rows_;    // rows rejected per status id, moved to the report by Finish()
    std::string key_buffer_;
    bool drop_duplicates_;
    // The file has the role (a role it lacks is empty on every row: its work is skipped; the purchase
    // columns of campaign and region are filled in Finish() when it lacks them).
    bool has_campaign_, has_region_, has_order_total_, has_lines_;

    // Order-level state without a copy per order: an order whose first used row created its purchase in
    // this file reads its values from that purchase; only orders whose state differs from their purchase
    // (a first row rejected or a return, a later row filling a value the purchase lacks) get a side entry.
    // Entries for orders past every earlier one (the usual case) are kept in order id order and found by
    // rank in a bit set; the others in a hash table.
    std::vector<uint64_t> side_bits_;       // by order id: has a side entry
    std::vector<OrderState> ranked_states_; // by rank of the order id among ranked_bits_
    std::vector<uint64_t> ranked_bits_;     // by order id: has an entry in ranked_states_
    std::vector<uint32_t> ranked_before_;   // by word of ranked_bits_: entries in earlier words
    size_t ranked_words_ = 0;               // words of ranked_before_ filled in
    uint32_t last_ranked_ = 0;              // largest order id in ranked_states_
    std::vector<OrderState> other_states_;  // the other side entries
    std::vector<uint32_t> other_orders_;    // order id of each of them
    std::vector<uint32_t> other_slots_;     // hash index of other_states_: entry + 1, 0 = empty
    std::vector<uint64_t> total_bits_;      // by order id: its order total was counted (order total files)
    uint32_t first_purchase_ = 0;          // purchases before this file's
    uint32_t first_order_ = 0;             // order ids before this file's
    size_t first_return_ = 0, first_line_ = 0;
    size_t consumed_ = 0;                  // rows seen by Consume
    size_t sample_rows_ = 0;               // rows after which the tables are sized for the whole file
};

}  // namespace crm
