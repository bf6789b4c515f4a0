#pragma once
// Detecting and decoding the text encoding of an input file into UTF-8, and byte offset -> line/column.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/status.h"

namespace crm {

/// Encoding a file was written in.
enum class TextEncoding : uint8_t { kUtf8, kUtf8Bom, kUtf16Le, kUtf16Be, kWindows1251 };

/// Report name: "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1251".
std::string_view TextEncodingName(TextEncoding encoding);

/// The file's text as UTF-8. `text` points into the input bytes (UTF-8, BOM skipped) or into
/// `storage` (transcoded); either way at least kTextPadding readable bytes follow text.end().
/// When transcoded, `storage` holds the text followed by kTextPadding zero bytes (so it is never a
/// short string and moving a DecodedText keeps `text` valid).
struct DecodedText {
    std::string_view text;
    std::string storage;
    TextEncoding encoding = TextEncoding::kUtf8;
};

/// Decodes `bytes` (which must have kTextPadding readable bytes after its end).
/// UTF-16 is recognised by its BOM, or without one when every other byte of the start is NUL.
/// Invalid UTF-8 is decoded as Windows-1251 when plausible: most high bytes are Cyrillic letters
/// that mostly stand next to other Cyrillic letters, and no byte is undefined in Windows-1251.
/// Fails with kEmpty (no bytes or only a BOM/whitespace), kNotATable (binary: a known file
/// signature such as ZIP/XLSX, PNG or PDF, a NUL byte, or many control characters in the first 64 KiB)
/// or kBadEncoding (invalid UTF-8 that is not plausible Windows-1251), with line and column of the
/// first offending byte. `file` names the file in errors.
Result<DecodedText> DecodeText(std::string_view bytes, std::string_view file);

/// Streaming decoding (TextWindow): Windows-1251 bytes as UTF-8 into `out`, which has room for 3 bytes a
/// byte; returns the end of the output.
char* DecodeWindows1251(std::string_view bytes, char* out);

/// Streaming decoding: the whole UTF-16 code units of `bytes` as UTF-8 into `out` (room for 3 bytes a unit);
/// returns the bytes of `bytes` used. An odd last byte, or a high surrogate at the end when `!last`, is left
/// for the next call; unpaired surrogates become U+FFFD.
size_t DecodeUtf16(std::string_view bytes, bool big_endian, bool last, char*& out);

/// Length of the longest prefix of `bytes` that is valid UTF-8. `cut` tells that what follows it is a
/// sequence cut short by the end of `bytes` (more bytes may complete it), not an invalid byte; `non_ascii`
/// is set when the prefix holds a byte >= 0x80 (never cleared).
size_t ValidUtf8Prefix(std::string_view bytes, bool& cut, bool& non_ascii);

/// Windows-1251 is plausible for `bytes`: no undefined byte, and its high bytes are mostly Cyrillic letters
/// that mostly stand next to other Cyrillic letters (see DecodeText).
bool PlausibleWindows1251(std::string_view bytes);

/// A 1-based line and column (in bytes of the line).
struct TextPosition {
    int64_t line = 1;
    int64_t column = 1;
};

/// Line and column of byte `offset` of `text` (clamped to text.size()). A line ends at "\r\n", "\n"
/// or a lone "\r".
TextPosition PositionOfOffset(std::string_view text, size_t offset);

/// PositionOfOffset with memory: linear in the distance from the previous query when offsets increase.
class LineCounter {
public:
    explicit LineCounter(std::string_view text) : text_(text) {}
    /// Line and column of byte `offset` (clamped to the text).
    TextPosition Position(size_t offset);

private:
    std::string_view text_;
    size_t offset_ = 0;       // offset of the last query
    int64_t line_ = 1;        // line of offset_
    size_t line_start_ = 0;   // offset of the first byte of line_
};

}  // namespace crm
