#pragma once
// A purpose-built, streaming reader of JSON and NDJSON rows: one pass over the bytes, no index of the document.

#include <memory>
#include <string_view>

#include "core/ingest/record.h"

namespace crm {

/// Creates a streaming reader of the objects of a JSON text, with the contract of MakeJsonReader
/// (json_reader.h): the top-level array or the first array of objects inside the top-level object, flattened
/// rows, strict validation. Extra memory is O(largest row); `text` must be UTF-8 (as DecodeText gives) with
/// kTextPadding readable bytes after its end.
std::unique_ptr<RecordSource> MakeJsonScanReader(std::string_view text, std::string_view file);

/// Creates a streaming reader of NDJSON (one object per non-blank line), with the contract of MakeNdjsonReader.
std::unique_ptr<RecordSource> MakeNdjsonScanReader(std::string_view text, std::string_view file);

}  // namespace crm
