#include "core/analysis/rfm.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <numeric>
#include <span>
#include <type_traits>

#include "core/analysis/customer_order.h"
#include "core/analysis/quantiles.h"
#include "core/analysis/request_params.h"

namespace crm {
namespace {

constexpr std::string_view kSection = "rfm";
constexpr int32_t kMinN = 3;
constexpr int32_t kMaxN = 10;
constexpr size_t kMaxSegments = 1000;

Status ParseScoreRange(simdjson::dom::element value, std::string_view key, ScoreRange& out) {
    const std::string expected = "a score on the 1..5 scale or a range [lo, hi] with 1 <= lo <= hi <= 5";
    int64_t single = 0;
    if (value.get_int64().get(single) == simdjson::SUCCESS) {
        if (single < 1 || single > 5) return BadParam(kSection, key, expected);
        out = ScoreRange{static_cast<int32_t>(single), static_cast<int32_t>(single)};
        return Status::Ok();
    }
    simdjson::dom::array array;
    if (value.get_array().get(array) != simdjson::SUCCESS || array.size() != 2) {
        return BadParam(kSection, key, expected);
    }
    int64_t lo = 0, hi = 0;
    if (array.at(0).get_int64().get(lo) != simdjson::SUCCESS || array.at(1).get_int64().get(hi) != simdjson::SUCCESS ||
        lo < 1 || hi > 5 || lo > hi) {
        return BadParam(kSection, key, expected);
    }
    out = ScoreRange{static_cast<int32_t>(lo), static_cast<int32_t>(hi)};
    return Status::Ok();
}

Status ParseSegments(simdjson::dom::element value, std::vector<RfmSegment>& out) {
    const std::string expected = "an array of {\"name\", \"r\", \"f\", \"m\"} objects";
    simdjson::dom::array array;
    if (value.get_array().get(array) != simdjson::SUCCESS || array.size() > kMaxSegments) {
        return BadParam(kSection, "segments", expected);
    }
    out.clear();
    for (const simdjson::dom::element item : array) {
        simdjson::dom::object object;
        if (item.get_object().get(object) != simdjson::SUCCESS) return BadParam(kSection, "segments", expected);
        RfmSegment segment;
        bool has_name = false;
        for (const auto field : object) {
            Status status;
            if (field.key == "name") {
                std::string_view name;
                if (field.value.get_string().get(name) != simdjson::SUCCESS || name.empty()) {
                    return BadParam(kSection, "segments.name", "a non-empty string");
                }
                segment.name = std::string(name);
                has_name = true;
            } else if (field.key == "r") {
                status = ParseScoreRange(field.value, "segments.r", segment.r);
            } else if (field.key == "f") {
                status = ParseScoreRange(field.value, "segments.f", segment.f);
            } else if (field.key == "m") {
                status = ParseScoreRange(field.value, "segments.m", segment.m);
            } else {
                return UnknownParam(kSection, "segments." + std::string(field.key), {"name", "r", "f", "m"});
            }
            if (!status.ok()) return status;
        }
        if (!has_name) return BadParam(kSection, "segments.name", "a non-empty string");
        out.push_back(std::move(segment));
    }
    return Status::Ok();
}

Status ParseThresholds(simdjson::dom::element value, RfmThresholds& out) {
    simdjson::dom::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) {
        return BadParam(kSection, "thresholds",
                        "an object {\"recency\": [..], \"frequency\": [..], \"monetary\": [..]}");
    }
    for (const auto field : object) {
        Status status;
        if (field.key == "recency") {
            status = ReadNumberListParam(field.value, kSection, "thresholds.recency", out.recency);
        } else if (field.key == "frequency") {
            status = ReadNumberListParam(field.value, kSection, "thresholds.frequency", out.frequency);
        } else if (field.key == "monetary") {
            status = ReadNumberListParam(field.value, kSection, "thresholds.monetary", out.monetary);
        } else {
            return UnknownParam(kSection, "thresholds." + std::string(field.key), {"recency", "frequency", "monetary"});
        }
        if (!status.ok()) return status;
    }
    return Status::Ok();
}

/// Fixed thresholds must hold n-1 non-decreasing values per measure.
Status CheckThresholds(const RfmParams& params) {
    const size_t want = static_cast<size_t>(params.n - 1);
    const std::pair<const std::vector<double>*, const char*> lists[] = {
        {&params.thresholds.recency, "thresholds.recency"},
        {&params.thresholds.frequency, "thresholds.frequency"},
        {&params.thresholds.monetary, "thresholds.monetary"}};
    for (const auto& [list, key] : lists) {
        if (list->size() != want || !std::is_sorted(list->begin(), list->end())) {
            return BadParam(kSection, key,
                            std::to_string(want) + " ascending numbers (n - 1 for n = " + std::to_string(params.n) +
                                ") with method \"fixed\"");
        }
    }
    return Status::Ok();
}

}  // namespace

Status ParseRfmParams(simdjson::simdjson_result<simdjson::dom::element> params, RfmParams& out) {
    out = RfmParams();
    simdjson::dom::object object;
    bool present = false;
    if (Status status = OpenParamsObject(params, kSection, object, present); !status.ok() || !present) return status;
    for (const auto field : object) {
        Status status;
        int index = 0;
        if (field.key == "method") {
            status = ReadEnumParam(field.value, kSection, "method", {"quantile", "ntile", "fixed"}, index);
            out.method = static_cast<RfmMethod>(index);
        } else if (field.key == "n") {
            int64_t n = 0;
            status = ReadIntParam(field.value, kSection, "n", kMinN, kMaxN, n);
            out.n = static_cast<int32_t>(n);
        } else if (field.key == "monetary") {
            status = ReadEnumParam(field.value, kSection, "monetary", {"total", "mean"}, index);
            out.monetary = static_cast<MonetaryMode>(index);
        } else if (field.key == "thresholds") {
            status = ParseThresholds(field.value, out.thresholds);
        } else if (field.key == "segments") {
            status = ParseSegments(field.value, out.segments);
        } else if (field.key == "includeCustomers") {
            status = ReadBoolParam(field.value, kSection, "includeCustomers", out.include_customers);
        } else {
            return UnknownParam(kSection, field.key,
                                {"method", "n", "monetary", "thresholds", "segments", "includeCustomers"});
        }
        if (!status.ok()) return status;
    }
    // Thresholds are only checked for the fixed method: a client may keep them while trying other methods.
    if (out.method == RfmMethod::kFixed) return CheckThresholds(out);
    return Status::Ok();
}

Status ParseRfmParams(simdjson::dom::element params, RfmParams& out) {
    return ParseRfmParams(simdjson::simdjson_result<simdjson::dom::element>(std::move(params)), out);
}

namespace {

/// F/M-style score from ascending breakpoints: 1 + #{k : value > q_k}.
int8_t ScoreUp(double value, std::span<const double> breaks) {
    int8_t score = 1;
    for (const double q : breaks) score += value > q ? 1 : 0;
    return score;
}

/// Breakpoints q_k = type-7 quantile at k/n of the values, k = 1..n-1.
template <class T>
std::vector<double> QuantileBreaks(std::vector<T> values, int32_t n) {
    std::sort(values.begin(), values.end());
    std::vector<double> breaks;
    for (int32_t k = 1; k < n; ++k) {
        breaks.push_back(QuantileSorted(std::span<const T>(values), static_cast<double>(k) / n));
    }
    return breaks;
}

/// A type-7 breakpoint over integer values kept exactly as the rational numerator / n:
/// h = (N-1)k/n, q = v[floor h] + frac(h) * (v[floor h + 1] - v[floor h]) = (v_lo*n + rem*(v_hi - v_lo)) / n.
/// Scoring compares value*n with the numerator, so a value equal to a breakpoint is never pushed over it
/// by floating-point rounding of k/n (DuckDB's quantile_cont gives 62.99999999999999 for 63 at p = 0.7).
struct ExactBreak {
    int64_t numerator;
    int64_t n;
};

std::vector<ExactBreak> ExactQuantileBreaks(std::vector<int64_t> values, int32_t n) {
    std::sort(values.begin(), values.end());
    const int64_t count = static_cast<int64_t>(values.size());
    std::vector<ExactBreak> breaks;
    for (int32_t k = 1; k < n; ++k) {
        const int64_t h = (count - 1) * k;
        const int64_t index = h / n, rem = h % n;
        const int64_t lo = values[static_cast<size_t>(index)];
        const int64_t hi = index + 1 < count ? values[static_cast<size_t>(index + 1)] : lo;
        breaks.push_back(ExactBreak{lo * n + rem * (hi - lo), n});
    }
    return breaks;
}

/// 1 + #{k : value > q_k} with exact breakpoints.
int8_t ScoreUpExact(int64_t value, std::span<const ExactBreak> breaks) {
    int8_t score = 1;
    for (const ExactBreak& q : breaks) score += value * q.n > q.numerator ? 1 : 0;
    return score;
}

std::vector<double> BreaksAsDoubles(std::span<const ExactBreak> breaks) {
    std::vector<double> out;
    for (const ExactBreak& q : breaks) out.push_back(static_cast<double>(q.numerator) / static_cast<double>(q.n));
    return out;
}

template <class T>
std::vector<int64_t> AsInt64(const std::vector<T>& values) {
    return std::vector<int64_t>(values.begin(), values.end());
}

/// NTILE(n) scores of small-range integers (days, purchase counts) by a stable counting sort: the same
/// (value, position) order as sorting pairs, in linear time. False (nothing assigned) when the range is wide.
template <class Assign>
bool NtileScoresByCounting(const std::vector<int32_t>& values, int32_t n, bool descending, Assign assign) {
    if (values.empty()) return true;
    const auto [min_it, max_it] = std::minmax_element(values.begin(), values.end());
    const int64_t lo = *min_it;
    const int64_t hi = *max_it;
    const int64_t range = hi - lo + 1;
    if (range > 4 * static_cast<int64_t>(values.size()) + 1024) return false;
    const auto key = [&](int32_t v) { return static_cast<size_t>(descending ? hi - v : v - lo); };
    std::vector<uint32_t> start(static_cast<size_t>(range) + 1, 0);
    for (const int32_t v : values) ++start[key(v) + 1];
    for (size_t k = 1; k < start.size(); ++k) start[k] += start[k - 1];
    std::vector<uint32_t> order(values.size());
    for (size_t i = 0; i < values.size(); ++i) order[start[key(values[i])]++] = static_cast<uint32_t>(i);
    for (size_t rank = 0; rank < order.size(); ++rank) {
        assign(order[rank], static_cast<int8_t>(NtileBucket(rank, order.size(), n)));
    }
    return true;
}

/// An unsigned key that orders as `value` does (doubles: -0.0 as 0.0; no NaN).
template <class T>
uint64_t OrderKey(T value) {
    if constexpr (std::is_floating_point_v<T>) {
        const double canonical = value == 0 ? 0.0 : static_cast<double>(value);
        uint64_t bits = 0;
        std::memcpy(&bits, &canonical, sizeof bits);  // (std::bit_cast: not in em++'s libc++)
        return (bits >> 63) != 0 ? ~bits : bits | (1ULL << 63);
    } else {
        return static_cast<uint64_t>(static_cast<int64_t>(value)) ^ (1ULL << 63);
    }
}

/// Positions 0..n-1 ordered by (keys[position], position): a stable LSD radix sort, a byte a pass; a byte
/// that every key shares takes no pass.
std::vector<uint32_t> OrderByKeys(const std::vector<uint64_t>& keys) {
    std::vector<uint32_t> order(keys.size()), next(keys.size());
    std::iota(order.begin(), order.end(), 0u);
    for (int shift = 0; shift < 64; shift += 8) {
        std::array<uint32_t, 257> start{};
        for (const uint64_t k : keys) ++start[((k >> shift) & 0xFF) + 1];
        if (std::find(start.begin() + 1, start.end(), static_cast<uint32_t>(keys.size())) != start.end()) continue;
        for (size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
        for (const uint32_t i : order) next[start[(keys[i] >> shift) & 0xFF]++] = i;
        order.swap(next);
    }
    return order;
}

/// NTILE(n) scores: rows ordered by (value, key position) ascending, or value descending when `descending`.
/// Customers are already in key order, so the position is the tie-break.
template <class T, class Assign>
void NtileScores(const std::vector<T>& values, int32_t n, bool descending, Assign assign) {
    if constexpr (std::is_same_v<T, int32_t>) {
        if (NtileScoresByCounting(values, n, descending, assign)) return;
    }
    std::vector<uint64_t> keys(values.size());
    for (size_t i = 0; i < values.size(); ++i) keys[i] = OrderKey(descending ? -values[i] : values[i]);
    const std::vector<uint32_t> order = OrderByKeys(keys);
    for (size_t rank = 0; rank < order.size(); ++rank) {
        assign(order[rank], static_cast<int8_t>(NtileBucket(rank, order.size(), n)));
    }
}

std::vector<int32_t> UnusedScores(const std::vector<int64_t>& counts) {
    std::vector<int32_t> unused;
    for (size_t s = 1; s < counts.size(); ++s) {
        if (counts[s] == 0) unused.push_back(static_cast<int32_t>(s));
    }
    return unused;
}

}  // namespace

Result<RfmResult> ComputeRfm(const Dataset& data, int32_t as_of_day, const RfmParams& params) {
    if (params.n < kMinN || params.n > kMaxN) return BadParam(kSection, "n", "an integer from 3 to 10");
    if (params.method == RfmMethod::kFixed) {
        if (Status status = CheckThresholds(params); !status.ok()) return status.error();
    }
    const int32_t n = params.n;
    const uint32_t customer_count = data.customers.size();

    // One pass over purchases and one over returns, into flat arrays indexed by customer id.
    // One struct per customer: a purchase row touches one cache line.
    struct Totals {
        int64_t net = 0;
        int32_t last_day = INT32_MIN;
        int32_t frequency = 0;
    };
    std::vector<Totals> totals(customer_count);
    const Purchases& p = data.purchases;
    for (size_t i = 0; i < p.size(); ++i) {
        const uint32_t c = p.customer[i];
        if (p.day[i] >= as_of_day || c >= customer_count) continue;
        Totals& t = totals[c];
        t.last_day = std::max(t.last_day, p.day[i]);
        ++t.frequency;
        t.net += p.revenue[i];
    }
    const Returns& returns = data.returns;
    for (size_t i = 0; i < returns.size(); ++i) {
        const uint32_t c = returns.customer[i];
        if (returns.day[i] < as_of_day && c < customer_count) totals[c].net -= returns.amount[i];
    }

    std::vector<uint32_t> ids;
    for (uint32_t c = 0; c < customer_count; ++c) {
        if (totals[c].frequency > 0) ids.push_back(c);
    }
    if (ids.empty()) return MakeError(ErrorCode::kNoData, "no purchases before the as-of date for RFM");
    SortByCustomerKey(data.customers, ids);

    RfmResult result;
    result.method = params.method;
    result.n = n;
    result.monetary_mode = params.monetary;
    result.include_customers = params.include_customers;
    result.as_of_day = as_of_day;
    result.customers.resize(ids.size());
    std::vector<int32_t> recency(ids.size()), freq(ids.size());
    std::vector<double> monetary(ids.size());
    for (size_t i = 0; i < ids.size(); ++i) {
        const Totals& t = totals[ids[i]];
        RfmCustomer& row = result.customers[i];
        row.customer = ids[i];
        row.recency = as_of_day - t.last_day;
        row.frequency = t.frequency;
        row.net_revenue = t.net;
        row.monetary = params.monetary == MonetaryMode::kTotal ? static_cast<double>(t.net)
                                                               : static_cast<double>(t.net) / t.frequency;
        recency[i] = row.recency;
        freq[i] = row.frequency;
        monetary[i] = row.monetary;
    }

    auto& rows = result.customers;
    if (params.method == RfmMethod::kNtile) {
        NtileScores(recency, n, true, [&](uint32_t i, int8_t s) { rows[i].r = s; });
        NtileScores(freq, n, false, [&](uint32_t i, int8_t s) { rows[i].f = s; });
        NtileScores(monetary, n, false, [&](uint32_t i, int8_t s) { rows[i].m = s; });
    } else {
        if (params.method == RfmMethod::kQuantile) {
            // Recency, frequency and total monetary are integers: score them with exact breakpoints.
            const std::vector<ExactBreak> r_breaks = ExactQuantileBreaks(AsInt64(recency), n);
            const std::vector<ExactBreak> f_breaks = ExactQuantileBreaks(AsInt64(freq), n);
            result.recency_breaks = BreaksAsDoubles(r_breaks);
            result.frequency_breaks = BreaksAsDoubles(f_breaks);
            const bool total = params.monetary == MonetaryMode::kTotal;
            std::vector<ExactBreak> m_breaks;
            if (total) {
                std::vector<int64_t> net(rows.size());
                for (size_t i = 0; i < rows.size(); ++i) net[i] = rows[i].net_revenue;
                m_breaks = ExactQuantileBreaks(std::move(net), n);
                result.monetary_breaks = BreaksAsDoubles(m_breaks);
            } else {
                result.monetary_breaks = QuantileBreaks(monetary, n);
            }
            for (RfmCustomer& row : rows) {
                // R counts down: the more breakpoints the recency exceeds, the older, the lower.
                row.r = static_cast<int8_t>(n + 1 - ScoreUpExact(row.recency, r_breaks));
                row.f = ScoreUpExact(row.frequency, f_breaks);
                row.m = total ? ScoreUpExact(row.net_revenue, m_breaks) : ScoreUp(row.monetary, result.monetary_breaks);
            }
        } else {
            result.recency_breaks = params.thresholds.recency;
            result.frequency_breaks = params.thresholds.frequency;
            // Thresholds are money in currency units: compare in whole minor units.
            for (const double t : params.thresholds.monetary) result.monetary_breaks.push_back(std::round(t * 100.0));
            for (RfmCustomer& row : rows) {
                row.r = static_cast<int8_t>(n + 1 - ScoreUp(row.recency, result.recency_breaks));
                row.f = ScoreUp(row.frequency, result.frequency_breaks);
                row.m = ScoreUp(row.monetary, result.monetary_breaks);
            }
        }
    }

    // Grid, segment summary and unused scores in one pass.
    result.segment_names.reserve(params.segments.size() + 1);
    for (const RfmSegment& s : params.segments) result.segment_names.push_back(s.name);
    result.segments.assign(params.segments.size() + 1, RfmSegmentSummary());
    const size_t cells = static_cast<size_t>(n) * n;
    result.grid_count.assign(cells, 0);
    result.grid_monetary_sum.assign(cells, 0.0);
    result.grid_m_sum.assign(cells, 0);
    result.grid_revenue.assign(cells, 0);
    std::vector<int64_t> r_counts(n + 1, 0), f_counts(n + 1, 0), m_counts(n + 1, 0);
    for (RfmCustomer& row : rows) {
        ++r_counts[row.r];
        ++f_counts[row.f];
        ++m_counts[row.m];
        const size_t cell = static_cast<size_t>(row.r - 1) * n + (row.f - 1);
        ++result.grid_count[cell];
        result.grid_monetary_sum[cell] += row.monetary;
        result.grid_m_sum[cell] += row.m;
        result.grid_revenue[cell] += row.net_revenue;
        result.total_revenue += row.net_revenue;
        const size_t segment = MatchSegment(params.segments, ScoreOnFiveScale(row.r, n), ScoreOnFiveScale(row.f, n),
                                            ScoreOnFiveScale(row.m, n));
        row.segment = static_cast<uint16_t>(segment);
        RfmSegmentSummary& summary = result.segments[segment];
        ++summary.customers;
        summary.revenue += row.net_revenue;
        summary.recency_sum += row.recency;
        summary.frequency_sum += row.frequency;
        summary.monetary_sum += row.monetary;
    }
    // "Other" is listed only when some customer falls into it.
    if (result.segments.back().customers > 0) {
        result.segment_names.emplace_back(kOtherSegment);
    } else {
        result.segments.pop_back();
    }
    result.unused_r = UnusedScores(r_counts);
    result.unused_f = UnusedScores(f_counts);
    result.unused_m = UnusedScores(m_counts);
    return result;
}

namespace {

void WriteIntList(JsonWriter& out, const std::vector<int32_t>& values) {
    out.BeginArray();
    for (const int32_t v : values) out.Int(v);
    out.EndArray();
}

void WriteBreaks(JsonWriter& out, const std::vector<double>& values, double scale) {
    out.BeginArray();
    for (const double v : values) out.Double(v / scale);
    out.EndArray();
}

template <class Cell>
void WriteGrid(JsonWriter& out, int32_t n, Cell cell) {
    out.BeginArray();
    for (int32_t r = 0; r < n; ++r) {
        out.BeginArray();
        for (int32_t f = 0; f < n; ++f) cell(static_cast<size_t>(r) * n + f);
        out.EndArray();
    }
    out.EndArray();
}

const char* MethodName(RfmMethod method) {
    switch (method) {
        case RfmMethod::kQuantile: return "quantile";
        case RfmMethod::kNtile: return "ntile";
        case RfmMethod::kFixed: return "fixed";
    }
    return "quantile";
}

}  // namespace

void WriteRfmJson(const RfmResult& result, const Dataset& data, JsonWriter& out) {
    const int32_t n = result.n;
    const bool mean_mode = result.monetary_mode == MonetaryMode::kMean;
    const auto customer_total = static_cast<int64_t>(result.customers.size());
    out.BeginObject();
    out.Key("method").String(MethodName(result.method));
    out.Key("n").Int(n);
    out.Key("monetaryMode").String(mean_mode ? "mean" : "total");
    out.Key("asOf").Date(result.as_of_day);
    out.Key("customerCount").Int(customer_total);
    out.Key("breakpoints");
    if (result.method == RfmMethod::kNtile) {
        out.Null();
    } else {
        out.BeginObject();
        out.Key("recency");
        WriteBreaks(out, result.recency_breaks, 1.0);
        out.Key("frequency");
        WriteBreaks(out, result.frequency_breaks, 1.0);
        out.Key("monetary");
        WriteBreaks(out, result.monetary_breaks, 100.0);
        out.EndObject();
    }
    out.Key("unusedScores").BeginObject();
    out.Key("r");
    WriteIntList(out, result.unused_r);
    out.Key("f");
    WriteIntList(out, result.unused_f);
    out.Key("m");
    WriteIntList(out, result.unused_m);
    out.EndObject();

    out.Key("grid").BeginObject();
    out.Key("count");
    WriteGrid(out, n, [&](size_t i) { out.Int(result.grid_count[i]); });
    out.Key("meanMonetary");
    WriteGrid(out, n, [&](size_t i) {
        const int64_t count = result.grid_count[i];
        count > 0 ? out.Double(result.grid_monetary_sum[i] / static_cast<double>(count) / 100.0) : out.Null();
    });
    out.Key("meanM");
    WriteGrid(out, n, [&](size_t i) {
        const int64_t count = result.grid_count[i];
        count > 0 ? out.Double(static_cast<double>(result.grid_m_sum[i]) / static_cast<double>(count)) : out.Null();
    });
    out.Key("revenue");
    WriteGrid(out, n, [&](size_t i) { out.Money(result.grid_revenue[i]); });
    out.EndObject();

    out.Key("segments").BeginArray();
    for (size_t s = 0; s < result.segments.size(); ++s) {
        const RfmSegmentSummary& summary = result.segments[s];
        const auto count = static_cast<double>(summary.customers);
        out.BeginObject();
        out.Key("name").String(result.segment_names[s]);
        out.Key("customers").Int(summary.customers);
        out.Key("share").Double(count / static_cast<double>(customer_total));
        out.Key("revenue").Money(summary.revenue);
        out.Key("revenueShare");
        result.total_revenue != 0
            ? out.Double(static_cast<double>(summary.revenue) / static_cast<double>(result.total_revenue))
            : out.Null();
        if (summary.customers > 0) {
            out.Key("meanRecency").Double(static_cast<double>(summary.recency_sum) / count);
            out.Key("meanFrequency").Double(static_cast<double>(summary.frequency_sum) / count);
            out.Key("meanMonetary").Double(summary.monetary_sum / count / 100.0);
        } else {
            out.Key("meanRecency").Null();
            out.Key("meanFrequency").Null();
            out.Key("meanMonetary").Null();
        }
        out.EndObject();
    }
    out.EndArray();

    out.Key("customers");
    if (!result.include_customers) {
        out.Null();
    } else {
        out.BeginArray();
        for (const RfmCustomer& row : result.customers) {
            out.BeginObject();
            out.Key("customer").String(data.customers.At(row.customer));
            out.Key("recency").Int(row.recency);
            out.Key("frequency").Int(row.frequency);
            out.Key("monetary");
            mean_mode ? out.Double(row.monetary / 100.0) : out.Money(row.net_revenue);
            out.Key("revenue").Money(row.net_revenue);
            out.Key("r").Int(row.r);
            out.Key("f").Int(row.f);
            out.Key("m").Int(row.m);
            out.Key("segment").String(result.segment_names[row.segment]);
            out.EndObject();
        }
        out.EndArray();
    }
    out.EndObject();
}

}  // namespace crm
