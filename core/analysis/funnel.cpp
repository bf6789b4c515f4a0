#include "core/analysis/funnel.h"

#include <algorithm>
#include <array>
#include <span>

#include "core/analysis/funnel_deals.h"
#include "core/analysis/quantiles.h"
#include "core/analysis/request_params.h"
#include "core/common/civil_date.h"

namespace crm {
namespace {

constexpr std::string_view kSection = "funnel";
constexpr std::string_view kNone = "(none)";
/// Lower edges of the duration histogram bins, in days (the last bin is open-ended).
constexpr int64_t kBinEdgesDays[kDurationBins] = {0, 1, 3, 7, 14, 30, 60, 90};
constexpr const char* kGroupKeys[] = {"manager", "pipeline", "source"};
constexpr const char* kGroupReportKeys[] = {"byManager", "byPipeline", "bySource"};

Status ReadUniqueNames(simdjson::dom::element value, std::string_view key, std::vector<std::string>& out) {
    if (Status status = ReadStringListParam(value, kSection, key, out); !status.ok()) return status;
    for (size_t i = 0; i < out.size(); ++i) {
        if (out[i].empty() || std::find(out.begin(), out.begin() + i, out[i]) != out.begin() + i) {
            return BadParam(kSection, key, "an array of distinct non-empty stage names");
        }
    }
    return Status::Ok();
}

}  // namespace

Status ParseFunnelParams(simdjson::simdjson_result<simdjson::dom::element> params, FunnelParams& out) {
    out = FunnelParams();
    simdjson::dom::object object;
    bool present = false;
    if (Status status = OpenParamsObject(params, kSection, object, present); !status.ok() || !present) return status;
    for (const auto field : object) {
        Status status;
        int index = 0;
        int64_t number = 0;
        if (field.key == "stages") {
            if (field.value.is_null()) continue;
            status = ReadUniqueNames(field.value, "stages", out.stages);
        } else if (field.key == "mode") {
            status = ReadEnumParam(field.value, kSection, "mode", {"reached", "strict"}, index);
            out.mode = static_cast<FunnelMode>(index);
        } else if (field.key == "stalledDays") {
            status = ReadIntParam(field.value, kSection, "stalledDays", 0, 36500, number);
            out.stalled_days = static_cast<int32_t>(number);
        } else if (field.key == "wonStages" || field.key == "lostStages") {
            if (field.value.is_null()) continue;
            std::vector<std::string> names;
            status = ReadUniqueNames(field.value, field.key, names);
            (field.key == "wonStages" ? out.won_stages : out.lost_stages) = std::move(names);
        } else if (field.key == "maxDealIds") {
            status = ReadIntParam(field.value, kSection, "maxDealIds", 0, 1000000, number);
            out.max_deal_ids = static_cast<int32_t>(number);
        } else if (field.key == "groupBy") {
            std::vector<std::string> names;
            status = ReadStringListParam(field.value, kSection, "groupBy", names);
            out.group_by.clear();
            for (size_t i = 0; status.ok() && i < names.size(); ++i) {
                const auto* it = std::find(std::begin(kGroupKeys), std::end(kGroupKeys), names[i]);
                const auto group = static_cast<FunnelGroup>(it - std::begin(kGroupKeys));
                if (it == std::end(kGroupKeys) ||
                    std::find(out.group_by.begin(), out.group_by.end(), group) != out.group_by.end()) {
                    status = BadParam(kSection, "groupBy",
                                      "distinct values, each " + OneOf({"manager", "pipeline", "source"}));
                } else {
                    out.group_by.push_back(group);
                }
            }
        } else {
            return UnknownParam(kSection, field.key,
                                {"stages", "mode", "stalledDays", "wonStages", "lostStages", "maxDealIds", "groupBy"});
        }
        if (!status.ok()) return status;
    }
    return Status::Ok();
}

Status ParseFunnelParams(simdjson::dom::element params, FunnelParams& out) {
    return ParseFunnelParams(simdjson::simdjson_result<simdjson::dom::element>(std::move(params)), out);
}

namespace {

/// Lower edges of the duration histogram bins, in seconds.
constexpr std::array<int64_t, kDurationBins> kBinEdgesSeconds = [] {
    std::array<int64_t, kDurationBins> edges{};
    for (size_t b = 0; b < kDurationBins; ++b) edges[b] = kBinEdgesDays[b] * kSecondsPerDay;
    return edges;
}();

/// The bin of a duration: the number of edges above the first that it reaches (the edges ascend; no branches).
size_t DurationBin(int64_t seconds) {
    size_t bin = 0;
    for (size_t b = 1; b < kDurationBins; ++b) bin += seconds >= kBinEdgesSeconds[b] ? 1 : 0;
    return bin;
}

DurationStats Summarize(const std::vector<int64_t>& seconds, int64_t still_in) {
    DurationStats stats;
    stats.count = static_cast<int64_t>(seconds.size());
    stats.still_in = still_in;
    for (const int64_t s : seconds) ++stats.histogram[DurationBin(s)];
    constexpr double kQuantiles[] = {0.5, 0.9};
    const std::vector<double> q = IntegerQuantiles(seconds, kQuantiles);
    stats.median_seconds = q[0];
    stats.p90_seconds = q[1];
    return stats;
}

/// Accumulates deals into totals, reached/skipped counts, loss reasons and breakdown rows.
class Tally {
public:
    Tally(const Dataset& data, const FunnelParams& params, size_t stage_count)
        : stage_count_(stage_count),
          group_by_(params.group_by),
          reached_hist_(stage_count + 1, 0),
          skipped_(stage_count, 0),
          reasons_(static_cast<size_t>(data.lost_reasons.size()) + 1, 0) {
        const Dictionary* dictionaries[3] = {&data.managers, &data.pipelines, &data.channels};
        for (size_t d = 0; d < 3; ++d) {
            sizes_[d] = dictionaries[d]->size();
            index_of_[d].assign(static_cast<size_t>(sizes_[d]) + 1, -1);
        }
        // A dimension without values puts every deal in "(none)", which Finish drops: it is not tallied.
        for (const FunnelGroup group : group_by_) {
            if (sizes_[static_cast<size_t>(group)] > 0) tallied_.push_back(group);
        }
    }

    void Add(const DealSummary& deal, std::span<const int32_t> skipped) {
        ++deals_;
        ++outcomes_[static_cast<int>(deal.outcome)];
        ++reached_hist_[deal.reached];
        for (const int32_t s : skipped) ++skipped_[s];
        if (deal.outcome == DealOutcome::kLost) {
            ++reasons_[deal.lost_reason < reasons_.size() - 1 ? deal.lost_reason : reasons_.size() - 1];
        }
        for (const FunnelGroup group : tallied_) {
            const auto d = static_cast<size_t>(group);
            const uint32_t id = deal.groups[d] < sizes_[d] ? deal.groups[d] : kNoId;
            int32_t& index = index_of_[d][id == kNoId ? sizes_[d] : id];
            if (index < 0) {
                index = static_cast<int32_t>(rows_[d].size());
                FunnelGroupRow row;
                row.id = id;
                row.reached.assign(stage_count_ + 1, 0);  // a histogram of "reached" until Finish
                row.skipped.assign(stage_count_, 0);
                rows_[d].push_back(std::move(row));
            }
            FunnelGroupRow& row = rows_[d][index];
            ++row.deals;
            ++(deal.outcome == DealOutcome::kWon ? row.won : deal.outcome == DealOutcome::kLost ? row.lost : row.open);
            ++row.reached[deal.reached];
            for (const int32_t s : skipped) ++row.skipped[s];
        }
    }

    void Finish(const Dataset& data, FunnelResult& result) {
        result.deals = deals_;
        result.open = outcomes_[static_cast<int>(DealOutcome::kOpen)];
        result.won = outcomes_[static_cast<int>(DealOutcome::kWon)];
        result.lost = outcomes_[static_cast<int>(DealOutcome::kLost)];
        result.reached = ReachedFromHistogram(reached_hist_);
        result.skipped = skipped_;
        for (size_t r = 0; r < reasons_.size(); ++r) {
            if (reasons_[r] > 0) result.loss_reasons.emplace_back(r + 1 < reasons_.size() ? r : kNoId, reasons_[r]);
        }
        std::sort(result.loss_reasons.begin(), result.loss_reasons.end(), [&](const auto& a, const auto& b) {
            if (a.second != b.second) return a.second > b.second;
            return Name(data.lost_reasons, a.first) < Name(data.lost_reasons, b.first);
        });
        const Dictionary* dictionaries[3] = {&data.managers, &data.pipelines, &data.channels};
        result.group_by = group_by_;
        for (size_t d = 0; d < 3; ++d) {
            for (FunnelGroupRow& row : rows_[d]) row.reached = ReachedFromHistogram(row.reached);
            std::sort(rows_[d].begin(), rows_[d].end(), [&](const FunnelGroupRow& a, const FunnelGroupRow& b) {
                if (a.deals != b.deals) return a.deals > b.deals;
                return Name(*dictionaries[d], a.id) < Name(*dictionaries[d], b.id);
            });
            // A dimension the data does not have (every deal "(none)") gets no rows.
            if (rows_[d].size() == 1 && rows_[d][0].id == kNoId) rows_[d].clear();
            result.groups[d] = std::move(rows_[d]);
        }
    }

    static std::string_view Name(const Dictionary& dictionary, uint32_t id) {
        return id == kNoId ? kNone : dictionary.At(id);
    }

private:
    /// hist[r] = deals that reached exactly r stages -> reached[s] = deals with r > s.
    std::vector<int64_t> ReachedFromHistogram(const std::vector<int64_t>& hist) const {
        std::vector<int64_t> reached(stage_count_, 0);
        int64_t running = 0;
        for (size_t s = stage_count_; s-- > 0;) {
            running += hist[s + 1];
            reached[s] = running;
        }
        return reached;
    }

    size_t stage_count_;
    std::vector<FunnelGroup> group_by_;
    std::vector<FunnelGroup> tallied_;  // the dimensions of group_by_ that have values
    int64_t deals_ = 0;
    std::array<int64_t, 3> outcomes_{};
    std::vector<int64_t> reached_hist_;
    std::vector<int64_t> skipped_;
    std::vector<int64_t> reasons_;  // by lost reason id; the last slot counts lost deals without a reason
    std::array<uint32_t, 3> sizes_{};
    std::array<std::vector<int32_t>, 3> index_of_;
    std::array<std::vector<FunnelGroupRow>, 3> rows_;
};

Result<FunnelResult> FunnelFromEvents(const Dataset& data, std::optional<int64_t> as_of_param,
                                      const FunnelParams& params) {
    Result<EventFunnelBase> prepared = PrepareEventFunnel(data, as_of_param, params);
    if (!prepared.ok()) return prepared.error();
    const EventFunnelBase& base = prepared.value();
    const size_t stage_count = base.stages.names.size();
    const auto won = static_cast<int32_t>(stage_count - 1);
    FunnelResult result;
    result.stages = base.stages;
    result.mode = params.mode;
    result.from_events = true;
    result.as_of_seconds = base.as_of;
    result.stalled_days = params.stalled_days;
    result.has_loss_reasons = base.has_loss_reasons;
    result.skipped_deals.resize(stage_count);

    Tally tally(data, params, stage_count);
    EventDealScanner scanner(data, base, params);
    std::vector<std::vector<int64_t>> stay(stage_count - 1);
    std::vector<int64_t> still_in(stage_count, 0);
    std::vector<int64_t> to_won;
    std::vector<int32_t> skipped;
    // The stalled deals listed: the longest idle first (deal ids are distinct: the order is total), kept as a
    // heap of the max_deal_ids first seen so far, its last listed one on top (not one entry per stalled deal).
    const auto listed_first = [](const StalledDeal& a, const StalledDeal& b) {
        return a.idle_seconds != b.idle_seconds ? a.idle_seconds > b.idle_seconds : a.deal < b.deal;
    };
    const auto max_listed = static_cast<size_t>(params.max_deal_ids);
    DealSummary deal;
    for (size_t g = 0; g < base.grouped.groups(); ++g) {
        scanner.Scan(g, deal, skipped);
        for (const int32_t s : skipped) {
            if (result.skipped_deals[s].size() < static_cast<size_t>(params.max_deal_ids)) {
                result.skipped_deals[s].push_back(deal.deal);
            }
        }
        // Time in stage: first entry into s -> the deal's next event at another stage.
        for (int32_t s = 0; s < won; ++s) {
            if (!scanner.Entered(s)) continue;
            if (const std::optional<int64_t> left = scanner.LeftAt(s)) {
                stay[s].push_back(*left - scanner.FirstEntry(s));
            } else {
                ++still_in[s];
            }
        }
        if (deal.outcome == DealOutcome::kWon && scanner.Entered(0)) {
            to_won.push_back(scanner.FirstEntry(won) - scanner.FirstEntry(0));
        }
        if (deal.stalled) {
            ++result.stalled_count;
            const StalledDeal stalled{deal.deal, deal.last_stage, deal.idle_seconds};
            if (result.stalled.size() < max_listed) {
                result.stalled.push_back(stalled);
                std::push_heap(result.stalled.begin(), result.stalled.end(), listed_first);
            } else if (max_listed > 0 && listed_first(stalled, result.stalled.front())) {
                std::pop_heap(result.stalled.begin(), result.stalled.end(), listed_first);
                result.stalled.back() = stalled;
                std::push_heap(result.stalled.begin(), result.stalled.end(), listed_first);
            }
        }
        tally.Add(deal, skipped);
    }
    tally.Finish(data, result);
    for (int32_t s = 0; s < won; ++s) result.time_in_stage.push_back(Summarize(stay[s], still_in[s]));
    result.time_to_won = Summarize(to_won, 0);
    std::sort_heap(result.stalled.begin(), result.stalled.end(), listed_first);
    return result;
}

Result<FunnelResult> FunnelFromSnapshots(const Dataset& data, std::optional<int64_t> as_of_param,
                                         const FunnelParams& params) {
    Result<SnapshotFunnelBase> prepared = PrepareSnapshotFunnel(data, as_of_param, params);
    if (!prepared.ok()) return prepared.error();
    const SnapshotFunnelBase& base = prepared.value();
    const DealSnapshots& snap = data.deal_snapshots;
    FunnelResult result;
    result.stages = base.stages;
    result.mode = params.mode;
    result.from_events = false;
    result.as_of_seconds = base.as_of;
    result.stalled_days = params.stalled_days;
    result.has_loss_reasons = base.has_loss_reasons;

    Tally tally(data, params, base.stages.names.size());
    std::vector<int64_t> to_won;
    for (const uint32_t i : base.rows) {
        const DealSummary deal = SnapshotDeal(snap, i, base.stages);
        if (deal.outcome == DealOutcome::kWon && snap.created[i] != INT64_MIN && snap.closed[i] != INT64_MIN) {
            to_won.push_back(snap.closed[i] - snap.created[i]);
        }
        tally.Add(deal, {});
    }
    tally.Finish(data, result);
    result.time_to_won = Summarize(to_won, 0);
    return result;
}

// ---- JSON ----

/// Writes count (and stillIn for time in stage), median, p90 and histogram keys into the open object.
void WriteStats(JsonWriter& out, const DurationStats& stats, bool time_in_stage) {
    const bool any = stats.count > 0;
    const bool with_seconds = !time_in_stage;
    out.Key("count").Int(stats.count);
    if (time_in_stage) out.Key("stillIn").Int(stats.still_in);
    if (with_seconds) {
        out.Key("medianSeconds");
        any ? out.Double(stats.median_seconds) : out.Null();
    }
    out.Key("medianDays");
    any ? out.Double(stats.median_seconds / kSecondsPerDay) : out.Null();
    out.Key("p90Days");
    any ? out.Double(stats.p90_seconds / kSecondsPerDay) : out.Null();
    out.Key("histogram").BeginArray();
    for (const int64_t n : stats.histogram) out.Int(n);
    out.EndArray();
}

void WriteCounts(JsonWriter& out, const std::vector<int64_t>& values) {
    out.BeginArray();
    for (const int64_t v : values) out.Int(v);
    out.EndArray();
}

void WriteRatio(JsonWriter& out, int64_t num, int64_t den) {
    den > 0 ? out.Double(static_cast<double>(num) / static_cast<double>(den)) : out.Null();
}

const char* OrderName(StageOrderSource source) {
    switch (source) {
        case StageOrderSource::kGiven: return "given";
        case StageOrderSource::kInferred: return "inferred";
        case StageOrderSource::kUnknown: return "unknown";
    }
    return "unknown";
}

}  // namespace

Result<FunnelResult> ComputeFunnel(const Dataset& data, std::optional<int64_t> as_of_seconds,
                                   const FunnelParams& params) {
    if (params.stalled_days < 0) return BadParam(kSection, "stalledDays", "a non-negative integer");
    if (params.max_deal_ids < 0) return BadParam(kSection, "maxDealIds", "a non-negative integer");
    if (data.deal_events.size() > 0) return FunnelFromEvents(data, as_of_seconds, params);
    if (data.deal_snapshots.size() > 0) return FunnelFromSnapshots(data, as_of_seconds, params);
    return MakeError(ErrorCode::kNoData, "no deals loaded: the funnel needs a deal event log or a deal snapshot");
}

void WriteFunnelJson(const FunnelResult& r, const Dataset& data, JsonWriter& out) {
    const size_t stage_count = r.stages.names.size();
    out.BeginObject();
    out.Key("mode").String(r.mode == FunnelMode::kStrict ? "strict" : "reached");
    out.Key("source").String(r.from_events ? "events" : "snapshot");
    out.Key("order").String(OrderName(r.stages.source));
    if (!r.from_events) {
        out.Key("note").String(r.mode == FunnelMode::kStrict
                                   ? "snapshot: skipped stages cannot be known; strict mode needs an event log, "
                                     "deals are counted as in reached mode"
                                   : "snapshot: skipped stages cannot be known");
    }
    out.Key("stages").BeginArray();
    for (const std::string& name : r.stages.names) out.String(name);
    out.EndArray();
    out.Key("ignoredStages").BeginArray();
    for (const uint32_t id : r.stages.ignored) out.String(data.stages.At(id));
    out.EndArray();
    out.Key("deals").Int(r.deals);
    out.Key("reached");
    WriteCounts(out, r.reached);
    out.Key("skipped");
    r.from_events ? WriteCounts(out, r.skipped) : void(out.Null());
    out.Key("skippedDeals");
    if (r.from_events) {
        out.BeginArray();
        for (const auto& ids : r.skipped_deals) {
            out.BeginArray();
            for (const uint32_t id : ids) out.String(data.deals.At(id));
            out.EndArray();
        }
        out.EndArray();
    } else {
        out.Null();
    }
    // stepConversion[s] = reached[s] / reached[s-1] (null for the first stage); overallConversion[s] =
    // reached[s] / reached[0]; dropOff[s] = reached[s] - reached[s+1], null for the last (won) stage.
    out.Key("stepConversion").BeginArray();
    out.Null();
    for (size_t s = 1; s < stage_count; ++s) WriteRatio(out, r.reached[s], r.reached[s - 1]);
    out.EndArray();
    out.Key("overallConversion").BeginArray();
    for (size_t s = 0; s < stage_count; ++s) WriteRatio(out, r.reached[s], r.reached[0]);
    out.EndArray();
    out.Key("dropOff").BeginArray();
    for (size_t s = 0; s + 1 < stage_count; ++s) out.Int(r.reached[s] - r.reached[s + 1]);
    out.Null();
    out.EndArray();
    out.Key("won").Int(r.won);
    out.Key("lost").Int(r.lost);
    out.Key("open").Int(r.open);
    out.Key("winRate");
    WriteRatio(out, r.won, r.won + r.lost);
    out.Key("wonShareOfAll");
    WriteRatio(out, r.won, r.deals);
    out.Key("histogramEdgesDays").BeginArray();
    for (const int64_t edge : kBinEdgesDays) out.Int(edge);
    out.EndArray();
    out.Key("timeInStage");
    if (r.from_events) {
        out.BeginArray();
        for (size_t s = 0; s < r.time_in_stage.size(); ++s) {
            out.BeginObject();
            out.Key("stage").String(r.stages.names[s]);
            WriteStats(out, r.time_in_stage[s], true);
            out.EndObject();
        }
        out.EndArray();
    } else {
        out.Null();
    }
    out.Key("timeToWon").BeginObject();
    WriteStats(out, r.time_to_won, false);
    out.EndObject();
    const bool any_won_time = r.time_to_won.count > 0;
    out.Key("medianFirstToWonSeconds");
    any_won_time ? out.Double(r.time_to_won.median_seconds) : out.Null();
    out.Key("medianFirstToWonDays");
    any_won_time ? out.Double(r.time_to_won.median_seconds / kSecondsPerDay) : out.Null();
    out.Key("stalled");
    if (r.from_events) {
        out.BeginObject();
        out.Key("days").Int(r.stalled_days);
        out.Key("count").Int(r.stalled_count);
        out.Key("deals").BeginArray();
        for (const StalledDeal& d : r.stalled) {
            out.BeginObject();
            out.Key("deal").String(data.deals.At(d.deal));
            out.Key("stage").String(d.stage < data.stages.size() ? data.stages.At(d.stage) : kNone);
            out.Key("days").Int(d.idle_seconds / kSecondsPerDay);
            out.EndObject();
        }
        out.EndArray();
        out.EndObject();
    } else {
        out.Null();
    }
    out.Key("lossReasons");
    if (r.has_loss_reasons) {
        out.BeginArray();
        for (const auto& [reason, deals] : r.loss_reasons) {
            out.BeginObject();
            out.Key("reason").String(reason == kNoId ? kNone : data.lost_reasons.At(reason));
            out.Key("deals").Int(deals);
            out.EndObject();
        }
        out.EndArray();
    } else {
        out.Null();
    }
    const Dictionary* dictionaries[3] = {&data.managers, &data.pipelines, &data.channels};
    for (const FunnelGroup group : r.group_by) {
        const auto d = static_cast<size_t>(group);
        out.Key(kGroupReportKeys[d]).BeginArray();
        for (const FunnelGroupRow& row : r.groups[d]) {
            out.BeginObject();
            out.Key(kGroupKeys[d]).String(row.id == kNoId ? kNone : dictionaries[d]->At(row.id));
            out.Key("deals").Int(row.deals);
            out.Key("won").Int(row.won);
            out.Key("lost").Int(row.lost);
            out.Key("open").Int(row.open);
            out.Key("winRate");
            WriteRatio(out, row.won, row.won + row.lost);
            out.Key("reached");
            WriteCounts(out, row.reached);
            out.Key("skipped");
            r.from_events ? WriteCounts(out, row.skipped) : void(out.Null());
            out.EndObject();
        }
        out.EndArray();
    }
    out.Key("asOf");
    r.as_of_seconds ? out.String(FormatIsoDateTime(*r.as_of_seconds)) : out.Null();
    out.EndObject();
}

}  // namespace crm
