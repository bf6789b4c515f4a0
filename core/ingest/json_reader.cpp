#include "core/ingest/json_reader.h"

#include "core/ingest/json_scan_reader.h"

namespace crm {

// The readers are the streaming scanner of json_scan_reader.h: one pass over a TextWindow, O(largest row + one
// piece) memory. It replaced simdjson On-Demand, which indexed the whole document first (about 5-6 bytes per
// input byte) and, in wasm32, ran its scalar fallback kernel; the simdjson reader lives on as the test oracle
// (tests/core/ingest/json_reference_reader.h).

std::unique_ptr<RecordSource> MakeJsonReader(TextWindow& window, std::string_view file) {
    return MakeJsonScanReader(window, file);
}

std::unique_ptr<RecordSource> MakeNdjsonReader(TextWindow& window, std::string_view file) {
    return MakeNdjsonScanReader(window, file);
}

}  // namespace crm
