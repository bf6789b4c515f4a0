#pragma once
// JSON (an array of objects, or an object holding such an array) and NDJSON rows, read by the streaming
// scanner of core/ingest/json_scan_reader.h.

#include <memory>
#include <string_view>

#include "core/ingest/record.h"

namespace crm {

/// Creates a reader of the objects of a JSON text: the top-level array, or the first array of
/// objects found among the top-level object's members (e.g. {"data": [...]} or {"result":{"items":[...]}},
/// searched depth-first up to 4 levels; an empty array there gives 0 rows; an object holding no such array
/// is itself one row). Nested objects are flattened to dotted names ("customer.email"); arrays and nulls
/// inside a row become their raw JSON text / an empty value. Strings are unescaped, numbers keep their source
/// text exactly ("40.78", "1e3"), booleans are "true"/"false". Columns are added in first-seen key order and
/// each Record has columns().size() fields. Record::raw is the object's source text, Record::line is 0
/// (use LineOfOffset(record.offset)). Malformed or truncated JSON fails with kBadJson at the line and column
/// of the first bad byte (the end of the text when truncated); a scalar document or an array element that is
/// not an object fails with kNotATable ("expected an array of objects"). `text` must have kTextPadding bytes
/// after its end. Memory: O(largest row); no index of the whole document is built.
std::unique_ptr<RecordSource> MakeJsonReader(std::string_view text, std::string_view file);

/// Creates a reader of NDJSON: one object per non-blank line, flattened as above; Record::line is the line
/// and Record::raw the line without surrounding spaces. A line that is not one complete object fails with
/// kBadJson at that line.
std::unique_ptr<RecordSource> MakeNdjsonReader(std::string_view text, std::string_view file);

}  // namespace crm
