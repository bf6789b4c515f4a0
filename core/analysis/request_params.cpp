#include "core/analysis/request_params.h"

#include <cmath>

namespace crm {

std::string OneOf(std::initializer_list<std::string_view> allowed) {
    std::string out = "one of ";
    bool first = true;
    for (const std::string_view name : allowed) {
        if (!first) out += ", ";
        first = false;
        out += '"';
        out += name;
        out += '"';
    }
    return out;
}

Error BadParam(std::string_view section, std::string_view key, std::string expected) {
    Error e = MakeError(ErrorCode::kBadRequest, "bad value for " + std::string(section) + "." + std::string(key));
    e.expected = std::move(expected);
    return e;
}

Error UnknownParam(std::string_view section, std::string_view key, std::initializer_list<std::string_view> allowed) {
    Error e = MakeError(ErrorCode::kBadRequest, "unknown key " + std::string(section) + "." + std::string(key));
    e.expected = OneOf(allowed);
    return e;
}

Status OpenParamsObject(simdjson::simdjson_result<simdjson::dom::element> params, std::string_view section,
                        simdjson::dom::object& out, bool& present) {
    present = false;
    simdjson::dom::element element;
    if (params.get(element) != simdjson::SUCCESS) return Status::Ok();  // key absent: defaults
    if (element.is_null()) return Status::Ok();
    if (element.get_object().get(out) != simdjson::SUCCESS) {
        Error e = MakeError(ErrorCode::kBadRequest, "bad value for " + std::string(section));
        e.expected = "an object of parameters";
        return e;
    }
    present = true;
    return Status::Ok();
}

Status ReadEnumParam(simdjson::dom::element value, std::string_view section, std::string_view key,
                     std::initializer_list<std::string_view> allowed, int& index) {
    std::string_view text;
    if (value.get_string().get(text) == simdjson::SUCCESS) {
        int i = 0;
        for (const std::string_view name : allowed) {
            if (name == text) {
                index = i;
                return Status::Ok();
            }
            ++i;
        }
    }
    return BadParam(section, key, OneOf(allowed));
}

Status ReadIntParam(simdjson::dom::element value, std::string_view section, std::string_view key, int64_t lo,
                    int64_t hi, int64_t& out) {
    int64_t v = 0;
    if (value.get_int64().get(v) != simdjson::SUCCESS || v < lo || v > hi) {
        return BadParam(section, key, "an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
    }
    out = v;
    return Status::Ok();
}

Status ReadBoolParam(simdjson::dom::element value, std::string_view section, std::string_view key, bool& out) {
    if (value.get_bool().get(out) != simdjson::SUCCESS) return BadParam(section, key, "true or false");
    return Status::Ok();
}

Status ReadStringListParam(simdjson::dom::element value, std::string_view section, std::string_view key,
                           std::vector<std::string>& out) {
    simdjson::dom::array array;
    if (value.get_array().get(array) != simdjson::SUCCESS) return BadParam(section, key, "an array of strings");
    out.clear();
    for (const simdjson::dom::element item : array) {
        std::string_view text;
        if (item.get_string().get(text) != simdjson::SUCCESS) return BadParam(section, key, "an array of strings");
        out.emplace_back(text);
    }
    return Status::Ok();
}

Status ReadNumberListParam(simdjson::dom::element value, std::string_view section, std::string_view key,
                           std::vector<double>& out) {
    simdjson::dom::array array;
    if (value.get_array().get(array) != simdjson::SUCCESS) return BadParam(section, key, "an array of numbers");
    out.clear();
    for (const simdjson::dom::element item : array) {
        double v = 0;
        if (item.get_double().get(v) != simdjson::SUCCESS || !std::isfinite(v)) {
            return BadParam(section, key, "an array of numbers");
        }
        out.push_back(v);
    }
    return Status::Ok();
}

}  // namespace crm
