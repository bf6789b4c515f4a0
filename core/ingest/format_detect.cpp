#include "core/ingest/format_detect.h"

#include <cstring>
#include <string>

#include "core/ingest/encoding.h"

namespace crm {

namespace {

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

size_t SkipSpace(std::string_view text, size_t i) {
    while (i < text.size() && (IsJsonSpace(text[i]) || text[i] == '\f' || text[i] == '\v')) ++i;
    return i;
}

// True when `s` is exactly one JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(std::string_view s) {
    size_t i = 0;
    const size_t n = s.size();
    if (i < n && s[i] == '-') ++i;
    if (i >= n) return false;
    if (s[i] == '0') {
        ++i;
    } else if (IsDigit(s[i])) {
        while (i < n && IsDigit(s[i])) ++i;
    } else {
        return false;
    }
    if (i < n && s[i] == '.') {
        ++i;
        if (i >= n || !IsDigit(s[i])) return false;
        while (i < n && IsDigit(s[i])) ++i;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
        if (i >= n || !IsDigit(s[i])) return false;
        while (i < n && IsDigit(s[i])) ++i;
    }
    return i == n;
}

// True when `s` is exactly one JSON string on one line: "..." with no unescaped quote inside.
bool IsJsonString(std::string_view s) {
    if (s.size() < 2 || s.front() != '"' || s.back() != '"') return false;
    for (size_t i = 1; i + 1 < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
        } else if (s[i] == '"' || s[i] == '\n' || s[i] == '\r') {
            return false;
        }
    }
    // The closing quote must not be escaped: count the backslashes right before it.
    size_t backslashes = 0;
    for (size_t i = s.size() - 1; i > 1 && s[i - 1] == '\\'; --i) ++backslashes;
    return backslashes % 2 == 0;
}

bool IsJsonScalar(std::string_view s) {
    return s == "true" || s == "false" || s == "null" || IsJsonNumber(s) || IsJsonString(s);
}

// End (one past the closing brace) of the object that starts at `start`, when it closes on the same
// line; npos otherwise. Strings and escapes are honoured.
size_t ObjectEndOnLine(std::string_view text, size_t start) {
    int depth = 0;
    bool in_string = false;
    for (size_t i = start; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            } else if (c == '\n') {
                return std::string_view::npos;
            }
            continue;
        }
        if (c == '\n') return std::string_view::npos;
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0) return i + 1;
        }
    }
    return std::string_view::npos;
}

// Case-insensitive search of an ASCII needle (given in lower case).
bool ContainsNoCase(std::string_view haystack, std::string_view needle) {
    if (needle.size() > haystack.size()) return false;
    for (size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        size_t k = 0;
        while (k < needle.size()) {
            char c = haystack[i + k];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c != needle[k]) break;
            ++k;
        }
        if (k == needle.size()) return true;
    }
    return false;
}

Error FormatError(ErrorCode code, std::string message, std::string_view file, std::string_view text, size_t offset,
                  std::string expected) {
    Error error = MakeError(code, std::move(message));
    error.file = std::string(file);
    const TextPosition pos = PositionOfOffset(text, offset);
    error.line = pos.line;
    error.column = pos.column;
    error.expected = std::move(expected);
    return error;
}

}  // namespace

std::string_view FileFormatName(FileFormat format) {
    switch (format) {
        case FileFormat::kCsv: return "csv";
        case FileFormat::kJson: return "json";
        case FileFormat::kNdjson: return "ndjson";
    }
    return "csv";
}

Result<FileFormat> DetectFileFormat(std::string_view text, std::string_view file) {
    size_t start = SkipSpace(text, 0);
    if (text.substr(start, 3) == "\xEF\xBB\xBF") start = SkipSpace(text, start + 3);  // a second BOM
    if (start >= text.size()) {
        Error error = MakeError(ErrorCode::kEmpty, "the file holds only whitespace");
        error.file = std::string(file);
        return error;
    }
    const char first = text[start];

    if (first == '<') {
        const std::string_view head = text.substr(start, 4096);
        std::string what = "markup ('<' at the start), not a table";
        if (ContainsNoCase(head, "<html") || ContainsNoCase(head, "<!doctype html") || ContainsNoCase(head, "<body") ||
            ContainsNoCase(head, "<head")) {
            what = "an HTML page (perhaps a login or error page saved instead of the export), not a table";
        } else if (ContainsNoCase(head, "progid=\"excel.sheet\"") || ContainsNoCase(head, "<workbook")) {
            what = "an Excel XML spreadsheet; open it in Excel and save it as CSV";
        } else if (ContainsNoCase(head, "<?xml")) {
            what = "an XML document, not a table";
        }
        return FormatError(ErrorCode::kNotATable, "this file is " + what, file, text, start,
                           "a CSV, TSV, JSON or NDJSON table");
    }

    if (first == '[') {
        // "[id];[name]" is a CSV header; JSON needs a value after the bracket.
        const size_t next = SkipSpace(text, start + 1);
        if (next >= text.size()) return FileFormat::kJson;  // "[" alone: the JSON reader reports the truncation
        const char c = text[next];
        if (c == '{' || c == '[' || c == ']' || c == '"' || c == '-' || IsDigit(c) || c == 't' || c == 'f' ||
            c == 'n') {
            return FileFormat::kJson;
        }
        return FileFormat::kCsv;
    }

    if (first == '{') {
        // NDJSON when the first object closes on its own line and another object starts a later line.
        const size_t end = ObjectEndOnLine(text, start);
        if (end == std::string_view::npos) return FileFormat::kJson;
        size_t i = end;
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
        if (i < text.size() && text[i] != '\n') return FileFormat::kJson;  // more on the same line
        i = SkipSpace(text, i);
        return i < text.size() && text[i] == '{' ? FileFormat::kNdjson : FileFormat::kJson;
    }

    // A whole text that is one JSON scalar ("42", "\"x\"", true) is not a table.
    size_t stop = text.size();
    while (stop > start && (IsJsonSpace(text[stop - 1]) || text[stop - 1] == '\f' || text[stop - 1] == '\v')) --stop;
    const std::string_view body = text.substr(start, stop - start);
    if (body.size() <= 4096 && IsJsonScalar(body)) {
        return FormatError(ErrorCode::kNotATable, "the file holds a single JSON value, not a table", file, text, start,
                           "an array of objects");
    }
    return FileFormat::kCsv;
}

}  // namespace crm
