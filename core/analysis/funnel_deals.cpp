#include "core/analysis/funnel_deals.h"

#include <algorithm>

#include "core/common/civil_date.h"

namespace crm {
namespace {

Error NoStages() { return MakeError(ErrorCode::kNoData, "no funnel stages: every deal stage is a lost outcome"); }

}  // namespace

Result<EventFunnelBase> PrepareEventFunnel(const Dataset& data, std::optional<int64_t> as_of_seconds,
                                           const FunnelParams& params) {
    const DealEvents& ev = data.deal_events;
    EventFunnelBase base;
    if (as_of_seconds) {
        base.as_of = *as_of_seconds;
    } else {
        int64_t last = INT64_MIN;
        for (const int64_t t : ev.time) last = std::max(last, t);
        base.as_of = (static_cast<int64_t>(DayOfSeconds(last)) + 1) * kSecondsPerDay;
    }
    base.grouped = GroupEventsByDeal(ev, data.deals.size(), base.as_of);
    if (base.grouped.groups() == 0) return MakeError(ErrorCode::kNoData, "no deal events before the as-of time");

    const StageClasses classes = ClassifyStages(data.stages, params.won_stages, params.lost_stages);
    std::vector<uint8_t> used(data.stages.size(), 0);
    for (const uint32_t id : base.grouped.stages) {
        if (id < used.size()) used[id] = 1;
    }
    if (ev.lost_reason.uniform()) {  // (there is a grouped event: checked above)
        base.has_loss_reasons = ev.lost_reason[0] != kNoId;
    } else {  // a kept event with a loss reason leaves one as its deal's last
        const std::vector<uint32_t>& reasons = base.grouped.last_values[static_cast<size_t>(DealValue::kLostReason)];
        base.has_loss_reasons = std::any_of(reasons.begin(), reasons.end(), [](uint32_t id) { return id != kNoId; });
    }
    if (!params.stages.empty()) {
        Result<StageMap> given = GivenStageOrder(data.stages, classes, params.stages, used);
        if (!given.ok()) return given.error();
        base.stages = std::move(given).value();
    } else {
        base.stages = InferStageOrder(data.stages, classes, ev, base.grouped);
    }
    if (base.stages.names.empty()) return NoStages();
    return base;
}

EventDealScanner::EventDealScanner(const Dataset& data, const EventFunnelBase& base, const FunnelParams& params)
    : base_(base),
      mode_(params.mode),
      stalled_after_(static_cast<int64_t>(params.stalled_days) * kSecondsPerDay),
      stamp_(base.stages.names.size(), kNoId),
      first_time_(base.stages.names.size(), 0),
      left_at_(base.stages.names.size(), kNotLeft) {
    for (size_t c = 0; c < kDealValues; ++c) {
        const UniformColumn<uint32_t>& column = DealValueColumn(data.deal_events, static_cast<DealValue>(c));
        uniform_values_[c] = column.uniform() && !column.empty() ? column[0] : kNoId;
    }
}

void EventDealScanner::Scan(size_t g, DealSummary& deal, std::vector<int32_t>& skipped) {
    const EventsByDeal& grouped = base_.grouped;
    const std::vector<int32_t>& position = base_.stages.position;
    const size_t stage_count = base_.stages.names.size();
    const auto won = static_cast<int32_t>(stage_count - 1);
    const size_t start = grouped.starts[g];
    const size_t len = grouped.starts[g + 1] - start;
    const int64_t* const times = grouped.times.data() + start;
    const uint32_t* const stages = grouped.stages.data() + start;
    current_ = static_cast<uint32_t>(g);
    int32_t max_pos = -1;
    bool has_lost = false;
    deal = DealSummary();
    deal.deal = grouped.deals[g];
    // The events in time order form runs of one stage each (a funnel position, or another stage). A stage is
    // left at the first event of the run after the one it was first entered in; `pending` is the stage first
    // entered in the current run (one at most: a run has one stage, entered first at the run's start).
    int64_t run = -1;  // the current run's stage: its position, or stage_count + its id for any other stage
    int32_t pending = -1;
    for (size_t j = 0; j < len; ++j) {
        const uint32_t stage = stages[j];
        const int32_t pos = stage < position.size() ? position[stage] : kIgnoredStage;
        const int64_t key = pos >= 0 ? pos : static_cast<int64_t>(stage_count) + stage;
        if (key != run) {
            if (pending >= 0) left_at_[pending] = times[j];
            pending = -1;
            run = key;
        }
        if (pos >= 0) {
            if (stamp_[pos] != current_) {
                stamp_[pos] = current_;
                first_time_[pos] = times[j];
                left_at_[pos] = kNotLeft;
                pending = pos;
            }
            max_pos = std::max(max_pos, pos);
        } else if (pos == kLostStage) {
            has_lost = true;
        }
    }
    // A deal's manager, pipeline, source and loss reason: the last non-empty value among its events, taken
    // while they were grouped.
    deal.groups[0] = LastValue(DealValue::kManager);
    deal.groups[1] = LastValue(DealValue::kPipeline);
    deal.groups[2] = LastValue(DealValue::kSource);
    deal.lost_reason = LastValue(DealValue::kLostReason);
    const bool is_won = stamp_[won] == current_;
    deal.outcome = is_won ? DealOutcome::kWon : has_lost ? DealOutcome::kLost : DealOutcome::kOpen;
    if (mode_ == FunnelMode::kReached) {
        deal.reached = max_pos + 1;
    } else {
        // Strict: the longest prefix of stages entered in order (first entries non-decreasing).
        int32_t r = 0;
        while (r < static_cast<int32_t>(stage_count) && stamp_[r] == current_ &&
               (r == 0 || first_time_[r] >= first_time_[r - 1])) {
            ++r;
        }
        deal.reached = r;
    }
    skipped.clear();
    for (int32_t s = 0; s < max_pos; ++s) {
        if (stamp_[s] != current_) skipped.push_back(s);
    }
    deal.last_stage = stages[len - 1];
    deal.first_time = times[0];
    deal.last_time = times[len - 1];
    deal.idle_seconds = base_.as_of - deal.last_time;
    deal.stalled = deal.outcome == DealOutcome::kOpen && deal.idle_seconds > stalled_after_;
}

uint32_t EventDealScanner::LastValue(DealValue value) const {
    const auto c = static_cast<size_t>(value);
    const std::vector<uint32_t>& last = base_.grouped.last_values[c];
    return last.empty() ? uniform_values_[c] : last[base_.grouped.deals[current_]];
}

Result<SnapshotFunnelBase> PrepareSnapshotFunnel(const Dataset& data, std::optional<int64_t> as_of_seconds,
                                                 const FunnelParams& params) {
    const DealSnapshots& snap = data.deal_snapshots;
    SnapshotFunnelBase base;
    std::vector<uint32_t> row_of(data.deals.size(), kNoId);
    for (size_t i = 0; i < snap.size(); ++i) {
        if (snap.deal[i] < row_of.size()) row_of[snap.deal[i]] = static_cast<uint32_t>(i);
    }
    std::vector<uint8_t> used(data.stages.size(), 0);
    int64_t last_time = INT64_MIN;
    for (const uint32_t i : row_of) {
        if (i == kNoId) continue;
        base.rows.push_back(i);
        if (snap.stage[i] < used.size()) used[snap.stage[i]] = 1;
        base.has_loss_reasons = base.has_loss_reasons || snap.lost_reason[i] != kNoId;
        last_time = std::max({last_time, snap.created[i], snap.closed[i]});
    }
    const StageClasses classes = ClassifyStages(data.stages, params.won_stages, params.lost_stages);
    if (!params.stages.empty()) {
        Result<StageMap> given = GivenStageOrder(data.stages, classes, params.stages, used);
        if (!given.ok()) return given.error();
        base.stages = std::move(given).value();
    } else {
        base.stages = DictionaryStageOrder(data.stages, classes, used);
    }
    if (base.stages.names.empty()) return NoStages();
    if (as_of_seconds) {
        base.as_of = *as_of_seconds;
    } else if (last_time != INT64_MIN) {
        base.as_of = (static_cast<int64_t>(DayOfSeconds(last_time)) + 1) * kSecondsPerDay;
    }
    return base;
}

DealSummary SnapshotDeal(const DealSnapshots& snap, uint32_t row, const StageMap& stages) {
    const auto won = static_cast<int32_t>(stages.names.size()) - 1;
    const int32_t pos = snap.stage[row] < stages.position.size() ? stages.position[snap.stage[row]] : kIgnoredStage;
    DealSummary deal;
    deal.deal = snap.deal[row];
    deal.groups = {snap.manager[row], snap.pipeline[row], snap.source[row]};
    deal.lost_reason = snap.lost_reason[row];
    deal.last_stage = snap.stage[row];
    deal.first_time = snap.created[row];
    deal.last_time = snap.closed[row];
    deal.outcome = snap.outcome[row];
    if (deal.outcome == DealOutcome::kOpen) {
        deal.outcome = pos == kLostStage ? DealOutcome::kLost : pos == won ? DealOutcome::kWon : DealOutcome::kOpen;
    }
    if (deal.outcome == DealOutcome::kWon) {
        deal.reached = won + 1;
    } else if (pos >= 0) {
        deal.reached = pos + 1;
    } else {
        deal.reached = deal.outcome == DealOutcome::kLost ? 1 : 0;
    }
    return deal;
}

}  // namespace crm
