#include "core/analysis/stage_order.h"

#include <algorithm>
#include <limits>

#include "core/ingest/vocabulary.h"

namespace crm {
namespace {

/// Above this many candidate stages the pairwise matrix is skipped and mean ranks alone decide.
constexpr size_t kMaxPairwiseStages = 1024;

bool InList(const std::vector<std::string>& list, std::string_view name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

/// Appends the won stage: every won-outcome stage id in `won_ids` maps to one last position, named after
/// the first of them. Without won outcomes, the last stage already in `map` is the won stage.
void AppendWonStage(const Dictionary& stages, const std::vector<uint32_t>& won_ids, StageMap& map) {
    if (won_ids.empty()) return;
    const auto position = static_cast<int32_t>(map.names.size());
    map.names.emplace_back(stages.At(won_ids.front()));
    for (const uint32_t id : won_ids) map.position[id] = position;
}

}  // namespace

StageClasses ClassifyStages(const Dictionary& stages, const std::optional<std::vector<std::string>>& won_names,
                            const std::optional<std::vector<std::string>>& lost_names) {
    StageClasses classes;
    classes.lost.resize(stages.size());
    classes.won.resize(stages.size());
    for (uint32_t id = 0; id < stages.size(); ++id) {
        const std::string_view name = stages.At(id);
        classes.lost[id] = lost_names ? InList(*lost_names, name) : IsLostOutcome(name);
        classes.won[id] = !classes.lost[id] && (won_names ? InList(*won_names, name) : IsWonOutcome(name));
    }
    return classes;
}

const UniformColumn<uint32_t>& DealValueColumn(const DealEvents& events, DealValue value) {
    switch (value) {
        case DealValue::kManager: return events.manager;
        case DealValue::kPipeline: return events.pipeline;
        case DealValue::kSource: return events.source;
        case DealValue::kLostReason: break;
    }
    return events.lost_reason;
}

EventsByDeal GroupEventsByDeal(const DealEvents& events, uint32_t deal_count, int64_t as_of_seconds) {
    EventsByDeal out;
    // Counting sort by deal id keeps the log's order inside a deal; each event's time and stage go along.
    const size_t n = events.size();
    const uint32_t* const deal = events.deal.data();
    const int64_t* const time = events.time.data();
    const uint32_t* const stage = events.stage.data();
    // ends[d + 1]: where deal d's events start, then (once they are placed) where they end.
    std::vector<uint32_t> ends(static_cast<size_t>(deal_count) + 1, 0);
    for (size_t i = 0; i < n; ++i) {
        if (time[i] < as_of_seconds && deal[i] < deal_count) ++ends[deal[i] + 1];
    }
    for (uint32_t d = 0; d < deal_count; ++d) ends[d + 1] += ends[d];
    const uint32_t kept = ends[deal_count];
    for (uint32_t d = deal_count; d > 0; --d) ends[d] = ends[d - 1];
    out.events.resize(kept);
    out.times.resize(kept);
    out.stages.resize(kept);
    out.deals.reserve(std::min<size_t>(deal_count, kept));
    out.starts.reserve(std::min<size_t>(deal_count, kept) + 1);
    // A deal's events are placed in row order; one placed right after an event of the same deal with a later
    // time marks the deal for sorting. (The slot before a deal's first one holds another deal's event, or
    // nothing yet: comparing with it may mark a deal in order, which is then only checked, never one out of
    // order unmarked.)
    std::vector<uint8_t> maybe_unsorted(deal_count, 0);
    // Each deal's last value of the columns that vary, in row order: its value in (time, row) order unless the
    // deal is sorted below (reading it at the deal's last event later would be a read from anywhere in the log
    // per deal).
    std::array<const UniformColumn<uint32_t>*, kDealValues> varying{};
    std::array<uint32_t*, kDealValues> varying_last{};
    size_t varying_count = 0;
    for (size_t c = 0; c < kDealValues; ++c) {
        const UniformColumn<uint32_t>& column = DealValueColumn(events, static_cast<DealValue>(c));
        if (column.uniform()) continue;
        out.last_values[c].assign(deal_count, kNoId);
        varying[varying_count] = &column;
        varying_last[varying_count++] = out.last_values[c].data();
    }
    for (size_t i = 0; i < n; ++i) {
        const uint32_t d = deal[i];
        if (time[i] < as_of_seconds && d < deal_count) {
            const uint32_t k = ends[d + 1]++;
            if (k > 0 && time[i] < out.times[k - 1]) maybe_unsorted[d] = 1;
            out.events[k] = static_cast<uint32_t>(i);
            out.times[k] = time[i];
            out.stages[k] = stage[i];
            for (size_t v = 0; v < varying_count; ++v) {
                const uint32_t value = (*varying[v])[i];
                if (value != kNoId) varying_last[v][d] = value;
            }
        }
    }
    for (uint32_t d = 0; d < deal_count; ++d) {
        const uint32_t first = ends[d], last = ends[d + 1];
        if (first == last) continue;
        out.deals.push_back(d);
        out.starts.push_back(first);
        // (Sorted by (time, row): events at the same time stay in row order.)
        if (maybe_unsorted[d] && !std::is_sorted(out.times.begin() + first, out.times.begin() + last)) {
            const auto by_time = [&](uint32_t a, uint32_t b) { return time[a] != time[b] ? time[a] < time[b] : a < b; };
            std::sort(out.events.begin() + first, out.events.begin() + last, by_time);
            for (uint32_t k = first; k < last; ++k) {
                out.times[k] = time[out.events[k]];
                out.stages[k] = stage[out.events[k]];
            }
            for (size_t v = 0; v < varying_count; ++v) {
                uint32_t value = kNoId;
                for (uint32_t k = last; k-- > first && value == kNoId;) value = (*varying[v])[out.events[k]];
                varying_last[v][d] = value;
            }
        }
    }
    out.starts.push_back(kept);
    return out;
}

Result<StageMap> GivenStageOrder(const Dictionary& stages, const StageClasses& classes,
                                 const std::vector<std::string>& given, const std::vector<uint8_t>& used) {
    StageMap map;
    map.source = StageOrderSource::kGiven;
    map.position.assign(stages.size(), kIgnoredStage);
    for (const std::string& name : given) {
        const std::optional<uint32_t> id = stages.Find(name);
        if (id && classes.lost[*id]) continue;  // a lost outcome is not a funnel stage
        if (id) map.position[*id] = static_cast<int32_t>(map.names.size());
        map.names.push_back(name);
    }
    if (map.names.empty()) {
        Error e =
            MakeError(ErrorCode::kBadRequest, "bad value for funnel.stages: every listed stage is a lost outcome");
        e.expected = "the funnel stages in order, the won stage last";
        return e;
    }
    const auto won_position = static_cast<int32_t>(map.names.size() - 1);
    for (uint32_t id = 0; id < stages.size(); ++id) {
        if (classes.lost[id]) {
            map.position[id] = kLostStage;
        } else if (map.position[id] == kIgnoredStage && classes.won[id]) {
            map.position[id] = won_position;  // a won outcome under another name is the won stage
        } else if (map.position[id] == kIgnoredStage && id < used.size() && used[id]) {
            map.ignored.push_back(id);
        }
    }
    return map;
}

StageMap InferStageOrder(const Dictionary& stages, const StageClasses& classes, const DealEvents& events,
                         const EventsByDeal& grouped) {
    StageMap map;
    map.source = StageOrderSource::kInferred;
    map.position.assign(stages.size(), kIgnoredStage);
    // Candidates: stages with events that are neither lost nor won outcomes, by first appearance.
    constexpr uint32_t kNotCandidate = std::numeric_limits<uint32_t>::max();
    std::vector<uint32_t> candidate_of(stages.size(), kNotCandidate);
    std::vector<uint32_t> candidates, won_ids;
    std::vector<uint32_t> first_seen(stages.size(), kNotCandidate);
    for (size_t k = 0; k < grouped.events.size(); ++k) {
        const uint32_t id = grouped.stages[k];
        if (id < stages.size()) first_seen[id] = std::min(first_seen[id], grouped.events[k]);
    }
    std::vector<uint32_t> seen_ids;
    for (uint32_t id = 0; id < stages.size(); ++id) {
        if (first_seen[id] != kNotCandidate) seen_ids.push_back(id);
    }
    std::sort(seen_ids.begin(), seen_ids.end(), [&](uint32_t a, uint32_t b) { return first_seen[a] < first_seen[b]; });
    for (const uint32_t id : seen_ids) {
        if (classes.lost[id] || classes.won[id]) continue;
        candidate_of[id] = static_cast<uint32_t>(candidates.size());
        candidates.push_back(id);
    }
    // Won outcomes form the last stage even when none is dated before the as-of time (so that a cut in time
    // does not turn the last open stage into "won"): those with events first, by first appearance.
    for (const uint32_t id : seen_ids) {
        if (classes.won[id]) won_ids.push_back(id);
    }
    for (uint32_t id = 0; id < stages.size(); ++id) {
        if (classes.won[id] && first_seen[id] == kNotCandidate) won_ids.push_back(id);
    }
    for (uint32_t id = 0; id < stages.size(); ++id) {
        if (classes.lost[id]) map.position[id] = kLostStage;
    }
    const size_t c = candidates.size();

    // Per deal: candidate stages by first entry (time, then log position); ranks and pairwise precedence.
    const bool pairwise = c <= kMaxPairwiseStages;
    std::vector<int32_t> before(pairwise ? c * c : 0, 0);
    std::vector<double> rank_sum(c, 0.0);
    std::vector<int64_t> rank_count(c, 0);
    std::vector<uint32_t> stamp(c, kNotCandidate);
    std::vector<std::pair<int64_t, uint32_t>> entries;  // (first entry time, candidate)
    for (size_t g = 0; g < grouped.groups(); ++g) {
        entries.clear();
        for (uint32_t j = grouped.starts[g]; j < grouped.starts[g + 1]; ++j) {
            const uint32_t id = grouped.stages[j];
            const uint32_t cand = id < stages.size() ? candidate_of[id] : kNotCandidate;
            if (cand == kNotCandidate || stamp[cand] == g) continue;
            stamp[cand] = static_cast<uint32_t>(g);
            entries.emplace_back(grouped.times[j], cand);  // events are in time order: this is the first entry
        }
        for (size_t a = 0; a < entries.size(); ++a) {
            rank_sum[entries[a].second] += static_cast<double>(a);
            ++rank_count[entries[a].second];
            if (!pairwise) continue;
            for (size_t b = a + 1; b < entries.size(); ++b) {
                if (entries[a].first < entries[b].first) ++before[entries[a].second * c + entries[b].second];
            }
        }
    }
    std::vector<int64_t> copeland(c, 0);
    if (pairwise) {
        for (size_t a = 0; a < c; ++a) {
            for (size_t b = 0; b < c; ++b) {
                if (before[a * c + b] > before[b * c + a]) ++copeland[a];
                if (before[a * c + b] < before[b * c + a]) --copeland[a];
            }
        }
    }
    std::vector<uint32_t> order(c);
    for (uint32_t i = 0; i < c; ++i) order[i] = i;
    const auto mean_rank = [&](uint32_t i) {
        return rank_count[i] ? rank_sum[i] / static_cast<double>(rank_count[i]) : 0;
    };
    // Candidates are numbered by first appearance, so the index is the last tie-break.
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        if (copeland[a] != copeland[b]) return copeland[a] > copeland[b];
        if (mean_rank(a) != mean_rank(b)) return mean_rank(a) < mean_rank(b);
        return a < b;
    });
    for (const uint32_t i : order) {
        map.position[candidates[i]] = static_cast<int32_t>(map.names.size());
        map.names.emplace_back(stages.At(candidates[i]));
    }
    AppendWonStage(stages, won_ids, map);
    return map;
}

StageMap DictionaryStageOrder(const Dictionary& stages, const StageClasses& classes, const std::vector<uint8_t>& used) {
    StageMap map;
    map.source = StageOrderSource::kUnknown;
    map.position.assign(stages.size(), kIgnoredStage);
    std::vector<uint32_t> won_ids;
    for (uint32_t id = 0; id < stages.size(); ++id) {
        if (classes.lost[id]) {
            map.position[id] = kLostStage;
        } else if (classes.won[id]) {
            won_ids.push_back(id);
        } else if (id < used.size() && used[id]) {
            map.position[id] = static_cast<int32_t>(map.names.size());
            map.names.emplace_back(stages.At(id));
        }
    }
    AppendWonStage(stages, won_ids, map);
    return map;
}

}  // namespace crm
