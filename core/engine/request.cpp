#include "core/engine/request.h"

#include <algorithm>

#include "core/common/civil_date.h"

namespace crm {
namespace {

Error Bad(std::string message) { return MakeError(ErrorCode::kBadRequest, "request: " + std::move(message)); }

Status ReadDate(simdjson::dom::element value, std::string_view key, std::optional<int32_t>& out) {
    std::string_view text;
    int32_t days = 0;
    if (value.get_string().get(text) || !ParseIsoDate(text, days)) {
        return Bad("'" + std::string(key) + "' must be a date \"YYYY-MM-DD\"");
    }
    out = days;
    return Status::Ok();
}

Status ReadStrings(simdjson::dom::element value, std::string_view key, std::vector<std::string>& out) {
    simdjson::dom::array list;
    if (value.get_array().get(list)) return Bad("'" + std::string(key) + "' must be an array of strings");
    for (auto item : list) {
        std::string_view text;
        if (item.get_string().get(text)) return Bad("'" + std::string(key) + "' must be an array of strings");
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
        } else if (key == "schemaVersion") {
            continue;
        } else {
            return Bad("unknown key '" + std::string(key) +
                       "' (known: analyses, asOf, filters, rfm, cohorts, funnel, rejectedRows, includeFiles)");
        }
        if (!status.ok()) return status;
    }
    return Status::Ok();
}

}  // namespace crm
