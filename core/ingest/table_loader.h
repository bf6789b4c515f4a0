#pragma once
// Loading one file: decode, pick the reader, sample rows to guess kind, roles and formats, apply the
// caller's overrides, then one pass over all rows into the dataset.

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "core/common/status.h"
#include "core/dataset/dataset.h"
#include "core/ingest/byte_source.h"
#include "core/ingest/load_options.h"
#include "core/ingest/load_report.h"
#include "core/ingest/text_window.h"

namespace crm {

/// What loading one file produced: always a report (as far as reading got), and an error when it failed.
struct LoadOutcome {
    FileReport report;
    std::optional<Error> error;
    /// Set when the file's numeric dates turned out to be month-first although day-first was assumed
    /// from the sample (or the reverse): the caller reloads with LoadOptions::date_order set to this.
    std::optional<DateKind> date_order_conflict;
};

/// Progress of one load: (bytes of the file read so far, the file's size, rows read so far).
using LoadProgress = std::function<void(int64_t bytes_done, int64_t total_bytes, int64_t rows)>;

/// Rows between two progress calls.
constexpr int64_t kProgressEveryRows = 65536;

/// Whether a load turns rows into dataset rows on a second thread while it reads on (see SinkThread).
struct LoadThreads {
    /// Files of at least this many bytes get the second thread; INT64_MAX: none.
    int64_t sink_thread_from_bytes = INT64_MAX;
};

/// Reads the file `file` from `source` (rewound first; read piece by piece, never held whole) into `data`,
/// appending rows and logging rejected ones into `rejects`. On error nothing is appended to the dataset's row tables
/// except for failures discovered mid-file (a truncated JSON), where rows before it are kept only
/// in the report's counts; callers rebuild the dataset without the failed file. `progress`, when set,
/// is called every kProgressEveryRows rows and once at the end (on the calling thread, as every call into
/// `source`).
LoadOutcome LoadTable(std::string_view file, ByteSource& source, const LoadOptions& options, Dataset& data,
                      RejectLog& rejects, const LoadProgress& progress = {}, WindowOptions window = {},
                      const LoadThreads& threads = {});

}  // namespace crm
