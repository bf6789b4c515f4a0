#include "core/analysis/cohorts.h"

#include <algorithm>
#include <cstdio>

#include "core/analysis/request_params.h"
#include "core/common/civil_date.h"

namespace crm {
namespace {

constexpr std::string_view kSection = "cohorts";
constexpr std::string_view kNone = "(none)";
constexpr int32_t kNoOffset = -1;
/// Day ranges up to this size get a day -> period lookup table.
constexpr int64_t kMaxPeriodTable = 1 << 17;

int32_t FloorDiv(int32_t a, int32_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

/// Period arithmetic: index of a day's period (consecutive periods have consecutive indices) and labels.
class PeriodCalendar {
public:
    PeriodCalendar(CohortPeriod period, int32_t week_start) : period_(period), week_base_(week_start - 3) {}

    int32_t Of(int32_t day) const {
        switch (period_) {
            case CohortPeriod::kMonth: return MonthIndexOfDays(day);
            case CohortPeriod::kQuarter: {
                const CivilDate c = CivilFromDays(day);
                return c.year * 4 + (c.month - 1) / 3;
            }
            case CohortPeriod::kWeek:
                // Day week_base_ (1970-01-01 was a Thursday, weekday 3) starts week 0.
                return FloorDiv(day - week_base_, 7);
        }
        return 0;
    }

    std::string Label(int32_t index) const {
        char buf[24];
        switch (period_) {
            case CohortPeriod::kMonth:
                std::snprintf(buf, sizeof buf, "%04d-%02d", FloorDiv(index, 12), index - FloorDiv(index, 12) * 12 + 1);
                return buf;
            case CohortPeriod::kQuarter:
                std::snprintf(buf, sizeof buf, "%04d-Q%d", FloorDiv(index, 4), index - FloorDiv(index, 4) * 4 + 1);
                return buf;
            case CohortPeriod::kWeek: return FormatIsoDate(week_base_ + index * 7);
        }
        return {};
    }

private:
    CohortPeriod period_;
    int32_t week_base_;
};

const char* PeriodName(CohortPeriod period) {
    switch (period) {
        case CohortPeriod::kMonth: return "month";
        case CohortPeriod::kWeek: return "week";
        case CohortPeriod::kQuarter: return "quarter";
    }
    return "month";
}

constexpr std::string_view kByNames[] = {"firstPurchase", "channel", "campaign", "region", "manager"};
constexpr std::string_view kWeekdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

}  // namespace

Status ParseCohortParams(simdjson::simdjson_result<simdjson::dom::element> params, CohortParams& out) {
    out = CohortParams();
    simdjson::dom::object object;
    bool present = false;
    if (Status status = OpenParamsObject(params, kSection, object, present); !status.ok() || !present) return status;
    for (const auto field : object) {
        Status status;
        int index = 0;
        if (field.key == "period") {
            status = ReadEnumParam(field.value, kSection, "period", {"month", "week", "quarter"}, index);
            out.period = static_cast<CohortPeriod>(index);
        } else if (field.key == "weekStart") {
            status =
                ReadEnumParam(field.value, kSection, "weekStart",
                              {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}, index);
            out.week_start = index;
        } else if (field.key == "by") {
            status = ReadEnumParam(field.value, kSection, "by",
                                   {"firstPurchase", "channel", "campaign", "region", "manager"}, index);
            out.by = static_cast<CohortBy>(index);
        } else if (field.key == "maxOffsets") {
            if (field.value.is_null()) {
                out.max_offsets.reset();
                continue;
            }
            int64_t cap = 0;
            status = ReadIntParam(field.value, kSection, "maxOffsets", 1, 100000, cap);
            out.max_offsets = static_cast<int32_t>(cap);
        } else {
            return UnknownParam(kSection, field.key, {"period", "weekStart", "by", "maxOffsets"});
        }
        if (!status.ok()) return status;
    }
    return Status::Ok();
}

Status ParseCohortParams(simdjson::dom::element params, CohortParams& out) {
    return ParseCohortParams(simdjson::simdjson_result<simdjson::dom::element>(std::move(params)), out);
}

namespace {

/// The purchases column holding the first-touch attribute, with its dictionary.
struct Attribute {
    const std::vector<uint32_t>* column = nullptr;
    const Dictionary* dictionary = nullptr;
};

Attribute AttributeOf(const Dataset& data, CohortBy by) {
    switch (by) {
        case CohortBy::kChannel: return {&data.purchases.channel, &data.channels};
        case CohortBy::kCampaign: return {&data.purchases.campaign, &data.campaigns};
        case CohortBy::kRegion: return {&data.purchases.region, &data.regions};
        case CohortBy::kManager: return {&data.purchases.manager, &data.managers};
        case CohortBy::kFirstPurchase: break;
    }
    return {};
}

/// Indices of the purchases dated before as_of, ordered by day (stable). Counting sort over the day range,
/// skipped when the rows are already in date order (the usual export).
std::vector<uint32_t> PurchasesByDay(const Purchases& p, int32_t as_of_day, int32_t min_day) {
    std::vector<uint32_t> order;
    order.reserve(p.size());
    bool sorted = true;
    int32_t previous = INT32_MIN;
    for (size_t i = 0; i < p.size(); ++i) {
        if (p.day[i] >= as_of_day) continue;
        sorted = sorted && p.day[i] >= previous;
        previous = p.day[i];
        order.push_back(static_cast<uint32_t>(i));
    }
    if (sorted) return order;
    const int64_t range = static_cast<int64_t>(as_of_day) - min_day;
    if (range > kMaxPeriodTable) {
        std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return p.day[a] < p.day[b]; });
        return order;
    }
    std::vector<uint32_t> starts(static_cast<size_t>(range) + 1, 0);
    for (const uint32_t i : order) ++starts[p.day[i] - min_day + 1];
    for (size_t d = 1; d < starts.size(); ++d) starts[d] += starts[d - 1];
    std::vector<uint32_t> sorted_order(order.size());
    for (const uint32_t i : order) sorted_order[starts[p.day[i] - min_day]++] = i;
    return sorted_order;
}

}  // namespace

Result<CohortResult> ComputeCohorts(const Dataset& data, int32_t as_of_day, const CohortParams& params) {
    if (params.week_start < 0 || params.week_start > 6) return BadParam(kSection, "weekStart", "monday..sunday");
    if (params.max_offsets && *params.max_offsets < 1) return BadParam(kSection, "maxOffsets", "a positive integer");
    const Purchases& p = data.purchases;
    const uint32_t customer_count = data.customers.size();
    const PeriodCalendar calendar(params.period, params.week_start);

    // Pass 1: each customer's first purchase (earliest time, then earliest row) and last purchase day.
    // Per-customer state is kept in one struct per pass so that a row touches one cache line, not three.
    struct FirstPurchase {
        int64_t time = INT64_MAX;
        uint32_t row = kNoId;
        int32_t last_day = INT32_MIN;
    };
    std::vector<FirstPurchase> first(customer_count);
    int32_t min_day = INT32_MAX;
    for (size_t i = 0; i < p.size(); ++i) {
        const uint32_t c = p.customer[i];
        if (p.day[i] >= as_of_day || c >= customer_count) continue;
        if (p.time[i] < first[c].time) {
            first[c].time = p.time[i];
            first[c].row = static_cast<uint32_t>(i);
        }
        first[c].last_day = std::max(first[c].last_day, p.day[i]);
        min_day = std::min(min_day, p.day[i]);
    }
    if (min_day == INT32_MAX) return MakeError(ErrorCode::kNoData, "no purchases before the as-of date for cohorts");

    // Day -> period lookup over the purchases' day range (falls back to arithmetic for absurd ranges).
    const int64_t day_range = static_cast<int64_t>(as_of_day) - min_day;
    std::vector<int32_t> period_table;
    if (day_range <= kMaxPeriodTable) {
        period_table.resize(static_cast<size_t>(day_range));
        for (int32_t d = 0; d < day_range; ++d) period_table[d] = calendar.Of(min_day + d);
    }
    const auto period_of = [&](int32_t day) {
        return day >= min_day && day < as_of_day && !period_table.empty() ? period_table[day - min_day]
                                                                          : calendar.Of(day);
    };
    const int32_t last_period = calendar.Of(as_of_day - 1);

    // Cohort of each customer: its first period, or the attribute of its first purchase.
    struct CustomerCohort {
        int32_t first_period = 0;
        int32_t cohort = -1;               ///< cohort index, -1 without a purchase
        int32_t last_seen = kNoOffset;     ///< last offset counted as active
        int32_t first_return = kNoOffset;  ///< smallest offset >= 1 with a purchase
    };
    std::vector<CustomerCohort> state(customer_count);
    CohortResult result;
    result.period = params.period;
    result.by = params.by;
    result.week_start = params.week_start;
    result.as_of_day = as_of_day;
    result.last_period = calendar.Label(last_period);
    result.last_period_partial = calendar.Of(as_of_day) == last_period;
    std::vector<int32_t> cohort_periods;  // period cohorts: the period of each cohort
    if (params.by == CohortBy::kFirstPurchase) {
        int32_t min_period = INT32_MAX;
        for (uint32_t c = 0; c < customer_count; ++c) {
            if (first[c].row == kNoId) continue;
            state[c].first_period = period_of(p.day[first[c].row]);
            min_period = std::min(min_period, state[c].first_period);
        }
        std::vector<int32_t> index_of(static_cast<size_t>(last_period - min_period) + 1, -1);
        for (uint32_t c = 0; c < customer_count; ++c) {
            if (first[c].row != kNoId) index_of[state[c].first_period - min_period] = 0;
        }
        for (size_t k = 0; k < index_of.size(); ++k) {
            if (index_of[k] < 0) continue;
            index_of[k] = static_cast<int32_t>(cohort_periods.size());
            cohort_periods.push_back(min_period + static_cast<int32_t>(k));
            result.labels.push_back(calendar.Label(cohort_periods.back()));
        }
        for (uint32_t c = 0; c < customer_count; ++c) {
            if (first[c].row != kNoId) state[c].cohort = index_of[state[c].first_period - min_period];
        }
    } else {
        const Attribute attribute = AttributeOf(data, params.by);
        const uint32_t values = attribute.dictionary->size();
        // Slot `values` stands for a missing attribute, listed last as "(none)".
        std::vector<int32_t> index_of(static_cast<size_t>(values) + 1, -1);
        for (uint32_t c = 0; c < customer_count; ++c) {
            if (first[c].row == kNoId) continue;
            state[c].first_period = period_of(p.day[first[c].row]);
            const uint32_t value = (*attribute.column)[first[c].row];
            index_of[value < values ? value : values] = 0;
        }
        std::vector<uint32_t> present;
        for (uint32_t v = 0; v < values; ++v) {
            if (index_of[v] == 0) present.push_back(v);
        }
        std::sort(present.begin(), present.end(),
                  [&](uint32_t a, uint32_t b) { return attribute.dictionary->At(a) < attribute.dictionary->At(b); });
        if (index_of[values] == 0) present.push_back(values);
        for (const uint32_t v : present) {
            index_of[v] = static_cast<int32_t>(result.labels.size());
            result.labels.emplace_back(v < values ? attribute.dictionary->At(v) : kNone);
        }
        for (uint32_t c = 0; c < customer_count; ++c) {
            if (first[c].row == kNoId) continue;
            const uint32_t value = (*attribute.column)[first[c].row];
            state[c].cohort = index_of[value < values ? value : values];
        }
    }

    // Columns: the largest observable offset + 1, optionally capped.
    int32_t max_horizon = 0;
    for (uint32_t c = 0; c < customer_count; ++c) {
        if (state[c].cohort >= 0) max_horizon = std::max(max_horizon, last_period - state[c].first_period);
    }
    int32_t k_count = max_horizon + 1;
    if (params.max_offsets) k_count = std::min(k_count, *params.max_offsets);
    result.offsets = k_count;
    const size_t cohort_count = result.labels.size();
    const size_t width = static_cast<size_t>(k_count) + 1;  // one spare column for difference arrays
    const auto cell = [&](int32_t cohort_index, int32_t k) { return static_cast<size_t>(cohort_index) * width + k; };
    // Range counts (a customer counts at offsets lo..hi) as difference arrays: +1 at lo, -1 after hi.
    const auto add_range = [&](std::vector<int64_t>& diff, int32_t cohort_index, int32_t lo, int32_t hi, int64_t v) {
        if (lo >= k_count || hi < lo) return;
        diff[cell(cohort_index, lo)] += v;
        diff[cell(cohort_index, std::min(hi, k_count - 1) + 1)] -= v;
    };
    std::vector<int64_t> eligible(cohort_count * width, 0), or_later(cohort_count * width, 0);
    std::vector<int64_t> returned_by(cohort_count * width, 0), cumulative(cohort_count * width, 0);
    std::vector<int64_t> active(cohort_count * width, 0), revenue(cohort_count * width, 0);
    result.sizes.assign(cohort_count, 0);
    for (uint32_t c = 0; c < customer_count; ++c) {
        if (state[c].cohort < 0) continue;
        ++result.sizes[state[c].cohort];
        add_range(eligible, state[c].cohort, 0, last_period - state[c].first_period, 1);
        add_range(or_later, state[c].cohort, 0, period_of(first[c].last_day) - state[c].first_period, 1);
    }

    // Pass 2 in day order: a customer's offsets never decrease, so "last offset seen" counts each
    // (customer, offset) once without a hash set; the first positive offset is the earliest return.
    for (const uint32_t i : PurchasesByDay(p, as_of_day, min_day)) {
        const uint32_t c = p.customer[i];
        if (c >= customer_count) continue;
        CustomerCohort& s = state[c];
        const int32_t k = period_of(p.day[i]) - s.first_period;
        if (k != s.last_seen) {
            s.last_seen = k;
            if (k < k_count) ++active[cell(s.cohort, k)];
            if (k >= 1 && s.first_return == kNoOffset) s.first_return = k;
        }
        if (k < k_count) revenue[cell(s.cohort, k)] += p.revenue[i];
        add_range(cumulative, s.cohort, k, last_period - s.first_period, p.revenue[i]);
    }
    // Returns of cohort customers, in the period they are dated (one dated before the first purchase
    // counts at offset 0, so a cohort's revenue always sums to its customers' net revenue).
    const Returns& returns = data.returns;
    for (size_t i = 0; i < returns.size(); ++i) {
        const uint32_t c = returns.customer[i];
        if (returns.day[i] >= as_of_day || c >= customer_count || state[c].cohort < 0) continue;
        const int32_t k = std::max(0, period_of(returns.day[i]) - state[c].first_period);
        if (k < k_count) revenue[cell(state[c].cohort, k)] -= returns.amount[i];
        add_range(cumulative, state[c].cohort, k, last_period - state[c].first_period, -returns.amount[i]);
    }
    for (uint32_t c = 0; c < customer_count; ++c) {
        if (state[c].cohort >= 0 && state[c].first_return != kNoOffset) {
            add_range(returned_by, state[c].cohort, state[c].first_return, last_period - state[c].first_period, 1);
        }
    }

    // Prefix sums of the difference arrays, then drop the spare column.
    const size_t cells = cohort_count * static_cast<size_t>(k_count);
    for (auto* out : {&result.eligible, &result.active, &result.active_or_later, &result.returned_by, &result.revenue,
                      &result.cumulative_revenue}) {
        out->resize(cells);
    }
    for (size_t a = 0; a < cohort_count; ++a) {
        int64_t e = 0, l = 0, r = 0, cum = 0;
        for (int32_t k = 0; k < k_count; ++k) {
            const size_t from = a * width + k, to = a * k_count + k;
            e += eligible[from];
            l += or_later[from];
            r += returned_by[from];
            cum += cumulative[from];
            result.eligible[to] = e;
            result.active_or_later[to] = l;
            result.returned_by[to] = r;
            result.cumulative_revenue[to] = cum;
            result.active[to] = active[from];
            result.revenue[to] = revenue[from];
        }
    }
    result.partial_offsets.assign(cohort_count, kNoOffset);
    if (result.last_period_partial && params.by == CohortBy::kFirstPurchase) {
        for (size_t a = 0; a < cohort_count; ++a) {
            const int32_t k = last_period - cohort_periods[a];
            if (k < k_count) result.partial_offsets[a] = k;
        }
    }
    return result;
}

namespace {

/// Writes a cohorts x offsets matrix; cells with no eligible customer are null.
template <class Cell>
void WriteMatrix(JsonWriter& out, const CohortResult& r, Cell cell) {
    out.BeginArray();
    for (size_t a = 0; a < r.labels.size(); ++a) {
        out.BeginArray();
        for (int32_t k = 0; k < r.offsets; ++k) {
            const size_t i = a * static_cast<size_t>(r.offsets) + k;
            r.eligible[i] > 0 ? cell(i, k) : out.Null();
        }
        out.EndArray();
    }
    out.EndArray();
}

}  // namespace

void WriteCohortsJson(const CohortResult& r, JsonWriter& out) {
    const auto share = [&](int64_t count, size_t i) -> JsonWriter& {
        return out.Double(static_cast<double>(count) / static_cast<double>(r.eligible[i]));
    };
    out.BeginObject();
    out.Key("period").String(PeriodName(r.period));
    out.Key("by").String(kByNames[static_cast<int>(r.by)]);
    out.Key("weekStart").String(kWeekdays[r.week_start]);
    out.Key("asOf").Date(r.as_of_day);
    out.Key("lastPeriod").String(r.last_period);
    out.Key("partialLastPeriod").Bool(r.last_period_partial);
    out.Key("cohorts").BeginArray();
    for (const std::string& label : r.labels) out.String(label);
    out.EndArray();
    out.Key("sizes").BeginArray();
    for (const int64_t size : r.sizes) out.Int(size);
    out.EndArray();
    out.Key("offsets").Int(r.offsets);
    out.Key("eligible");
    WriteMatrix(out, r, [&](size_t i, int32_t) -> JsonWriter& { return out.Int(r.eligible[i]); });
    out.Key("active");
    WriteMatrix(out, r, [&](size_t i, int32_t) -> JsonWriter& { return out.Int(r.active[i]); });
    out.Key("retention");
    WriteMatrix(out, r, [&](size_t i, int32_t) -> JsonWriter& { return share(r.active[i], i); });
    out.Key("retentionOrLater");
    WriteMatrix(out, r, [&](size_t i, int32_t) -> JsonWriter& { return share(r.active_or_later[i], i); });
    out.Key("retentionCumulative");
    WriteMatrix(out, r, [&](size_t i, int32_t k) -> JsonWriter& {
        return k == 0 ? out.Double(1.0) : share(r.returned_by[i], i);
    });
    out.Key("revenue");
    WriteMatrix(out, r, [&](size_t i, int32_t) -> JsonWriter& { return out.Money(r.revenue[i]); });
    out.Key("cumulativeRevenuePerCustomer");
    WriteMatrix(out, r, [&](size_t i, int32_t) -> JsonWriter& {
        return out.Double(static_cast<double>(r.cumulative_revenue[i]) / (static_cast<double>(r.eligible[i]) * 100.0));
    });
    out.Key("partialOffsets").BeginArray();
    for (const int32_t k : r.partial_offsets) k >= 0 ? out.Int(k) : out.Null();
    out.EndArray();
    out.EndObject();
}

}  // namespace crm
