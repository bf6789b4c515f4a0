#include "core/analysis/summary.h"

#include <algorithm>
#include <climits>
#include <cstdio>

#include "core/common/civil_date.h"

namespace crm {

std::optional<int32_t> DefaultAsOfDay(const Dataset& data) {
    if (data.purchases.size() > 0) {
        return *std::max_element(data.purchases.day.begin(), data.purchases.day.end()) + 1;
    }
    if (data.deal_events.size() > 0) {
        return DayOfSeconds(*std::max_element(data.deal_events.time.begin(), data.deal_events.time.end())) + 1;
    }
    return std::nullopt;
}

SummaryResult ComputeSummary(const Dataset& data, int32_t as_of_day) {
    SummaryResult s;
    s.as_of_day = as_of_day;
    const Purchases& p = data.purchases;
    const uint32_t customer_count = data.customers.size();
    std::vector<int32_t> purchases_of(customer_count, 0);
    std::vector<int32_t> first_month(customer_count, INT32_MAX);
    int32_t first = INT32_MAX, last = INT32_MIN;
    for (size_t i = 0; i < p.size(); ++i) {
        if (p.day[i] >= as_of_day) continue;
        ++s.purchases;
        s.gross_revenue += p.revenue[i];
        first = std::min(first, p.day[i]);
        last = std::max(last, p.day[i]);
        if (purchases_of[p.customer[i]]++ == 0) ++s.customers;
        first_month[p.customer[i]] = std::min(first_month[p.customer[i]], MonthIndexOfDays(p.day[i]));
    }
    for (const int32_t n : purchases_of) s.repeat_customers += n >= 2 ? 1 : 0;
    for (size_t i = 0; i < data.returns.size(); ++i) {
        if (data.returns.day[i] >= as_of_day) continue;
        s.returned_amount += data.returns.amount[i];
        ++s.return_rows;
    }
    std::vector<uint8_t> deal_seen(data.deals.size(), 0);
    for (const uint32_t d : data.deal_events.deal) s.deals += deal_seen[d]++ == 0 ? 1 : 0;
    for (const uint32_t d : data.deal_snapshots.deal) s.deals += deal_seen[d]++ == 0 ? 1 : 0;
    if (s.purchases == 0) return s;
    s.first_day = first;
    s.last_purchase = last;

    // Monthly series; distinct customers per month via "last month counted" per customer.
    const int32_t m0 = MonthIndexOfDays(first), m1 = MonthIndexOfDays(last);
    s.months.resize(static_cast<size_t>(m1 - m0 + 1));
    for (size_t k = 0; k < s.months.size(); ++k) s.months[k].month_index = m0 + static_cast<int32_t>(k);
    std::vector<std::vector<uint32_t>> by_month(s.months.size());
    for (size_t i = 0; i < p.size(); ++i) {
        if (p.day[i] >= as_of_day) continue;
        const size_t k = static_cast<size_t>(MonthIndexOfDays(p.day[i]) - m0);
        s.months[k].revenue += p.revenue[i];
        ++s.months[k].purchases;
        by_month[k].push_back(p.customer[i]);
    }
    for (size_t i = 0; i < data.returns.size(); ++i) {
        const int32_t day = data.returns.day[i];
        if (day >= as_of_day) continue;
        const int32_t m = MonthIndexOfDays(day);
        if (m >= m0 && m <= m1) s.months[static_cast<size_t>(m - m0)].revenue -= data.returns.amount[i];
    }
    std::vector<int32_t> last_counted(customer_count, INT32_MIN);
    for (size_t k = 0; k < s.months.size(); ++k) {
        for (const uint32_t c : by_month[k]) {
            if (last_counted[c] == static_cast<int32_t>(k)) continue;
            last_counted[c] = static_cast<int32_t>(k);
            ++s.months[k].customers;
            if (first_month[c] == s.months[k].month_index) ++s.months[k].new_customers;
        }
    }
    return s;
}

void WriteSummaryJson(const SummaryResult& s, JsonWriter& out) {
    out.BeginObject();
    out.Key("asOf").Date(s.as_of_day);
    out.Key("firstDate");
    s.first_day ? out.Date(*s.first_day) : out.Null();
    out.Key("lastPurchase");
    s.last_purchase ? out.Date(*s.last_purchase) : out.Null();
    out.Key("customers").Int(s.customers);
    out.Key("purchases").Int(s.purchases);
    out.Key("revenue").Money(s.gross_revenue - s.returned_amount);
    out.Key("grossRevenue").Money(s.gross_revenue);
    out.Key("returnedAmount").Money(s.returned_amount);
    out.Key("returnRows").Int(s.return_rows);
    out.Key("averageCheck");
    s.purchases ? out.Double(static_cast<double>(s.gross_revenue) / s.purchases / 100.0) : out.Null();
    out.Key("purchasesPerCustomer");
    s.customers ? out.Double(static_cast<double>(s.purchases) / s.customers) : out.Null();
    out.Key("repeatCustomers").Int(s.repeat_customers);
    out.Key("repeatRate");
    s.customers ? out.Double(static_cast<double>(s.repeat_customers) / s.customers) : out.Null();
    out.Key("deals").Int(s.deals);
    out.Key("months").BeginArray();
    for (const SummaryMonth& m : s.months) {
        char label[16];
        std::snprintf(label, sizeof label, "%04d-%02d", m.month_index / 12, m.month_index % 12 + 1);
        out.BeginObject();
        out.Key("month").String(label);
        out.Key("revenue").Money(m.revenue);
        out.Key("purchases").Int(m.purchases);
        out.Key("customers").Int(m.customers);
        out.Key("newCustomers").Int(m.new_customers);
        out.EndObject();
    }
    out.EndArray();
    out.EndObject();
}

}  // namespace crm
