#include "core/ingest/load_options.h"

#include "core/common/json_writer.h"
#include "simdjson.h"

namespace crm {
namespace {

Error BadOption(std::string message) { return MakeError(ErrorCode::kBadRequest, "load options: " + message); }

}  // namespace

Status ParseLoadOptions(std::string_view json, LoadOptions& out) {
    out = LoadOptions{};
    if (json.find_first_not_of(" \t\r\n") == std::string_view::npos) return Status::Ok();
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(json.data(), json.size()).get(root)) return BadOption("not valid JSON");
    simdjson::dom::object object;
    if (root.get_object().get(object)) return BadOption("expected a JSON object");
    for (auto field : object) {
        const std::string_view key = field.key;
        if (key == "kind") {
            std::string_view value;
            std::optional<TableKind> kind;
            if (field.value.get_string().get(value) || !(kind = TableKindFromName(value))) {
                return BadOption("'kind' must be one of orders, dealEvents, dealSnapshot, customers");
            }
            out.kind = kind;
        } else if (key == "roles") {
            simdjson::dom::object roles;
            if (field.value.get_object().get(roles)) return BadOption("'roles' must be an object {role: column}");
            for (auto role_field : roles) {
                const auto role = RoleFromName(role_field.key);
                if (!role || *role == Role::kNone) {
                    return BadOption("unknown role '" + std::string(role_field.key) + "'");
                }
                std::string_view column;
                if (role_field.value.is_null()) {
                    column = "";
                } else if (role_field.value.get_string().get(column)) {
                    return BadOption("role '" + std::string(role_field.key) + "' must name a column (a string or null)");
                }
                out.roles.emplace_back(*role, std::string(column));
            }
        } else if (key == "delimiter") {
            std::string_view value;
            if (field.value.get_string().get(value) || value.size() != 1 ||
                std::string_view(",;\t|").find(value[0]) == std::string_view::npos) {
                return BadOption("'delimiter' must be one of \",\" \";\" \"\\t\" \"|\"");
            }
            out.delimiter = value[0];
        } else if (key == "dateOrder") {
            std::string_view value;
            if (field.value.get_string().get(value) || (value != "dayFirst" && value != "monthFirst")) {
                return BadOption("'dateOrder' must be \"dayFirst\" or \"monthFirst\"");
            }
            out.date_order = value == "dayFirst" ? DateKind::kDayFirst : DateKind::kMonthFirst;
        } else if (key == "excludedStatuses") {
            simdjson::dom::array list;
            if (field.value.get_array().get(list)) return BadOption("'excludedStatuses' must be an array of strings");
            std::vector<std::string> patterns;
            for (auto item : list) {
                std::string_view value;
                if (item.get_string().get(value)) return BadOption("'excludedStatuses' must be an array of strings");
                patterns.emplace_back(value);
            }
            out.excluded_statuses = std::move(patterns);
        } else if (key == "dropDuplicates") {
            bool value;
            if (field.value.get_bool().get(value)) return BadOption("'dropDuplicates' must be true or false");
            out.drop_duplicates = value;
        } else if (key == "sampleRows") {
            int64_t value;
            if (field.value.get_int64().get(value) || value < 10 || value > 1000000) {
                return BadOption("'sampleRows' must be an integer from 10 to 1000000");
            }
            out.sample_rows = static_cast<int>(value);
        } else {
            return BadOption("unknown option '" + std::string(key) +
                             "' (known: kind, roles, delimiter, dateOrder, excludedStatuses, dropDuplicates, sampleRows)");
        }
    }
    return Status::Ok();
}

std::string LoadOptionsToJson(const LoadOptions& options) {
    JsonWriter out;
    out.BeginObject();
    if (options.kind) out.Key("kind").String(TableKindName(*options.kind));
    if (!options.roles.empty()) {
        out.Key("roles").BeginObject();
        for (const auto& [role, column] : options.roles) {
            out.Key(RoleName(role));
            if (column.empty()) {
                out.Null();
            } else {
                out.String(column);
            }
        }
        out.EndObject();
    }
    if (options.delimiter) out.Key("delimiter").String(std::string(1, *options.delimiter));
    if (options.date_order) out.Key("dateOrder").String(*options.date_order == DateKind::kDayFirst ? "dayFirst" : "monthFirst");
    if (options.excluded_statuses) {
        out.Key("excludedStatuses").BeginArray();
        for (const std::string& s : *options.excluded_statuses) out.String(s);
        out.EndArray();
    }
    if (!options.drop_duplicates) out.Key("dropDuplicates").Bool(false);
    out.EndObject();
    return out.Take();
}

}  // namespace crm
