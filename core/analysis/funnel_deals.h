#pragma once
// What the funnel and its drill-downs share: the stage order and as-of of a computation, and the
// evaluation of one deal (outcome, stages reached and skipped, stalled, manager/pipeline/source). Both
// count deals only through these functions, so a drill-down can never disagree with the funnel.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/analysis/funnel.h"
#include "core/analysis/stage_order.h"
#include "core/common/status.h"
#include "core/dataset/dataset.h"

namespace crm {

/// One deal as the funnel counts it.
struct DealSummary {
    uint32_t deal = kNoId;  ///< id in Dataset::deals
    DealOutcome outcome = DealOutcome::kOpen;
    int32_t reached = 0;  ///< the deal reached stages 0..reached-1 (in the funnel's mode)
    std::array<uint32_t, 3> groups{kNoId, kNoId, kNoId};  ///< manager, pipeline, source ids (last non-empty)
    uint32_t lost_reason = kNoId;
    uint32_t last_stage = kNoId;      ///< stage id of the last event (snapshot: the current stage)
    int64_t first_time = INT64_MIN;   ///< first event (snapshot: created), INT64_MIN when unknown
    int64_t last_time = INT64_MIN;    ///< last event (snapshot: closed), INT64_MIN when unknown
    bool stalled = false;             ///< open with no event for longer than the stalled threshold (event log)
    int64_t idle_seconds = 0;         ///< as-of minus the last event (event log)
};

/// An event log prepared for a funnel: events before as-of grouped by deal, and the stage order.
struct EventFunnelBase {
    int64_t as_of = 0;
    EventsByDeal grouped;
    StageMap stages;
    bool has_loss_reasons = false;
};

/// Groups the events and orders the stages (given, else inferred). kNoData without events before as-of or
/// without a funnel stage; kBadRequest for a bad given order. The default as-of is the end of the day of
/// the last event.
Result<EventFunnelBase> PrepareEventFunnel(const Dataset& data, std::optional<int64_t> as_of_seconds,
                                           const FunnelParams& params);

/// Evaluates the deals of an event log one at a time, reusing per-stage scratch across deals.
class EventDealScanner {
public:
    /// The scanner reads `base` and the events of `data`; both must outlive it.
    EventDealScanner(const Dataset& data, const EventFunnelBase& base, const FunnelParams& params);

    /// Evaluates deal group `g` of base.grouped: fills `deal` and the stage positions it skipped
    /// (no event at s while a later stage has one).
    void Scan(size_t g, DealSummary& deal, std::vector<int32_t>& skipped);

    /// After Scan: whether the deal has an event at stage position s.
    bool Entered(int32_t s) const { return stamp_[s] == current_; }
    /// After Scan: first entry time into stage position s (when Entered).
    int64_t FirstEntry(int32_t s) const { return first_time_[s]; }
    /// After Scan: time of the deal's next event at another stage after its first entry into s, if any.
    std::optional<int64_t> LeftAt(int32_t s) const {
        return left_at_[s] == kNotLeft ? std::nullopt : std::optional<int64_t>(left_at_[s]);
    }

private:
    /// The last value other than kNoId of a column among the current deal's events, or kNoId.
    uint32_t LastValue(DealValue value) const;

    const EventFunnelBase& base_;
    FunnelMode mode_;
    int64_t stalled_after_;
    uint32_t current_ = kNoId;
    std::array<uint32_t, kDealValues> uniform_values_{};  // per DealValue of a uniform column: its one value
    std::vector<uint32_t> stamp_;  // stamp_[s] == current_ marks "the deal has an event at s"
    static constexpr int64_t kNotLeft = INT64_MIN;  // (no event time is INT64_MIN: times are parsed dates)
    std::vector<int64_t> first_time_;
    std::vector<int64_t> left_at_;  // per stage position entered: LeftAt's time, or kNotLeft
};

/// A snapshot prepared for a funnel: one row per deal (a repeated deal id keeps its last row) and the stages.
struct SnapshotFunnelBase {
    std::vector<uint32_t> rows;  ///< snapshot row of each deal, in deal id order
    StageMap stages;
    std::optional<int64_t> as_of;
    bool has_loss_reasons = false;
};

/// Picks the rows and orders the stages (given, else dictionary order). kNoData without a funnel stage.
/// The default as-of is the end of the day of the last created/closed time.
Result<SnapshotFunnelBase> PrepareSnapshotFunnel(const Dataset& data, std::optional<int64_t> as_of_seconds,
                                                 const FunnelParams& params);

/// Evaluates snapshot row `row`: a deal at stage s reached every earlier stage, a won deal all stages, a lost
/// deal whose stage is the lost outcome only the first.
DealSummary SnapshotDeal(const DealSnapshots& snap, uint32_t row, const StageMap& stages);

}  // namespace crm
