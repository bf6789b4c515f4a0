#include "core/ingest/json_scan_reader.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/common/bytes.h"
#include "core/ingest/encoding.h"
#include "core/ingest/text.h"
#include "core/ingest/text_window.h"

// How it reads: one pass over the bytes of a TextWindow with a cursor; no index of the document, no allocation per
// row or cell (values are views into the window; unescaped strings go to a per-row arena). Keys are matched first
// against the key at the same position in the previous row, comparing the source bytes with the column's quoted
// name, and only then looked up in a hash map. Values never flattened (arrays, objects nested 16 deep) and the
// parts of the document around the row array are validated too. Error positions follow the simdjson reader this
// replaced; what its stage 1 reported before any row (an unclosed string, a document not ending with its closing
// bracket) is reported when the scan reaches the end of the text, at the same place; see Raise().

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

// First byte of [p, end) that is '"', '\\' or a control character (< 0x20), or `end`. Eight bytes at a time:
// (x - 0x01..) & ~x & 0x80.. flags the lowest zero byte of x exactly, so the lowest flag of the union of the three
// tests is the first special byte. The last word may read up to 7 bytes past `end` (the text's padding).
inline const char* FindStringSpecial(const char* p, const char* end) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    constexpr uint64_t kHigh = kOnes << 7;
    while (p < end) {
        const uint64_t w = Load64(p);
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
        const uint64_t bad = NonDigitBytes(Load64(p));  // 0 for a digit byte
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
// reported this before anything else, so errors on an NDJSON line defer to it.
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
// has been recorded (failed_) or the window must be refilled first (more_). Positions never pass end_, and the
// bytes from end_ on (the padding) are never taken for text: At() reads a NUL there.
//
// Streaming: each Next() is a transaction that starts at the cursor pos_. When it runs into end_ before the end
// of the text (an error "at the end of the window"), it sets more_ and stops; Next() refills the window keeping
// anchor_ (the start of the last row returned, or of the document) and runs the transaction again from pos_.
// Re-reading a row is harmless: the columns it adds and the key order it caches are those the whole row gives.
class JsonScanner : public RecordSource {
public:
    JsonScanner(TextWindow& window, std::string_view file, bool ndjson)
        : window_(window), ndjson_(ndjson), file_(file) {
        Rebase();
        pos_ = anchor_ = origin_;
        pos_line_start_ = anchor_line_start_ = base_;
    }

    const std::vector<std::string>& columns() const override { return columns_; }

    const Error* error() const override { return failed_ ? &error_ : nullptr; }

    TextPosition PositionOfOffset(int64_t offset) const override {
        return PositionFrom(anchor_, anchor_line_, anchor_line_start_, offset);
    }

protected:
    // The byte at `p`, '\0' from end_ on. Read without a bounds check: the window is followed by kTextPadding zero
    // bytes, and no position read passes end_ + 1.
    char At(const char* p) const { return *p; }

    int64_t OffsetOf(const char* p) const { return base_ + (p - origin_); }

    // Skips JSON whitespace, counting line ends ("\n", "\r\n", a lone "\r") for Record::line. In NDJSON a newline
    // ends the row: it stops there, where a value or ',' was expected (NDJSON lines are counted by the reader).
    // Spaces and tabs inline; line ends out of line, so that the inlined part stores nothing.
    const char* SkipSpace(const char* p) {
        while (p < end_ && (*p == ' ' || *p == '\t')) ++p;
        if (p < end_ && (*p == '\n' || *p == '\r')) return SkipLines(p);
        return p;
    }

    // SkipSpace from a line end at `p`. A "\r" just before end_ is taken as a lone one; the transaction then runs
    // into end_ and starts over, so the count is redone once the "\n" that may follow is read.
    [[gnu::noinline]] const char* SkipLines(const char* p) {
        for (; p < end_; ++p) {
            const char c = *p;
            if (!IsJsonSpace(c)) break;
            if (c == '\n') {
                if (ndjson_) break;
                NewLine(p + 1);
            } else if (c == '\r' && !ndjson_ && p[1] != '\n') {
                NewLine(p + 1);
            }
        }
        return p;
    }

    void NewLine(const char* line_start) {
        ++line_;
        line_start_ = OffsetOf(line_start);
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

    // How an error at `at` may come from the end of the window rather than from the text: kAtEnd when `at` is
    // end_ (a byte was expected there), kToken when the scalar token starting at `at` runs to end_ (a number or
    // literal cut short), kString for a string still open at end_.
    enum class Cut : uint8_t { kAtEnd, kToken, kString };

    // Records an error at `at`, or asks for more text (more_) when the error may be the window's end and the text
    // goes on. Errors at the end of the text follow the simdjson reader this replaced, which found them before
    // any row (in streaming they come when the scan gets there): a string never closed (JSON: at the end of the
    // text; NDJSON: on the row's line, which also reports a line not ending with '}'), a document not ending with
    // the closing bracket of its opening one, else a value being skipped that runs out (at runs_out_at_), else
    // the end of the text. An error of the window (the text ended early) comes first.
    [[gnu::cold, gnu::noinline]] std::nullptr_t Raise(ErrorCode code, std::string message, const char* at,
                                                      std::string expected, Cut cut = Cut::kAtEnd) {
        const bool at_end = at >= end_ || (cut == Cut::kToken && TokenRunsToEnd(at));
        if (ndjson_) return RaiseInLine(code, std::move(message), at, std::move(expected), at_end);
        if (!at_end) {
            Fail(code, std::move(message), at, std::move(expected));
        } else if (!window_.exhausted()) {
            more_ = true;
        } else if (window_.error() != nullptr) {
            FailWindow();
        } else {
            const char* last = TrimmedEnd();
            if (cut == Cut::kString) {
                Fail(ErrorCode::kBadJson, "truncated or malformed JSON: a string is never closed", last, "valid JSON");
            } else if (last == origin_ || last[-1] != closing_) {
                Fail(ErrorCode::kBadJson, kTruncated, last, "valid JSON");
            } else if (runs_out_at_last_ || runs_out_at_ != nullptr) {
                Fail(ErrorCode::kBadJson, "truncated JSON: an array or object is never closed",
                     runs_out_at_last_ ? last - 1 : runs_out_at_, "valid JSON");
            } else {
                Fail(ErrorCode::kBadJson, kTruncated, last, "valid JSON");
            }
        }
        return nullptr;
    }

    // NDJSON errors are judged on the whole line of the row (read more until it is in the window). When the text
    // ended early within the line, an error at the end of the window is the window's.
    std::nullptr_t RaiseInLine(ErrorCode code, std::string message, const char* at, std::string expected,
                               bool at_end) {
        const char* start = row_start_;
        const void* newline = std::memchr(start, '\n', static_cast<size_t>(end_ - start));
        if (newline == nullptr && !window_.exhausted()) {
            more_ = true;
            return nullptr;
        }
        if (newline == nullptr && window_.error() != nullptr) {
            if (at_end) {
                FailWindow();
            } else {
                Fail(code, std::move(message), at, std::move(expected));
            }
            return nullptr;
        }
        const char* stop = newline != nullptr ? static_cast<const char*>(newline) : end_;
        while (stop > start && IsJsonSpace(stop[-1])) --stop;
        const char* const kOneObject = "one complete JSON object per line";
        if (HasUnclosedString(start, stop)) {
            Fail(ErrorCode::kBadJson, "malformed JSON: a string is never closed on this line", stop, kOneObject);
        } else if (stop[-1] != '}' || (at >= stop && runs_out_at_ == nullptr)) {
            Fail(ErrorCode::kBadJson, "malformed JSON: an object is not closed on this line", stop, kOneObject);
        } else if (at >= stop) {
            Fail(ErrorCode::kBadJson, "malformed JSON: an array or object is never closed on this line", runs_out_at_,
                 kOneObject);
        } else {
            Fail(code, std::move(message), at, std::move(expected));
        }
        return nullptr;
    }

    // kBadJson at `p` where `what` was expected.
    [[gnu::cold, gnu::noinline]] std::nullptr_t Unexpected(const char* p, const char* what) {
        return Raise(ErrorCode::kBadJson, std::string("malformed JSON: expected ") + what, p, "valid JSON");
    }

    // Records an error at `at` as it is (line and column counted from the cursor).
    void Fail(ErrorCode code, std::string message, const char* at, std::string expected) {
        failed_ = true;
        error_ = MakeError(code, std::move(message));
        error_.file = file_;
        const TextPosition pos = PositionFrom(pos_, pos_line_, pos_line_start_, OffsetOf(at));
        error_.line = pos.line;
        error_.column = pos.column;
        error_.expected = std::move(expected);
    }

    // Fails with a copy of the window's error (the text ended early), located.
    void FailWindow() {
        failed_ = true;
        error_ = *window_.error();
        if (error_.file.empty()) error_.file = file_;
        const TextPosition pos = PositionFrom(pos_, pos_line_, pos_line_start_, window_.error_offset());
        error_.line = pos.line;
        error_.column = pos.column;
    }

    // Line and column of text offset `offset`, counting line ends from `from` (at `line`, whose first byte is at
    // text offset `line_start`) up to the offset (clamped to the window).
    TextPosition PositionFrom(const char* from, int64_t line, int64_t line_start, int64_t offset) const {
        const int64_t from_offset = OffsetOf(from);
        if (offset < from_offset) return TextPosition{line, std::max<int64_t>(1, offset - line_start + 1)};
        offset = std::min(offset, OffsetOf(end_));
        for (const char *p = from, *to = from + (offset - from_offset); p < to; ++p) {
            if (*p == '\n' || (*p == '\r' && p[1] != '\n')) {
                ++line;
                line_start = OffsetOf(p + 1);
            }
        }
        return TextPosition{line, offset - line_start + 1};
    }

    // Just past the last non-space byte of the window.
    const char* TrimmedEnd() const {
        const char* p = end_;
        while (p > origin_ && IsJsonSpace(p[-1])) --p;
        return p;
    }

    // Whether the scalar token at `p` (up to whitespace or an operator) runs to end_.
    bool TokenRunsToEnd(const char* p) const {
        while (p < end_ && !EndsToken(*p)) ++p;
        return p == end_;
    }

    // Starts reading at the cursor (whose line state is the scan's: see MoveTo and RefillWindow): remembers the
    // columns.
    void BeginTransaction() { columns_before_ = columns_.size(); }

    // After more_: refills the window keeping anchor_, and rebases the pointers. False (failed) if it cannot.
    // The n-th refill for the same transaction reads 2^(n-1) pieces (up to 64), so that a row (or a text searched
    // for its rows) much longer than a piece is read again O(log) times, not once per piece.
    bool RefillWindow() {
        more_ = false;
        if (columns_.size() > columns_before_) ForgetColumns(columns_before_);
        const ptrdiff_t cursor = pos_ - anchor_;
        if (!window_.Refill(anchor_)) {  // not expected: more_ is only set before the end of the text
            Fail(ErrorCode::kBadJson, kTruncated, end_, "valid JSON");
            return false;
        }
        for (int extra = (1 << std::min(retries_, 6)) - 1; extra > 0; --extra) {
            if (!window_.Refill(window_.begin())) break;
        }
        ++retries_;
        Rebase();
        anchor_ = origin_;
        pos_ = origin_ + cursor;
        line_ = pos_line_;  // the transaction starts over at the cursor
        line_start_ = pos_line_start_;
        runs_out_at_ = nullptr;
        runs_out_at_last_ = false;
        return true;
    }

    // Drops the columns from `count` on: those a transaction that starts over had found (a value it took as
    // complete at the end of the window may turn out malformed, and its key must then not be a column).
    void ForgetColumns(size_t count) {
        columns_.resize(count);
        key_bytes_.resize(count == 0 ? 0 : keys_[count - 1].offset + keys_[count - 1].length);
        keys_.resize(count);
        slots_.clear();
        Rehash();
        for (size_t i = 0; i < order_.size(); ++i) {
            if (order_[i] >= count) {
                order_.resize(i);  // a cache: positions from here on are looked up again
                break;
            }
        }
    }

    void Rebase() {
        origin_ = window_.begin();
        end_ = window_.end();
        base_ = window_.base();
    }

    static constexpr const char* kTruncated = "truncated JSON: the text ends before an array or object is closed";

    TextWindow& window_;
    const char* origin_ = nullptr;       // window_.begin()
    const char* end_ = nullptr;          // window_.end()
    int64_t base_ = 0;                   // text offset of origin_
    const bool ndjson_;
    const char* pos_ = nullptr;          // the cursor: where the next transaction starts
    int64_t pos_line_ = 1;               // line of pos_ (NDJSON: pos_ is a line start)
    int64_t pos_line_start_ = 0;         // text offset of the first byte of that line
    int64_t line_ = 1;                   // line and its start where the scan stands (JSON; from pos_'s)
    int64_t line_start_ = 0;
    const char* anchor_ = nullptr;       // start of the last row returned (or of the document): kept by refills
    int64_t anchor_line_ = 1;
    int64_t anchor_line_start_ = 0;
    const char* row_start_ = nullptr;    // NDJSON: the '{' of the row being read
    char closing_ = ']';                 // JSON: the closing bracket of the document's first byte
    const char* runs_out_at_ = nullptr;  // where a value being skipped that runs past the end is reported
    bool runs_out_at_last_ = false;      // ... or at the last byte of the text (members passed over by the search)
    bool more_ = false;                  // the transaction ran into the end of the window: refill and start over
    int retries_ = 0;                    // refills since the cursor last moved on (see RefillWindow)
    size_t columns_before_ = 0;          // columns_.size() when the transaction started
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
        // The key order and the row's fields, as locals for the same reason: the compiler would reload the vectors'
        // pointers after every field stored. Refreshed where they can change: a new column, a nested object.
        const uint32_t* order = order_.data();
        size_t order_size = order_.size();
        std::string_view* fields = record.fields.data();
        for (;;) {                     // p is at a key or at the spaces before it
            if (At(p) != '"') {
                p = SkipSpace(p);
                if (At(p) != '"') return Unexpected(p, "a key in double quotes");
            }
            std::string_view key;
            uint32_t column = position < order_size ? order[position] : kNoColumn;
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
                        order = order_.data();
                        order_size = order_.size();
                        fields = record.fields.data();
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
                order = order_.data();
                order_size = order_.size();
                fields = record.fields.data();
            }
            ++position;
            fields[column] = value;
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
                return Raise(ErrorCode::kBadJson, "truncated or malformed JSON: a string is never closed", end_,
                             "valid JSON", Cut::kString);
            }
            if (*e == '"') return e;
            if (*e != '\\') {
                return Raise(ErrorCode::kBadJson, "malformed JSON: a control character in a string must be escaped",
                             e, "\\n, \\t or \\u00XX");
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
            Raise(ErrorCode::kBadJson, "malformed JSON: a bad escape sequence in a string", escape_error,
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
        return Raise(ErrorCode::kBadJson, "malformed JSON number", p, "a JSON number", Cut::kToken);
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
        return Raise(ErrorCode::kBadJson, "malformed JSON literal", p, "true, false or null", Cut::kToken);
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
    JsonScanReader(TextWindow& window, std::string_view file) : JsonScanner(window, file, false) {}

    bool Next(Record& record) override {
        for (;;) {
            if (failed_ || state_ == State::kDone) return false;
            BeginTransaction();
            if (state_ == State::kStart) {
                Start();
                if (!more_ && !failed_ && state_ == State::kStart) return false;  // not expected
            } else {
                if (ReadNext(record)) return true;
                if (!more_) return false;
            }
            if (more_ && !RefillWindow()) return false;
        }
    }

private:
    enum class State : uint8_t { kStart, kAtRow, kAfterRow, kSingleRow, kDone };

    // Reads the row at the cursor (after the ',' that follows the previous one in kAfterRow), or the end of rows.
    bool ReadNext(Record& record) {
        const char* start = pos_;
        if (state_ == State::kAfterRow) {
            const char* p = pos_;
            char c = At(p);
            if (IsJsonSpace(c)) {
                p = SkipSpace(p);
                c = At(p);
            }
            if (c == ']') return EndOfRows(p + 1);
            if (c != ',') {
                Unexpected(p, "',' or ']' after an object of the array");
                return false;
            }
            start = p + 1;
            if (At(start) == '\n' && At(start + 1) == '{') {  // one object per line, the usual layout
                ++start;
                NewLine(start);
            } else {
                start = SkipSpace(start);
            }
            if (At(start) != '{') {
                BadElement(start, "expected an array of objects, found ");
                return false;
            }
        }
        const int64_t line = line_, line_start = line_start_;
        const char* stop = ReadRow(start, record);
        if (stop == nullptr) return false;
        record.raw = std::string_view(start, static_cast<size_t>(stop - start));
        record.offset = OffsetOf(start);
        record.line = line;
        anchor_ = start;
        anchor_line_ = line;
        anchor_line_start_ = line_start;
        if (state_ == State::kSingleRow) {
            state_ = State::kDone;
        } else {
            MoveTo(stop, State::kAfterRow);
        }
        return true;
    }

    // Commits the cursor at `p` (the scan's line state is p's) and the state that goes with it.
    void MoveTo(const char* p, State state) {
        pos_ = p;
        retries_ = 0;
        pos_line_ = line_;
        pos_line_start_ = line_start_;
        state_ = state;
    }

    // Finds where the rows start (from the start of the document, which the window keeps until then).
    void Start() {
        const char* p = SkipSpace(pos_);
        if (p == end_) {
            if (!window_.exhausted()) {
                more_ = true;
            } else if (window_.error() != nullptr) {
                FailWindow();
            } else {
                Fail(ErrorCode::kBadJson, "no JSON value", TrimmedEnd(), "valid JSON");
            }
            return;
        }
        const char c = *p;
        if (c != '[' && c != '{') {
            const char* type = TypeNameOf(c);
            if (type == nullptr) {
                Unexpected(p, "an array of objects");
            } else {
                Raise(ErrorCode::kNotATable, std::string("the JSON holds a single value (") + type + "), not a table",
                      p, "an array of objects");
            }
            return;
        }
        closing_ = c == '[' ? ']' : '}';
        open_objects_ = 0;
        if (c == '[') {
            const char* first = SkipSpace(p + 1);
            if (At(first) == ']') {
                EndOfRows(first + 1);
            } else if (At(first) == '{') {
                StartRows(first);
            } else {
                BadElement(first, "expected an array of objects, but its first element is ");
            }
            return;
        }
        const int64_t line = line_, line_start = line_start_;  // at the root '{'
        bool found_empty = false;
        const char* q = p + 1;
        switch (FindRowArray(q, 0, found_empty)) {
            case Search::kFound: StartRows(q); return;
            case Search::kError: return;
            case Search::kNotFound: break;
        }
        if (!CheckEnd(q)) return;
        if (found_empty) {
            state_ = State::kDone;  // {"data": []}: no rows
            return;
        }
        line_ = line;  // a lone object that holds no array of objects is one row
        line_start_ = line_start;
        anchor_ = p;
        anchor_line_ = line;
        anchor_line_start_ = line_start;
        MoveTo(p, State::kSingleRow);
    }

    // The first row is at `p`: the text before it is no longer kept.
    void StartRows(const char* p) {
        anchor_ = p;
        anchor_line_ = line_;
        anchor_line_start_ = line_start_;
        MoveTo(p, State::kAtRow);
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
                const int64_t line = line_, line_start = line_start_;
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
                    line_ = line;  // the array is skipped from its '[' again: uncount the line ends after it
                    line_start_ = line_start;
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

    // Skips a member value passed over by the search. One that runs past the end of the text fails at the last
    // byte before (the root object's '}'), as before.
    const char* SkipMember(const char* p) {
        runs_out_at_last_ = true;
        p = SkipValue(p);
        runs_out_at_last_ = false;
        return p;
    }

    // After the row array's ']' at `p` - 1: the rest of the objects around it, then nothing but whitespace.
    bool EndOfRows(const char* p) {
        p = FinishObjects(p, open_objects_);
        if (p != nullptr && CheckEnd(p)) state_ = State::kDone;
        return false;
    }

    // Whether only whitespace follows `p` to the end of the text (which may have ended early: the window's error).
    bool CheckEnd(const char* p) {
        p = SkipSpace(p);
        if (p == end_) {
            if (!window_.exhausted()) {
                more_ = true;
                return false;
            }
            if (window_.error() == nullptr) return true;
            FailWindow();
            return false;
        }
        Raise(ErrorCode::kBadJson, "unexpected text after the end of the JSON value", p, "the end of the file");
        return false;
    }

    // kNotATable for an array element that is a valid value but not an object; kBadJson when no value starts there.
    void BadElement(const char* p, const char* message) {
        const char* type = p < end_ ? TypeNameOf(*p) : nullptr;
        if (type == nullptr) {
            Unexpected(p, "an object");
        } else {
            Raise(ErrorCode::kNotATable, std::string(message) + type, p, "an object");
        }
    }

    int open_objects_ = 0;  // objects around the row array
    State state_ = State::kStart;
};

// NDJSON: one object per non-blank line. The cursor is always at a line start.
class NdjsonScanReader final : public JsonScanner {
public:
    NdjsonScanReader(TextWindow& window, std::string_view file) : JsonScanner(window, file, true) {}

    bool Next(Record& record) override {
        for (;;) {
            if (failed_) return false;
            BeginTransaction();
            if (ReadLine(record)) return true;
            if (!more_ || !RefillWindow()) return false;
        }
    }

private:
    bool ReadLine(Record& record) {
        for (;;) {
            const char* p = SkipLineSpace(pos_);
            if (p == end_) {
                if (!window_.exhausted()) {
                    more_ = true;
                } else if (window_.error() != nullptr) {
                    FailWindow();
                }
                return false;
            }
            if (*p == '\n') {  // a blank line
                NextLine(p + 1);
                continue;
            }
            if (*p != '{') {
                Fail(ErrorCode::kBadJson, "expected a JSON object on this line", p, "one JSON object per line");
                return false;
            }
            row_start_ = p;
            const char* stop = ReadRow(p, record);
            if (stop == nullptr) return false;
            const char* after = SkipLineSpace(stop);
            if (after == end_ && !window_.exhausted()) {
                more_ = true;  // what follows on the line is not read yet
                return false;
            }
            if (after != end_ && *after != '\n') {
                Raise(ErrorCode::kBadJson, "unexpected text after the object on this line", after,
                      "one JSON object per line");
                return false;
            }
            record.raw = std::string_view(p, static_cast<size_t>(stop - p));
            record.offset = OffsetOf(p);
            record.line = pos_line_;
            anchor_ = pos_;
            anchor_line_ = pos_line_;
            anchor_line_start_ = pos_line_start_;
            NextLine(after == end_ ? end_ : after + 1);
            return true;
        }
    }

    void NextLine(const char* p) {
        pos_ = p;
        retries_ = 0;
        ++pos_line_;
        pos_line_start_ = OffsetOf(p);
    }
};

}  // namespace

std::unique_ptr<RecordSource> MakeJsonScanReader(TextWindow& window, std::string_view file) {
    return std::make_unique<JsonScanReader>(window, file);
}

std::unique_ptr<RecordSource> MakeNdjsonScanReader(TextWindow& window, std::string_view file) {
    return std::make_unique<NdjsonScanReader>(window, file);
}

}  // namespace crm
