#pragma once
// Which column holds each role of a file, and how its values are written.

#include <array>
#include <string_view>

#include "core/dataset/roles.h"
#include "core/ingest/date_parser.h"
#include "core/ingest/number_parser.h"
#include "core/ingest/record.h"
#include "core/ingest/text.h"

namespace crm {

/// Role -> column index (-1 when absent) plus the per-column value formats, for one file.
struct ColumnBinding {
    std::array<int, kRoleCount> column{};         ///< column index per role, -1 when absent
    std::array<DateFormat, kRoleCount> date{};    ///< date format per date role
    std::array<NumberFormat, kRoleCount> number{};///< number format per numeric role

    ColumnBinding() { column.fill(-1); }
    bool Has(Role role) const { return column[static_cast<int>(role)] >= 0; }
    int Column(Role role) const { return column[static_cast<int>(role)]; }

    /// The trimmed value of a role in a record; empty when the role is absent or the field is missing.
    std::string_view Value(const Record& record, Role role) const {
        const int index = column[static_cast<int>(role)];
        if (index < 0 || static_cast<size_t>(index) >= record.fields.size()) return {};
        return TrimText(record.fields[index]);
    }
};

}  // namespace crm
