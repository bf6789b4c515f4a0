#pragma once
// Cohort analysis (SPEC 3.2): customers grouped by the period of their first purchase (or a first-touch
// attribute), followed over the periods since: active customers, three retention modes, revenue and
// cumulative revenue per customer. Cells not observable at the as-of date are null, never 0.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/json_writer.h"
#include "core/common/status.h"
#include "core/dataset/dataset.h"
#include "simdjson.h"

namespace crm {

/// Calendar period of the matrix.
enum class CohortPeriod : uint8_t { kMonth, kWeek, kQuarter };

/// What defines a cohort.
enum class CohortBy : uint8_t {
    kFirstPurchase,  ///< period of the first purchase
    kChannel,        ///< channel of the first purchase (first touch)
    kCampaign,       ///< campaign of the first purchase
    kRegion,         ///< region of the first purchase
    kManager,        ///< manager of the first purchase
};

/// Parameters of a cohorts request.
struct CohortParams {
    CohortPeriod period = CohortPeriod::kMonth;
    int32_t week_start = 0;  ///< first weekday of a week: 0 = Monday .. 6 = Sunday
    CohortBy by = CohortBy::kFirstPurchase;
    std::optional<int32_t> max_offsets;  ///< cap on the number of offsets reported
};

/// Reads the request's "cohorts" object, e.g. {"period":"week","weekStart":"sunday","by":"channel",
/// "maxOffsets":12}. A missing or null element gives the defaults; unknown keys and bad values are kBadRequest.
Status ParseCohortParams(simdjson::simdjson_result<simdjson::dom::element> params, CohortParams& out);

/// Same for an element already looked up.
Status ParseCohortParams(simdjson::dom::element params, CohortParams& out);

/// The computed matrix: cohorts x offsets, row-major (cell = cohort * offsets + k).
struct CohortResult {
    CohortPeriod period = CohortPeriod::kMonth;
    CohortBy by = CohortBy::kFirstPurchase;
    int32_t week_start = 0;
    int32_t as_of_day = 0;
    std::vector<std::string> labels;  ///< cohort labels ("2024-01", "2024-Q1", "2024-01-01" or attribute value)
    std::vector<int64_t> sizes;       ///< customers per cohort
    int32_t offsets = 0;              ///< columns K
    /// Customers of the cohort whose offset k can be observed (first period + k <= last period); 0 = null cell.
    /// For period cohorts this is the cohort size or 0.
    std::vector<int64_t> eligible;
    std::vector<int64_t> active;              ///< distinct customers with a purchase at offset k
    std::vector<int64_t> active_or_later;     ///< customers with a purchase at an offset >= k
    std::vector<int64_t> returned_by;         ///< customers with a purchase at some offset in 1..k (k >= 1)
    std::vector<int64_t> revenue;             ///< purchases minus returns at offset k, minor units
    std::vector<int64_t> cumulative_revenue;  ///< revenue of offsets 0..k of the eligible customers, minor units
    std::string last_period;                  ///< label of the period of the as-of date's previous day
    bool last_period_partial = false;         ///< that period continues past the as-of date
    std::vector<int32_t> partial_offsets;     ///< per cohort: offset of its partial cell, or -1
};

/// Computes the cohort matrix over purchases and returns dated before `as_of_day`. kNoData when no purchase
/// is dated before it.
Result<CohortResult> ComputeCohorts(const Dataset& data, int32_t as_of_day, const CohortParams& params);

/// Writes the "cohorts" report object (the value; the caller writes the key).
void WriteCohortsJson(const CohortResult& result, JsonWriter& out);

}  // namespace crm
