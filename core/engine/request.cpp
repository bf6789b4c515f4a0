#include "core/engine/request.h"

#include <algorithm>

#include "core/common/civil_date.h"

namespace crm {
namespace {

Error Bad(std::string message) { return MakeError(ErrorCode::kBadRequest, "request: " + std::move(message)); }

/// `'key'`, as messages name a request field.
std::string Quoted(std::string_view key) {
    std::string out;
    out.reserve(key.size() + 2);
    out.append(1, '\'').append(key).append(1, '\'');
    return out;
}

Status ReadDate(simdjson::dom::element value, std::string_view key, std::optional<int32_t>& out) {
    std::string_view text;
    int32_t days = 0;
    if (value.get_string().get(text) || !ParseIsoDate(text, days)) {
        return Bad(Quoted(key) + " must be a date \"YYYY-MM-DD\"");
    }
    out = days;
    return Status::Ok();
}

Status ReadStrings(simdjson::dom::element value, std::string_view key, std::vector<std::string>& out) {
    simdjson::dom::array list;
    if (value.get_array().get(list)) return Bad(Quoted(key) + " must be an array of strings");
    for (auto item : list) {
        std::string_view text;
        if (item.get_string().get(text)) return Bad(Quoted(key) + " must be an array of strings");
        out.emplace_back(text);
    }
    return Status::Ok();
}

Status ParseFilters(simdjson::dom::element value, Filters& filters) {
    simdjson::dom::object object;
    if (value.get_object().get(object)) return Bad("'filters' must be an object");
    for (auto field : object) {
        const std::string_view key = field.key;
        Status status;
        if (key == "from") {
            status = ReadDate(field.value, "filters.from", filters.from_day);
        } else if (key == "to") {
            status = ReadDate(field.value, "filters.to", filters.to_day);
        } else if (key == "channels") {
            status = ReadStrings(field.value, "filters.channels", filters.channels);
        } else if (key == "managers") {
            status = ReadStrings(field.value, "filters.managers", filters.managers);
        } else if (key == "statuses") {
            status = ReadStrings(field.value, "filters.statuses", filters.statuses);
        } else if (key == "pipelines") {
            status = ReadStrings(field.value, "filters.pipelines", filters.pipelines);
        } else {
            return Bad("unknown filter '" + std::string(key) + "' (known: from, to, channels, managers, statuses, pipelines)");
        }
        if (!status.ok()) return status;
    }
    return Status::Ok();
}

Status ReadName(simdjson::dom::element value, std::string_view key, std::string& out) {
    std::string_view text;
    if (value.get_string().get(text) || text.empty()) {
        return Bad(std::string("'").append(key).append("' must be a non-empty string"));
    }
    out = std::string(text);
    return Status::Ok();
}

/// The "drill" object: {"cohort", "offset"} or {"stage", "set", "manager", "pipeline", "source"}, plus "limit".
Status ParseDrill(simdjson::dom::element value, std::optional<DrillSpec>& out) {
    if (value.is_null()) return Status::Ok();
    simdjson::dom::object object;
    if (value.get_object().get(object)) {
        return Bad("'drill' must be an object: {\"cohort\": label, \"offset\": k} or {\"stage\": name, \"set\": ...}");
    }
    static constexpr const char* kGroups[] = {"manager", "pipeline", "source"};
    DrillSpec spec;
    bool has_cohort = false, has_offset = false, has_set = false, has_group = false;
    for (auto field : object) {
        const std::string_view key = field.key;
        Status status;
        if (key == "cohort") {
            has_cohort = true;
            status = ReadName(field.value, "drill.cohort", spec.cohort);
        } else if (key == "offset") {
            if (field.value.is_null()) continue;
            int64_t k = 0;
            if (field.value.get_int64().get(k) || k < 0 || k > 100000) {
                return Bad("'drill.offset' must be an integer 0..100000 (a column of report.cohorts)");
            }
            spec.offset = static_cast<int32_t>(k);
            has_offset = true;
        } else if (key == "stage") {
            if (field.value.is_null()) continue;
            spec.stage.emplace();
            status = ReadName(field.value, "drill.stage", *spec.stage);
        } else if (key == "set") {
            std::string_view text;
            const auto* end = std::end(kDealSetNames);
            const auto* it = field.value.get_string().get(text) ? end : std::find(std::begin(kDealSetNames), end, text);
            if (it == end) {
                return Bad("'drill.set' must be one of \"reached\", \"skipped\", \"droppedAfter\", \"stalled\", "
                           "\"won\", \"lost\", \"open\"");
            }
            spec.set = static_cast<DealSet>(it - std::begin(kDealSetNames));
            has_set = true;
        } else if (const auto* g = std::find(std::begin(kGroups), std::end(kGroups), key); g != std::end(kGroups)) {
            has_group = true;
            const auto d = static_cast<size_t>(g - std::begin(kGroups));
            spec.groups[d].emplace();
            status = ReadName(field.value, "drill." + std::string(key), *spec.groups[d]);
        } else if (key == "limit") {
            if (field.value.get_int64().get(spec.limit) || spec.limit < 1 || spec.limit > kMaxDrillLimit) {
                return Bad("'drill.limit' must be an integer 1.." + std::to_string(kMaxDrillLimit));
            }
        } else {
            return Bad("unknown key 'drill." + std::string(key) +
                       "' (known: cohort, offset, stage, set, manager, pipeline, source, limit)");
        }
        if (!status.ok()) return status;
    }
    if (has_cohort && (spec.stage || has_set || has_group)) {
        return Bad("'drill' mixes a cohort ('cohort') with funnel keys (stage, set, manager, pipeline, source): "
                   "drill into one analysis at a time");
    }
    if (!has_cohort && !has_set) {
        return Bad("'drill' needs 'cohort' (customers of a cohort row or cell) or 'set' (deals of a funnel count)");
    }
    if (!has_cohort && has_offset) return Bad("'drill.offset' needs 'drill.cohort'");
    const bool per_stage =
        spec.set == DealSet::kReached || spec.set == DealSet::kSkipped || spec.set == DealSet::kDroppedAfter;
    if (!has_cohort && per_stage && !spec.stage) {
        const std::string set = kDealSetNames[static_cast<int>(spec.set)];
        return Bad("'drill.set' \"" + set + "\" needs 'drill.stage'");
    }
    spec.kind = has_cohort ? DrillKind::kCohort : DrillKind::kFunnel;
    out = std::move(spec);
    return Status::Ok();
}

}  // namespace

const std::vector<std::string>& KnownAnalyses() {
    static const std::vector<std::string> kNames = {"summary", "rfm", "cohorts", "funnel"};
    return kNames;
}

Status ParseRequest(std::string_view json, Request& out) {
    if (json.find_first_not_of(" \t\r\n") == std::string_view::npos) return Status::Ok();
    simdjson::dom::element root;
    if (out.parser.parse(json.data(), json.size()).get(root)) return Bad("not valid JSON");
    simdjson::dom::object object;
    if (root.get_object().get(object)) return Bad("expected a JSON object");
    for (auto field : object) {
        const std::string_view key = field.key;
        Status status;
        if (key == "analyses") {
            status = ReadStrings(field.value, "analyses", out.analyses);
            for (const std::string& name : out.analyses) {
                const auto& known = KnownAnalyses();
                if (std::find(known.begin(), known.end(), name) == known.end()) {
                    return Bad("unknown analysis '" + name + "' (known: summary, rfm, cohorts, funnel)");
                }
            }
        } else if (key == "asOf") {
            if (!field.value.is_null()) status = ReadDate(field.value, "asOf", out.as_of_day);
        } else if (key == "filters") {
            status = ParseFilters(field.value, out.filters);
        } else if (key == "rejectedRows") {
            int64_t n = 0;
            if (field.value.get_int64().get(n) || n < 0 || n > 1000) return Bad("'rejectedRows' must be 0..1000");
            out.rejected_rows = static_cast<int>(n);
        } else if (key == "includeFiles") {
            if (field.value.get_bool().get(out.include_files)) return Bad("'includeFiles' must be true or false");
        } else if (key == "rfm") {
            out.rfm = field.value;
            out.has_rfm = true;
        } else if (key == "cohorts") {
            out.cohorts = field.value;
            out.has_cohorts = true;
        } else if (key == "funnel") {
            out.funnel = field.value;
            out.has_funnel = true;
        } else if (key == "drill") {
            status = ParseDrill(field.value, out.drill);
        } else if (key == "schemaVersion") {
            continue;
        } else {
            return Bad("unknown key '" + std::string(key) +
                       "' (known: analyses, asOf, filters, rfm, cohorts, funnel, drill, rejectedRows, includeFiles)");
        }
        if (!status.ok()) return status;
    }
    return Status::Ok();
}

}  // namespace crm
