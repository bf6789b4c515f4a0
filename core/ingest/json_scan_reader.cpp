#include "core/ingest/json_scan_reader.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/ingest/encoding.h"

namespace crm {

namespace {

constexpr int kMaxFlattenDepth = 16;  // deeper objects are kept as raw JSON text
constexpr int kMaxSearchDepth = 4;    // how deep {"a":{"b":{"c":[...]}}} is searched for the row array
constexpr uint32_t kNoColumn = UINT32_MAX;

// Byte classes. A scalar token (number, literal) runs until whitespace or an operator, as in simdjson's stage 1.
constexpr uint8_t kSpace = 1;     // ' ', '\t', '\r'
constexpr uint8_t kNewline = 2;   // '\n'
constexpr uint8_t kOperator = 4;  // { } [ ] , :
constexpr uint8_t kDigit = 8;     // 0-9

struct ByteClasses {
    uint8_t of[256] = {};
    constexpr ByteClasses() {
        of[static_cast<uint8_t>(' ')] = of[static_cast<uint8_t>('\t')] = of[static_cast<uint8_t>('\r')] = kSpace;
        of[static_cast<uint8_t>('\n')] = kNewline;
        for (char c : {'{', '}', '[', ']', ',', ':'}) of[static_cast<uint8_t>(c)] = kOperator;
        for (int c = '0'; c <= '9'; ++c) of[c] = kDigit;
    }
};
constexpr ByteClasses kClasses;

inline uint8_t ClassOf(char c) { return kClasses.of[static_cast<uint8_t>(c)]; }
inline bool IsDigit(char c) { return ClassOf(c) == kDigit; }
inline bool IsJsonSpace(char c) { return (ClassOf(c) & (kSpace | kNewline)) != 0; }
inline bool EndsToken(char c) { return (ClassOf(c) & (kSpace | kNewline | kOperator)) != 0; }

// Inline equality of `n` bytes, 8 at a time (the last word overlapping), never reading past either.
inline bool SameBytes(const char* a, const char* b, size_t n) {
    if (n >= 8) {
        uint64_t x, y;
        for (size_t i = 0; i + 8 <= n; i += 8) {
            std::memcpy(&x, a + i, 8);
            std::memcpy(&y, b + i, 8);
            if (x != y) return false;
        }
        std::memcpy(&x, a + n - 8, 8);
        std::memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    for (size_t i = 0; i < n; ++i) {
        if (a[i] != b[i]) return false;
    }
    return true;
}

// First byte of [p, end) that is '"', '\\' or a control character (< 0x20), or `end`. Eight bytes at a time:
// (x - 0x01..) & ~x & 0x80.. flags the lowest zero byte of x exactly, so the lowest flag of the union of the three
// tests is the first special byte. The last word may read up to 7 bytes past `end` (the text's padding).
inline const char* FindStringSpecial(const char* p, const char* end) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    constexpr uint64_t kHigh = kOnes << 7;
    while (p < end) {
        uint64_t w;
        std::memcpy(&w, p, sizeof w);
        const uint64_t quote = w ^ (kOnes * '"');
        const uint64_t backslash = w ^ (kOnes * '\\');
        const uint64_t flags = (((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) |
                                ((w - kOnes * 0x20) & ~w)) & kHigh;
        if (flags != 0) {
            const char* hit = p + (static_cast<unsigned>(__builtin_ctzll(flags)) >> 3);
            return hit < end ? hit : end;
        }
        p += 8;
    }
    return end;
}

// Value of four hex digits, or -1.
inline int32_t HexValue(const char* s) {
    int32_t value = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = s[i];
        int32_t digit;
        if (c >= '0' && c <= '9') {
            digit = c - '0';
        } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
            digit = (c | 0x20) - 'a' + 10;
        } else {
            return -1;
        }
        value = value * 16 + digit;
    }
    return value;
}

inline char* PutUtf8(char* out, uint32_t cp) {
    if (cp < 0x80) {
        *out++ = static_cast<char>(cp);
    } else if (cp < 0x800) {
        *out++ = static_cast<char>(0xC0 | (cp >> 6));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *out++ = static_cast<char>(0xE0 | (cp >> 12));
        *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        *out++ = static_cast<char>(0xF0 | (cp >> 18));
        *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

// Decodes the escapes of string content [s, e) (which holds no unescaped quote), writing to `out` when kWrite;
// false on a bad escape. \uXXXX surrogate pairs become one code point; a lone surrogate is an error. The output
// is never longer than the input.
template <bool kWrite>
bool Unescape(const char* s, const char* e, char*& out) {
    while (s < e) {
        const char c = *s;
        if (c != '\\') {
            if constexpr (kWrite) *out++ = c;
            ++s;
            continue;
        }
        if (e - s < 2) return false;
        char simple = 0;
        switch (s[1]) {
            case '"': simple = '"'; break;
            case '\\': simple = '\\'; break;
            case '/': simple = '/'; break;
            case 'b': simple = '\b'; break;
            case 'f': simple = '\f'; break;
            case 'n': simple = '\n'; break;
            case 'r': simple = '\r'; break;
            case 't': simple = '\t'; break;
            case 'u': break;
            default: return false;
        }
        if (simple != 0) {
            if constexpr (kWrite) *out++ = simple;
            s += 2;
            continue;
        }
        if (e - s < 6) return false;
        const int32_t high = HexValue(s + 2);
        if (high < 0) return false;
        uint32_t cp = static_cast<uint32_t>(high);
        s += 6;
        if (cp >= 0xD800 && cp < 0xDC00) {
            if (e - s < 6 || s[0] != '\\' || s[1] != 'u') return false;
            const int32_t low = HexValue(s + 2);
            if (low < 0xDC00 || low > 0xDFFF) return false;
            cp = (((cp - 0xD800) << 10) | static_cast<uint32_t>(low - 0xDC00)) + 0x10000;
            s += 6;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
        }
        if constexpr (kWrite) out = PutUtf8(out, cp);
    }
    return true;
}

// Whether simdjson's stage 1 (its fallback kernel: the one wasm32 runs) would find a string that is never closed
// in [p, end): quotes open strings only where a token starts, a backslash skips the next byte. The previous reader
// reported this before anything else, so errors defer to it.
bool HasUnclosedString(const char* p, const char* end) {
    while (p < end) {
        const char c = *p;
        if (c == '"') {
            ++p;
            while (p < end && *p != '"') p += *p == '\\' ? 2 : 1;
            if (p >= end) return true;
            ++p;
        } else if (EndsToken(c)) {
            ++p;
        } else {
            ++p;
            while (p < end && !EndsToken(*p)) ++p;
        }
    }
    return false;
}

// "a number", "an object", ... for the first byte of a value; null when no value starts with it.
const char* TypeNameOf(char c) {
    switch (c) {
        case '[': return "an array";
        case '{': return "an object";
        case '"': return "a string";
        case 't':
        case 'f': return "a boolean";
        case 'n': return "null";
        default: return c == '-' || IsDigit(c) ? "a number" : nullptr;
    }
}

// Bump storage for unescaped strings: views into it stay valid until Reset(). Blocks are never moved; a full
// block is retired (kept until Reset) and a bigger one started, so after the largest row no allocation happens.
class Arena {
public:
    // Room for `n` bytes at the returned pointer; Commit() how many were used.
    char* Reserve(size_t n) {
        if (size_ - used_ < n) {
            if (used_ > 0) retired_.push_back(std::move(block_));
            size_ = std::max<size_t>({size_ * 2, n, 4096});
            block_.reset(new char[size_]);
            used_ = 0;
        }
        return block_.get() + used_;
    }
    void Commit(size_t n) { used_ += n; }
    void Reset() {
        retired_.clear();
        used_ = 0;
    }

private:
    std::unique_ptr<char[]> block_;
    std::vector<std::unique_ptr<char[]>> retired_;
    size_t size_ = 0;
    size_t used_ = 0;
};

// The scanner shared by the JSON and NDJSON readers: values, rows flattened into a Record, column discovery and
// errors. Parsing functions take the position of a token and return the position after it, or null after an
// error has been recorded. Positions never pass end_; bytes at end_ are never trusted (At() reads a NUL there).
class JsonScanner : public RecordSource {
public:
    JsonScanner(std::string_view text, std::string_view file, bool ndjson)
        : text_(text),
          end_(text.data() + text.size()),
          file_(file),
          space_mask_(ndjson ? kSpace : kSpace | kNewline),
          ndjson_(ndjson),
          lines_(text) {
        size_t n = text.size();
        while (n > 0 && IsJsonSpace(text[n - 1])) --n;
        end_offset_ = n;
    }

    const std::vector<std::string>& columns() const override { return columns_; }

    const Error* error() const override { return failed_ ? &error_ : nullptr; }

    int64_t LineOfOffset(int64_t offset) const override {
        return lines_.Position(offset < 0 ? 0 : static_cast<size_t>(offset)).line;
    }

protected:
    char At(const char* p) const { return p < end_ ? *p : '\0'; }

    size_t OffsetOf(const char* p) const { return static_cast<size_t>(p - text_.data()); }

    // Skips JSON whitespace; in NDJSON a newline ends the row, so it is not skipped.
    const char* SkipSpace(const char* p) const {
        while (p < end_ && (ClassOf(*p) & space_mask_) != 0) ++p;
        return p;
    }

    // Reads the object whose '{' is at `p` as one row; returns the position after its '}'.
    const char* ReadRow(const char* p, Record& record) {
        arena_.Reset();
        record.fields.assign(columns_.size(), std::string_view());
        position_ = 0;
        return ReadMembers(p + 1, record, 0, 0);
    }

    // Validates the value at `p` (any JSON value, nested to any depth) without storing it; returns its end.
    const char* SkipValue(const char* p) {
        stack_.clear();
        for (;;) {
            switch (At(p)) {  // a value starts at p
                case '{':
                    p = SkipSpace(p + 1);
                    if (At(p) == '}') {
                        ++p;
                        break;
                    }
                    stack_.push_back('}');
                    p = SkipKeyAndColon(p);
                    if (p == nullptr) return nullptr;
                    continue;
                case '[':
                    p = SkipSpace(p + 1);
                    if (At(p) == ']') {
                        ++p;
                        break;
                    }
                    stack_.push_back(']');
                    continue;
                case '"': {
                    std::string_view ignored;
                    p = ReadString<false>(p, ignored, p);
                    if (p == nullptr) return nullptr;
                    break;
                }
                case 't':
                case 'f':
                case 'n': {
                    std::string_view ignored;
                    p = ReadLiteral(p, ignored);
                    if (p == nullptr) return nullptr;
                    break;
                }
                default: {
                    std::string_view ignored;
                    p = ReadNumber(p, ignored);  // also reports a byte that starts no value
                    if (p == nullptr) return nullptr;
                    break;
                }
            }
            // A value ended at p: close containers until another value is due.
            for (;;) {
                if (stack_.empty()) return p;
                p = SkipSpace(p);
                const char c = At(p);
                if (c == ',') {
                    p = SkipSpace(p + 1);
                    if (stack_.back() == '}') {
                        p = SkipKeyAndColon(p);
                        if (p == nullptr) return nullptr;
                    }
                    break;
                }
                if (c != stack_.back()) {
                    return Unexpected(p, stack_.back() == '}' ? "',' or '}'" : "',' or ']'");
                }
                stack_.pop_back();
                ++p;
            }
        }
    }

    // Validates the rest of `count` nested objects whose members end at `p` (just after a member value); returns
    // the position after the outermost '}'.
    const char* FinishObjects(const char* p, int count) {
        for (int i = 0; i < count; ++i) {
            for (;;) {
                p = SkipSpace(p);
                const char c = At(p);
                if (c == '}') {
                    ++p;
                    break;
                }
                if (c != ',') return Unexpected(p, "',' or '}'");
                p = SkipKeyAndColon(SkipSpace(p + 1));
                if (p == nullptr) return nullptr;
                p = SkipValue(p);
                if (p == nullptr) return nullptr;
            }
        }
        return p;
    }

    // Reads `"key"` and `:` at `p`; returns the start of the value.
    const char* SkipKeyAndColon(const char* p) {
        if (At(p) != '"') return Unexpected(p, "a key in double quotes");
        std::string_view ignored;
        p = ReadString<false>(p, ignored, p + 1);
        if (p == nullptr) return nullptr;
        p = SkipSpace(p);
        if (At(p) != ':') return Unexpected(p, "':'");
        return SkipSpace(p + 1);
    }

    // Records an error at byte `offset`, deferring to what the previous reader (simdjson) reported first: a string
    // never closed anywhere (JSON) or on the row's line (NDJSON), and truncation at the end of the text / line.
    std::nullptr_t Raise(ErrorCode code, std::string message, size_t offset, std::string expected) {
        if (ndjson_) {
            const char* start = text_.data() + row_offset_;
            const void* newline = std::memchr(start, '\n', static_cast<size_t>(end_ - start));
            const char* stop = newline != nullptr ? static_cast<const char*>(newline) : end_;
            while (stop > start && IsJsonSpace(stop[-1])) --stop;
            const size_t row_end = OffsetOf(stop);
            if (HasUnclosedString(start, stop)) {
                code = ErrorCode::kBadJson;
                message = "malformed JSON: a string is never closed on this line";
                offset = row_end;
                expected = "one complete JSON object per line";
            } else if (stop[-1] != '}' || offset >= row_end) {
                code = ErrorCode::kBadJson;
                message = "malformed JSON: an object is not closed on this line";
                offset = row_end;
                expected = "one complete JSON object per line";
            }
        } else if (HasUnclosedString(text_.data(), end_)) {
            code = ErrorCode::kBadJson;
            message = "truncated or malformed JSON: a string is never closed";
            offset = end_offset_;
            expected = "valid JSON";
        } else if (offset >= end_offset_) {
            code = ErrorCode::kBadJson;
            message = "truncated JSON: the text ends before an array or object is closed";
            offset = end_offset_;
            expected = "valid JSON";
        }
        Fail(code, std::move(message), offset, std::move(expected));
        return nullptr;
    }

    // kBadJson at `p` where `what` was expected. A raw array or object of a row that runs past the end of the text
    // (NDJSON: of the line) fails at its first byte, as before.
    std::nullptr_t Unexpected(const char* p, const char* what) {
        if (unclosed_value_ != nullptr && (p == end_ || (ndjson_ && *p == '\n'))) {
            return Raise(ErrorCode::kBadJson, "malformed JSON: an array or object is never closed",
                         OffsetOf(unclosed_value_), "valid JSON");
        }
        return Raise(ErrorCode::kBadJson, std::string("malformed JSON: expected ") + what, OffsetOf(p), "valid JSON");
    }

    // Records an error at byte `offset` as it is.
    void Fail(ErrorCode code, std::string message, size_t offset, std::string expected) {
        failed_ = true;
        error_ = MakeError(code, std::move(message));
        error_.file = file_;
        const TextPosition pos = PositionOfOffset(text_, offset);
        error_.line = pos.line;
        error_.column = pos.column;
        error_.expected = std::move(expected);
    }

    std::string_view text_;
    const char* end_;
    size_t end_offset_ = 0;  // just past the last non-space byte: where a truncated text stops
    size_t row_offset_ = 0;  // NDJSON: first byte of the row being read
    const char* unclosed_value_ = nullptr;  // the raw array or object of a row being validated
    bool failed_ = false;

private:
    // Reads the members of the object whose '{' precedes `p` into record.fields (flattening nested objects).
    const char* ReadMembers(const char* p, Record& record, size_t prefix_length, int depth) {
        p = SkipSpace(p);
        if (At(p) == '}') return p + 1;
        for (;;) {
            if (At(p) != '"') return Unexpected(p, "a key in double quotes");
            std::string_view key;
            uint32_t column = kNoColumn;
            const char* after_key = nullptr;
            if (position_ < order_.size()) {
                after_key = MatchKey(p, order_[position_], prefix_length, key);
                if (after_key != nullptr) column = order_[position_];
            }
            if (after_key == nullptr) {
                after_key = ReadString<true>(p, key, p + 1);
                if (after_key == nullptr) return nullptr;
            }
            p = SkipSpace(after_key);
            if (At(p) != ':') return Unexpected(p, "':'");
            p = SkipSpace(p + 1);
            std::string_view value;
            switch (At(p)) {
                case '"': p = ReadString<true>(p, value, p); break;
                case '-':
                case '0':
                case '1':
                case '2':
                case '3':
                case '4':
                case '5':
                case '6':
                case '7':
                case '8':
                case '9': p = ReadNumber(p, value); break;
                case 't':
                case 'f':
                case 'n': p = ReadLiteral(p, value); break;
                case '{':
                    if (depth + 1 < kMaxFlattenDepth) {
                        if (depth == 0) {
                            name_.assign(key);
                        } else {
                            name_.resize(prefix_length);
                            name_ += '.';
                            name_ += key;
                        }
                        p = ReadMembers(p + 1, record, name_.size(), depth + 1);
                        if (p == nullptr) return nullptr;
                        column = kNoColumn;  // no leaf: its members were the columns
                        goto next_member;
                    }
                    [[fallthrough]];
                case '[': {  // kept as its raw (validated) JSON text
                    const char* start = p;
                    unclosed_value_ = start;
                    p = SkipValue(p);
                    unclosed_value_ = nullptr;
                    if (p != nullptr) value = std::string_view(start, static_cast<size_t>(p - start));
                    break;
                }
                default: return Unexpected(p, "a JSON value");
            }
            if (p == nullptr) return nullptr;
            if (column != kNoColumn) {
                ++position_;
            } else if (depth == 0) {
                column = ColumnOf(key);
            } else {
                name_.resize(prefix_length);
                name_ += '.';
                name_ += key;
                column = ColumnOf(name_);
            }
            if (column >= record.fields.size()) record.fields.resize(columns_.size());
            record.fields[column] = value;
        next_member:
            p = SkipSpace(p);
            const char c = At(p);
            if (c == '}') return p + 1;
            if (c != ',') return Unexpected(p, "',' or '}'");
            p = SkipSpace(p + 1);
        }
    }

    // Fast key match: when the key at `p` is exactly the name of `column` (after the current prefix), returns the
    // position after its closing quote and sets `key`. Only for names without quotes, backslashes or control
    // characters, whose source text is the name itself.
    const char* MatchKey(const char* p, uint32_t column, size_t prefix_length, std::string_view& key) const {
        if (!plain_[column]) return nullptr;
        const std::string& name = columns_[column];
        size_t skip = 0;
        if (prefix_length > 0) {
            if (name.size() <= prefix_length || name[prefix_length] != '.' ||
                !SameBytes(name.data(), name_.data(), prefix_length)) {
                return nullptr;
            }
            skip = prefix_length + 1;
        }
        const size_t n = name.size() - skip;
        const char* s = p + 1;
        if (static_cast<size_t>(end_ - s) <= n || s[n] != '"' || !SameBytes(s, name.data() + skip, n)) return nullptr;
        key = std::string_view(s, n);
        return s + n + 1;
    }

    // Reads the string whose opening quote is at `p` into `out` (a view into the text, or into the arena when it
    // has escapes and kStore); returns the position after the closing quote. A bad escape fails at `escape_error`.
    template <bool kStore>
    const char* ReadString(const char* p, std::string_view& out, const char* escape_error) {
        const char* s = p + 1;
        const char* hit = FindStringSpecial(s, end_);
        if (hit < end_ && *hit == '"') {
            out = std::string_view(s, static_cast<size_t>(hit - s));
            return hit + 1;
        }
        return ReadEscapedString<kStore>(s, hit, out, escape_error);
    }

    // ReadString past the first special byte `hit` of the content starting at `s`.
    template <bool kStore>
    const char* ReadEscapedString(const char* s, const char* hit, std::string_view& out, const char* escape_error) {
        const char* e = hit;
        for (;;) {
            if (e >= end_) {
                return Raise(ErrorCode::kBadJson, "truncated or malformed JSON: a string is never closed",
                             OffsetOf(end_), "valid JSON");
            }
            if (*e == '"') break;
            if (*e != '\\') {
                return Raise(ErrorCode::kBadJson, "malformed JSON: a control character in a string must be escaped",
                             OffsetOf(e), "\\n, \\t or \\u00XX");
            }
            e += 2;
            if (e >= end_) e = end_;
            e = FindStringSpecial(e, end_);
        }
        const size_t length = static_cast<size_t>(e - s);
        bool ok;
        if constexpr (kStore) {
            char* const begin = arena_.Reserve(length);
            char* stop = begin;
            ok = Unescape<true>(s, e, stop);
            if (ok) {
                arena_.Commit(static_cast<size_t>(stop - begin));
                out = std::string_view(begin, static_cast<size_t>(stop - begin));
            }
        } else {
            char* none = nullptr;
            ok = Unescape<false>(s, e, none);
        }
        if (!ok) {
            return Raise(ErrorCode::kBadJson, "malformed JSON: a bad escape sequence in a string",
                         OffsetOf(escape_error), "a valid JSON string escape");
        }
        return e + 1;
    }

    // Reads the number token at `p`: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? up to whitespace or an operator.
    const char* ReadNumber(const char* p, std::string_view& out) {
        const char* q = p;
        if (At(q) == '-') ++q;
        const char first = At(q);
        if (first == '0') {
            ++q;
        } else if (IsDigit(first)) {
            while (q < end_ && IsDigit(*q)) ++q;
        } else {
            if (q == p) return Unexpected(p, "a JSON value");  // no value starts with this byte
            return BadNumber(p);
        }
        if (At(q) == '.') {
            ++q;
            if (!IsDigit(At(q))) return BadNumber(p);
            while (q < end_ && IsDigit(*q)) ++q;
        }
        if ((At(q) | 0x20) == 'e') {
            ++q;
            if (At(q) == '+' || At(q) == '-') ++q;
            if (!IsDigit(At(q))) return BadNumber(p);
            while (q < end_ && IsDigit(*q)) ++q;
        }
        if (q < end_ && !EndsToken(*q)) return BadNumber(p);
        out = std::string_view(p, static_cast<size_t>(q - p));
        return q;
    }

    std::nullptr_t BadNumber(const char* p) {
        return Raise(ErrorCode::kBadJson, "malformed JSON number", OffsetOf(p), "a JSON number");
    }

    // Reads true, false or null at `p` (null gives an empty view).
    const char* ReadLiteral(const char* p, std::string_view& out) {
        const char* q = p;
        while (q < end_ && !EndsToken(*q)) ++q;
        const std::string_view token(p, static_cast<size_t>(q - p));
        if (token == "true" || token == "false") {
            out = token;
        } else if (token == "null") {
            out = std::string_view();
        } else {
            return Raise(ErrorCode::kBadJson, "malformed JSON literal", OffsetOf(p), "true, false or null");
        }
        return q;
    }

    // Column index of a (flattened) key, adding a column for a new key. Rows usually repeat the key order of the
    // previous row, so the key at the same position is tried first.
    uint32_t ColumnOf(std::string_view name) {
        const size_t position = position_++;
        if (position < order_.size()) {
            const uint32_t guess = order_[position];
            if (columns_[guess] == name) return guess;
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
                bool plain = true;
                for (char c : name) plain = plain && c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20;
                plain_.push_back(plain);
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

    std::string file_;
    Error error_;
    const uint8_t space_mask_;
    const bool ndjson_;
    mutable LineCounter lines_;
    std::vector<std::string> columns_;
    std::vector<bool> plain_;       // per column: the name has no quote, backslash or control character
    std::vector<uint32_t> slots_;
    std::vector<uint32_t> order_;   // column of the n-th key of the previous row
    size_t position_ = 0;           // index of the current key within the row
    std::string name_;              // flattened name being built ("customer.email")
    std::vector<char> stack_;       // SkipValue: closing bytes of the open containers
    Arena arena_;                   // unescaped strings of the current row
};

// A JSON document: an array of objects, or an object holding one (or being the one row).
class JsonScanReader final : public JsonScanner {
public:
    JsonScanReader(std::string_view text, std::string_view file) : JsonScanner(text, file, false) { Start(); }

    bool Next(Record& record) override {
        if (failed_ || state_ == State::kDone) return false;
        if (state_ == State::kAfterRow) {
            const char* p = SkipSpace(pos_);
            const char c = At(p);
            if (c == ']') return EndOfRows(p + 1);
            if (c != ',') {
                Unexpected(p, "',' or ']' after an object of the array");
                return false;
            }
            pos_ = SkipSpace(p + 1);
            if (At(pos_) != '{') {
                BadElement(pos_, "expected an array of objects, found ");
                return false;
            }
        }
        const char* start = pos_;
        const char* stop = ReadRow(start, record);
        if (stop == nullptr) return false;
        record.raw = std::string_view(start, static_cast<size_t>(stop - start));
        record.offset = static_cast<int64_t>(OffsetOf(start));
        record.line = 0;
        if (state_ == State::kSingleRow) {
            state_ = State::kDone;
        } else {
            pos_ = stop;
            state_ = State::kAfterRow;
        }
        return true;
    }

private:
    enum class State : uint8_t { kAtRow, kAfterRow, kSingleRow, kDone };

    // Finds where the rows start, checking what simdjson checked before reading: a document that is an array
    // (object) must end with ']' ('}').
    void Start() {
        const char* p = SkipSpace(text_.data());
        if (p == end_) {
            Fail(ErrorCode::kBadJson, "no JSON value", end_offset_, "valid JSON");
            return;
        }
        const char c = *p;
        if (c == '[' || c == '{') {
            if (text_[end_offset_ - 1] != (c == '[' ? ']' : '}')) {
                Raise(ErrorCode::kBadJson, "", end_offset_, "");
                return;
            }
        } else {
            const char* type = TypeNameOf(c);
            if (type == nullptr) {
                Unexpected(p, "an array of objects");
            } else {
                Raise(ErrorCode::kNotATable, std::string("the JSON holds a single value (") + type + "), not a table",
                      OffsetOf(p), "an array of objects");
            }
            return;
        }
        if (c == '[') {
            pos_ = SkipSpace(p + 1);
            if (At(pos_) == ']') {
                EndOfRows(pos_ + 1);
                return;
            }
            if (At(pos_) != '{') BadElement(pos_, "expected an array of objects, but its first element is ");
            state_ = State::kAtRow;
            return;
        }
        bool found_empty = false;
        const char* q = p + 1;
        switch (FindRowArray(q, 0, found_empty)) {
            case Search::kFound:
                pos_ = q;
                state_ = State::kAtRow;
                return;
            case Search::kError: return;
            case Search::kNotFound: break;
        }
        if (!CheckEnd(q)) return;
        if (found_empty) {
            state_ = State::kDone;  // {"data": []}: no rows
            return;
        }
        pos_ = p;  // a lone object that holds no array of objects is one row
        state_ = State::kSingleRow;
    }

    enum class Search : uint8_t { kFound, kNotFound, kError };

    // Searches the members of the object whose '{' precedes `p` (depth-first, in order) for an array whose first
    // element is an object. Found: `p` is at that element and open_objects_ counts the objects around the array.
    // Not found: `p` is after the object's '}'. Remembers whether an empty array was seen.
    Search FindRowArray(const char*& p, int depth, bool& found_empty) {
        p = SkipSpace(p);
        if (At(p) == '}') {
            ++p;
            return Search::kNotFound;
        }
        for (;;) {
            p = SkipKeyAndColon(p);
            if (p == nullptr) return Search::kError;
            const char c = At(p);
            if (c == '[') {
                const char* first = SkipSpace(p + 1);
                if (At(first) == '{') {
                    p = first;
                    open_objects_ = depth + 1;
                    return Search::kFound;
                }
                if (At(first) == ']') {
                    found_empty = true;
                    p = first + 1;
                } else {
                    p = SkipValue(p);
                }
            } else if (c == '{' && depth + 1 < kMaxSearchDepth) {
                ++p;
                const Search found = FindRowArray(p, depth + 1, found_empty);
                if (found != Search::kNotFound) return found;
            } else {
                p = SkipValue(p);
            }
            if (p == nullptr) return Search::kError;
            p = SkipSpace(p);
            const char next = At(p);
            if (next == '}') {
                ++p;
                return Search::kNotFound;
            }
            if (next != ',') {
                Unexpected(p, "',' or '}'");
                return Search::kError;
            }
            p = SkipSpace(p + 1);
        }
    }

    // After the row array's ']' at `p` - 1: the rest of the objects around it, then nothing but whitespace.
    bool EndOfRows(const char* p) {
        state_ = State::kDone;
        p = FinishObjects(p, open_objects_);
        if (p != nullptr) CheckEnd(p);
        return false;
    }

    bool CheckEnd(const char* p) {
        p = SkipSpace(p);
        if (p == end_) return true;
        Raise(ErrorCode::kBadJson, "unexpected text after the end of the JSON value", OffsetOf(p), "the end of the file");
        return false;
    }

    // kNotATable for an array element that is a valid value but not an object; kBadJson when no value starts there.
    void BadElement(const char* p, const char* message) {
        const char* type = p < end_ ? TypeNameOf(*p) : nullptr;
        if (type == nullptr) {
            Unexpected(p, "an object");
        } else {
            Raise(ErrorCode::kNotATable, std::string(message) + type, OffsetOf(p), "an object");
        }
    }

    const char* pos_ = nullptr;  // kAtRow/kSingleRow: the next row's '{'; kAfterRow: just after the last row
    int open_objects_ = 0;       // objects around the row array
    State state_ = State::kDone;
};

// NDJSON: one object per non-blank line.
class NdjsonScanReader final : public JsonScanner {
public:
    NdjsonScanReader(std::string_view text, std::string_view file)
        : JsonScanner(text, file, true), pos_(text.data()) {}

    bool Next(Record& record) override {
        if (failed_) return false;
        for (;;) {
            const char* p = SkipSpace(pos_);  // spaces, tabs and CR: not newlines
            if (p == end_) {
                pos_ = p;
                return false;
            }
            if (*p == '\n') {  // a blank line
                pos_ = p + 1;
                ++line_;
                continue;
            }
            row_offset_ = OffsetOf(p);
            if (*p != '{') {
                Fail(ErrorCode::kBadJson, "expected a JSON object on this line", row_offset_, "one JSON object per line");
                return false;
            }
            const char* stop = ReadRow(p, record);
            if (stop == nullptr) return false;
            const char* after = SkipSpace(stop);
            if (after != end_ && *after != '\n') {
                Raise(ErrorCode::kBadJson, "unexpected text after the object on this line", OffsetOf(after),
                      "one JSON object per line");
                return false;
            }
            record.raw = std::string_view(p, static_cast<size_t>(stop - p));
            record.offset = static_cast<int64_t>(row_offset_);
            record.line = line_;
            pos_ = after == end_ ? end_ : after + 1;
            ++line_;
            return true;
        }
    }

private:
    const char* pos_;  // start of the next line to read
    int64_t line_ = 1;
};

}  // namespace

std::unique_ptr<RecordSource> MakeJsonScanReader(std::string_view text, std::string_view file) {
    return std::make_unique<JsonScanReader>(text, file);
}

std::unique_ptr<RecordSource> MakeNdjsonScanReader(std::string_view text, std::string_view file) {
    return std::make_unique<NdjsonScanReader>(text, file);
}

}  // namespace crm
