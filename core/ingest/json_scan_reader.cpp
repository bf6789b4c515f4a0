#include "core/ingest/json_scan_reader.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/ingest/encoding.h"
#include "core/ingest/text.h"

// How it reads: one pass over the bytes with a cursor; no index of the document, no allocation per row or cell
// (values are views into the text; unescaped strings go to a per-row arena). Keys are matched first against the
// key at the same position in the previous row, comparing the source bytes with the column's quoted name, and
// only then looked up in a hash map. Values never flattened (arrays, objects nested 16 deep) and the parts of the
// document around the row array are validated too. Error positions follow the simdjson reader this replaced,
// including what its stage 1 reported before any row (an unclosed string, a document not ending with its closing
// bracket), so a truncated text fails where it did; see Raise().

namespace crm {

namespace {

constexpr int kMaxFlattenDepth = 16;  // deeper objects are kept as raw JSON text
constexpr int kMaxSearchDepth = 4;    // how deep {"a":{"b":{"c":[...]}}} is searched for the row array
constexpr uint32_t kNoColumn = UINT32_MAX;

// Byte classes. A scalar token (number, literal) runs until whitespace or an operator, as in simdjson's stage 1.
constexpr uint8_t kSpace = 1;     // ' ', '\t', '\r', '\n'
constexpr uint8_t kOperator = 2;  // { } [ ] , :
constexpr uint8_t kDigit = 4;     // 0-9

struct ByteClasses {
    uint8_t of[256] = {};
    constexpr ByteClasses() {
        for (char c : {' ', '\t', '\r', '\n'}) of[static_cast<uint8_t>(c)] = kSpace;
        for (char c : {'{', '}', '[', ']', ',', ':'}) of[static_cast<uint8_t>(c)] = kOperator;
        for (int c = '0'; c <= '9'; ++c) of[c] = kDigit;
    }
};
constexpr ByteClasses kClasses;

inline uint8_t ClassOf(char c) { return kClasses.of[static_cast<uint8_t>(c)]; }
inline bool IsDigit(char c) { return ClassOf(c) == kDigit; }
inline bool IsJsonSpace(char c) { return ClassOf(c) == kSpace; }
inline bool EndsToken(char c) { return (ClassOf(c) & (kSpace | kOperator)) != 0; }

// Inline equality of `n` bytes, 8 or 4 at a time (the last word overlapping), never reading past either.
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
    if (n >= 4) {
        uint32_t x, y, u, v;
        std::memcpy(&x, a, 4);
        std::memcpy(&y, b, 4);
        std::memcpy(&u, a + n - 4, 4);
        std::memcpy(&v, b + n - 4, 4);
        return ((x ^ y) | (u ^ v)) == 0;
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

// First byte of [p, end) that is not a digit, or `end` (p <= end). Eight bytes at a time: a byte is a digit when
// its high nibble is 3 and its low nibble + 6 does not carry into the high nibble; the word may read past `end`.
inline const char* SkipDigits(const char* p, const char* end) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    while (p < end) {
        uint64_t w;
        std::memcpy(&w, p, sizeof w);
        const uint64_t high_nibble = (w & (kOnes * 0xF0)) ^ (kOnes * 0x30);              // 0 when 0x3_
        const uint64_t low_carry = ((w & (kOnes * 0x0F)) + kOnes * 0x06) & (kOnes * 0xF0);  // 0 when 0x_0-0x_9
        const uint64_t bad = high_nibble | low_carry;                                       // 0 for a digit byte
        const uint64_t flags = (((bad & (kOnes * 0x7F)) + kOnes * 0x7F) | bad) & (kOnes * 0x80);  // exact per byte
        if (flags != 0) {
            p += static_cast<unsigned>(__builtin_ctzll(flags)) >> 3;
            return p < end ? p : end;
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
// errors. Parsing functions take the position of a token and return the position after it, or null once an error
// has been recorded. Positions never pass end_, and the bytes from end_ on (the padding) are never taken for text:
// At() reads a NUL there.
class JsonScanner : public RecordSource {
public:
    JsonScanner(std::string_view text, std::string_view file, bool ndjson)
        : text_(text), end_(text.data() + text.size()), ndjson_(ndjson), file_(file), lines_(text) {
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

    // Skips JSON whitespace. In NDJSON a newline ends the row: it stops there, where a value or ',' was expected.
    const char* SkipSpace(const char* p) const {
        while (p < end_ && IsJsonSpace(*p) && !(*p == '\n' && ndjson_)) ++p;
        return p;
    }

    // Skips spaces, tabs and carriage returns: whitespace within an NDJSON line.
    const char* SkipLineSpace(const char* p) const {
        while (p < end_ && (*p == ' ' || *p == '\t' || *p == '\r')) ++p;
        return p;
    }

    // Reads the object whose '{' is at `p` as one row; returns the position after its '}'.
    const char* ReadRow(const char* p, Record& record) {
        arena_.Reset();
        record.fields.assign(columns_.size(), std::string_view());
        position_ = 0;
        return ReadMembers(p + 1, record, 0, 0);
    }

    // Validates the value at `p` (any JSON value, nested to any depth) without keeping it; returns its end.
    const char* SkipValue(const char* p) {
        stack_.clear();  // closing bytes of the open containers
        for (;;) {
            std::string_view ignored;
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
                case '"': p = ReadString<false>(p, ignored, p); break;
                case 't':
                case 'f':
                case 'n': p = ReadLiteral(p, ignored); break;
                default: p = ReadNumber(p, ignored); break;  // also reports a byte that starts no value
            }
            if (p == nullptr) return nullptr;
            // A value ended at p: close containers until another value is due.
            for (;;) {
                if (stack_.empty()) return p;
                p = SkipSpace(p);
                const char c = At(p);
                if (c == ',') {
                    p = SkipSpace(p + 1);
                    if (stack_.back() == '}') p = SkipKeyAndColon(p);
                    if (p == nullptr) return nullptr;
                    break;
                }
                if (c != stack_.back()) return Unexpected(p, stack_.back() == '}' ? "',' or '}'" : "',' or ']'");
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

    // Records an error at byte `offset`, first deferring to what the simdjson reader reported before anything else,
    // so that truncated texts fail where they did: a string never closed anywhere in the text (JSON) or on the row's
    // line (NDJSON); an NDJSON line that does not end with '}'. An error at or past the end of the text (of the
    // line) is truncation: reported at runs_out_at_ when a skipped value is open there, else at the end.
    [[gnu::cold, gnu::noinline]] std::nullptr_t Raise(ErrorCode code, std::string message, size_t offset,
                                                      std::string expected) {
        if (ndjson_) {
            const char* start = text_.data() + row_offset_;
            const void* newline = std::memchr(start, '\n', static_cast<size_t>(end_ - start));
            const char* stop = newline != nullptr ? static_cast<const char*>(newline) : end_;
            while (stop > start && IsJsonSpace(stop[-1])) --stop;
            const size_t row_end = OffsetOf(stop);
            const char* const kOneObject = "one complete JSON object per line";
            if (HasUnclosedString(start, stop)) {
                Fail(ErrorCode::kBadJson, "malformed JSON: a string is never closed on this line", row_end, kOneObject);
            } else if (stop[-1] != '}' || (offset >= row_end && runs_out_at_ == nullptr)) {
                Fail(ErrorCode::kBadJson, "malformed JSON: an object is not closed on this line", row_end, kOneObject);
            } else if (offset >= row_end) {
                Fail(ErrorCode::kBadJson, "malformed JSON: an array or object is never closed on this line",
                     OffsetOf(runs_out_at_), kOneObject);
            } else {
                Fail(code, std::move(message), offset, std::move(expected));
            }
        } else if (HasUnclosedString(text_.data(), end_)) {
            Fail(ErrorCode::kBadJson, "truncated or malformed JSON: a string is never closed", end_offset_,
                 "valid JSON");
        } else if (offset >= end_offset_ && runs_out_at_ != nullptr) {
            Fail(ErrorCode::kBadJson, "truncated JSON: an array or object is never closed", OffsetOf(runs_out_at_),
                 "valid JSON");
        } else if (offset >= end_offset_) {
            Fail(ErrorCode::kBadJson, "truncated JSON: the text ends before an array or object is closed", end_offset_,
                 "valid JSON");
        } else {
            Fail(code, std::move(message), offset, std::move(expected));
        }
        return nullptr;
    }

    // kBadJson at `p` where `what` was expected.
    [[gnu::cold, gnu::noinline]] std::nullptr_t Unexpected(const char* p, const char* what) {
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

    const std::string_view text_;
    const char* const end_;
    const bool ndjson_;
    size_t end_offset_ = 0;              // just past the last non-space byte: where a truncated text stops
    size_t row_offset_ = 0;              // NDJSON: first byte of the row being read
    const char* runs_out_at_ = nullptr;  // where a value being skipped that runs past the end is reported
    bool failed_ = false;

private:
    // Reads the members of the object whose '{' precedes `p` into record.fields (flattening nested objects).
    // Compact JSON has no whitespace between tokens, so each expected byte is tried before skipping spaces.
    const char* ReadMembers(const char* p, Record& record, size_t prefix_length, int depth) {
        if (At(p) != '"') {
            p = SkipSpace(p);
            if (At(p) == '}') return p + 1;
        }
        size_t position = position_;  // index of the key within the row (a local: stores to fields may alias)
        for (;;) {                     // p is at a key or at the spaces before it
            if (At(p) != '"') {
                p = SkipSpace(p);
                if (At(p) != '"') return Unexpected(p, "a key in double quotes");
            }
            std::string_view key;
            uint32_t column = position < order_.size() ? order_[position] : kNoColumn;
            const char* after_key = column != kNoColumn ? MatchKey(p, column, prefix_length, depth, key) : nullptr;
            bool key_escaped = false;  // decoded after the ':' is found, as before (a bad escape fails second)
            if (after_key == nullptr) {
                column = kNoColumn;
                const char* hit = FindStringSpecial(p + 1, end_);
                const char* close = hit < end_ && *hit == '"' ? hit : FindStringEnd(hit);
                if (close == nullptr) return nullptr;
                key = std::string_view(p + 1, static_cast<size_t>(close - p - 1));
                key_escaped = close != hit;
                after_key = close + 1;
            }
            p = after_key;
            if (At(p) != ':') {
                p = SkipSpace(p);
                if (At(p) != ':') return Unexpected(p, "':'");
            }
            ++p;
            if (key_escaped && !Decode<true>(key.data(), key.data() + key.size(), key, key.data())) return nullptr;
            char c = At(p);
            if (IsJsonSpace(c)) {
                p = SkipSpace(p);
                c = At(p);
            }
            std::string_view value;
            switch (c) {
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
                    if (depth + 1 < kMaxFlattenDepth) {  // flattened: its members are the columns
                        if (depth == 0) {
                            name_.assign(key);
                        } else {
                            name_.resize(prefix_length);
                            name_ += '.';
                            name_ += key;
                        }
                        position_ = position;
                        p = ReadMembers(p + 1, record, name_.size(), depth + 1);
                        if (p == nullptr) return nullptr;
                        position = position_;
                        goto next_member;
                    }
                    [[fallthrough]];
                case '[': {  // kept as its raw (validated) JSON text
                    const char* start = p;
                    runs_out_at_ = start;
                    p = SkipValue(p);
                    if (p == nullptr) return nullptr;
                    runs_out_at_ = nullptr;
                    value = std::string_view(start, static_cast<size_t>(p - start));
                    break;
                }
                default: return Unexpected(p, "a JSON value");
            }
            if (p == nullptr) return nullptr;
            if (column == kNoColumn) {
                if (depth == 0) {
                    column = ColumnOf(position, key);
                } else {
                    name_.resize(prefix_length);
                    name_ += '.';
                    name_ += key;
                    column = ColumnOf(position, name_);
                }
                if (column >= record.fields.size()) record.fields.resize(columns_.size());
            }
            ++position;
            record.fields[column] = value;
        next_member:
            c = At(p);
            if (c != ',' && c != '}') {
                p = SkipSpace(p);
                c = At(p);
                if (c != ',' && c != '}') return Unexpected(p, "',' or '}'");
            }
            ++p;
            if (c == '}') {
                position_ = position;
                return p;
            }
        }
    }

    // When the key whose opening quote is at `p` is the key of `column` (after the current prefix), returns the
    // position after its closing quote and sets `key`; else null. Compares the source bytes with the column's
    // quoted name, so it serves names without quotes, backslashes or control characters (the common case).
    const char* MatchKey(const char* p, uint32_t column, size_t prefix_length, int depth,
                         std::string_view& key) const {
        const ColumnKey& expected = keys_[column];
        if (!expected.plain) return nullptr;
        const char* quoted = key_bytes_.data() + expected.offset;  // "name"
        size_t skip = 0;                                           // bytes of the name that are the prefix and '.'
        if (depth > 0) {
            if (expected.length < prefix_length + 3 || quoted[1 + prefix_length] != '.' ||
                !SameBytes(quoted + 1, name_.data(), prefix_length)) {
                return nullptr;
            }
            skip = prefix_length + 1;
        }
        const size_t n = expected.length - 1 - skip;  // the key's bytes and the closing quote
        if (static_cast<size_t>(end_ - p) <= n || !SameBytes(p + 1, quoted + 1 + skip, n)) return nullptr;
        key = std::string_view(p + 1, n - 1);
        return p + 1 + n;
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
        const char* e = FindStringEnd(hit);
        if (e == nullptr || !Decode<kStore>(s, e, out, escape_error)) return nullptr;
        return e + 1;
    }

    // The closing quote of a string, searching on from `hit`, its first backslash or control character.
    [[gnu::noinline]] const char* FindStringEnd(const char* hit) {
        const char* e = hit;
        for (;;) {
            if (e >= end_) {
                return Raise(ErrorCode::kBadJson, "truncated or malformed JSON: a string is never closed",
                             OffsetOf(end_), "valid JSON");
            }
            if (*e == '"') return e;
            if (*e != '\\') {
                return Raise(ErrorCode::kBadJson, "malformed JSON: a control character in a string must be escaped",
                             OffsetOf(e), "\\n, \\t or \\u00XX");
            }
            e += 2;  // the escaped byte, whatever it is, cannot close the string
            e = FindStringSpecial(std::min(e, end_), end_);
        }
    }

    // Decodes the escapes of string content [s, e) into the arena (kStore) or only checks them; false after
    // failing at `escape_error` on a bad escape.
    template <bool kStore>
    [[gnu::noinline]] bool Decode(const char* s, const char* e, std::string_view& out, const char* escape_error) {
        bool ok;
        if constexpr (kStore) {
            char* const begin = arena_.Reserve(static_cast<size_t>(e - s));
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
            Raise(ErrorCode::kBadJson, "malformed JSON: a bad escape sequence in a string", OffsetOf(escape_error),
                  "a valid JSON string escape");
        }
        return ok;
    }

    // Reads the number token at `p`: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? up to whitespace or an operator.
    const char* ReadNumber(const char* p, std::string_view& out) {
        const char* q = p;
        if (At(q) == '-') ++q;
        const char first = At(q);
        if (first == '0') {
            ++q;
        } else if (IsDigit(first)) {
            q = SkipDigits(q + 1, end_);
        } else {
            if (q == p) return Unexpected(p, "a JSON value");  // no value starts with this byte
            return BadNumber(p);
        }
        char c = At(q);
        if (c == '.') {
            if (!IsDigit(At(q + 1))) return BadNumber(p);
            q = SkipDigits(q + 2, end_);
            c = At(q);
        }
        if ((c | 0x20) == 'e') {
            ++q;
            if (At(q) == '+' || At(q) == '-') ++q;
            if (!IsDigit(At(q))) return BadNumber(p);
            q = SkipDigits(q + 1, end_);
        }
        if (q < end_ && !EndsToken(*q)) return BadNumber(p);
        out = std::string_view(p, static_cast<size_t>(q - p));
        return q;
    }

    [[gnu::cold, gnu::noinline]] std::nullptr_t BadNumber(const char* p) {
        return Raise(ErrorCode::kBadJson, "malformed JSON number", OffsetOf(p), "a JSON number");
    }

    // Reads true, false or null at `p` (null gives an empty view): the whole token up to whitespace or an operator.
    const char* ReadLiteral(const char* p, std::string_view& out) {
        const char* q = p;
        while (q < end_ && !EndsToken(*q)) ++q;
        const std::string_view token(p, static_cast<size_t>(q - p));
        if (token == "true" || token == "false") {
            out = token;
        } else if (token == "null") {
            out = std::string_view();
        } else {
            return BadLiteral(p);
        }
        return q;
    }

    [[gnu::cold, gnu::noinline]] std::nullptr_t BadLiteral(const char* p) {
        return Raise(ErrorCode::kBadJson, "malformed JSON literal", OffsetOf(p), "true, false or null");
    }

    // Column index of the (flattened) key at `position` of the row, adding a column for a new key; remembers it
    // as the guess for that position in the next row.
    uint32_t ColumnOf(size_t position, std::string_view name) {
        if (position < order_.size()) {
            const uint32_t guess = order_[position];
            if (columns_[guess] == name) return guess;
        } else {
            order_.resize(position + 1, kNoColumn);
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
                AddKey(name);
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

    // Appends the quoted name of a new column to key_bytes_.
    void AddKey(std::string_view name) {
        ColumnKey key;
        key.offset = static_cast<uint32_t>(key_bytes_.size());
        key.length = static_cast<uint32_t>(name.size() + 2);
        for (char c : name) key.plain = key.plain && c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20;
        key_bytes_ += '"';
        key_bytes_ += name;
        key_bytes_ += '"';
        keys_.push_back(key);
    }

    // Where a column's name is in key_bytes_, quoted as its key appears in compact JSON.
    struct ColumnKey {
        uint32_t offset = 0;
        uint32_t length = 0;  // with the quotes
        bool plain = true;    // no quote, backslash or control character: the key's source text is the name
    };

    const std::string file_;
    Error error_;
    mutable LineCounter lines_;
    std::vector<std::string> columns_;
    std::vector<ColumnKey> keys_;    // per column
    std::string key_bytes_;          // the quoted names of all columns
    std::vector<uint32_t> slots_;
    std::vector<uint32_t> order_;    // column of the n-th key of the previous row
    size_t position_ = 0;            // index of the next key within the row
    std::string name_;               // flattened name being built ("customer.email")
    std::vector<char> stack_;        // SkipValue's open containers
    Arena arena_;                    // unescaped strings of the current row
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
                Raise(ErrorCode::kBadJson, "truncated JSON: the text ends before an array or object is closed",
                      end_offset_, "valid JSON");
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
            if (At(pos_) == '{') {
                state_ = State::kAtRow;
            } else {
                BadElement(pos_, "expected an array of objects, but its first element is ");
            }
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
                    p = SkipMember(p);
                }
            } else if (c == '{' && depth + 1 < kMaxSearchDepth) {
                ++p;
                const Search found = FindRowArray(p, depth + 1, found_empty);
                if (found != Search::kNotFound) return found;
            } else {
                p = SkipMember(p);
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

    // Skips a member value passed over by the search. One that runs past the end of the text failed at the last
    // byte before (the root object's '}'), as before.
    const char* SkipMember(const char* p) {
        runs_out_at_ = text_.data() + end_offset_ - 1;
        p = SkipValue(p);
        runs_out_at_ = nullptr;
        return p;
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
        Raise(ErrorCode::kBadJson, "unexpected text after the end of the JSON value", OffsetOf(p),
              "the end of the file");
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
            const char* p = SkipLineSpace(pos_);
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
                Fail(ErrorCode::kBadJson, "expected a JSON object on this line", row_offset_,
                     "one JSON object per line");
                return false;
            }
            const char* stop = ReadRow(p, record);
            if (stop == nullptr) return false;
            const char* after = SkipLineSpace(stop);
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
