#pragma once
// Deciding which reader a decoded text needs.

#include <string_view>

#include "core/common/status.h"

namespace crm {

/// Container format of a text file.
enum class FileFormat : uint8_t { kCsv, kJson, kNdjson };

/// Report name: "csv", "json", "ndjson".
std::string_view FileFormatName(FileFormat format);

/// JSON when the first non-space byte is '{', or '[' followed by a JSON value start (so "[id];[name]" stays
/// CSV); NDJSON when the first object closes on its own line and the next non-blank line starts with '{';
/// CSV otherwise. Fails with kNotATable for markup ('<' first: HTML page, XML, Excel XML) and for a whole
/// text that is one JSON scalar ("42", "\"x\"", true), and with kEmpty for a text of only whitespace.
Result<FileFormat> DetectFileFormat(std::string_view text, std::string_view file);

}  // namespace crm
