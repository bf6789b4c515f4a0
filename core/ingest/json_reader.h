#pragma once
// JSON (an array of objects, or an object holding such an array) and NDJSON rows, read by the streaming
// scanner of core/ingest/json_scan_reader.h.

#include <memory>
#include <string_view>

#include "core/ingest/record.h"
#include "core/ingest/text_window.h"

namespace crm {

/// Creates a reader of the objects of a JSON text read through `window` (which must outlive it): the top-level
/// array, or the first array of objects found among the top-level object's members (e.g. {"data": [...]} or
/// {"result":{"items":[...]}}, searched depth-first up to 4 levels; an empty array there gives 0 rows; an object
/// holding no such array is itself one row). Nested objects are flattened to dotted names ("customer.email");
/// arrays and nulls inside a row become their raw JSON text / an empty value. Strings are unescaped, numbers keep
/// their source text exactly ("40.78", "1e3"), booleans are "true"/"false". Columns are added in first-seen key
/// order and each Record has columns().size() fields. Record::raw is the object's source text, Record::line the
/// line of its '{' (a line ends at "\r\n", "\n" or a lone "\r"). Malformed JSON fails with kBadJson at the line
/// and column of the first bad byte, found as the rows are read (the rows before it come first); a truncated
/// text fails when the scan reaches its end, at the end (a string or a skipped value left open is reported as
/// the simdjson reader did); a scalar document or an array element that is not an object fails with kNotATable
/// ("expected an array of objects"). When the text ended early because of the window (window.error(): a decoding
/// or read error), that error is reported, located, instead of any truncation. Memory: O(largest row + one piece
/// of the window); the text before a found row array is kept while it is searched for.
std::unique_ptr<RecordSource> MakeJsonReader(TextWindow& window, std::string_view file);

/// Creates a reader of NDJSON: one object per non-blank line, flattened as above; Record::line is the line
/// (counting "\n" only) and Record::raw the line without surrounding spaces. A line that is not one complete
/// object fails with kBadJson at that line. Memory: O(longest line + one piece of the window).
std::unique_ptr<RecordSource> MakeNdjsonReader(TextWindow& window, std::string_view file);

}  // namespace crm
