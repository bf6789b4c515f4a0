#pragma once
// Drill-downs: the rows behind one number of a report. The customers of a cohort cell (who were active
// at offset k, with their money) and the deals behind a funnel count (reached, skipped, dropped after a
// stage, stalled, won, lost, open). Both reuse the analyses' own definitions (cohort_frame.h,
// funnel_deals.h), so the row count always equals the number the report shows.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/cohorts.h"
#include "core/analysis/funnel.h"
#include "core/analysis/funnel_deals.h"
#include "core/common/json_writer.h"
#include "core/common/status.h"
#include "core/dataset/dataset.h"

namespace crm {

/// Default and largest row cap of a drill-down.
constexpr int64_t kDefaultDrillLimit = 10000;
constexpr int64_t kMaxDrillLimit = 100000;

/// What a drill-down lists.
enum class DrillKind : uint8_t {
    kCohort,  ///< customers of a cohort (one cell, or the whole row)
    kFunnel,  ///< deals of a funnel count
};

/// Which deals of a funnel drill-down.
enum class DealSet : uint8_t { kReached, kSkipped, kDroppedAfter, kStalled, kWon, kLost, kOpen };

/// Names of DealSet values as the request writes them, in enum order.
constexpr const char* kDealSetNames[] = {"reached", "skipped", "droppedAfter", "stalled", "won", "lost", "open"};

/// A drill-down request (the request's "drill" object, parsed by core/engine/request.cpp).
struct DrillSpec {
    DrillKind kind = DrillKind::kCohort;
    std::string cohort;                ///< cohort label as in report.cohorts.cohorts
    std::optional<int32_t> offset;     ///< cohort cell offset; none = every customer of the cohort
    std::optional<std::string> stage;  ///< funnel stage name as in report.funnel.stages
    DealSet set = DealSet::kReached;
    std::array<std::optional<std::string>, 3> groups;  ///< manager, pipeline, source ("(none)" = none)
    int64_t limit = kDefaultDrillLimit;                ///< rows written at most
};

/// One customer of a cohort drill-down (money in minor units).
struct CohortDrillRow {
    uint32_t customer = 0;          ///< id in Dataset::customers
    int32_t first_day = 0;          ///< day of the first purchase
    int64_t period_purchases = 0;   ///< purchases at the offset (whole row: at offsets 0..K-1)
    int64_t period_revenue = 0;     ///< purchases minus returns at the offset, as the matrix counts them
    int64_t total_purchases = 0;    ///< purchases before as-of
    int64_t total_revenue = 0;      ///< purchases minus returns before as-of
};

/// A computed drill-down: all matching rows, sorted by customer / deal key, cut to the limit.
struct DrillResult {
    DrillSpec spec;
    int64_t total = 0;       ///< rows matching before the cap
    bool truncated = false;  ///< total > limit
    // Cohort drill-down.
    int32_t as_of_day = 0;
    int64_t revenue = 0;               ///< the cell's revenue (report.cohorts.revenue), minor units
    int64_t revenue_outside_rows = 0;  ///< of which returns of cohort customers with no purchase in the cell
    std::vector<CohortDrillRow> customers;
    // Funnel drill-down.
    std::optional<int32_t> stage_index;
    FunnelMode mode = FunnelMode::kReached;
    std::optional<int64_t> as_of_seconds;
    std::vector<DealSummary> deals;
};

/// The customers of cohort `spec.cohort` computed as ComputeCohorts(data, as_of_day, params) does: with an
/// offset, those with a purchase at that offset (the cell's `active`); without, all of the cohort.
/// kBadRequest for an unknown cohort label or an offset outside 0..offsets-1.
Result<DrillResult> ComputeCohortDrill(const Dataset& data, int32_t as_of_day, const CohortParams& params,
                                       const DrillSpec& spec);

/// The deals of set `spec.set` (at `spec.stage`, within the given manager/pipeline/source) as
/// ComputeFunnel(data, as_of_seconds, params) counts them. kBadRequest for an unknown stage, a set that needs a
/// stage, droppedAfter at the last stage, or skipped/stalled on a snapshot.
Result<DrillResult> ComputeFunnelDrill(const Dataset& data, std::optional<int64_t> as_of_seconds,
                                       const FunnelParams& params, const DrillSpec& spec);

/// Writes the "drill" report object (the value; the caller writes the key).
void WriteDrillJson(const DrillResult& result, const Dataset& data, JsonWriter& out);

}  // namespace crm
