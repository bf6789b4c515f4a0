#include "core/ingest/csv_reader.h"

#include <algorithm>
#include <cstring>
#include <unordered_set>
#include <vector>

#include "core/common/byte_mask16.h"

namespace crm {

namespace {

constexpr size_t kSniffBytes = 256 * 1024;
constexpr char kDelimiters[] = {',', ';', '\t', '|'};  // also the tie-break order

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// True when a field holds something other than spaces and tabs.
bool HasContent(const char* begin, const char* end) {
    for (; begin < end; ++begin) {
        if (!IsBlank(*begin)) return true;
    }
    return false;
}

// True when [begin, end) holds a byte other than spaces, tabs and `delimiter`.
bool HasContentBesides(const char* begin, const char* end, char delimiter) {
    for (; begin < end; ++begin) {
        if (!IsBlank(*begin) && *begin != delimiter) return true;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Sixteen bytes at a time (core/common/byte_mask16.h).

// Index of the lowest set bit of a nonzero mask.
inline unsigned LowestBit(uint32_t mask) { return static_cast<unsigned>(__builtin_ctz(mask)); }

// The first delimiter, '\n' or '\r' at or after p, or end: sixteen bytes at a time while whole blocks fit
// before end (no reading past it: the sample has no padding), then byte by byte.
const char* FindFieldEnd(const char* p, const char* end, char delimiter) {
    for (; end - p >= 16; p += 16) {
        const uint32_t mask = MatchBytes16(p, delimiter, '\n', '\r');
        if (mask != 0) return p + LowestBit(mask);
    }
    while (p < end && *p != delimiter && *p != '\n' && *p != '\r') ++p;
    return p;
}

// ---------------------------------------------------------------------------------------------------------------
// Dialect sniffing: a simple bounded tokenizer that only counts fields.

struct SampleRecord {
    int64_t line;       // 1-based physical line where the record starts
    uint32_t fields;    // number of fields
    uint32_t nonempty;  // fields with content
};

struct SampleStats {
    std::vector<SampleRecord> records;  // records with content only
    size_t single_quoted = 0;           // fields written as '...'
    size_t double_quoted = 0;           // fields written as "..."
    size_t nonempty_fields = 0;
    int64_t stop_line = INT64_MAX;      // line of a quote left open (the scan stopped there)
};

// Counts the fields of the record at p when it is a plain line, one with no quote of either kind before its end
// ('\n' or '\r'), sixteen bytes at a time, and moves p past its line end. False (p kept) for any other line and
// when the line does not end within the whole blocks left: the field by field scan reads those.
bool ScanPlainLine(const char*& p, const char* end, char delimiter, SampleRecord& record) {
    const ByteSplat16 delimiters = SplatByte16(delimiter), newline = SplatByte16('\n'), cr = SplatByte16('\r'),
                      space = SplatByte16(' '), tab = SplatByte16('\t'), double_quote = SplatByte16('"'),
                      single_quote = SplatByte16('\'');
    uint32_t fields = 1, nonempty = 0;
    bool content = false;  // the current field holds a byte other than blanks
    for (const char* q = p; end - q >= 16; q += 16) {
        const uint32_t ends = MatchSplats16(q, newline, cr);
        const uint32_t before_end = ends != 0 ? (ends & (0u - ends)) - 1 : 0xFFFF;
        if ((MatchSplats16(q, double_quote, single_quote) & before_end) != 0) return false;
        const uint32_t separators = MatchSplats16(q, delimiters);
        // Bytes with content: not blank, not a delimiter, before the line end.
        const uint32_t solid = ~(separators | MatchSplats16(q, space, tab)) & before_end;
        uint32_t field_bits = 0xFFFF;  // bits of the current field from its first byte in this block on
        for (uint32_t rest = separators & before_end; rest != 0; rest &= rest - 1) {
            const uint32_t below = (rest & (0u - rest)) - 1;  // bits below this delimiter
            nonempty += content || (solid & field_bits & below) != 0;
            content = false;
            ++fields;
            field_bits = ~(below | (below + 1)) & 0xFFFF;
        }
        content = content || (solid & field_bits) != 0;
        if (ends != 0) {
            nonempty += content;
            const char* line_end = q + LowestBit(ends);
            p = line_end + (*line_end == '\r' && line_end + 1 < end && line_end[1] == '\n' ? 2 : 1);
            record.fields = fields;
            record.nonempty = nonempty;
            return true;
        }
    }
    return false;
}

// Splits `sample` into records with `delimiter` and `quote`; stops at an unterminated quote (the sample may
// end in the middle of a quoted field).
SampleStats ScanSample(std::string_view sample, char delimiter, char quote) {
    SampleStats stats;
    const char* p = sample.data();
    const char* const end = p + sample.size();
    int64_t line = 1;
    while (p < end) {
        SampleRecord record{line, 0, 0};
        if (ScanPlainLine(p, end, delimiter, record)) {
            ++line;
            if (record.nonempty > 0) {
                stats.records.push_back(record);
                stats.nonempty_fields += record.nonempty;
            }
            continue;
        }
        for (;;) {
            ++record.fields;
            bool content = false;
            const char* q = p;
            while (q < end && *q == ' ') ++q;
            if (quote != 0 && q < end && *q == quote) {
                const char* open = q++;
                for (;;) {
                    while (q < end && *q != quote) {
                        if (*q == '\n' || (*q == '\r' && (q + 1 >= end || q[1] != '\n'))) ++line;
                        ++q;
                    }
                    if (q >= end) {  // unterminated: drop the partial record
                        stats.stop_line = record.line;
                        return stats;
                    }
                    if (q + 1 < end && q[1] == quote) {
                        q += 2;
                        continue;
                    }
                    break;
                }
                content = HasContent(open + 1, q);
                ++q;
                const char* junk = q;
                while (q < end && *q != delimiter && *q != '\n' && *q != '\r') ++q;
                content = content || HasContent(junk, q);
                if (content && q == junk) ++(quote == '\'' ? stats.single_quoted : stats.double_quoted);
            } else {
                q = FindFieldEnd(p, end, delimiter);
                content = HasContent(p, q);
                // A field wrapped in the other quote character (checked for '\'' while sniffing with '"').
                const char* b = p;
                const char* e = q;
                while (b < e && IsBlank(*b)) ++b;
                while (e > b && IsBlank(e[-1])) --e;
                if (e - b >= 2 && *b == '\'' && e[-1] == '\'') ++stats.single_quoted;
            }
            record.nonempty += content;
            p = q;
            if (p < end && *p == delimiter) {
                ++p;
                continue;
            }
            break;
        }
        if (p < end) {  // line end
            if (*p == '\r' && p + 1 < end && p[1] == '\n') ++p;
            ++p;
            ++line;
        }
        if (record.nonempty > 0) {
            stats.records.push_back(record);
            stats.nonempty_fields += record.nonempty;
        }
    }
    return stats;
}

struct DelimiterScore {
    size_t consistent = 0;  // records with the modal field count
    uint32_t modal = 0;     // modal field count (> 1), 0 when no record splits
};

DelimiterScore ScoreRecords(const std::vector<SampleRecord>& records, int64_t before_line = INT64_MAX) {
    std::vector<size_t> histogram;
    for (const SampleRecord& r : records) {
        if (r.fields < 2 || r.line >= before_line) continue;
        if (r.fields >= histogram.size()) histogram.resize(r.fields + 1, 0);
        ++histogram[r.fields];
    }
    DelimiterScore score;
    for (uint32_t count = 2; count < histogram.size(); ++count) {
        if (histogram[count] >= score.consistent && histogram[count] > 0) {  // ties go to more fields
            score.consistent = histogram[count];
            score.modal = count;
        }
    }
    return score;
}

// The header is the first record with at least 2 fields whose non-empty count is at least half of the
// typical (median) non-empty count of the records that have the modal field count: title lines such as
// "Report;;;;" or "Period: 2024" are skipped.
int64_t FindHeaderLine(const std::vector<SampleRecord>& records, uint32_t modal) {
    std::vector<uint32_t> nonempty;
    for (const SampleRecord& r : records) {
        if (r.fields == modal) nonempty.push_back(r.nonempty);
    }
    if (nonempty.empty()) return records.empty() ? 1 : records.front().line;
    std::nth_element(nonempty.begin(), nonempty.begin() + nonempty.size() / 2, nonempty.end());
    const uint32_t typical = nonempty[nonempty.size() / 2];
    const uint32_t need = std::max<uint32_t>(2, (typical + 1) / 2);
    for (const SampleRecord& r : records) {
        if (r.fields >= 2 && r.nonempty >= need) return r.line;
    }
    for (const SampleRecord& r : records) {
        if (r.fields == modal) return r.line;
    }
    return records.front().line;
}

struct SniffResult {
    CsvDialect dialect;
    DelimiterScore score;
    SampleStats stats;  // of the chosen delimiter
};

SniffResult SniffWithQuote(std::string_view sample, char quote) {
    SniffResult best;
    best.dialect.quote = quote;
    bool have = false;
    // A quote left open stops a delimiter's scan early (in a broken file, or at the end of the sample);
    // every delimiter is then scored on the lines before the earliest such stop, so that the right
    // delimiter is not beaten by one that never sees the quote.
    std::vector<SampleStats> scans;
    int64_t compare_before = INT64_MAX;
    for (char delimiter : kDelimiters) {
        if (sample.find(delimiter) == std::string_view::npos) {
            scans.emplace_back();  // absent: every record would have one field, which never scores
            continue;
        }
        scans.push_back(ScanSample(sample, delimiter, quote));
        if (ScoreRecords(scans.back().records).modal != 0) {
            compare_before = std::min(compare_before, scans.back().stop_line);
        }
    }
    for (size_t d = 0; d < std::size(kDelimiters); ++d) {
        const char delimiter = kDelimiters[d];
        SampleStats& stats = scans[d];
        DelimiterScore score = ScoreRecords(stats.records, compare_before);
        if (score.modal == 0) score = ScoreRecords(stats.records);
        if (score.modal == 0) continue;
        const bool better = !have || score.consistent > best.score.consistent ||
                            (score.consistent == best.score.consistent && score.modal > best.score.modal);
        if (better) {
            have = true;
            best.dialect.delimiter = delimiter;
            best.score = score;
            best.stats = std::move(stats);
        }
    }
    if (!have) {  // one column
        best.dialect.delimiter = ',';
        best.stats = ScanSample(sample, ',', quote);
        best.dialect.header_line = best.stats.records.empty() ? 1 : best.stats.records.front().line;
        return best;
    }
    best.dialect.header_line = FindHeaderLine(best.stats.records, best.score.modal);
    return best;
}

// ---------------------------------------------------------------------------------------------------------------
// The record reader.

// How a record parse ended.
enum class Parse : uint8_t {
    kDone,    // the record is complete
    kMore,    // the record runs to the window's end and the text goes on: refill and parse it again
    kFailed,  // error_ is set
};

class CsvReader final : public RecordSource {
public:
    CsvReader(TextWindow& window, const CsvDialect& dialect, std::string_view file) : window_(window), file_(file) {
        delimiter_ = dialect.delimiter;
        quote_ = dialect.quote;
        delimiter_splat_ = SplatByte16(delimiter_);
        stop_splat_ = SplatByte16(quote_ != 0 ? quote_ : '\n');  // never quoted: no stop besides line ends
        Rebase();
        row_offset_ = base_;
        ReadHeader(dialect.header_line);
    }

    const std::vector<std::string>& columns() const override { return columns_; }

    bool Next(Record& record) override {
        if (failed_) return false;
        const size_t ncols = columns_.size();
        if (record.fields.size() != ncols) record.fields.resize(ncols);
        std::string_view* fields = record.fields.data();
        for (;;) {
            const char* const start = pos_;
            const int64_t line = line_;
            size_t count = 0;
            bool content = false;
            const char* record_end = nullptr;
            if (start < safe_end_) {
                if (!ParseSimpleRecord(fields, ncols, count, content, record_end)) {
                    const Parse parse = ParseRecord<false>(fields, ncols, nullptr, count, content, record_end);
                    if (parse == Parse::kFailed) return false;
                    if (parse == Parse::kMore) {
                        Refill();
                        continue;
                    }
                }
            } else if (!window_.exhausted()) {  // a partial line at the window's end, or nothing left
                Refill();
                continue;
            } else if (start >= end_) {  // end of the text
                if (window_.error() != nullptr) FailWindow();
                return false;
            } else if (ParseRecord<false>(fields, ncols, nullptr, count, content, record_end) != Parse::kDone) {
                return false;  // the last line, without a line end
            }
            if (!content) continue;  // blank line or ";;;;": not a row
            for (size_t i = count; i < ncols; ++i) fields[i] = std::string_view();
            record.line = line;
            record.offset = base_ + (start - begin_);
            record.raw = std::string_view(start, static_cast<size_t>(record_end - start));
            row_line_ = line;
            row_offset_ = record.offset;
            return true;
        }
    }

    const Error* error() const override { return failed_ ? &error_ : nullptr; }

    // Counts line ends from a known line start: the start of the reader's line (pos_ is a record start, or
    // the end of the text after a last line without a line end), or for offsets before it the start of the
    // last row returned while its text is still in the window. Earlier offsets are answered for that start.
    TextPosition PositionOfOffset(int64_t offset) const override {
        const char* line_start = pos_;
        while (line_start > begin_ && line_start[-1] != '\n' && line_start[-1] != '\r') --line_start;
        int64_t line = line_;
        if (offset < base_ + (line_start - begin_) && row_offset_ >= base_) {
            line_start = begin_ + (row_offset_ - base_);
            line = row_line_;
        }
        const int64_t first = line_start - begin_, last = end_ - begin_;
        const char* const to = begin_ + std::clamp<int64_t>(offset - base_, first, last);
        for (const char* p = line_start; p < to; ++p) {
            if (*p == '\n' || (*p == '\r' && p[1] != '\n')) {  // p[1] is text or padding
                ++line;
                line_start = p + 1;
            }
        }
        return TextPosition{line, static_cast<int64_t>(to - line_start) + 1};
    }

private:
    // Points pos_/end_/safe_end_ at the window (pos_ at its first byte) and finds safe_end_.
    void Rebase() {
        begin_ = window_.begin();
        base_ = window_.base();
        pos_ = begin_;
        end_ = window_.end();
        // One past the last line end: unquoted scans that start before it always stop at or before it. A '\r'
        // ending a window that goes on may be the first half of "\r\n": it is not a line end yet.
        const char* p = end_;
        if (p > begin_ && p[-1] == '\r' && !window_.exhausted()) --p;
        while (p > begin_ && p[-1] != '\n' && p[-1] != '\r') --p;
        safe_end_ = p;
    }

    // Drops the text before pos_ (a record start) and appends the next piece.
    void Refill() {
        window_.Refill(pos_);
        Rebase();
    }

    // Parses one record at pos_ into fields[0..limit) (or appends to `grow` when not null), counting all
    // fields in `count`; `content` tells whether any field has content. On kDone, advances pos_ and line_
    // past the record and its line end; otherwise leaves them at the record's start. kMore when the record
    // reaches the end of a window that goes on (the caller refills and parses it again).
    template <bool kGrow>
    Parse ParseRecord(std::string_view* fields, size_t limit, std::vector<std::string_view>* grow, size_t& count,
                      bool& content, const char*& record_end) {
        const int64_t start_line = line_;
        const char* p = pos_;
        scratch_.clear();
        pending_.clear();
        for (;;) {
            const char* field = p;
            // Quoted field: a quote first, or spaces then a quote (`a, "b, c"`).
            const char* q = p;
            if (p < end_ && *p == ' ') {
                while (q < end_ && *q == ' ') ++q;
            }
            if (q < end_ && *q == quote_ && quote_ != 0) {
                const size_t index = kGrow ? grow->size() : count;
                const bool store = kGrow || count < limit;
                std::string_view value;
                if (!ParseQuoted(q, store, index, value, content, p)) {
                    line_ = start_line;
                    return AtTextEnd(q);
                }
                if constexpr (kGrow) {
                    grow->push_back(value);
                } else if (store) {
                    fields[count] = value;
                }
                ++count;
            } else {
                if (p < safe_end_) {
                    p = ScanUnquoted(p);
                } else {
                    while (p < end_ && *p != delimiter_ && *p != '\n' && *p != '\r') ++p;
                }
                const char* const field_end = p;
                const std::string_view value(field, static_cast<size_t>(field_end - field));
                if constexpr (kGrow) {
                    grow->push_back(value);
                } else if (count < limit) {
                    fields[count] = value;
                }
                ++count;
                if (!content && field_end != field) content = HasContent(field, field_end);
            }
            if (p >= end_) {  // the last line of the text has no line end
                line_ = start_line;
                const Parse parse = AtTextEnd(nullptr);
                if (parse != Parse::kDone) return parse;
                record_end = end_;
                pos_ = end_;
                break;
            }
            const char c = *p;
            if (c == delimiter_) {
                ++p;
                continue;
            }
            // c is '\n' or '\r'
            record_end = p;
            ++p;
            if (c == '\r') {
                if (p >= end_ && !window_.exhausted()) {  // "\r" ends the window: is "\n" next?
                    line_ = start_line;
                    return Parse::kMore;
                }
                if (*p == '\n') ++p;  // at end_, the padding is not '\n'
            }
            pos_ = p;
            ++line_;
            break;
        }
        // Unescaped quoted fields live in scratch_, which is final only now.
        for (const Pending& pending : pending_) {
            const std::string_view value(scratch_.data() + pending.offset, pending.length);
            if constexpr (kGrow) {
                (*grow)[pending.index] = value;
            } else {
                fields[pending.index] = value;
            }
        }
        return Parse::kDone;
    }

    // A record (from pos_) reached end_: kMore while the text goes on; at the end of the text, the window's
    // error if it has one, else an unterminated quote when `open` is set, else kDone.
    Parse AtTextEnd(const char* open) {
        if (!window_.exhausted()) return Parse::kMore;
        if (window_.error() != nullptr) {
            FailWindow();
            return Parse::kFailed;
        }
        if (open != nullptr) {
            Fail(open);
            return Parse::kFailed;
        }
        return Parse::kDone;
    }

    // The common record: no quote character anywhere in it, and a line end before safe_end_ (pos_ <
    // safe_end_). Sixteen bytes at a time, one mask of delimiters and one of stops (quotes and line ends):
    // the delimiters before the first stop split fields, and the stop ends the record or, a quote, the fast
    // path. Same results as ParseRecord<false>; false, with nothing consumed, when the record holds a quote
    // character (ParseRecord then reads it). The loads stop at the block of the line end, which is before
    // end_: they read at most 15 bytes of the padding.
    bool ParseSimpleRecord(std::string_view* fields, size_t limit, size_t& count, bool& content,
                           const char*& record_end) {
        const char* p = pos_;
        uint32_t all_delimiters = MatchSplats16(p, delimiter_splat_);
        uint32_t stops = MatchSplats16(p, stop_splat_, SplatByte16('\n'), SplatByte16('\r'));
        const char* field = pos_;
        size_t n = 0;
        for (;;) {
            uint32_t delimiters = all_delimiters;
            if (stops != 0) delimiters &= (stops & (0u - stops)) - 1;  // those before the first stop
            for (; delimiters != 0; delimiters &= delimiters - 1) {
                const char* const q = p + LowestBit(delimiters);
                if (n < limit) fields[n] = std::string_view(field, static_cast<size_t>(q - field));
                ++n;
                field = q + 1;
            }
            if (stops != 0) break;
            p += 16;
            all_delimiters = MatchSplats16(p, delimiter_splat_);
            stops = MatchSplats16(p, stop_splat_, SplatByte16('\n'), SplatByte16('\r'));
        }
        const char* const q = p + LowestBit(stops);
        const char c = *q;
        if (c != '\n' && c != '\r') return false;  // a quote
        if (n < limit) fields[n] = std::string_view(field, static_cast<size_t>(q - field));
        count = n + 1;
        // Some field has content exactly when some byte of the record is neither blank nor a delimiter.
        content = HasContentBesides(pos_, q, delimiter_);
        record_end = q;
        // Before safe_end_, a '\r' is followed by text, or ends the whole text (then padding).
        pos_ = q + (c == '\r' && q[1] == '\n' ? 2 : 1);
        ++line_;
        return true;
    }

    // Finds the first `byte`, '\n' or '\r' at or after p, sixteen bytes at a time. Only called for p <
    // safe_end_, so a line end stops it before end_; the loads may read up to 15 bytes of the padding.
    static const char* ScanToLineEndOr(const char* p, char byte) {
        for (;; p += 16) {
            const uint32_t mask = MatchBytes16(p, byte, '\n', '\r');
            if (mask != 0) return p + LowestBit(mask);
        }
    }

    const char* ScanUnquoted(const char* p) const { return ScanToLineEndOr(p, delimiter_); }

    // Parses the quoted field whose opening quote is at `open` and leaves `next` at the delimiter or line
    // end after it (or end_: the caller decides). Text after the closing quote up to the next delimiter is
    // kept (appended) unless it is only spaces. When `store`, `value` is the field: a view into the text, or
    // (for "" escapes and kept text) empty for now, with the unescaped bytes in scratch_ and a Pending entry
    // for `index`. False when the quotes are still open at end_. (A quote at end_ - 1 that may start a ""
    // is taken as closing: `next` is then end_, and the caller refills and parses the record again.)
    bool ParseQuoted(const char* open, bool store, size_t index, std::string_view& value, bool& content,
                     const char*& next) {
        const char* q = open + 1;
        const char* const begin = q;
        bool escaped = false;
        for (;;) {
            if (q < safe_end_) {
                q = ScanToLineEndOr(q, quote_);
            } else {
                while (q < end_ && *q != quote_ && *q != '\n' && *q != '\r') ++q;
            }
            if (q >= end_) return false;
            if (*q != quote_) {  // a line end inside the quotes
                if (*q == '\n' || q + 1 >= end_ || q[1] != '\n') ++line_;
                ++q;
                continue;
            }
            if (q + 1 < end_ && q[1] == quote_) {
                escaped = true;
                q += 2;
                continue;
            }
            break;
        }
        const char* const close = q;
        ++q;
        const char* const junk = q;
        while (q < end_ && *q != delimiter_ && *q != '\n' && *q != '\r') ++q;
        const bool keep_junk = HasContent(junk, q);
        next = q;
        if (!content) content = HasContent(begin, close) || keep_junk;
        if (!store) return true;
        if (!escaped && !keep_junk) {
            value = std::string_view(begin, static_cast<size_t>(close - begin));
            return true;
        }
        const size_t offset = scratch_.size();
        for (const char* s = begin; s < close; ++s) {
            scratch_.push_back(*s);
            if (*s == quote_) ++s;  // "" -> "
        }
        if (keep_junk) scratch_.append(junk, static_cast<size_t>(q - junk));
        pending_.push_back(Pending{index, offset, scratch_.size() - offset});
        value = std::string_view();
        return true;
    }

    // An unterminated quote opened at `open` (pos_ and line_ are at the start of its record).
    void Fail(const char* open) {
        failed_ = true;
        error_ = MakeError(ErrorCode::kBadCsv, "unterminated quoted field: the quote opened here is never closed");
        error_.file = file_;
        const TextPosition position = PositionOfOffset(base_ + (open - begin_));
        error_.line = position.line;
        error_.column = position.column;
        error_.expected = std::string("a closing ") + quote_ + " before the end of the file";
    }

    // The text ended early (a decoding or read error): a copy of the window's error, located.
    void FailWindow() {
        failed_ = true;
        error_ = *window_.error();
        if (error_.file.empty()) error_.file = file_;
        const TextPosition position = PositionOfOffset(window_.error_offset());
        error_.line = position.line;
        error_.column = position.column;
    }

    void ReadHeader(int64_t header_line) {
        std::vector<std::string_view> names;
        for (;;) {
            if (pos_ >= end_) {
                if (!window_.exhausted()) {
                    Refill();
                    continue;
                }
                if (window_.error() != nullptr) FailWindow();
                return;  // no header row: no columns
            }
            const int64_t line = line_;
            names.clear();
            size_t count = 0;
            bool content = false;
            const char* record_end = nullptr;
            const Parse parse = ParseRecord<true>(nullptr, 0, &names, count, content, record_end);
            if (parse == Parse::kFailed) return;
            if (parse == Parse::kMore) {
                Refill();
                continue;
            }
            if (line < header_line || !content) continue;
            break;
        }
        // Names as written win; a repeated or empty name gets a suffix that no written name uses.
        std::unordered_set<std::string> written;
        for (std::string_view name : names) written.emplace(TrimName(name));
        std::unordered_set<std::string> used;
        for (size_t i = 0; i < names.size(); ++i) {
            std::string name(TrimName(names[i]));
            const bool generated = name.empty();
            if (generated) name = "column " + std::to_string(i + 1);
            if (used.count(name) != 0 || (generated && written.count(name) != 0)) {
                for (int k = 2;; ++k) {
                    std::string candidate = name + " (" + std::to_string(k) + ")";
                    if (used.count(candidate) == 0 && written.count(candidate) == 0) {
                        name = std::move(candidate);
                        break;
                    }
                }
            }
            used.insert(name);
            columns_.push_back(std::move(name));
        }
    }

    // Trims ASCII whitespace, no-break spaces (U+00A0) and byte order marks (U+FEFF) from a header name.
    static std::string_view TrimName(std::string_view s) {
        for (bool changed = true; changed && !s.empty();) {
            changed = false;
            if (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n') {
                s.remove_prefix(1);
                changed = true;
            } else if (s.substr(0, 2) == "\xC2\xA0") {
                s.remove_prefix(2);
                changed = true;
            } else if (s.substr(0, 3) == "\xEF\xBB\xBF") {
                s.remove_prefix(3);
                changed = true;
            }
        }
        for (bool changed = true; changed && !s.empty();) {
            changed = false;
            const char c = s.back();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                s.remove_suffix(1);
                changed = true;
            } else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") {
                s.remove_suffix(2);
                changed = true;
            }
        }
        return s;
    }

    // A field unescaped into scratch_: its view is set once the record is complete (scratch_ may grow).
    struct Pending {
        size_t index;
        size_t offset;
        size_t length;
    };

    TextWindow& window_;
    std::string file_;
    std::vector<std::string> columns_;
    const char* begin_ = nullptr;     // window_.begin()
    int64_t base_ = 0;                // window_.base(): text offset of begin_
    const char* pos_ = nullptr;       // start of the next record
    const char* end_ = nullptr;       // window_.end()
    const char* safe_end_ = nullptr;  // one past the window's last sure line end
    int64_t line_ = 1;                // line of pos_
    int64_t row_line_ = 1;            // line and text offset of the last row returned (a line start)
    int64_t row_offset_ = 0;
    ByteSplat16 delimiter_splat_;       // the delimiter, for ParseSimpleRecord
    ByteSplat16 stop_splat_;            // the quote (or '\n' when never quoted), with the line ends
    char delimiter_ = ',';
    char quote_ = '"';
    std::string scratch_;
    std::vector<Pending> pending_;
    bool failed_ = false;
    Error error_;
};

}  // namespace

CsvDialect SniffCsvDialect(std::string_view text) {
    std::string_view sample = text;
    if (sample.size() > kSniffBytes) {
        sample = sample.substr(0, kSniffBytes);
        const size_t last_newline = sample.find_last_of('\n');
        if (last_newline != std::string_view::npos) sample = sample.substr(0, last_newline + 1);
    }
    SniffResult result = SniffWithQuote(sample, '"');
    // Single-quoted values ('a';'b') when most fields are wrapped in ' and none in ".
    if (result.stats.double_quoted == 0 && result.stats.single_quoted > 0 &&
        result.stats.single_quoted * 2 >= result.stats.nonempty_fields) {
        result = SniffWithQuote(sample, '\'');
    }
    return result.dialect;
}

std::unique_ptr<RecordSource> MakeCsvReader(TextWindow& window, const CsvDialect& dialect, std::string_view file) {
    return std::make_unique<CsvReader>(window, dialect, file);
}

}  // namespace crm
