#include "core/ingest/orders_sink.h"

#include <algorithm>
#include <cmath>

#include "core/common/civil_date.h"
#include "core/ingest/identity.h"

namespace crm {
namespace {

std::vector<std::string> ExcludedPatterns(const LoadOptions& options) {
    return options.excluded_statuses ? *options.excluded_statuses : StatusMatcher::DefaultExcludedStatuses();
}

}  // namespace

OrdersSink::OrdersSink(SinkContext& context) : ctx_(context), excluded_(ExcludedPatterns(*context.options)) {
    const size_t rows = context.expected_rows;
    if (context.options->drop_duplicates) duplicates_.Reserve(rows);
    orders_.reserve(rows);
    context.data->purchases.Reserve(context.data->purchases.size() + rows);
}

bool OrdersSink::CustomerKey(const Record& record, std::string_view& key) {
    const ColumnBinding& b = ctx_.binding;
    key = b.Value(record, Role::kCustomerId);
    if (!key.empty()) return true;
    std::string_view email = b.Value(record, Role::kEmail);
    if (!email.empty() && NormalizeEmail(email, key_buffer_)) {
        key = key_buffer_;
        return true;
    }
    std::string_view phone = b.Value(record, Role::kPhone);
    if (!phone.empty() && NormalizePhone(phone, key_buffer_)) {
        key = key_buffer_;
        return true;
    }
    return false;
}

uint32_t OrdersSink::OrderLevel(const Record& record, Role role, Dictionary& dictionary, OrderState* order,
                               uint32_t OrderState::*field) {
    const std::string_view value = ctx_.binding.Value(record, role);
    if (value.empty()) return order != nullptr ? order->*field : kNoId;
    const uint32_t id = caches_[static_cast<int>(role)].Intern(dictionary, value);
    if (order != nullptr && order->*field == kNoId) order->*field = id;
    return id;
}

bool OrdersSink::IsExcluded(uint32_t status_id) {
    if (status_id == kNoId) return false;
    if (status_id >= status_excluded_.size()) status_excluded_.resize(status_id + 1, -1);
    int8_t& known = status_excluded_[status_id];
    if (known < 0) known = excluded_.Matches(ctx_.data->statuses.At(status_id)) ? 1 : 0;
    return known == 1;
}

void OrdersSink::Finish() { ctx_.data->order_purchase.resize(ctx_.data->orders.size(), kNoId); }

// Flattened: the per-row helpers (field access, dictionary lookups, value parsers) are inlined here.
[[gnu::flatten]] void OrdersSink::Consume(const Record& record) {
    Dataset& data = *ctx_.data;
    const ColumnBinding& b = ctx_.binding;

    // Order-level state: the first row of an order id sets the values its later rows may omit.
    OrderState* order = nullptr;
    uint32_t order_id = kNoId;
    const std::string_view order_key = b.Value(record, Role::kOrderId);
    if (!order_key.empty()) {
        order_id = data.orders.Intern(order_key);
        // Grow geometrically: a new order id is usually the next one (Finish() trims the tail).
        if (order_id >= orders_.size()) orders_.resize(std::max<size_t>(order_id + 1, orders_.size() * 2));
        if (order_id >= data.order_purchase.size()) {
            data.order_purchase.resize(std::max<size_t>(order_id + 1, data.order_purchase.size() * 2), kNoId);
        }
        order = &orders_[order_id];
    }
    // Byte-identical rows share their order id: compare with the same order's earlier rows only.
    if (ctx_.options->drop_duplicates && duplicates_.SeenBefore(record.raw, order_id)) {
        ctx_.Reject(record, RejectReason::kDuplicate, Role::kNone);
        return;
    }

    const uint32_t status_id = OrderLevel(record, Role::kStatus, data.statuses, order, &OrderState::status);
    const uint32_t channel_id = OrderLevel(record, Role::kChannel, data.channels, order, &OrderState::channel);
    const uint32_t manager_id = OrderLevel(record, Role::kManager, data.managers, order, &OrderState::manager);
    const uint32_t campaign_id = OrderLevel(record, Role::kCampaign, data.campaigns, order, &OrderState::campaign);
    const uint32_t region_id = OrderLevel(record, Role::kRegion, data.regions, order, &OrderState::region);

    uint32_t customer = kNoId;
    std::string_view customer_key;
    if (CustomerKey(record, customer_key)) {
        customer = data.customers.Intern(customer_key);
        if (order != nullptr && order->customer == kNoId) order->customer = customer;
    } else if (order != nullptr) {
        customer = order->customer;
    }
    if (customer == kNoId) {
        ctx_.Reject(record, RejectReason::kMissingCustomer,
                    b.Has(Role::kCustomerId) ? Role::kCustomerId : b.Has(Role::kEmail) ? Role::kEmail : Role::kPhone);
        return;
    }

    int64_t time = 0;
    bool has_time = false;
    const std::string_view date_text = b.Value(record, Role::kDate);
    if (!date_text.empty()) {
        if (!ctx_.ParseDate(Role::kDate, date_text, time, has_time)) {
            ctx_.Reject(record, RejectReason::kBadDate, Role::kDate);
            return;
        }
        if (order != nullptr && !order->has_date) {
            order->has_date = true;
            order->time = time;
            order->has_time = has_time;
        }
    } else if (order != nullptr && order->has_date) {
        time = order->time;
        has_time = order->has_time;
    } else {
        ctx_.Reject(record, RejectReason::kBadDate, Role::kDate);
        return;
    }
    if (order != nullptr && order->has_date) {
        time = order->time;  // a purchase happens at its order's date
        has_time = order->has_time;
    }

    // Amount: the row's own amount, else quantity x unit price; the order total (first row) is the revenue.
    int64_t line_amount = 0;
    bool has_line_amount = false;
    const std::string_view amount_text = b.Value(record, Role::kAmount);
    if (!amount_text.empty()) {
        if (!ParseMoney(amount_text, b.number[static_cast<int>(Role::kAmount)], line_amount)) {
            ctx_.Reject(record, RejectReason::kBadAmount, Role::kAmount);
            return;
        }
        has_line_amount = true;
    }
    double quantity = 1;
    const std::string_view quantity_text = b.Value(record, Role::kQuantity);
    const bool has_quantity =
        !quantity_text.empty() && ParseDecimal(quantity_text, b.number[static_cast<int>(Role::kQuantity)], quantity);
    if (!has_line_amount) {
        const std::string_view price_text = b.Value(record, Role::kUnitPrice);
        int64_t price = 0;
        if (!price_text.empty()) {
            if (!ParseMoney(price_text, b.number[static_cast<int>(Role::kUnitPrice)], price)) {
                ctx_.Reject(record, RejectReason::kBadAmount, Role::kUnitPrice);
                return;
            }
            line_amount = static_cast<int64_t>(std::llround(static_cast<double>(price) * (has_quantity ? quantity : 1.0)));
            has_line_amount = true;
        }
    }
    int64_t order_total = 0;
    bool has_order_total = false;
    const std::string_view total_text = b.Value(record, Role::kOrderTotal);
    if (!total_text.empty()) {
        if (!ParseMoney(total_text, b.number[static_cast<int>(Role::kOrderTotal)], order_total)) {
            ctx_.Reject(record, RejectReason::kBadAmount, Role::kOrderTotal);
            return;
        }
        has_order_total = true;
    }
    const bool total_mode = b.Has(Role::kOrderTotal);
    if (!has_line_amount && !has_order_total && !(total_mode && order != nullptr && order->has_total)) {
        ctx_.Reject(record, RejectReason::kBadAmount, b.Has(Role::kAmount) ? Role::kAmount : total_mode ? Role::kOrderTotal : Role::kUnitPrice);
        return;
    }

    const int32_t day = DayOfSeconds(time);

    // A row recording money going back is a return row, whatever its status.
    const int64_t signed_amount = has_order_total ? order_total : line_amount;
    const std::string_view doc_type = b.Value(record, Role::kDocType);
    const bool return_doc = !doc_type.empty() && IsReturnDocType(doc_type);
    if (signed_amount < 0 || return_doc) {
        const int64_t returned = signed_amount < 0 ? -signed_amount : signed_amount;
        Returns& r = data.returns;
        r.customer.push_back(customer);
        r.day.push_back(day);
        r.amount.push_back(returned);
        r.channel.push_back(channel_id);
        r.manager.push_back(manager_id);
        r.status.push_back(status_id);
        ++ctx_.rows->used;
        ++ctx_.rows->return_rows;
        ctx_.rows->returned_amount += returned;
        return;
    }
    if (IsExcluded(status_id)) {
        ctx_.Reject(record, RejectReason::kExcludedStatus, Role::kStatus);
        ++ctx_.rows->excluded_statuses[std::string(data.statuses.At(status_id))];
        return;
    }

    // Revenue: the order total when the file has one (counted once), else the sum of the rows.
    int64_t revenue = 0;
    if (total_mode) {
        if (has_order_total && (order == nullptr || !order->has_total)) {
            revenue = order_total;
            if (order != nullptr) order->has_total = true;
        }
    } else {
        revenue = line_amount;
    }
    Purchases& p = data.purchases;
    uint32_t purchase = order_id == kNoId ? kNoId : data.order_purchase[order_id];
    if (purchase == kNoId) {
        purchase = static_cast<uint32_t>(p.size());
        p.customer.push_back(customer);
        p.time.push_back(time);
        p.day.push_back(day);
        p.revenue.push_back(revenue);
        p.order.push_back(order_id);
        p.channel.push_back(channel_id);
        p.manager.push_back(manager_id);
        p.status.push_back(status_id);
        p.campaign.push_back(campaign_id);
        p.region.push_back(region_id);
        p.has_time.push_back(has_time ? 1 : 0);
        if (order_id != kNoId) data.order_purchase[order_id] = purchase;
    } else {
        p.revenue[purchase] += revenue;
    }
    if (b.Has(Role::kProduct) || b.Has(Role::kQuantity)) {
        OrderLines& l = data.lines;
        l.purchase.push_back(purchase);
        const std::string_view product = b.Value(record, Role::kProduct);
        l.product.push_back(product.empty() ? kNoId : data.products.Intern(product));
        l.amount.push_back(has_line_amount ? line_amount : 0);
        l.quantity.push_back(has_quantity ? quantity : 1.0);
    }
    ++ctx_.rows->used;
}

}  // namespace crm
