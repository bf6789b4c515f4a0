#include "core/analysis/cohorts.h"

#include <algorithm>
#include <cstdio>

#include "core/analysis/cohort_frame.h"
#include "core/analysis/request_params.h"
#include "core/common/civil_date.h"

namespace crm {
namespace {

constexpr std::string_view kSection = "cohorts";
constexpr int32_t kNoOffset = -1;
/// Day ranges up to this size are ordered by a counting sort.
constexpr int64_t kMaxCountingRange = 1 << 17;

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

/// Indices of the purchases dated before as_of, ordered by day (stable), into `order`; false, with `order`
/// empty, when the rows are already in date order (the usual export: the caller reads them in place).
/// Counting sort over the day range.
bool PurchasesByDay(const Purchases& p, int32_t as_of_day, int32_t min_day, std::vector<uint32_t>& order) {
    order.clear();
    const int32_t* const day = p.day.data();
    const size_t n = p.size();
    size_t first_unsorted = n;
    int32_t previous = INT32_MIN;
    for (size_t i = 0; i < n; ++i) {
        if (day[i] >= as_of_day) continue;
        if (day[i] < previous) {
            first_unsorted = i;
            break;
        }
        previous = day[i];
    }
    if (first_unsorted == n) return false;
    order.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        if (day[i] < as_of_day) order.push_back(static_cast<uint32_t>(i));
    }
    const int64_t range = static_cast<int64_t>(as_of_day) - min_day;
    if (range > kMaxCountingRange) {
        std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return day[a] < day[b]; });
        return true;
    }
    std::vector<uint32_t> starts(static_cast<size_t>(range) + 1, 0);
    for (const uint32_t i : order) ++starts[day[i] - min_day + 1];
    for (size_t d = 1; d < starts.size(); ++d) starts[d] += starts[d - 1];
    std::vector<uint32_t> sorted_order(order.size());
    for (const uint32_t i : order) sorted_order[starts[day[i] - min_day]++] = i;
    order.swap(sorted_order);
    return true;
}

}  // namespace

Result<CohortResult> ComputeCohorts(const Dataset& data, int32_t as_of_day, const CohortParams& params) {
    Result<CohortFrame> built = BuildCohortFrame(data, as_of_day, params);
    if (!built.ok()) return built.error();
    CohortFrame frame = std::move(built).value();
    const Purchases& p = data.purchases;
    const uint32_t customer_count = data.customers.size();
    const int32_t last_period = frame.last_period;

    // Per-customer state of the day-ordered pass, one struct so that a row touches one cache line.
    struct CustomerCohort {
        int32_t first_period = 0;
        int32_t cohort = -1;               ///< cohort index, -1 without a purchase
        int32_t last_seen = kNoOffset;     ///< last offset counted as active
        int32_t first_return = kNoOffset;  ///< smallest offset >= 1 with a purchase
        int64_t counted_revenue = 0;       ///< net revenue counted at offsets < K (see cumulative_end below)
    };
    std::vector<CustomerCohort> state(customer_count);
    for (uint32_t c = 0; c < customer_count; ++c) {
        state[c].first_period = frame.members[c].first_period;
        state[c].cohort = frame.members[c].cohort;
    }
    CohortResult result;
    result.period = params.period;
    result.by = params.by;
    result.week_start = params.week_start;
    result.as_of_day = as_of_day;
    result.last_period = frame.calendar.Label(last_period);
    result.last_period_partial = frame.calendar.Of(as_of_day) == last_period;
    result.labels = std::move(frame.labels);
    const int32_t k_count = frame.offsets;
    result.offsets = k_count;
    const auto period_of = [&frame](int32_t day) { return frame.PeriodOf(day); };
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
    // Cumulative revenue is the running sum of revenue over a customer's offsets up to their last observable
    // one: the revenue cells themselves, and each customer's counted revenue taken off after that offset.
    std::vector<int64_t> returned_by(cohort_count * width, 0), cumulative_end(cohort_count * width, 0);
    std::vector<int64_t> active(cohort_count * width, 0), revenue(cohort_count * width, 0);
    result.sizes.assign(cohort_count, 0);
    for (uint32_t c = 0; c < customer_count; ++c) {
        if (state[c].cohort < 0) continue;
        ++result.sizes[state[c].cohort];
        add_range(eligible, state[c].cohort, 0, last_period - state[c].first_period, 1);
        add_range(or_later, state[c].cohort, 0, period_of(frame.last_day[c]) - state[c].first_period, 1);
    }

    // Pass 2 in day order: a customer's offsets never decrease, so "last offset seen" counts each
    // (customer, offset) once without a hash set; the first positive offset is the earliest return.
    // Every purchase counted lies in min_day..as_of-1: its period is read from the table when there is one.
    const int32_t* const period_table = frame.period_table.empty() ? nullptr : frame.period_table.data();
    const auto count_purchase = [&](uint32_t i) {
        const uint32_t c = p.customer[i];
        if (c >= customer_count) return;
        CustomerCohort& s = state[c];
        const int32_t day = p.day[i];
        const int32_t period = period_table != nullptr ? period_table[day - frame.min_day] : frame.calendar.Of(day);
        const int32_t k = period - s.first_period;  // frame.PurchaseOffset(c, day), from the local copy
        if (k != s.last_seen) {
            s.last_seen = k;
            if (k < k_count) ++active[cell(s.cohort, k)];
            if (k >= 1 && s.first_return == kNoOffset) s.first_return = k;
        }
        if (k < k_count) {
            revenue[cell(s.cohort, k)] += p.revenue[i];
            s.counted_revenue += p.revenue[i];
        }
    };
    std::vector<uint32_t> by_day;
    if (PurchasesByDay(p, as_of_day, frame.min_day, by_day)) {
        for (const uint32_t i : by_day) count_purchase(i);
    } else {
        for (size_t i = 0; i < p.size(); ++i) {
            if (p.day[i] < as_of_day) count_purchase(static_cast<uint32_t>(i));
        }
    }
    // Returns of cohort customers, in the period they are dated (one dated before the first purchase
    // counts at offset 0, so a cohort's revenue always sums to its customers' net revenue).
    const Returns& returns = data.returns;
    for (size_t i = 0; i < returns.size(); ++i) {
        const uint32_t c = returns.customer[i];
        if (returns.day[i] >= as_of_day || c >= customer_count || state[c].cohort < 0) continue;
        const int32_t k = frame.ReturnOffset(c, returns.day[i]);
        if (k < k_count) {
            revenue[cell(state[c].cohort, k)] -= returns.amount[i];
            state[c].counted_revenue -= returns.amount[i];
        }
    }
    // A purchase or return is never dated after as-of, so its offset is at most the customer's last observable
    // one, last_period - first_period; from the offset after it on, the customer's revenue no longer counts.
    for (uint32_t c = 0; c < customer_count; ++c) {
        const CustomerCohort& s = state[c];
        if (s.cohort < 0) continue;
        const int32_t last_offset = last_period - s.first_period;
        if (s.first_return != kNoOffset) add_range(returned_by, s.cohort, s.first_return, last_offset, 1);
        if (last_offset + 1 < k_count) cumulative_end[cell(s.cohort, last_offset + 1)] -= s.counted_revenue;
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
            cum += revenue[from] + cumulative_end[from];
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
            const int32_t k = last_period - frame.cohort_periods[a];
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
