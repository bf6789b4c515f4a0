#pragma once
// Guessing what a table holds (orders, deals, customers) and what each column means, from header
// names in English, Russian and Ukrainian and from the sample values' profiles.

#include <span>
#include <string>
#include <vector>

#include "core/dataset/roles.h"
#include "core/ingest/column_profile.h"

namespace crm {

/// The guessed role of one column.
struct ColumnGuess {
    Role role = Role::kNone;
    double confidence = 0;  ///< 0..1
    std::string evidence;  ///< why, in plain words ("header 'Дата' reads as date; 100% of values are dd.mm.yyyy dates")
};

/// The guessed kind of a table and the role of each of its columns (in column order).
struct TableGuess {
    TableKind kind = TableKind::kUnknown;
    double confidence = 0;  ///< 0..1
    std::string evidence;   ///< why this kind
    std::vector<ColumnGuess> columns;
};

/// Guesses the table kind and the column roles. Header names dominate; values confirm them or break
/// ties, and alone can make a column an email, phone or date column. Each role goes to at most one
/// column. `profiles` is by column index (missing profiles count as empty columns).
TableGuess GuessTable(std::span<const std::string> headers, std::span<const ColumnProfile> profiles);

/// Guesses the column roles for a table kind the caller has chosen (kUnknown behaves as GuessTable).
TableGuess GuessTableAs(TableKind kind, std::span<const std::string> headers, std::span<const ColumnProfile> profiles);

}  // namespace crm
