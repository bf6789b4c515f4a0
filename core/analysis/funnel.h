#pragma once
// Sales funnel (SPEC 3.3) from a deal event log or a deal snapshot: reached and skipped stages,
// conversions, outcomes, time in stage, time to won, stalled deals, loss reasons and breakdowns.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/stage_order.h"
#include "core/common/json_writer.h"
#include "core/common/status.h"
#include "core/dataset/dataset.h"
#include "simdjson.h"

namespace crm {

/// How "reached" is counted.
enum class FunnelMode : uint8_t {
    kReached,  ///< a deal reached s if it has an event at s or at any later stage
    kStrict,   ///< only if it has events at every stage 0..s with non-decreasing first-entry times
};

/// Dimensions of the breakdowns.
enum class FunnelGroup : uint8_t { kManager, kPipeline, kSource };

/// Parameters of a funnel request.
struct FunnelParams {
    std::vector<std::string> stages;  ///< explicit order, the won stage last; empty = infer
    FunnelMode mode = FunnelMode::kReached;
    int32_t stalled_days = 30;                            ///< open deals idle longer than this are stalled
    std::optional<std::vector<std::string>> won_stages;   ///< exact names of won outcomes (default: vocabulary)
    std::optional<std::vector<std::string>> lost_stages;  ///< exact names of lost outcomes (default: vocabulary)
    int32_t max_deal_ids = 100;                           ///< deal ids listed per list (skipped deals, stalled deals)
    std::vector<FunnelGroup> group_by = {FunnelGroup::kManager, FunnelGroup::kPipeline, FunnelGroup::kSource};
};

/// Reads the request's "funnel" object, e.g. {"stages":["lead","qualified","won"],"mode":"strict",
/// "stalledDays":14,"wonStages":["won"],"lostStages":["lost"],"maxDealIds":50,"groupBy":["manager"]}.
/// A missing or null element gives the defaults; unknown keys and bad values are kBadRequest.
Status ParseFunnelParams(simdjson::simdjson_result<simdjson::dom::element> params, FunnelParams& out);

/// Same for an element already looked up.
Status ParseFunnelParams(simdjson::dom::element params, FunnelParams& out);

/// Number of bins of duration histograms; lower edges in days: 0, 1, 3, 7, 14, 30, 60, 90 (last open).
constexpr size_t kDurationBins = 8;

/// Median, 90th percentile and histogram of durations in seconds.
struct DurationStats {
    int64_t count = 0;
    int64_t still_in = 0;  ///< time in stage: stays with no later event (not counted)
    double median_seconds = 0;
    double p90_seconds = 0;
    std::array<int64_t, kDurationBins> histogram{};
};

/// One row of a breakdown (by manager, pipeline or source).
struct FunnelGroupRow {
    uint32_t id = kNoId;  ///< id in the dimension's dictionary, kNoId for "(none)"
    int64_t deals = 0, won = 0, lost = 0, open = 0;
    std::vector<int64_t> reached, skipped;
};

/// An open deal with no event for longer than the stalled threshold.
struct StalledDeal {
    uint32_t deal = 0;
    uint32_t stage = kNoId;  ///< stage id of its last event
    int64_t idle_seconds = 0;
};

/// The computed funnel.
struct FunnelResult {
    FunnelMode mode = FunnelMode::kReached;
    bool from_events = true;  ///< event log, else snapshot
    StageMap stages;
    int64_t deals = 0, won = 0, lost = 0, open = 0;
    std::vector<int64_t> reached, skipped;             ///< per stage
    std::vector<std::vector<uint32_t>> skipped_deals;  ///< per stage, first max_deal_ids deal ids (event log)
    std::vector<DurationStats> time_in_stage;          ///< per stage except the won stage (event log)
    DurationStats time_to_won;
    std::optional<int64_t> as_of_seconds;
    int32_t stalled_days = 30;
    int64_t stalled_count = 0;
    std::vector<StalledDeal> stalled;  ///< longest idle first, at most max_deal_ids (event log)
    bool has_loss_reasons = false;
    std::vector<std::pair<uint32_t, int64_t>> loss_reasons;  ///< (reason id or kNoId, lost deals), most first
    std::vector<FunnelGroup> group_by;
    std::array<std::vector<FunnelGroupRow>, 3> groups;  ///< indexed by FunnelGroup
};

/// Computes the funnel from Dataset::deal_events when it has rows, else Dataset::deal_snapshots (kNoData when
/// both are empty). Events at or after `as_of_seconds` are left out; the default as-of is the end of the day of
/// the last event (snapshots: of the last created/closed time).
Result<FunnelResult> ComputeFunnel(const Dataset& data, std::optional<int64_t> as_of_seconds,
                                   const FunnelParams& params);

/// Writes the "funnel" report object (the value; the caller writes the key).
void WriteFunnelJson(const FunnelResult& result, const Dataset& data, JsonWriter& out);

}  // namespace crm
