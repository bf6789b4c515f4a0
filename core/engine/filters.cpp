#include "core/engine/filters.h"

#include <climits>

#include "core/common/civil_date.h"

namespace crm {
namespace {

/// Membership of dictionary ids in a list of names (an empty list lets everything through).
class IdSet {
public:
    IdSet(const Dictionary& dictionary, const std::vector<std::string>& names) : all_(names.empty()) {
        allowed_.assign(dictionary.size(), 0);
        for (const std::string& name : names) {
            if (auto id = dictionary.Find(name)) allowed_[*id] = 1;
        }
    }
    bool Contains(uint32_t id) const { return all_ || (id != kNoId && allowed_[id] != 0); }

private:
    bool all_;
    std::vector<uint8_t> allowed_;
};

/// to = from[rows...].
template <class T>
void KeepRows(const std::vector<T>& from, std::vector<T>& to, const std::vector<uint32_t>& rows) {
    to.clear();
    to.reserve(rows.size());
    for (const uint32_t r : rows) to.push_back(from[r]);
}

/// to = from[rows...]; a uniform column stays uniform (the kept rows of a varying one may become so).
template <class T>
void KeepRows(const UniformColumn<T>& from, UniformColumn<T>& to, const std::vector<uint32_t>& rows) {
    if (from.uniform()) {
        to.assign(rows.size(), from.empty() ? T{} : from[0]);
        return;
    }
    to.clear();
    to.reserve(rows.size());
    for (const uint32_t r : rows) to.push_back(from[r]);
}

}  // namespace

Dataset ApplyFilters(const Dataset& data, const Filters& filters) {
    Dataset out;
    out.customers = data.customers;
    out.orders = data.orders;
    out.channels = data.channels;
    out.managers = data.managers;
    out.statuses = data.statuses;
    out.campaigns = data.campaigns;
    out.regions = data.regions;
    out.products = data.products;
    out.deals = data.deals;
    out.stages = data.stages;
    out.pipelines = data.pipelines;
    out.lost_reasons = data.lost_reasons;
    out.customer_info = data.customer_info;

    const int32_t from = filters.from_day.value_or(INT32_MIN);
    const int32_t to = filters.to_day.value_or(INT32_MAX);
    const IdSet channels(data.channels, filters.channels);
    const IdSet managers(data.managers, filters.managers);
    const IdSet statuses(data.statuses, filters.statuses);
    const IdSet pipelines(data.pipelines, filters.pipelines);

    std::vector<uint32_t> rows;
    const Purchases& p = data.purchases;
    for (uint32_t i = 0; i < p.size(); ++i) {
        if (p.day[i] >= from && p.day[i] <= to && channels.Contains(p.channel[i]) && managers.Contains(p.manager[i]) &&
            statuses.Contains(p.status[i])) {
            rows.push_back(i);
        }
    }
    Purchases& q = out.purchases;
    KeepRows(p.customer, q.customer, rows);
    KeepRows(p.day, q.day, rows);
    KeepRows(p.second_of_day, q.second_of_day, rows);
    KeepRows(p.revenue, q.revenue, rows);
    KeepRows(p.order, q.order, rows);
    KeepRows(p.channel, q.channel, rows);
    KeepRows(p.manager, q.manager, rows);
    KeepRows(p.status, q.status, rows);
    KeepRows(p.campaign, q.campaign, rows);
    KeepRows(p.region, q.region, rows);
    KeepRows(p.has_time, q.has_time, rows);
    // Order lines follow their purchases (renumbered).
    std::vector<uint32_t> new_index(p.size(), kNoId);
    for (uint32_t k = 0; k < rows.size(); ++k) new_index[rows[k]] = k;
    out.order_purchase.assign(data.order_purchase.size(), kNoId);
    for (size_t o = 0; o < data.order_purchase.size(); ++o) {
        if (data.order_purchase[o] != kNoId) out.order_purchase[o] = new_index[data.order_purchase[o]];
    }
    std::vector<uint32_t> line_rows;
    for (uint32_t i = 0; i < data.lines.size(); ++i) {
        if (new_index[data.lines.purchase[i]] != kNoId) line_rows.push_back(i);
    }
    KeepRows(data.lines.product, out.lines.product, line_rows);
    KeepRows(data.lines.amount, out.lines.amount, line_rows);
    KeepRows(data.lines.quantity, out.lines.quantity, line_rows);
    out.lines.purchase.clear();
    for (const uint32_t i : line_rows) out.lines.purchase.push_back(new_index[data.lines.purchase[i]]);

    rows.clear();
    const Returns& r = data.returns;
    for (uint32_t i = 0; i < r.size(); ++i) {
        if (r.day[i] >= from && r.day[i] <= to && channels.Contains(r.channel[i]) && managers.Contains(r.manager[i]) &&
            statuses.Contains(r.status[i])) {
            rows.push_back(i);
        }
    }
    KeepRows(r.customer, out.returns.customer, rows);
    KeepRows(r.day, out.returns.day, rows);
    KeepRows(r.amount, out.returns.amount, rows);
    KeepRows(r.channel, out.returns.channel, rows);
    KeepRows(r.manager, out.returns.manager, rows);
    KeepRows(r.status, out.returns.status, rows);

    // Deals: a deal passes when its rows do; period filters keep events inside the period.
    rows.clear();
    const DealEvents& e = data.deal_events;
    for (uint32_t i = 0; i < e.size(); ++i) {
        const int32_t day = DayOfSeconds(e.time[i]);
        if (day >= from && day <= to && channels.Contains(e.source[i]) && managers.Contains(e.manager[i]) &&
            pipelines.Contains(e.pipeline[i])) {
            rows.push_back(i);
        }
    }
    DealEvents& f = out.deal_events;
    KeepRows(e.deal, f.deal, rows);
    KeepRows(e.stage, f.stage, rows);
    KeepRows(e.time, f.time, rows);
    KeepRows(e.manager, f.manager, rows);
    KeepRows(e.pipeline, f.pipeline, rows);
    KeepRows(e.source, f.source, rows);
    KeepRows(e.lost_reason, f.lost_reason, rows);
    KeepRows(e.amount, f.amount, rows);

    rows.clear();
    const DealSnapshots& s = data.deal_snapshots;
    for (uint32_t i = 0; i < s.size(); ++i) {
        const bool dated = s.created[i] != INT64_MIN;
        const int32_t day = dated ? DayOfSeconds(s.created[i]) : 0;
        if ((!dated || (day >= from && day <= to)) && channels.Contains(s.source[i]) && managers.Contains(s.manager[i]) &&
            pipelines.Contains(s.pipeline[i])) {
            rows.push_back(i);
        }
    }
    DealSnapshots& t = out.deal_snapshots;
    KeepRows(s.deal, t.deal, rows);
    KeepRows(s.stage, t.stage, rows);
    KeepRows(s.outcome, t.outcome, rows);
    KeepRows(s.created, t.created, rows);
    KeepRows(s.closed, t.closed, rows);
    KeepRows(s.manager, t.manager, rows);
    KeepRows(s.pipeline, t.pipeline, rows);
    KeepRows(s.source, t.source, rows);
    KeepRows(s.lost_reason, t.lost_reason, rows);
    KeepRows(s.amount, t.amount, rows);
    return out;
}

}  // namespace crm
