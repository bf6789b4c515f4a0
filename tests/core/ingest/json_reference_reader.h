#pragma once
// The former JSON/NDJSON readers (simdjson On-Demand), kept as the test oracle for the streaming readers of
// core/ingest/json_scan_reader.h: the differential tests compare both on the same texts. Test-only code.

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/ingest/encoding.h"
#include "core/ingest/record.h"
#include "simdjson.h"

namespace crm {
namespace reference {

namespace {

namespace od = simdjson::ondemand;

constexpr int kMaxFlattenDepth = 16;  // deeper objects are kept as raw JSON text
constexpr int kMaxSearchDepth = 4;    // how deep {"a":{"b":{"c":[...]}}} is searched for the row array

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Inline equality of short strings: 8 bytes at a time (the last word overlapping), never reading past either.
bool SameBytes(std::string_view a, std::string_view b) {
    const size_t n = a.size();
    if (n != b.size()) return false;
    if (n >= 8) {
        uint64_t x, y;
        for (size_t i = 0; i + 8 <= n; i += 8) {
            std::memcpy(&x, a.data() + i, 8);
            std::memcpy(&y, b.data() + i, 8);
            if (x != y) return false;
        }
        std::memcpy(&x, a.data() + n - 8, 8);
        std::memcpy(&y, b.data() + n - 8, 8);
        return x == y;
    }
    for (size_t i = 0; i < n; ++i) {
        if (a[i] != b[i]) return false;
    }
    return true;
}

// True when `s` (a key or string token inside the padded text) holds a backslash. Eight bytes at a time; the
// last word may read up to 7 bytes past `s`, which the text's padding allows.
bool HasBackslash(std::string_view s) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    constexpr uint64_t kBackslashes = kOnes * static_cast<uint8_t>('\\');
    for (size_t i = 0; i < s.size(); i += 8) {
        uint64_t word;
        std::memcpy(&word, s.data() + i, sizeof word);
        const uint64_t x = word ^ kBackslashes;
        const uint64_t zero = (x - kOnes) & ~x & (kOnes << 7);  // exact for the lowest matching byte
        if (zero != 0) return i + (static_cast<unsigned>(__builtin_ctzll(zero)) >> 3) < s.size();
    }
    return false;
}

std::string_view TrimRight(std::string_view s) {
    while (!s.empty() && IsJsonSpace(s.back())) s.remove_suffix(1);
    return s;
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

const char* TypeName(od::json_type type) {
    switch (type) {
        case od::json_type::array: return "an array";
        case od::json_type::object: return "an object";
        case od::json_type::number: return "a number";
        case od::json_type::string: return "a string";
        case od::json_type::boolean: return "a boolean";
        case od::json_type::null: return "null";
        default: return "a value";
    }
}

// Shared by the JSON and NDJSON readers: flattening one object into a Record, column discovery, errors.
class JsonReaderBase : public RecordSource {
public:
    JsonReaderBase(std::string_view text, std::string_view file) : text_(text), file_(file), lines_(text) {}

    const std::vector<std::string>& columns() const override { return columns_; }

    const Error* error() const override { return failed_ ? &error_ : nullptr; }

    TextPosition PositionOfOffset(int64_t offset) const override {
        return lines_.Position(offset < 0 ? 0 : static_cast<size_t>(offset));
    }

protected:
    // 1-based line of a byte offset of the text (a line ends at "\r\n", "\n" or a lone "\r").
    int64_t LineOf(size_t offset) const { return lines_.Position(offset).line; }

    // Reads the members of `object` into record.fields (flattening nested objects); false on error.
    bool ReadRow(od::object& object, Record& record) {
        record.fields.assign(columns_.size(), std::string_view());
        position_ = 0;
        return ReadMembers(object, record, 0, 0);
    }

    // Fails with `code` at byte `offset` of the text.
    bool Fail(ErrorCode code, std::string message, size_t offset, std::string expected) {
        failed_ = true;
        error_ = MakeError(code, std::move(message));
        error_.file = file_;
        const TextPosition pos = crm::PositionOfOffset(text_, offset);
        error_.line = pos.line;
        error_.column = pos.column;
        error_.expected = std::move(expected);
        return false;
    }

    // Fails with kBadJson for a simdjson error; `where` is the best-known location of the problem.
    bool FailJson(simdjson::error_code code, const char* where) {
        std::string message;
        size_t offset = where != nullptr ? static_cast<size_t>(where - text_.data()) : EndOffset();
        switch (code) {
            case simdjson::UNCLOSED_STRING:
                message = "truncated or malformed JSON: a string is never closed";
                offset = EndOffset();
                break;
            case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
                message = "truncated JSON: the text ends before an array or object is closed";
                offset = EndOffset();
                break;
            case simdjson::EMPTY:
                message = "no JSON value";
                break;
            default:
                if (offset >= EndOffset()) {  // the structure broke where the text ends
                    offset = EndOffset();
                    message = "truncated JSON: the text ends before an array or object is closed";
                } else {
                    message = std::string("malformed JSON: ") + simdjson::error_message(code);
                }
                break;
        }
        return Fail(ErrorCode::kBadJson, std::move(message), offset, "valid JSON");
    }

    // Offset just past the last non-space byte: where a truncated text stops.
    size_t EndOffset() const { return TrimRight(text_).size(); }

    size_t OffsetOf(const char* p) const { return static_cast<size_t>(p - text_.data()); }

    // Where the document being read stands (after an error: near the offending token), or null.
    const char* DocLocation() {
        const char* where = nullptr;
        if (current_doc_ == nullptr || current_doc_->current_location().get(where)) return nullptr;
        return where;
    }

    od::document* current_doc_ = nullptr;  // the document being read, for error locations

    std::string_view text_;
    std::string file_;
    bool failed_ = false;
    Error error_;

private:
    bool ReadMembers(od::object& object, Record& record, size_t prefix_length, int depth) {
        for (auto member : object) {
            od::field field;
            if (auto err = std::move(member).get(field)) return FailJson(err, DocLocation());
            std::string_view key = field.escaped_key();
            if (HasBackslash(key)) {
                if (auto err = field.unescaped_key(false).get(key)) return FailJson(err, key.data());
            }
            std::string_view name = key;
            if (depth > 0) {
                name_.resize(prefix_length);
                name_ += '.';
                name_ += key;
                name = name_;
            }
            od::value value = field.value();
            const std::string_view token = value.raw_json_token();
            od::json_type type;
            if (auto err = value.type().get(type)) return FailJson(err, token.data());
            std::string_view text;
            switch (type) {
                case od::json_type::object: {
                    if (depth + 1 < kMaxFlattenDepth) {
                        od::object child;
                        if (auto err = value.get_object().get(child)) return FailJson(err, token.data());
                        if (depth == 0) name_.assign(key);
                        if (!ReadMembers(child, record, name_.size(), depth + 1)) return false;
                        continue;
                    }
                    if (auto err = value.raw_json().get(text)) return FailJson(err, token.data());
                    text = TrimRight(text);
                    break;
                }
                case od::json_type::array:
                    if (auto err = value.raw_json().get(text)) return FailJson(err, token.data());
                    text = TrimRight(text);
                    break;
                case od::json_type::string:
                    // Without escapes the value is the token between its quotes: no copy.
                    text = TrimRight(token);
                    text = text.substr(1, text.size() - 2);
                    if (HasBackslash(text)) {
                        if (auto err = value.get_string().get(text)) return FailJson(err, token.data());
                    }
                    break;
                case od::json_type::number:
                    text = TrimRight(token);
                    if (!IsJsonNumber(text)) {
                        return Fail(ErrorCode::kBadJson, "malformed JSON number", OffsetOf(token.data()),
                                    "a JSON number");
                    }
                    break;
                case od::json_type::boolean:
                case od::json_type::null:
                    text = TrimRight(token);
                    if (text != "true" && text != "false" && text != "null") {
                        return Fail(ErrorCode::kBadJson, "malformed JSON literal", OffsetOf(token.data()),
                                    "true, false or null");
                    }
                    if (text == "null") text = std::string_view();
                    break;
                default:
                    return FailJson(simdjson::TAPE_ERROR, token.data());
            }
            const size_t column = ColumnOf(name);
            if (column >= record.fields.size()) record.fields.resize(columns_.size());
            record.fields[column] = text;
        }
        return true;
    }

    // Column index of a (flattened) key, adding a column for a new key. Rows usually repeat the key order
    // of the previous row, so the key at the same position is tried first.
    size_t ColumnOf(std::string_view name) {
        const size_t position = position_++;
        if (position < order_.size()) {
            const uint32_t guess = order_[position];
            if (SameBytes(columns_[guess], name)) return guess;
        } else {
            order_.resize(position + 1, 0);
        }
        const uint32_t column = Lookup(name);
        order_[position] = column;
        return column;
    }

    // Open-addressing hash lookup (slots hold column + 1; 0 is empty), inserting a new column on a miss.
    uint32_t Lookup(std::string_view name) {
        if (slots_.empty() || (columns_.size() + 1) * 2 > slots_.size()) Rehash();
        const size_t mask = slots_.size() - 1;
        for (size_t i = std::hash<std::string_view>()(name) & mask;; i = (i + 1) & mask) {
            const uint32_t slot = slots_[i];
            if (slot == 0) {
                columns_.emplace_back(name);
                slots_[i] = static_cast<uint32_t>(columns_.size());
                return static_cast<uint32_t>(columns_.size() - 1);
            }
            if (columns_[slot - 1] == name) return slot - 1;
        }
    }

    void Rehash() {
        size_t size = slots_.empty() ? 64 : slots_.size() * 2;
        while (size < (columns_.size() + 1) * 2) size *= 2;
        slots_.assign(size, 0);
        const size_t mask = size - 1;
        for (size_t c = 0; c < columns_.size(); ++c) {
            size_t i = std::hash<std::string_view>()(columns_[c]) & mask;
            while (slots_[i] != 0) i = (i + 1) & mask;
            slots_[i] = static_cast<uint32_t>(c + 1);
        }
    }

    mutable LineCounter lines_;
    std::vector<std::string> columns_;
    std::vector<uint32_t> slots_;
    std::vector<uint32_t> order_;  // column of the n-th key of the previous row
    size_t position_ = 0;          // index of the current key within the row
    std::string name_;             // flattened name being built ("customer.email")
};

// A JSON document: an array of objects, or an object holding one.
class JsonReader final : public JsonReaderBase {
public:
    JsonReader(std::string_view text, std::string_view file) : JsonReaderBase(text, file) {
        current_doc_ = &doc_;
        Start();
    }

    bool Next(Record& record) override {
        if (failed_ || done_) return false;
        if (single_row_) {  // a lone object that holds no array of objects is one row
            done_ = true;
            return ReadSingleRow(record);
        }
        if (!(it_ != end_)) return Finish();
        od::value element;
        if (auto err = (*it_).get(element)) return FailJson(err, DocLocation());
        const std::string_view token = element.raw_json_token();
        od::json_type type;
        if (auto err = element.type().get(type)) return FailJson(err, token.data());
        if (type != od::json_type::object) {
            return Fail(ErrorCode::kNotATable, std::string("expected an array of objects, found ") + TypeName(type),
                        OffsetOf(token.data()), "an object");
        }
        od::object object;
        if (auto err = element.get_object().get(object)) return FailJson(err, token.data());
        if (!ReadRow(object, record)) return false;
        // The row's raw text runs from its '{' to the last byte before the next ',' or ']'.
        const char* stop = DocLocation();
        if (stop == nullptr || stop < token.data()) stop = text_.data() + EndOffset();
        record.raw = TrimRight(std::string_view(token.data(), static_cast<size_t>(stop - token.data())));
        record.offset = static_cast<int64_t>(OffsetOf(token.data()));
        record.line = LineOf(OffsetOf(token.data()));
        ++it_;
        return true;
    }

private:
    void Start() {
        const simdjson::padded_string_view input(text_.data(), text_.size(), text_.size() + kTextPadding);
        if (auto err = parser_.iterate(input).get(doc_)) {
            FailJson(err, nullptr);
            return;
        }
        od::json_type type;
        if (auto err = doc_.type().get(type)) {
            FailJson(err, DocLocation());
            return;
        }
        if (type == od::json_type::array) {
            od::array array;
            if (auto err = doc_.get_array().get(array)) {
                FailJson(err, DocLocation());
                return;
            }
            top_level_array_ = true;
            StartArray(array);
            if (!failed_ && it_ != end_) CheckFirstElement();
            return;
        }
        if (type != od::json_type::object) {
            const size_t start = text_.size() - TrimLeft(text_).size();
            Fail(ErrorCode::kNotATable, std::string("the JSON holds a single value (") + TypeName(type) + "), not a table",
                 start, "an array of objects");
            return;
        }
        od::object root;
        if (auto err = doc_.get_object().get(root)) {
            FailJson(err, DocLocation());
            return;
        }
        bool found_empty = false;
        if (FindRowArray(root, 0, found_empty) || failed_) return;
        if (found_empty) {
            done_ = true;  // {"data": []}: no rows
            return;
        }
        single_row_ = true;
    }

    // Searches the members of `object` (depth-first, in order) for an array whose first element is an
    // object and starts iterating it. Remembers whether an empty array was seen.
    bool FindRowArray(od::object& object, int depth, bool& found_empty) {
        for (auto member : object) {
            od::field field;
            if (auto err = std::move(member).get(field)) return FailJson(err, DocLocation());
            od::value value = field.value();
            od::json_type type;
            if (auto err = value.type().get(type)) return FailJson(err, value.raw_json_token().data());
            if (type == od::json_type::array) {
                od::array array;
                if (auto err = value.get_array().get(array)) return FailJson(err, DocLocation());
                StartArray(array);
                if (failed_) return false;
                if (!(it_ != end_)) {
                    found_empty = true;
                    continue;
                }
                od::value first;
                if (auto err = (*it_).get(first)) return FailJson(err, DocLocation());
                od::json_type first_type;
                if (auto err = first.type().get(first_type)) return FailJson(err, first.raw_json_token().data());
                if (first_type == od::json_type::object) return true;
            } else if (type == od::json_type::object && depth + 1 < kMaxSearchDepth) {
                od::object child;
                if (auto err = value.get_object().get(child)) return FailJson(err, DocLocation());
                if (FindRowArray(child, depth + 1, found_empty) || failed_) return true;
            }
        }
        return false;
    }

    void StartArray(od::array& array) {
        if (auto err = array.begin().get(it_)) {
            FailJson(err, DocLocation());
            return;
        }
        if (auto err = array.end().get(end_)) FailJson(err, DocLocation());
    }

    // A top-level array must hold objects: "[1,2]" or "[[...]]" is not a table.
    void CheckFirstElement() {
        od::value first;
        if (auto err = (*it_).get(first)) {
            FailJson(err, DocLocation());
            return;
        }
        const std::string_view token = first.raw_json_token();
        od::json_type type;
        if (auto err = first.type().get(type)) {
            FailJson(err, token.data());
            return;
        }
        if (type != od::json_type::object) {
            Fail(ErrorCode::kNotATable,
                 std::string("expected an array of objects, but its first element is ") + TypeName(type),
                 OffsetOf(token.data()), "an array of objects");
        }
    }

    bool ReadSingleRow(Record& record) {
        doc_.rewind();
        od::object root;
        if (auto err = doc_.get_object().get(root)) return FailJson(err, DocLocation());
        const size_t start = text_.size() - TrimLeft(text_).size();
        if (!ReadRow(root, record)) return false;
        record.raw = TrimRight(text_.substr(start));
        record.offset = static_cast<int64_t>(start);
        record.line = LineOf(start);
        return CheckEnd();
    }

    // End of the rows: for a top-level array nothing but whitespace may follow it.
    bool Finish() {
        done_ = true;
        if (top_level_array_) CheckEnd();
        return false;
    }

    bool CheckEnd() {
        if (doc_.at_end()) return true;
        const char* where = DocLocation();
        return Fail(ErrorCode::kBadJson, "unexpected text after the end of the JSON value",
                    where != nullptr ? OffsetOf(where) : EndOffset(), "the end of the file");
    }

    static std::string_view TrimLeft(std::string_view s) {
        while (!s.empty() && IsJsonSpace(s.front())) s.remove_prefix(1);
        return s;
    }

    od::parser parser_;
    od::document doc_;
    od::array_iterator it_;
    od::array_iterator end_;
    bool top_level_array_ = false;
    bool single_row_ = false;
    bool done_ = false;
};

// NDJSON: one object per non-blank line.
class NdjsonReader final : public JsonReaderBase {
public:
    NdjsonReader(std::string_view text, std::string_view file) : JsonReaderBase(text, file), pos_(0) {}

    bool Next(Record& record) override {
        if (failed_) return false;
        while (pos_ < text_.size()) {
            const size_t start = pos_;
            const void* newline = std::memchr(text_.data() + start, '\n', text_.size() - start);
            const size_t stop = newline != nullptr ? static_cast<size_t>(static_cast<const char*>(newline) - text_.data())
                                                   : text_.size();
            pos_ = stop + 1;
            const int64_t line = line_++;
            size_t first = start;
            while (first < stop && IsJsonSpace(text_[first])) ++first;
            const std::string_view row = TrimRight(text_.substr(first, stop - first));
            if (row.empty()) continue;
            if (row.front() != '{') {
                return Fail(ErrorCode::kBadJson, "expected a JSON object on this line", first,
                            "one JSON object per line");
            }
            // The rest of the text follows the line, so the padding requirement holds.
            const simdjson::padded_string_view input(row.data(), row.size(), text_.size() - first + kTextPadding);
            if (auto err = parser_.iterate(input).get(doc_)) return FailLine(err, nullptr, row);
            current_doc_ = &doc_;
            od::object object;
            if (auto err = doc_.get_object().get(object)) return FailLine(err, DocLocation(), row);
            if (!ReadRow(object, record)) return false;
            if (!doc_.at_end()) {
                const char* where = DocLocation();
                return Fail(ErrorCode::kBadJson, "unexpected text after the object on this line",
                            where != nullptr ? OffsetOf(where) : OffsetOf(row.data() + row.size()),
                            "one JSON object per line");
            }
            record.raw = row;
            record.offset = static_cast<int64_t>(first);
            record.line = line;
            return true;
        }
        return false;
    }

private:
    // Truncation errors point at the end of the line, not the end of the file.
    bool FailLine(simdjson::error_code code, const char* where, std::string_view row) {
        if (code == simdjson::UNCLOSED_STRING || code == simdjson::INCOMPLETE_ARRAY_OR_OBJECT) {
            return Fail(ErrorCode::kBadJson,
                        code == simdjson::UNCLOSED_STRING ? "malformed JSON: a string is never closed on this line"
                                                          : "malformed JSON: an object is not closed on this line",
                        OffsetOf(row.data() + row.size()), "one complete JSON object per line");
        }
        return FailJson(code, where);
    }

    od::parser parser_;
    od::document doc_;
    size_t pos_;
    int64_t line_ = 1;
};

}  // namespace

/// The simdjson reader of a JSON text (the contract of MakeJsonReader).
inline std::unique_ptr<RecordSource> MakeSimdjsonJsonReader(std::string_view text, std::string_view file) {
    return std::make_unique<JsonReader>(text, file);
}

/// The simdjson reader of NDJSON (the contract of MakeNdjsonReader).
inline std::unique_ptr<RecordSource> MakeSimdjsonNdjsonReader(std::string_view text, std::string_view file) {
    return std::make_unique<NdjsonReader>(text, file);
}

}  // namespace reference
}  // namespace crm
