#include "core/analysis/drill.h"

#include <algorithm>
#include <span>
#include <string_view>

#include "core/analysis/cohort_frame.h"
#include "core/analysis/customer_order.h"
#include "core/common/civil_date.h"

namespace crm {
namespace {

constexpr std::string_view kNone = "(none)";
constexpr const char* kGroupKeys[] = {"manager", "pipeline", "source"};
constexpr const char* kCohortColumns[] = {"customer",        "firstPurchase",  "purchasesInPeriod",
                                          "revenueInPeriod", "totalPurchases", "totalRevenue"};
constexpr const char* kDealColumns[] = {"deal",      "manager", "pipeline",   "source",
                                        "lastStage", "status",  "firstEvent", "lastEvent"};
constexpr const char* kOutcomeNames[] = {"open", "won", "lost"};  // DealOutcome order

Error Bad(std::string message) { return MakeError(ErrorCode::kBadRequest, std::move(message)); }

/// "a, b, c" of up to `max` names (then ", ...").
std::string NameList(const std::vector<std::string>& names, size_t max = 12) {
    std::string out;
    for (size_t i = 0; i < names.size() && i < max; ++i) {
        if (i > 0) out += ", ";
        out += names[i];
    }
    if (names.size() > max) out += ", ...";
    return out;
}

/// Sorts `rows` by the key of `key_of(row)` in `dictionary` (customer key order), then cuts them to the limit.
template <class Row, class KeyOf>
void SortAndCut(std::vector<Row>& rows, const Dictionary& dictionary, KeyOf key_of, DrillResult& result) {
    std::vector<uint32_t> ids;
    ids.reserve(rows.size());
    for (const Row& row : rows) ids.push_back(key_of(row));
    SortByCustomerKey(dictionary, ids);
    std::vector<uint32_t> rank(dictionary.size(), 0);
    for (size_t i = 0; i < ids.size(); ++i) rank[ids[i]] = static_cast<uint32_t>(i);
    std::vector<Row> sorted(rows.size());
    for (Row& row : rows) sorted[rank[key_of(row)]] = std::move(row);
    rows = std::move(sorted);
    result.total = static_cast<int64_t>(rows.size());
    result.truncated = result.total > result.spec.limit;
    if (result.truncated) rows.resize(static_cast<size_t>(result.spec.limit));
}

}  // namespace

Result<DrillResult> ComputeCohortDrill(const Dataset& data, int32_t as_of_day, const CohortParams& params,
                                       const DrillSpec& spec) {
    Result<CohortFrame> built = BuildCohortFrame(data, as_of_day, params);
    if (!built.ok()) return built.error();
    const CohortFrame& frame = built.value();
    const auto found = std::find(frame.labels.begin(), frame.labels.end(), spec.cohort);
    if (found == frame.labels.end()) {
        return Bad("no cohort '" + spec.cohort + "' (cohorts: " + NameList(frame.labels) + ")");
    }
    const auto cohort = static_cast<int32_t>(found - frame.labels.begin());
    if (spec.offset && (*spec.offset < 0 || *spec.offset >= frame.offsets)) {
        return Bad("offset " + std::to_string(*spec.offset) + " is outside the cohort offsets 0.." +
                   std::to_string(frame.offsets - 1));
    }
    // A purchase or return counts in the drill-down's period when the matrix puts it in the cell (or, for a
    // whole cohort row, in any of its K columns).
    const auto in_period = [&](int32_t k) { return spec.offset ? k == *spec.offset : k < frame.offsets; };

    DrillResult result;
    result.spec = spec;
    result.as_of_day = as_of_day;
    std::vector<CohortDrillRow> rows;
    std::vector<int32_t> slot(frame.members.size(), -1);
    for (size_t c = 0; c < frame.members.size(); ++c) {
        if (frame.members[c].cohort != cohort) continue;
        slot[c] = static_cast<int32_t>(rows.size());
        CohortDrillRow row;
        row.customer = static_cast<uint32_t>(c);
        row.first_day = data.purchases.day[frame.first_row[c]];
        rows.push_back(row);
    }
    const Purchases& p = data.purchases;
    for (size_t i = 0; i < p.size(); ++i) {
        const uint32_t c = p.customer[i];
        if (p.day[i] >= as_of_day || c >= slot.size() || slot[c] < 0) continue;
        CohortDrillRow& row = rows[slot[c]];
        ++row.total_purchases;
        row.total_revenue += p.revenue[i];
        if (in_period(frame.PurchaseOffset(c, p.day[i]))) {
            ++row.period_purchases;
            row.period_revenue += p.revenue[i];
        }
    }
    const Returns& r = data.returns;
    for (size_t i = 0; i < r.size(); ++i) {
        const uint32_t c = r.customer[i];
        if (r.day[i] >= as_of_day || c >= slot.size() || slot[c] < 0) continue;
        CohortDrillRow& row = rows[slot[c]];
        row.total_revenue -= r.amount[i];
        if (in_period(frame.ReturnOffset(c, r.day[i]))) row.period_revenue -= r.amount[i];
    }
    // A cell lists its active customers; customers with only a return in it keep their money in the total.
    size_t kept = 0;
    for (const CohortDrillRow& row : rows) {
        result.revenue += row.period_revenue;
        if (spec.offset && row.period_purchases == 0) {
            result.revenue_outside_rows += row.period_revenue;
        } else {
            rows[kept++] = row;
        }
    }
    rows.resize(kept);
    SortAndCut(rows, data.customers, [](const CohortDrillRow& row) { return row.customer; }, result);
    result.customers = std::move(rows);
    return result;
}

namespace {

/// The deals `for_each_deal` visits (as (DealSummary, skipped stages)) that fall in the spec's set and groups.
template <class ForEachDeal>
Result<DrillResult> SelectDeals(const Dataset& data, const StageMap& stages, const DrillSpec& spec,
                                const FunnelParams& params, std::optional<int64_t> as_of, ForEachDeal for_each_deal) {
    DrillResult result;
    result.spec = spec;
    result.mode = params.mode;
    result.as_of_seconds = as_of;
    int32_t s = -1;
    if (spec.stage) {
        const auto found = std::find(stages.names.begin(), stages.names.end(), *spec.stage);
        if (found == stages.names.end()) {
            return Bad("no funnel stage '" + *spec.stage + "' (stages: " + NameList(stages.names) + ")");
        }
        s = static_cast<int32_t>(found - stages.names.begin());
        result.stage_index = s;
    }
    if (spec.set == DealSet::kDroppedAfter && s + 1 == static_cast<int32_t>(stages.names.size())) {
        return Bad("set 'droppedAfter' needs a stage before the last (won) stage '" + stages.names.back() + "'");
    }
    // Group restrictions compare names as the breakdowns write them ("(none)" for a deal without one).
    const Dictionary* dictionaries[3] = {&data.managers, &data.pipelines, &data.channels};
    const auto in_groups = [&](const DealSummary& deal) {
        for (size_t d = 0; d < 3; ++d) {
            const uint32_t id = deal.groups[d];
            if (spec.groups[d] && (id < dictionaries[d]->size() ? dictionaries[d]->At(id) : kNone) != *spec.groups[d]) {
                return false;
            }
        }
        return true;
    };
    // reached[s] counts deals with reached > s; dropOff[s] = reached[s] - reached[s+1] those with reached == s+1.
    // Without a stage, s = -1 and every deal has reached > s.
    const auto in_set = [&](const DealSummary& deal, std::span<const int32_t> skipped) {
        switch (spec.set) {
            case DealSet::kReached: return deal.reached > s;
            case DealSet::kSkipped: return std::find(skipped.begin(), skipped.end(), s) != skipped.end();
            case DealSet::kDroppedAfter: return deal.reached == s + 1;
            case DealSet::kStalled: return deal.stalled && deal.reached > s;
            case DealSet::kWon: return deal.outcome == DealOutcome::kWon && deal.reached > s;
            case DealSet::kLost: return deal.outcome == DealOutcome::kLost && deal.reached > s;
            case DealSet::kOpen: return deal.outcome == DealOutcome::kOpen && deal.reached > s;
        }
        return false;
    };
    std::vector<DealSummary> rows;
    for_each_deal([&](const DealSummary& deal, std::span<const int32_t> skipped) {
        if (in_set(deal, skipped) && in_groups(deal)) rows.push_back(deal);
    });
    SortAndCut(rows, data.deals, [](const DealSummary& deal) { return deal.deal; }, result);
    result.deals = std::move(rows);
    return result;
}

}  // namespace

Result<DrillResult> ComputeFunnelDrill(const Dataset& data, std::optional<int64_t> as_of_seconds,
                                       const FunnelParams& params, const DrillSpec& spec) {
    if (data.deal_events.size() > 0) {
        Result<EventFunnelBase> prepared = PrepareEventFunnel(data, as_of_seconds, params);
        if (!prepared.ok()) return prepared.error();
        const EventFunnelBase& base = prepared.value();
        return SelectDeals(data, base.stages, spec, params, base.as_of, [&](auto visit) {
            EventDealScanner scanner(data, base, params);
            DealSummary deal;
            std::vector<int32_t> skipped;
            for (size_t g = 0; g < base.grouped.groups(); ++g) {
                scanner.Scan(g, deal, skipped);
                visit(deal, skipped);
            }
        });
    }
    if (data.deal_snapshots.size() == 0) {
        return MakeError(ErrorCode::kNoData, "no deals loaded: the funnel needs a deal event log or a deal snapshot");
    }
    if (spec.set == DealSet::kSkipped || spec.set == DealSet::kStalled) {
        return Bad(std::string("set '") + kDealSetNames[static_cast<int>(spec.set)] +
                   "' needs a deal event log: a deal snapshot shows neither skipped stages nor idle time");
    }
    Result<SnapshotFunnelBase> prepared = PrepareSnapshotFunnel(data, as_of_seconds, params);
    if (!prepared.ok()) return prepared.error();
    const SnapshotFunnelBase& base = prepared.value();
    return SelectDeals(data, base.stages, spec, params, base.as_of, [&](auto visit) {
        for (const uint32_t i : base.rows) visit(SnapshotDeal(data.deal_snapshots, i, base.stages), {});
    });
}

namespace {

template <size_t N>
void WriteColumns(JsonWriter& out, const char* const (&names)[N]) {
    out.Key("columns").BeginArray();
    for (const char* name : names) out.String(name);
    out.EndArray();
}

/// A dictionary value, or null for none.
void WriteName(JsonWriter& out, const Dictionary& dictionary, uint32_t id) {
    id < dictionary.size() ? out.String(dictionary.At(id)) : out.Null();
}

void WriteTime(JsonWriter& out, int64_t seconds) {
    seconds == INT64_MIN ? out.Null() : out.String(FormatIsoDateTime(seconds));
}

void WriteCohortRows(const DrillResult& r, const Dataset& data, JsonWriter& out) {
    out.Key("cohort").String(r.spec.cohort);
    out.Key("offset");
    r.spec.offset ? out.Int(*r.spec.offset) : out.Null();
    out.Key("asOf").Date(r.as_of_day);
    out.Key("revenue").Money(r.revenue);
    out.Key("revenueOutsideRows").Money(r.revenue_outside_rows);
    WriteColumns(out, kCohortColumns);
    out.Key("rows").BeginArray();
    for (const CohortDrillRow& row : r.customers) {
        out.BeginArray();
        out.String(data.customers.At(row.customer));
        out.Date(row.first_day);
        out.Int(row.period_purchases);
        out.Money(row.period_revenue);
        out.Int(row.total_purchases);
        out.Money(row.total_revenue);
        out.EndArray();
    }
    out.EndArray();
}

void WriteDealRows(const DrillResult& r, const Dataset& data, JsonWriter& out) {
    out.Key("stage");
    r.spec.stage ? out.String(*r.spec.stage) : out.Null();
    out.Key("stageIndex");
    r.stage_index ? out.Int(*r.stage_index) : out.Null();
    out.Key("set").String(kDealSetNames[static_cast<int>(r.spec.set)]);
    for (size_t d = 0; d < 3; ++d) {
        if (r.spec.groups[d]) out.Key(kGroupKeys[d]).String(*r.spec.groups[d]);
    }
    out.Key("mode").String(r.mode == FunnelMode::kStrict ? "strict" : "reached");
    out.Key("asOf");
    r.as_of_seconds ? out.String(FormatIsoDateTime(*r.as_of_seconds)) : out.Null();
    WriteColumns(out, kDealColumns);
    out.Key("rows").BeginArray();
    for (const DealSummary& deal : r.deals) {
        out.BeginArray();
        out.String(data.deals.At(deal.deal));
        WriteName(out, data.managers, deal.groups[0]);
        WriteName(out, data.pipelines, deal.groups[1]);
        WriteName(out, data.channels, deal.groups[2]);
        WriteName(out, data.stages, deal.last_stage);
        out.String(kOutcomeNames[static_cast<int>(deal.outcome)]);
        WriteTime(out, deal.first_time);
        WriteTime(out, deal.last_time);
        out.EndArray();
    }
    out.EndArray();
}

}  // namespace

void WriteDrillJson(const DrillResult& r, const Dataset& data, JsonWriter& out) {
    out.BeginObject();
    out.Key("kind").String(r.spec.kind == DrillKind::kCohort ? "cohort" : "funnel");
    if (r.spec.kind == DrillKind::kCohort) {
        WriteCohortRows(r, data, out);
    } else {
        WriteDealRows(r, data, out);
    }
    out.Key("total").Int(r.total);
    out.Key("truncated").Bool(r.truncated);
    out.Key("limit").Int(r.spec.limit);
    out.EndObject();
}

}  // namespace crm
