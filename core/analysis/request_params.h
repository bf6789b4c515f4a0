#pragma once
// Small helpers shared by the analyses' request parsers (simdjson DOM, no exceptions): typed reads of
// one parameter with an error naming the key and what is allowed.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "simdjson.h"

namespace crm {

/// kBadRequest error "bad value for <section>.<key>" expecting `expected`.
Error BadParam(std::string_view section, std::string_view key, std::string expected);

/// kBadRequest error "unknown key <section>.<key>" listing the keys that are allowed.
Error UnknownParam(std::string_view section, std::string_view key, std::initializer_list<std::string_view> allowed);

/// Opens the parameters object of one analysis. A missing field (lookup error) or a JSON null leaves
/// `present` false (use defaults); anything but an object is a bad request.
Status OpenParamsObject(simdjson::simdjson_result<simdjson::dom::element> params, std::string_view section,
                        simdjson::dom::object& out, bool& present);

/// Reads a string that must be one of `allowed`; `index` receives its position in the list.
Status ReadEnumParam(simdjson::dom::element value, std::string_view section, std::string_view key,
                     std::initializer_list<std::string_view> allowed, int& index);

/// Reads an integer in [lo, hi].
Status ReadIntParam(simdjson::dom::element value, std::string_view section, std::string_view key, int64_t lo,
                    int64_t hi, int64_t& out);

/// Reads a JSON boolean.
Status ReadBoolParam(simdjson::dom::element value, std::string_view section, std::string_view key, bool& out);

/// Reads an array of strings.
Status ReadStringListParam(simdjson::dom::element value, std::string_view section, std::string_view key,
                           std::vector<std::string>& out);

/// Reads an array of finite numbers.
Status ReadNumberListParam(simdjson::dom::element value, std::string_view section, std::string_view key,
                           std::vector<double>& out);

/// Joins the allowed values as `one of "a", "b", "c"` for error messages.
std::string OneOf(std::initializer_list<std::string_view> allowed);

}  // namespace crm
