#pragma once
// RFC 4180 CSV/TSV/semicolon/pipe reading: dialect sniffing and a one-pass record reader.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/ingest/record.h"
#include "core/ingest/text_window.h"

namespace crm {

/// How a delimited text is written.
struct CsvDialect {
    char delimiter = ',';    ///< ',', ';', '\t' or '|'
    char quote = '"';        ///< '"', '\'' or 0 when values are never quoted
    int64_t header_line = 1; ///< 1-based line of the header row (title lines above it are skipped)
};

/// Sniffs delimiter, quote and header row from the start of the text (up to 256 KiB): the delimiter
/// that splits the most records into the same number (> 1) of fields outside quotes (ties: more fields,
/// then the order , ; tab |); a single-column file gets ','. The quote is '"', or '\'' when most fields
/// are wrapped in single quotes and none in double quotes. The header is the first record with at least
/// two fields whose non-empty field count is at least half the typical (median) non-empty count of the
/// records with the modal field count, so title lines ("Отчет", "Период: ...", "Отчет;;;;") are skipped.
CsvDialect SniffCsvDialect(std::string_view text);

/// Creates a reader of the data rows after the header, reading the text through `window` (just opened: the
/// reader starts at its first byte, line 1) and refilling it as it goes; the window must outlive the reader.
/// Memory: O(longest record + one piece) on top of the window. columns() are the header fields (trimmed,
/// quotes removed; an empty header becomes "column N"; a repeated name gets " (2)", " (3)"... avoiding
/// names written elsewhere in the header). Records whose fields are all empty or blank are skipped (they
/// are not rows). Rows with fewer fields than the header get empty views for the missing ones; extra
/// fields are dropped. Quoted fields keep the spaces inside their quotes (a quote may follow spaces);
/// unquoted fields are returned as written. Lines end at "\r\n", "\n" or a lone "\r" (also when a piece
/// ends between "\r" and "\n"). Record::raw is the record without its line end; Record::line is the line
/// where it starts and Record::offset its offset in the whole text. An unterminated quote fails with kBadCsv
/// at the line and column of the opening quote. When the text ends early with window.error() set (a
/// decoding or read error after the head), the rows before the record it cuts are returned, then reading
/// fails with a copy of that error located at window.error_offset() (it wins over an unterminated quote).
/// A text with no header row gives no columns and no rows.
std::unique_ptr<RecordSource> MakeCsvReader(TextWindow& window, const CsvDialect& dialect, std::string_view file);

}  // namespace crm
