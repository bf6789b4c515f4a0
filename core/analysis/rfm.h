#pragma once
// RFM analysis (SPEC 3.1): recency, frequency and monetary value per customer, scored 1..n, the R x F
// grid, named segments and their summary.

#include <cstdint>
#include <string>
#include <vector>

#include "core/analysis/rfm_segments.h"
#include "core/common/json_writer.h"
#include "core/common/status.h"
#include "core/dataset/dataset.h"
#include "simdjson.h"

namespace crm {

/// How scores are assigned.
enum class RfmMethod : uint8_t {
    kQuantile,  ///< type-7 quantile breakpoints at k/n; equal values always get equal scores
    kNtile,     ///< SQL NTILE(n); R by recency descending, F and M ascending, ties by customer key
    kFixed,     ///< user thresholds, scored like the quantile breakpoints
};

/// What "monetary" means.
enum class MonetaryMode : uint8_t {
    kTotal,  ///< net revenue (purchases minus returns), exact in minor units
    kMean,   ///< net revenue / frequency
};

/// Fixed thresholds: n-1 non-decreasing values per measure (recency in days, frequency in purchases,
/// monetary in currency units).
struct RfmThresholds {
    std::vector<double> recency;
    std::vector<double> frequency;
    std::vector<double> monetary;
};

/// Parameters of an RFM request.
struct RfmParams {
    RfmMethod method = RfmMethod::kQuantile;
    int32_t n = 5;  ///< scores 1..n, 3..10
    MonetaryMode monetary = MonetaryMode::kTotal;
    RfmThresholds thresholds;                                 ///< used by kFixed only
    std::vector<RfmSegment> segments = DefaultRfmSegments();  ///< first match wins; unmatched -> "Other"
    bool include_customers = true;                            ///< write the per-customer table
};

/// Reads the request's "rfm" object, e.g.
/// {"method":"fixed","n":3,"monetary":"mean","thresholds":{"recency":[30,90],"frequency":[1,3],
///  "monetary":[100,500]},"segments":[{"name":"Best","r":[4,5],"f":[4,5]},{"name":"Rest"}],"includeCustomers":false}.
/// Segment ranges are [lo, hi] or one integer on the 1..5 scale; an omitted range means 1..5. A missing or null
/// element gives the defaults; unknown keys and bad values are kBadRequest naming the key and what is allowed.
Status ParseRfmParams(simdjson::simdjson_result<simdjson::dom::element> params, RfmParams& out);

/// Same for an element already looked up.
Status ParseRfmParams(simdjson::dom::element params, RfmParams& out);

/// One customer's measures and scores.
struct RfmCustomer {
    uint32_t customer = 0;       ///< id in Dataset::customers
    int32_t recency = 0;         ///< as-of day - last purchase day
    int32_t frequency = 0;       ///< purchases
    int64_t net_revenue = 0;     ///< purchases minus returns, minor units
    double monetary = 0;         ///< the scored value in minor units (net revenue, or its mean per purchase)
    int8_t r = 0, f = 0, m = 0;  ///< scores 1..n
    uint16_t segment = 0;        ///< index into RfmResult::segment_names
};

/// Per-segment summary.
struct RfmSegmentSummary {
    int64_t customers = 0;
    int64_t revenue = 0;        ///< net revenue, minor units
    int64_t recency_sum = 0;    ///< days
    int64_t frequency_sum = 0;  ///< purchases
    double monetary_sum = 0;    ///< minor units
};

/// The computed RFM report.
struct RfmResult {
    RfmMethod method = RfmMethod::kQuantile;
    int32_t n = 5;
    MonetaryMode monetary_mode = MonetaryMode::kTotal;
    bool include_customers = true;
    int32_t as_of_day = 0;
    std::vector<RfmCustomer> customers;  ///< in customer key order (customer_order.h)
    /// Breakpoints q_1..q_{n-1} (recency days, frequency, monetary in minor units); empty for NTILE.
    std::vector<double> recency_breaks, frequency_breaks, monetary_breaks;
    /// Scores 1..n that no customer received, per measure.
    std::vector<int32_t> unused_r, unused_f, unused_m;
    /// n x n grids indexed [(r-1)*n + (f-1)].
    std::vector<int64_t> grid_count;
    std::vector<double> grid_monetary_sum;  ///< minor units
    std::vector<int64_t> grid_m_sum;
    std::vector<int64_t> grid_revenue;       ///< net revenue, minor units
    std::vector<std::string> segment_names;  ///< the table's names, plus "Other" when used
    std::vector<RfmSegmentSummary> segments;
    int64_t total_revenue = 0;  ///< net revenue of all customers, minor units
};

/// Computes RFM over purchases and returns dated before `as_of_day` (days since epoch). kNoData when
/// there is no purchase before it; kBadRequest when fixed thresholds do not fit n.
Result<RfmResult> ComputeRfm(const Dataset& data, int32_t as_of_day, const RfmParams& params);

/// Writes the "rfm" report object (the value; the caller writes the key).
void WriteRfmJson(const RfmResult& result, const Dataset& data, JsonWriter& out);

}  // namespace crm
