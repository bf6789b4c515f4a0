#pragma once
// What loading a file found: how it was read, what each column was taken for, and where every row went.

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/common/json_writer.h"
#include "core/dataset/roles.h"

namespace crm {

/// Why a row was not used. Names are the report keys.
enum class RejectReason : uint8_t {
    kMissingCustomer,  ///< no customer id, email or phone (also not inherited from the order's first row)
    kBadDate,          ///< date empty or unparseable
    kBadAmount,        ///< amount empty or unparseable (and no quantity x unit price, no order total)
    kExcludedStatus,   ///< the order's status reads cancelled / refunded / returned
    kDuplicate,        ///< byte-identical to an earlier row of the same file
    kMissingDealId,    ///< deals: no deal id
    kMissingStage,     ///< deals: no stage
};
constexpr int kRejectReasonCount = 7;

/// camelCase report key of a reason ("missingCustomer", ...).
const char* RejectReasonName(RejectReason reason);

/// Rows accounting: read = used + sum(rejected), always.
struct RowAccounting {
    int64_t read = 0;
    int64_t used = 0;
    std::array<int64_t, kRejectReasonCount> rejected{};
    int64_t return_rows = 0;       ///< used rows that are returns (netted, not purchases)
    int64_t returned_amount = 0;   ///< minor units, positive
    std::map<std::string, int64_t> excluded_statuses;  ///< status text -> rejected rows

    int64_t RejectedTotal() const;
    void Add(const RowAccounting& other);
    /// Writes {"read","used","rejected":{...},"returnRows","returnedAmount","excludedStatuses":{...}}.
    void WriteJson(JsonWriter& out) const;
};

/// One rejected row, for the downloadable list.
struct RejectedRow {
    std::string file;
    int64_t line = 0;
    int32_t column = 0;       ///< 1-based column index of the offending value, 0 for whole-row reasons
    std::string column_name;
    std::string value;
    RejectReason reason = RejectReason::kDuplicate;
};

/// Keeps the first `capacity` rejected rows across all files.
struct RejectLog {
    size_t capacity = 1000;
    std::vector<RejectedRow> rows;
    bool full() const { return rows.size() >= capacity; }
    void WriteJson(JsonWriter& out) const;
};

/// How one column was read.
struct ColumnReport {
    std::string name;
    Role role = Role::kNone;
    double confidence = 0;
    std::string evidence;
    bool overridden = false;   ///< the role was set by the caller
    std::string format;        ///< date or number format used for this column, if any
};

/// How one file was read and what came of its rows.
struct FileReport {
    std::string name;
    int64_t bytes = 0;
    std::string format;        ///< csv, json, ndjson
    std::string encoding;      ///< utf-8, windows-1251, ...
    std::string delimiter;     ///< CSV only
    std::string quote;         ///< CSV only
    int64_t header_line = 0;   ///< CSV only
    std::string decimal_separator;
    std::string thousands_separator;
    TableKind kind = TableKind::kUnknown;
    double kind_confidence = 0;
    std::string kind_evidence;
    bool kind_overridden = false;
    std::vector<ColumnReport> columns;
    RowAccounting rows;

    /// Column name holding a role, or empty.
    std::string ColumnOf(Role role) const;
    void WriteJson(JsonWriter& out) const;
};

}  // namespace crm
