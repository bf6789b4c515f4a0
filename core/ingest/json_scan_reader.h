#pragma once
// A purpose-built, streaming reader of JSON and NDJSON rows: one pass over a TextWindow, no index of the document.

#include <memory>
#include <string_view>

#include "core/ingest/record.h"
#include "core/ingest/text_window.h"

namespace crm {

/// Creates a streaming reader of the objects of a JSON text read through `window`, with the contract of
/// MakeJsonReader (json_reader.h): the top-level array or the first array of objects inside the top-level object,
/// flattened rows, strict validation. Extra memory is O(largest row + one piece of the window). `window` must
/// outlive the reader.
std::unique_ptr<RecordSource> MakeJsonScanReader(TextWindow& window, std::string_view file);

/// Creates a streaming reader of NDJSON (one object per non-blank line), with the contract of MakeNdjsonReader.
std::unique_ptr<RecordSource> MakeNdjsonScanReader(TextWindow& window, std::string_view file);

}  // namespace crm
