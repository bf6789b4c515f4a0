#pragma once
// What the caller may say about a file before it is read: overrides of every guess.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/dataset/roles.h"
#include "core/ingest/date_parser.h"

namespace crm {

/// Per-file load options (all optional; defaults guess everything).
struct LoadOptions {
    std::optional<TableKind> kind;  ///< force the table kind
    /// Role overrides: role -> column name. An empty name removes the guessed column for that role.
    std::vector<std::pair<Role, std::string>> roles;
    std::optional<char> delimiter;                 ///< force the CSV delimiter
    std::optional<DateKind> date_order;            ///< kDayFirst or kMonthFirst for ambiguous numeric dates
    std::optional<std::vector<std::string>> excluded_statuses;  ///< status patterns (default: vocabulary list)
    bool drop_duplicates = true;                   ///< reject exact duplicate rows
    int sample_rows = 2000;                        ///< rows read up front to guess formats and roles
};

/// Parses the options JSON object, e.g.
/// {"kind":"orders","roles":{"customer":"Email","amount":"Сумма"},"delimiter":";","dateOrder":"monthFirst",
///  "excludedStatuses":["отмен","cancel"],"dropDuplicates":true}. An empty string means defaults.
Status ParseLoadOptions(std::string_view json, LoadOptions& out);

/// Writes the options back as JSON (the page saves them in its settings file).
std::string LoadOptionsToJson(const LoadOptions& options);

}  // namespace crm
