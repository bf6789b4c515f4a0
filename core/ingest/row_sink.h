#pragma once
// The second stage of loading: a sink turns each record of one file into dataset rows or a rejection.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/ingest/column_binding.h"
#include "core/ingest/date_text_cache.h"
#include "core/ingest/load_options.h"
#include "core/ingest/load_report.h"
#include "core/ingest/record.h"
#include "core/ingest/value_cache.h"

namespace crm {

/// Shared state of one file's load: where rows go and how rejections are recorded.
struct SinkContext {
    std::string_view file;
    const std::vector<std::string>* columns = nullptr;  ///< column names of the file
    ColumnBinding binding;
    const LoadOptions* options = nullptr;
    Dataset* data = nullptr;
    RowAccounting* rows = nullptr;
    RejectLog* rejects = nullptr;
    size_t expected_rows = 0;  ///< estimate of the file's rows (from the sample), for reserving memory
    /// Day/month evidence of every numeric date seen per role (to catch a wrong default order).
    std::array<DayMonthEvidence, kRoleCount> date_evidence{};
    /// The last date text parsed per role and its result (see DateTextCache).
    std::array<DateTextCache, kRoleCount> date_caches{};
    /// Caches of recent values' ids per role, for low-cardinality columns (stage, manager, source...).
    std::array<ValueCache, kRoleCount> value_caches{};

    /// Counts a rejection and logs it (while the log has room) with the offending role's column and value.
    void Reject(const Record& record, RejectReason reason, Role role);
    /// Dictionary id of a role's value in `dictionary` (kNoId when empty), through the role's value cache.
    uint32_t InternValue(const Record& record, Role role, Dictionary& dictionary) {
        return value_caches[static_cast<int>(role)].Intern(dictionary, binding.Value(record, role));
    }
    /// Parses a date role's value; feeds the day/month evidence of ambiguous numeric columns.
    bool ParseDate(Role role, std::string_view text, int64_t& seconds, bool& has_time);
    /// ParseDate for RowSink::Prepare (any thread): through `cache`, without day/month evidence (Prepare leaves
    /// the dates of an ambiguous format to Consume).
    bool ParseDateWith(DateTextCache& cache, Role role, std::string_view text, int64_t& seconds, bool& has_time) const;
    /// ParseDate with the role's date cache looked up inline first (for a sink's hottest date column: most
    /// rows repeat the last row's day, and then no call is made).
    bool ParseDateInline(Role role, std::string_view text, int64_t& seconds, bool& has_time) {
        const int index = static_cast<int>(role);
        if (!binding.date[index].order_ambiguous && date_caches[index].Find(text, seconds, has_time)) return true;
        return ParseDate(role, text, seconds, has_time);
    }
};

/// Consumes the records of one file.
class RowSink {
public:
    virtual ~RowSink() = default;
    /// Works out what depends on the record's text alone into record.prepared (a parsed date, the row's
    /// fingerprint), touching no state that Consume uses: a load with a sink thread calls it on the reading
    /// thread while the sink consumes earlier records. Optional: Consume works out what is not prepared.
    virtual void Prepare(Record& record) {}
    /// Handles one record: appends to the dataset or rejects it (rows.read is counted by the caller).
    virtual void Consume(const Record& record) = 0;
    /// Called after the last record.
    virtual void Finish() {}
};

/// Sink for the table kind in `context` (orders, deal events, deal snapshots, customers).
std::unique_ptr<RowSink> MakeRowSink(TableKind kind, SinkContext& context);

}  // namespace crm
