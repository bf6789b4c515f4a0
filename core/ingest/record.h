#pragma once
// One input row as views into the decoded text: the common currency of the CSV and JSON readers.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/ingest/encoding.h"

namespace crm {

/// Bytes every reader may read past the end of its text (simdjson's SIMDJSON_PADDING).
constexpr size_t kTextPadding = 64;

/// What a sink worked out from a row's text alone before consuming it (RowSink::Prepare; on a load with a sink
/// thread, the reading thread does it). What is not worked out (kNotPrepared, a 0 fingerprint), the sink's
/// Consume works out itself.
struct PreparedRow {
    /// A value's outcome: not worked out (Consume parses it), parsed, or unparseable.
    enum Outcome : uint8_t { kNotPrepared, kParsed, kBad };
    Outcome date = kNotPrepared;    ///< the row's date (orders: date; deal events: stage time)
    Outcome amount = kNotPrepared;  ///< the row's amount (orders)
    bool has_time = false;          ///< the date had a time of day
    uint64_t fingerprint = 0;       ///< RowFingerprint(raw) (never 0), when the sink drops duplicates; else 0
    int64_t seconds = 0;            ///< the date (kParsed)
    int64_t minor = 0;              ///< the amount in minor units (kParsed)
};

/// One row: fields by column index. Views stay valid until the reader's next Next() call.
struct Record {
    std::vector<std::string_view> fields;  ///< by column index; an empty view is an empty value
    int64_t line = 0;                      ///< 1-based line where the row starts
    int64_t offset = 0;                    ///< byte offset of the row's first byte in the decoded text
    std::string_view raw;                  ///< the row's source bytes, used to detect exact duplicates
    PreparedRow prepared;                  ///< set by RowSink::Prepare (readers leave it alone)
};

/// A reader of rows from one decoded text (CSV dialect or JSON/NDJSON), read piece by piece through a
/// TextWindow (core/ingest/text_window.h).
class RecordSource {
public:
    virtual ~RecordSource() = default;
    /// Column names in column-index order. JSON readers append newly seen keys while reading.
    virtual const std::vector<std::string>& columns() const = 0;
    /// Reads the next row; false at the end of input or on error (then error() is set).
    virtual bool Next(Record& record) = 0;
    /// The error that stopped reading, if any (with line and column filled).
    virtual const Error* error() const = 0;
    /// Line and column of a text offset at or after the start of the last row returned, up to the end of the
    /// text read (an error of the text window is located with it).
    virtual TextPosition PositionOfOffset(int64_t offset) const = 0;
};

}  // namespace crm
