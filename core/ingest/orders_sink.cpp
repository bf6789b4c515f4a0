#include "core/ingest/orders_sink.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "core/common/civil_date.h"
#include "core/ingest/identity.h"

namespace crm {
namespace {

std::vector<std::string> ExcludedPatterns(const LoadOptions& options) {
    return options.excluded_statuses ? *options.excluded_statuses : StatusMatcher::DefaultExcludedStatuses();
}

/// Sets bit `id` of a bit set, growing it.
void SetBit(std::vector<uint64_t>& bits, uint32_t id) {
    const size_t word = id >> 6;
    if (word >= bits.size()) bits.resize(std::max<size_t>(word + 1, bits.size() * 2), 0);
    bits[word] |= uint64_t{1} << (id & 63);
}

bool TestBit(const std::vector<uint64_t>& bits, uint32_t id) {
    return (id >> 6) < bits.size() && ((bits[id >> 6] >> (id & 63)) & 1) != 0;
}

/// Decimal digits of all integers in [lo, hi].
double SumOfDigits(uint64_t lo, uint64_t hi) {
    double total = 0;
    uint64_t decade_start = 1;
    for (int digits = 1; digits <= 20 && lo <= hi; ++digits) {
        const uint64_t decade_end = digits == 20 ? UINT64_MAX : decade_start * 10 - 1;  // last value with `digits` digits
        if (lo <= decade_end) {
            const uint64_t end = std::min(hi, decade_end);
            total += static_cast<double>(end - lo + 1) * digits;
            lo = end + 1;
        }
        decade_start *= 10;
    }
    return total;
}

/// Bytes the next `more` ids of `ids` will take, judged from its ids from `first` on: canonical integers
/// are taken to go on counting up at the density seen (their length grows with them); other ids to keep
/// their mean length plus two; ids held without text (integers of a keys-only dictionary) take none.
size_t ProjectIdBytes(const Dictionary& ids, uint32_t first, size_t more) {
    uint64_t bytes = 0, low = UINT64_MAX, high = 0, with_text = 0;
    bool integers = true;
    for (uint32_t id = first; id < ids.size(); ++id) {
        const std::string_view text = ids.At(id);
        if (text.empty()) continue;  // an integer held without its text (Dictionary::Text::kNotForIntegers)
        ++with_text;
        bytes += text.size();
        uint64_t value = 0;
        integers = integers && text.size() <= 18 && (text[0] != '0' || text.size() == 1);
        for (size_t i = 0; integers && i < text.size(); ++i) {
            const unsigned digit = static_cast<unsigned char>(text[i]) - '0';
            integers = digit <= 9;
            value = value * 10 + digit;
        }
        low = std::min(low, value);
        high = std::max(high, value);
    }
    if (with_text == 0) return 0;
    // Ids to come are taken to hold text in the proportion seen.
    more = static_cast<size_t>(static_cast<double>(more) * static_cast<double>(with_text) / (ids.size() - first));
    const double count = static_cast<double>(with_text);
    const double mean = static_cast<double>(bytes) / count + 2;
    if (!integers || high - low >= (uint64_t{1} << 52)) return static_cast<size_t>(mean * static_cast<double>(more));
    const double density = count / static_cast<double>(high - low + 1);  // ids per integer of the range
    const double span = static_cast<double>(more) / density;
    const uint64_t top = high + static_cast<uint64_t>(std::min(span, 1e15));
    return static_cast<size_t>(SumOfDigits(high + 1, top) * density * 1.02) + 64;
}

void ReserveReturns(Returns& r, size_t rows) {
    r.customer.reserve(rows);
    for (auto* c : {&r.channel, &r.manager, &r.status}) c->reserve(rows);
    r.day.reserve(rows);
    r.amount.reserve(rows);
}

void ReserveLines(OrderLines& l, size_t rows) {
    l.purchase.reserve(rows);
    l.product.reserve(rows);
    l.amount.reserve(rows);
    l.quantity.reserve(rows);
}

}  // namespace

OrdersSink::OrdersSink(SinkContext& context)
    : ctx_(context),
      columns_(context.binding.column),
      excluded_(ExcludedPatterns(*context.options)),
      drop_duplicates_(context.options->drop_duplicates),
      has_campaign_(context.binding.Has(Role::kCampaign)),
      has_region_(context.binding.Has(Role::kRegion)),
      has_order_total_(context.binding.Has(Role::kOrderTotal)),
      has_lines_(context.binding.Has(Role::kProduct) || context.binding.Has(Role::kQuantity)) {
    Dataset& data = *context.data;
    first_purchase_ = static_cast<uint32_t>(data.purchases.size());
    first_order_ = data.orders.size();
    first_return_ = data.returns.size();
    first_line_ = data.lines.size();
    // Until the sample has shown the file's proportions, room for the sample's rows only.
    sample_rows_ = static_cast<size_t>(std::max(context.options->sample_rows, 256));
    data.purchases.Reserve(data.purchases.size() + std::min(context.expected_rows, sample_rows_) + 64);
}

OrdersSink::~OrdersSink() { FlushExcluded(); }

size_t OrdersSink::GrowTarget(size_t size, size_t first) const {
    size_t target = size + size / 4 + 64;
    if (consumed_ >= sample_rows_ && consumed_ < ctx_.expected_rows && size >= first) {
        // Extrapolate this file's share from the rows read so far to the rows expected.
        const double projected = static_cast<double>(size - first) * static_cast<double>(ctx_.expected_rows) /
                                 static_cast<double>(consumed_);
        target = first + static_cast<size_t>(projected * 1.02) + 64;
    }
    return std::max(target, size + size / 16 + 64);
}

void OrdersSink::ReserveFromSample() {
    Dataset& data = *ctx_.data;
    if (ctx_.expected_rows <= consumed_) return;
    const double scale = static_cast<double>(ctx_.expected_rows) / static_cast<double>(consumed_);
    // The sample's share scaled to the rows expected, with 2% to spare (a sample's proportions vary).
    const auto project = [scale](size_t first, size_t now) {
        return first + static_cast<size_t>(static_cast<double>(now - first) * scale * 1.02) + 64;
    };
    data.purchases.Reserve(project(first_purchase_, data.purchases.size()));
    if (data.returns.size() > first_return_) ReserveReturns(data.returns, project(first_return_, data.returns.size()));
    if (data.lines.size() > first_line_) ReserveLines(data.lines, project(first_line_, data.lines.size()));
    const size_t orders = project(first_order_, data.orders.size());
    data.order_purchase.reserve(orders);
    if (data.orders.size() > first_order_) {
        const std::string_view all_first = data.orders.At(0), last = data.orders.At(data.orders.size() - 1);
        const size_t held = static_cast<size_t>(last.data() + last.size() - all_first.data());
        data.orders.Reserve(orders, held + ProjectIdBytes(data.orders, first_order_, orders - data.orders.size()));
    }
    if (ctx_.options->drop_duplicates) duplicates_.Reserve(orders, scale);
    if (!ranked_states_.empty()) {
        ranked_states_.reserve(project(0, ranked_states_.size()));
    }
}

void OrdersSink::FlushExcluded() {
    for (uint32_t id = 0; id < excluded_rows_.size(); ++id) {
        if (excluded_rows_[id] != 0) ctx_.rows->excluded_statuses[std::string(ctx_.data->statuses.At(id))] += excluded_rows_[id];
    }
    excluded_rows_.clear();
}

OrdersSink::OrderState* OrdersSink::FindSide(uint32_t order_id) {
    if (TestBit(ranked_bits_, order_id)) {
        // Rank of the order among the ranked ones: entries before its word, then before it in its word.
        const uint32_t word = order_id >> 6;
        const uint64_t below = ranked_bits_[word] & ((uint64_t{1} << (order_id & 63)) - 1);
        return &ranked_states_[ranked_before_[word] + static_cast<uint32_t>(std::popcount(below))];
    }
    if (other_slots_.empty()) return nullptr;
    const size_t mask = other_slots_.size() - 1;
    for (size_t slot = (order_id * 0x9E3779B1u) & mask;; slot = (slot + 1) & mask) {
        const uint32_t entry = other_slots_[slot];
        if (entry == 0) return nullptr;
        if (other_orders_[entry - 1] == order_id) return &other_states_[entry - 1];
    }
}

void OrdersSink::RehashOther(size_t slots) {
    other_slots_.assign(slots, 0);
    const size_t mask = slots - 1;
    for (uint32_t e = 0; e < other_orders_.size(); ++e) {
        size_t slot = (other_orders_[e] * 0x9E3779B1u) & mask;
        while (other_slots_[slot] != 0) slot = (slot + 1) & mask;
        other_slots_[slot] = e + 1;
    }
}

void OrdersSink::AddSide(uint32_t order_id, const OrderState& state) {
    SetBit(side_bits_, order_id);
    if (ranked_states_.empty() || order_id > last_ranked_) {
        // Past every ranked order (a new order's first row, the usual case): appended in id order.
        const size_t word = order_id >> 6;
        if (word >= ranked_bits_.size()) {
            const size_t words = std::max(word + 1, ranked_bits_.size() * 2);
            ranked_bits_.resize(words, 0);
            ranked_before_.resize(words, 0);
        }
        // Words up to this one get their count of earlier entries (all of them lie in earlier words).
        for (; ranked_words_ <= word; ++ranked_words_) ranked_before_[ranked_words_] = static_cast<uint32_t>(ranked_states_.size());
        ranked_bits_[word] |= uint64_t{1} << (order_id & 63);
        if (ranked_states_.size() == ranked_states_.capacity()) ranked_states_.reserve(GrowTarget(ranked_states_.size(), 0));
        ranked_states_.push_back(state);
        last_ranked_ = order_id;
        return;
    }
    if ((other_states_.size() + 1) * 2 > other_slots_.size()) RehashOther(std::max<size_t>(64, other_slots_.size() * 2));
    const size_t mask = other_slots_.size() - 1;
    size_t slot = (order_id * 0x9E3779B1u) & mask;
    while (other_slots_[slot] != 0) slot = (slot + 1) & mask;
    other_states_.push_back(state);
    other_orders_.push_back(order_id);
    other_slots_[slot] = static_cast<uint32_t>(other_states_.size());
}

OrdersSink::OrderState* OrdersSink::LoadOrder(uint32_t order_id, OrderState& state) {
    if (HasSide(order_id)) {
        OrderState* side = FindSide(order_id);
        state = *side;
        return side;
    }
    DeriveOrder(order_id, state);
    return nullptr;
}

void OrdersSink::DeriveOrder(uint32_t order_id, OrderState& state) const {
    const Dataset& data = *ctx_.data;
    const uint32_t purchase = data.order_purchase[order_id];
    if (purchase != kNoId && purchase >= first_purchase_) {
        // Created in this file by the order's first used row, when the order had no other state: its
        // values are the order's.
        const Purchases& p = data.purchases;
        state.SetDate(p.Time(purchase), p.has_time[purchase] != 0);
        state.customer = p.customer[purchase];
        state.status = p.status[purchase];
        state.channel = p.channel[purchase];
        state.manager = p.manager[purchase];
        // (a role the file lacks has no value in its purchase columns until Finish())
        state.campaign = has_campaign_ ? p.campaign[purchase] : kNoId;
        state.region = has_region_ ? p.region[purchase] : kNoId;
    }
}

void OrdersSink::StoreOrder(uint32_t order_id, OrderState* side, const OrderState& state, bool created) {
    if (side != nullptr) {
        *side = state;
        return;
    }
    if (created) return;
    OrderState derived;
    DeriveOrder(order_id, derived);
    if (derived.has_date() && derived == state) return;  // (has_date: the order has a purchase of this file)
    AddSide(order_id, state);
}

bool OrdersSink::CustomerKey(const Record& record, std::string_view customer, std::string_view& key) {
    const ColumnBinding& b = ctx_.binding;
    key = customer;
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

uint32_t OrdersSink::OrderLevel(Fields f, Role role, Dictionary& dictionary, OrderState* order,
                               uint32_t OrderState::*field, bool& changed) {
    const std::string_view value = f[Col(role)];
    if (value.empty()) return order != nullptr ? order->*field : kNoId;
    const uint32_t id = caches_[static_cast<int>(role)].Intern(dictionary, value);
    if (order != nullptr && order->*field == kNoId) {
        order->*field = id;
        changed = true;
    }
    return id;
}

bool OrdersSink::IsExcluded(uint32_t status_id) {
    if (status_id == kNoId) return false;
    if (status_id >= status_excluded_.size()) status_excluded_.resize(status_id + 1, -1);
    int8_t& known = status_excluded_[status_id];
    if (known < 0) known = excluded_.Matches(ctx_.data->statuses.At(status_id)) ? 1 : 0;
    return known == 1;
}

void OrdersSink::Finish() {
    ctx_.data->order_purchase.resize(ctx_.data->orders.size(), kNoId);
    Purchases& p = ctx_.data->purchases;
    for (auto* column : {&p.campaign, &p.region}) column->Append(p.size() - column->size(), kNoId);
    FlushExcluded();
}

void OrdersSink::Prepare(Record& record) {
    PreparedRow& p = record.prepared;
    p.fingerprint = drop_duplicates_ ? RowFingerprint(record.raw) : 0;
    const Fields f{record.fields.data(), record.fields.size()};
    const ColumnBinding& b = ctx_.binding;
    p.date = PreparedRow::kNotPrepared;
    const std::string_view date_text = f[Col(Role::kDate)];
    if (!date_text.empty() && !b.date[static_cast<int>(Role::kDate)].order_ambiguous) {
        p.date = ctx_.ParseDateWith(prepare_dates_, Role::kDate, date_text, p.seconds, p.has_time) ? PreparedRow::kParsed
                                                                                                : PreparedRow::kBad;
    }
    p.amount = PreparedRow::kNotPrepared;
    const std::string_view amount_text = f[Col(Role::kAmount)];
    if (!amount_text.empty()) p.amount = ParseAmount(amount_text, p.minor) ? PreparedRow::kParsed : PreparedRow::kBad;
}

// Flattened: the per-row helpers (field access, dictionary lookups, value parsers) are inlined here.
[[gnu::flatten]] void OrdersSink::Consume(const Record& record) {
    Dataset& data = *ctx_.data;
    if (++consumed_ == sample_rows_) ReserveFromSample();

    const Fields f{record.fields.data(), record.fields.size()};
    uint32_t order_id = kNoId;
    const std::string_view order_key = f[Col(Role::kOrderId)];
    if (!order_key.empty()) {
        order_id = data.orders.Intern(order_key);
        std::vector<uint32_t>& order_purchase = data.order_purchase;
        if (order_id >= order_purchase.size()) {
            // A new order id is usually the next one: grow within the reserved room (Finish() trims the tail).
            if (order_id >= order_purchase.capacity()) {
                order_purchase.reserve(std::max<size_t>(order_id + 1, GrowTarget(order_purchase.capacity(), first_order_)));
            }
            order_purchase.resize(std::min(order_purchase.capacity(), std::max<size_t>(order_id + 1, order_purchase.size() * 2)), kNoId);
        }
    }
    // Byte-identical rows share their order id: compare with the same order's earlier rows only.
    if (drop_duplicates_ && duplicates_.SeenBefore(record, order_id)) {
        ctx_.Reject(record, RejectReason::kDuplicate, Role::kNone);
        return;
    }
    if (order_id == kNoId) {
        bool changed = false, created = false;
        ConsumeRow(record, f, kNoId, nullptr, changed, created);
        return;
    }
    // Order-level state: the first row of an order id sets the values its later rows may omit. It is read
    // here and written back when the row changed it (whichever way the row left).
    OrderState state;
    OrderState* const side = LoadOrder(order_id, state);
    bool changed = false, created = false;
    ConsumeRow(record, f, order_id, &state, changed, created);
    if (changed && (side != nullptr || !created)) StoreOrder(order_id, side, state, created);
}

// Flattened too (clang flattens one level: the helpers are inlined here, this into Consume).
[[gnu::flatten]] void OrdersSink::ConsumeRow(const Record& record, Fields f, uint32_t order_id,
                                             OrderState* order, bool& changed, bool& created) {
    Dataset& data = *ctx_.data;
    const ColumnBinding& b = ctx_.binding;

    const uint32_t status_id = OrderLevel(f, Role::kStatus, data.statuses, order, &OrderState::status, changed);
    const uint32_t channel_id = OrderLevel(f, Role::kChannel, data.channels, order, &OrderState::channel, changed);
    const uint32_t manager_id = OrderLevel(f, Role::kManager, data.managers, order, &OrderState::manager, changed);
    // A role the file lacks has no value on any row, nor in any order's state.
    const uint32_t campaign_id =
        has_campaign_ ? OrderLevel(f, Role::kCampaign, data.campaigns, order, &OrderState::campaign, changed) : kNoId;
    const uint32_t region_id =
        has_region_ ? OrderLevel(f, Role::kRegion, data.regions, order, &OrderState::region, changed) : kNoId;

    uint32_t customer = kNoId;
    std::string_view customer_key;
    if (CustomerKey(record, f[Col(Role::kCustomerId)], customer_key)) {
        customer = data.customers.Intern(customer_key);
        if (order != nullptr && order->customer == kNoId) {
            order->customer = customer;
            changed = true;
        }
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
    const std::string_view date_text = f[Col(Role::kDate)];
    if (!date_text.empty()) {
        const PreparedRow& prepared = record.prepared;
        const bool parsed = prepared.date != PreparedRow::kNotPrepared
                                ? (time = prepared.seconds, has_time = prepared.has_time, prepared.date == PreparedRow::kParsed)
                                : ctx_.ParseDate(Role::kDate, date_text, time, has_time);
        if (!parsed) {
            ctx_.Reject(record, RejectReason::kBadDate, Role::kDate);
            return;
        }
        if (order != nullptr && !order->has_date()) {
            order->SetDate(time, has_time);
            changed = true;
        }
    } else if (order != nullptr && order->has_date()) {
        time = order->time();
        has_time = order->has_time();
    } else {
        ctx_.Reject(record, RejectReason::kBadDate, Role::kDate);
        return;
    }
    if (order != nullptr && order->has_date()) {
        time = order->time();  // a purchase happens at its order's date
        has_time = order->has_time();
    }

    // Amount: the row's own amount, else quantity x unit price; the order total (first row) is the revenue.
    int64_t line_amount = 0;
    bool has_line_amount = false;
    const std::string_view amount_text = f[Col(Role::kAmount)];
    if (!amount_text.empty()) {
        const PreparedRow& prepared = record.prepared;
        const bool parsed = prepared.amount != PreparedRow::kNotPrepared
                                ? (line_amount = prepared.minor, prepared.amount == PreparedRow::kParsed)
                                : ParseAmount(amount_text, line_amount);
        if (!parsed) {
            ctx_.Reject(record, RejectReason::kBadAmount, Role::kAmount);
            return;
        }
        has_line_amount = true;
    }
    double quantity = 1;
    const std::string_view quantity_text = f[Col(Role::kQuantity)];
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
    const std::string_view total_text = f[Col(Role::kOrderTotal)];
    if (!total_text.empty()) {
        if (!ParseMoney(total_text, b.number[static_cast<int>(Role::kOrderTotal)], order_total)) {
            ctx_.Reject(record, RejectReason::kBadAmount, Role::kOrderTotal);
            return;
        }
        has_order_total = true;
    }
    const bool total_mode = has_order_total_;
    if (!has_line_amount && !has_order_total && !(total_mode && order != nullptr && TestBit(total_bits_, order_id))) {
        ctx_.Reject(record, RejectReason::kBadAmount, b.Has(Role::kAmount) ? Role::kAmount : total_mode ? Role::kOrderTotal : Role::kUnitPrice);
        return;
    }

    const int32_t day = DayOfSeconds(time);

    // A row recording money going back is a return row, whatever its status.
    const int64_t signed_amount = has_order_total ? order_total : line_amount;
    const std::string_view doc_type = f[Col(Role::kDocType)];
    const bool return_doc = !doc_type.empty() && IsReturnDocType(doc_type);
    if (signed_amount < 0 || return_doc) {
        const int64_t returned = signed_amount < 0 ? -signed_amount : signed_amount;
        Returns& r = data.returns;
        if (r.customer.size() == r.customer.capacity()) ReserveReturns(r, GrowTarget(r.size(), first_return_));
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
        if (status_id >= excluded_rows_.size()) excluded_rows_.resize(status_id + 1, 0);
        ++excluded_rows_[status_id];
        return;
    }

    // Revenue: the order total when the file has one (counted once), else the sum of the rows.
    int64_t revenue = 0;
    if (total_mode) {
        if (has_order_total && (order == nullptr || !TestBit(total_bits_, order_id))) {
            revenue = order_total;
            if (order != nullptr) SetBit(total_bits_, order_id);
        }
    } else {
        revenue = line_amount;
    }
    Purchases& p = data.purchases;
    uint32_t purchase = order_id == kNoId ? kNoId : data.order_purchase[order_id];
    if (purchase == kNoId) {
        if (p.customer.size() == p.customer.capacity()) p.Reserve(GrowTarget(p.size(), first_purchase_));
        purchase = static_cast<uint32_t>(p.size());
        p.customer.push_back(customer);
        p.day.push_back(day);
        p.second_of_day.push_back(static_cast<int32_t>(time - static_cast<int64_t>(day) * kSecondsPerDay));
        p.revenue.push_back(revenue);
        p.order.push_back(order_id);
        p.channel.push_back(channel_id);
        p.manager.push_back(manager_id);
        p.status.push_back(status_id);
        if (has_campaign_) p.campaign.push_back(campaign_id);
        if (has_region_) p.region.push_back(region_id);
        p.has_time.push_back(has_time ? 1 : 0);
        if (order_id != kNoId) {
            data.order_purchase[order_id] = purchase;
            created = true;
        }
    } else {
        p.revenue[purchase] += revenue;
    }
    if (has_lines_) {
        OrderLines& l = data.lines;
        if (l.purchase.size() == l.purchase.capacity()) ReserveLines(l, GrowTarget(l.size(), first_line_));
        l.purchase.push_back(purchase);
        const std::string_view product = f[Col(Role::kProduct)];
        l.product.push_back(product.empty() ? kNoId : data.products.Intern(product));
        l.amount.push_back(has_line_amount ? line_amount : 0);
        l.quantity.push_back(has_quantity ? quantity : 1.0);
    }
    ++ctx_.rows->used;
}

}  // namespace crm
