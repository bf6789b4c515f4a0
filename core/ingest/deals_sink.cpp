#include "core/ingest/deals_sink.h"

#include <algorithm>

#include "core/ingest/vocabulary.h"

namespace crm {
namespace {

/// Optional money value: INT64_MIN when empty or unparseable.
int64_t OptionalMoney(const SinkContext& ctx, const Record& record, Role role) {
    const std::string_view text = ctx.binding.Value(record, role);
    int64_t minor = INT64_MIN;
    if (text.empty() || !ParseMoney(text, ctx.binding.number[static_cast<int>(role)], minor)) return INT64_MIN;
    return minor;
}

/// Common checks of both deal kinds; false when the row was rejected.
bool ReadDealKey(SinkContext& ctx, GroupedDuplicates& duplicates, const Record& record, uint32_t& deal,
                 uint32_t& stage) {
    const std::string_view deal_text = ctx.binding.Value(record, Role::kDealId);
    deal = deal_text.empty() ? kNoId : ctx.data->deals.Intern(deal_text);
    if (ctx.options->drop_duplicates && duplicates.SeenBefore(record, deal)) {
        ctx.Reject(record, RejectReason::kDuplicate, Role::kNone);
        return false;
    }
    if (deal_text.empty()) {
        ctx.Reject(record, RejectReason::kMissingDealId, Role::kDealId);
        return false;
    }
    const std::string_view stage_text = ctx.binding.Value(record, Role::kStage);
    if (stage_text.empty()) {
        ctx.Reject(record, RejectReason::kMissingStage, Role::kStage);
        return false;
    }
    stage = ctx.value_caches[static_cast<int>(Role::kStage)].Intern(ctx.data->stages, stage_text);
    return true;
}

}  // namespace

DealGroupSizing::DealGroupSizing(const SinkContext& context)
    : sample_rows_(static_cast<size_t>(std::max(context.options->sample_rows, 256))),
      first_deal_(context.data->deals.size()) {}

void DealGroupSizing::Reserve(const SinkContext& context, GroupedDuplicates& duplicates) const {
    if (!context.options->drop_duplicates || context.expected_rows <= consumed_) return;
    const double deals = static_cast<double>(context.data->deals.size() - first_deal_) *
                         static_cast<double>(context.expected_rows) / static_cast<double>(consumed_);
    duplicates.Reserve(first_deal_ + static_cast<size_t>(deals * 1.02) + 64,
                       static_cast<double>(context.expected_rows) / static_cast<double>(consumed_) * 1.02);
}

DealEventsSink::DealEventsSink(SinkContext& context)
    : ctx_(context),
      sizing_(context),
      has_manager_(context.binding.Has(Role::kManager)),
      has_pipeline_(context.binding.Has(Role::kPipeline)),
      has_source_(context.binding.Has(Role::kChannel)),
      has_lost_reason_(context.binding.Has(Role::kLostReason)),
      has_amount_(context.binding.Has(Role::kAmount)) {
    context.data->deal_events.Reserve(context.data->deal_events.size() + context.expected_rows);
}

void DealEventsSink::Prepare(Record& record) {
    PreparedRow& p = record.prepared;
    p.fingerprint = ctx_.options->drop_duplicates ? RowFingerprint(record.raw) : 0;
    p.date = PreparedRow::kNotPrepared;
    const std::string_view time_text = ctx_.binding.Value(record, Role::kStageTime);
    if (!time_text.empty() && !ctx_.binding.date[static_cast<int>(Role::kStageTime)].order_ambiguous) {
        p.date = ctx_.ParseDateWith(prepare_dates_, Role::kStageTime, time_text, p.seconds, p.has_time)
                     ? PreparedRow::kParsed
                     : PreparedRow::kBad;
    }
}

// Flattened: the per-row helpers (deal key, dictionary and value-cache lookups, the date cache) are inlined here.
[[gnu::flatten]] void DealEventsSink::Consume(const Record& record) {
    sizing_.Count(ctx_, duplicates_);
    uint32_t deal = kNoId, stage = kNoId;
    if (!ReadDealKey(ctx_, duplicates_, record, deal, stage)) return;
    int64_t time = 0;
    bool has_time = false;
    const std::string_view time_text = ctx_.binding.Value(record, Role::kStageTime);
    const PreparedRow& prepared = record.prepared;
    bool parsed = false;
    if (!time_text.empty()) {
        parsed = prepared.date != PreparedRow::kNotPrepared
                     ? (time = prepared.seconds, has_time = prepared.has_time, prepared.date == PreparedRow::kParsed)
                     : ctx_.ParseDateInline(Role::kStageTime, time_text, time, has_time);
    }
    if (!parsed) {
        ctx_.Reject(record, RejectReason::kBadDate, Role::kStageTime);
        return;
    }
    Dataset& data = *ctx_.data;
    DealEvents& e = data.deal_events;
    e.deal.push_back(deal);
    e.stage.push_back(stage);
    e.time.push_back(time);
    // The optional roles the file has; the columns of the others are filled in Finish().
    if (has_manager_) e.manager.push_back(ctx_.InternValue(record, Role::kManager, data.managers));
    if (has_pipeline_) e.pipeline.push_back(ctx_.InternValue(record, Role::kPipeline, data.pipelines));
    if (has_source_) e.source.push_back(ctx_.InternValue(record, Role::kChannel, data.channels));
    if (has_lost_reason_) e.lost_reason.push_back(ctx_.InternValue(record, Role::kLostReason, data.lost_reasons));
    if (has_amount_) e.amount.push_back(OptionalMoney(ctx_, record, Role::kAmount));
    ++ctx_.rows->used;
}

void DealEventsSink::Finish() {
    DealEvents& e = ctx_.data->deal_events;
    const size_t rows = e.size();
    for (auto* column : {&e.manager, &e.pipeline, &e.source, &e.lost_reason}) {
        column->Append(rows - column->size(), kNoId);
    }
    e.amount.Append(rows - e.amount.size(), INT64_MIN);
}

void DealSnapshotSink::Consume(const Record& record) {
    sizing_.Count(ctx_, duplicates_);
    uint32_t deal = kNoId, stage = kNoId;
    if (!ReadDealKey(ctx_, duplicates_, record, deal, stage)) return;
    int64_t created = INT64_MIN, closed = INT64_MIN;
    for (const auto& [role, target] : {std::pair{Role::kCreated, &created}, std::pair{Role::kClosed, &closed}}) {
        const std::string_view text = ctx_.binding.Value(record, role);
        bool has_time = false;
        if (!text.empty() && !ctx_.ParseDate(role, text, *target, has_time)) {
            ctx_.Reject(record, RejectReason::kBadDate, role);
            return;
        }
    }
    Dataset& data = *ctx_.data;
    const std::string_view status = ctx_.binding.Value(record, Role::kDealStatus);
    const std::string_view outcome_text = status.empty() ? data.stages.At(stage) : status;
    const DealOutcome outcome = IsWonOutcome(outcome_text)    ? DealOutcome::kWon
                                : IsLostOutcome(outcome_text) ? DealOutcome::kLost
                                                              : DealOutcome::kOpen;
    DealSnapshots& s = data.deal_snapshots;
    s.deal.push_back(deal);
    s.stage.push_back(stage);
    s.outcome.push_back(outcome);
    s.created.push_back(created);
    s.closed.push_back(closed);
    s.manager.push_back(ctx_.InternValue(record, Role::kManager, data.managers));
    s.pipeline.push_back(ctx_.InternValue(record, Role::kPipeline, data.pipelines));
    s.source.push_back(ctx_.InternValue(record, Role::kChannel, data.channels));
    s.lost_reason.push_back(ctx_.InternValue(record, Role::kLostReason, data.lost_reasons));
    s.amount.push_back(OptionalMoney(ctx_, record, Role::kAmount));
    ++ctx_.rows->used;
}

}  // namespace crm
