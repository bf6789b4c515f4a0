#pragma once
// Funnel stage order: which dictionary stages are funnel stages, lost outcomes or ignored, and in what
// order (given by the user, inferred from an event log, or the dictionary order of a snapshot).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/status.h"
#include "core/dataset/dataset.h"

namespace crm {

/// Position of a stage that is a lost outcome (not a funnel stage).
constexpr int32_t kLostStage = -2;
/// Position of a stage outside the funnel (not in the given order).
constexpr int32_t kIgnoredStage = -1;

/// Where the stage order came from.
enum class StageOrderSource : uint8_t { kGiven, kInferred, kUnknown };

/// Per stage id of Dataset::stages: whether it reads as a lost or a won outcome.
struct StageClasses {
    std::vector<uint8_t> lost;
    std::vector<uint8_t> won;
};

/// Classifies every stage name: lost/won by the override lists when given (exact names), else by
/// IsLostOutcome / IsWonOutcome (core/ingest/vocabulary.h).
StageClasses ClassifyStages(const Dictionary& stages, const std::optional<std::vector<std::string>>& won_names,
                            const std::optional<std::vector<std::string>>& lost_names);

/// The funnel: stage names in order (the last one is the won stage) and the position of every stage id.
struct StageMap {
    std::vector<std::string> names;
    std::vector<int32_t> position;  ///< per stage id: 0..names.size()-1, kLostStage or kIgnoredStage
    std::vector<uint32_t> ignored;  ///< stage ids seen in the data but outside the funnel
    StageOrderSource source = StageOrderSource::kUnknown;
};

/// The event log's columns of ids that a deal takes the last value of, in EventsByDeal::last_values order.
enum class DealValue : uint8_t { kManager, kPipeline, kSource, kLostReason };
constexpr size_t kDealValues = 4;
/// The column of `value` in an event log.
const UniformColumn<uint32_t>& DealValueColumn(const DealEvents& events, DealValue value);

/// Deal events grouped by deal: events[starts[g]..starts[g+1]) are the events of deal deals[g] (rows of
/// DealEvents), ordered by (time, row). Only events with time < as-of are kept. times and stages hold each
/// grouped event's time and stage id, so that a scan of a deal reads them in order instead of all over the log.
/// (Three arrays rather than one of records: blocks of this size fit where a load's temporaries were, and one
/// of their total size made the wasm memory grow.)
struct EventsByDeal {
    std::vector<uint32_t> events;
    std::vector<int64_t> times;
    std::vector<uint32_t> stages;
    std::vector<uint32_t> starts;
    std::vector<uint32_t> deals;
    /// Per DealValue whose column varies, per deal id: the last value other than kNoId among the deal's events
    /// in (time, row) order, or kNoId (empty for a uniform column: its one value is every deal's).
    std::array<std::vector<uint32_t>, kDealValues> last_values;
    size_t groups() const { return deals.size(); }
};

/// Groups the events dated before `as_of_seconds` by deal (counting sort by deal id, then by time inside
/// a deal when the log is not already in time order).
EventsByDeal GroupEventsByDeal(const DealEvents& events, uint32_t deal_count, int64_t as_of_seconds);

/// The user's order. Listed names that are lost outcomes are dropped (they are outcomes); won outcomes not
/// listed join the last (won) stage; other stages with `used` set are ignored. kBadRequest when nothing is left.
Result<StageMap> GivenStageOrder(const Dictionary& stages, const StageClasses& classes,
                                 const std::vector<std::string>& given, const std::vector<uint8_t>& used);

/// Order inferred from an event log by pairwise precedence of first entries: stage a beats b when more
/// deals enter a before b than b before a; stages are ranked by Copeland score (wins - losses), ties by mean
/// first-entry rank within deals, then by first appearance in the log. Won outcomes of the dictionary form the
/// last stage (all won-outcome names merge into it, named after the first seen); without one the last inferred
/// stage is the won stage.
StageMap InferStageOrder(const Dictionary& stages, const StageClasses& classes, const DealEvents& events,
                         const EventsByDeal& grouped);

/// Snapshot without a given order: used stages in dictionary (first-seen) order, won outcomes merged last.
StageMap DictionaryStageOrder(const Dictionary& stages, const StageClasses& classes, const std::vector<uint8_t>& used);

}  // namespace crm
