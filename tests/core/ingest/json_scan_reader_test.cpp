#include "core/ingest/json_scan_reader.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/ingest/encoding.h"
#include "tests/core/ingest/json_reference_reader.h"
#include "tests/core/ingest/window_text.h"

namespace crm {
namespace {

// Everything a reader gives for one text: the rows (as long as columns() was when each was read), the columns
// at the end and the error, if any.
struct Outcome {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> raws;
    std::vector<int64_t> lines;
    std::vector<int64_t> offsets;
    std::optional<Error> error;
    bool opened = true;  // false when the text window could not open (an empty or all-whitespace text)
};

// Reads all of `text`: the streaming reader through a window of `piece`-byte pieces (0: the default), the simdjson
// reference from the whole text followed by kTextPadding bytes of 'x' (it must never take padding for text).
Outcome ReadAll(std::string_view text, bool ndjson, bool reference, size_t piece = 0) {
    Outcome outcome;
    std::string storage(text);
    storage.append(kTextPadding, 'x');
    testing::WindowText window(std::string(text), piece, "t.json");
    std::unique_ptr<RecordSource> reader;
    if (reference) {
        const std::string_view view(storage.data(), text.size());
        reader = ndjson ? reference::MakeSimdjsonNdjsonReader(view, "t.json")
                        : reference::MakeSimdjsonJsonReader(view, "t.json");
    } else if (window.window() == nullptr) {
        outcome.opened = false;
        outcome.error = *window.open_error();
        return outcome;
    } else {
        reader = ndjson ? MakeNdjsonScanReader(*window.window(), "t.json")
                        : MakeJsonScanReader(*window.window(), "t.json");
    }
    Record record;
    while (reader->Next(record)) {
        EXPECT_EQ(record.fields.size(), reader->columns().size());
        outcome.rows.emplace_back(record.fields.begin(), record.fields.end());
        outcome.raws.emplace_back(record.raw);
        outcome.lines.push_back(record.line);
        outcome.offsets.push_back(record.offset);
    }
    outcome.columns = reader->columns();
    if (reader->error() != nullptr) outcome.error = *reader->error();
    EXPECT_FALSE(reader->Next(record));  // stays at the end
    return outcome;
}

std::string Describe(const Outcome& outcome) {
    return outcome.error ? outcome.error->ToString() : std::to_string(outcome.rows.size()) + " rows";
}

// The wasm build runs simdjson's fallback kernel; natively simdjson picks a SIMD kernel whose stage 1 splits
// malformed tokens (such as `1"x"`) differently. The comparisons run against the kernel the product runs.
class FallbackKernel {
public:
    FallbackKernel() : saved_(simdjson::get_active_implementation()) {
        simdjson::get_active_implementation() = simdjson::get_available_implementations()["fallback"];
    }
    ~FallbackKernel() { simdjson::get_active_implementation() = saved_; }

private:
    const simdjson::implementation* saved_;
};

enum class Expect : uint8_t {
    kSame,         // identical records and error (code, line, column)
    kTruncation,   // kSame, except that a cut simdjson let pass (after the row array) fails at the end of the text
    kNeverLaxer,   // identical records when both succeed; an error whenever simdjson gives one
};

// Compares the streaming reader with the simdjson reader on `text`.
void Compare(std::string_view text, bool ndjson, Expect expect) {
    const Outcome old_outcome = ReadAll(text, ndjson, true);
    const Outcome new_outcome = ReadAll(text, ndjson, false);
    SCOPED_TRACE(std::string(ndjson ? "ndjson [" : "json [") + std::string(text) + "]\n old: " +
                 Describe(old_outcome) + "\n new: " + Describe(new_outcome));
    if (!new_outcome.opened) {
        // No window over an empty or all-whitespace text (the loader fails with kEmpty before any reader).
        EXPECT_EQ(new_outcome.error->code, ErrorCode::kEmpty);
        EXPECT_EQ(text.find_first_not_of(" \t\r\n"), std::string_view::npos);
        return;
    }
    if (expect == Expect::kTruncation && !old_outcome.error && new_outcome.error) {
        // The previous reader never looked past the row array; the rows before the cut are the same.
        EXPECT_EQ(new_outcome.rows, old_outcome.rows);
        size_t end = text.size();
        while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\r')) --end;
        const TextPosition at = PositionOfOffset(text, end);
        EXPECT_EQ(new_outcome.error->line, at.line);
        EXPECT_EQ(new_outcome.error->column, at.column);
        EXPECT_NE(new_outcome.error->message.find("truncated"), std::string::npos);
        return;
    }
    if (!old_outcome.error && !new_outcome.error) {
        EXPECT_EQ(new_outcome.columns, old_outcome.columns);
        EXPECT_EQ(new_outcome.rows, old_outcome.rows);
        EXPECT_EQ(new_outcome.raws, old_outcome.raws);
        EXPECT_EQ(new_outcome.lines, old_outcome.lines);
        EXPECT_EQ(new_outcome.offsets, old_outcome.offsets);
        return;
    }
    if (old_outcome.error) {
        ASSERT_TRUE(new_outcome.error.has_value());
    }
    if (expect == Expect::kNeverLaxer) return;
    ASSERT_EQ(old_outcome.error.has_value(), new_outcome.error.has_value());
    EXPECT_EQ(new_outcome.error->code, old_outcome.error->code);
    EXPECT_EQ(new_outcome.error->line, old_outcome.error->line);
    EXPECT_EQ(new_outcome.error->column, old_outcome.error->column);
}

struct Document {
    const char* name;
    std::string_view text;
    bool ndjson;
};

// A row whose member "a" nests 18 objects: the 15 outer ones are flattened ("a.a. ... .a"), the 16th is kept as
// raw text.
const std::string kDeepObjects = [] {
    std::string text = "[{";
    for (int i = 0; i < 18; ++i) text += "\"a\":{";
    text += "\"x\":1";
    for (int i = 0; i < 18; ++i) text += "}";
    return text + ",\"b\":2},{\"b\":3}]";
}();

// Valid documents of every shape the readers accept, with the nasty corners: escapes, unicode, nesting,
// empty objects, whitespace everywhere, CRLF, huge numbers, duplicate and empty keys.
const Document kDocuments[] = {
    {"orders", "[{\"id\":1,\"amount\":40.78,\"name\":\"Анна\"},\n {\"id\":2,\"amount\":1e3,\"name\":\"B\"}]", false},
    {"object holding rows", "{\"count\":2,\"data\":[{\"a\":1},{\"a\":2}]}", false},
    {"rows deep in objects", "{\"result\":{\"page\":1,\"items\":[{\"a\":\"x\"}]}}", false},
    {"rows at the search limit", "{\"d\":{\"e\":{\"f\":{\"rows\":[{\"a\":1}]}}}}", false},
    {"rows past the search limit", "{\"d\":{\"e\":{\"f\":{\"g\":{\"rows\":[{\"a\":1}]}}}}}", false},
    {"arrays passed over",
     "{\"x\":[],\"m\":{\"t\":[\"q\",1],\"u\":[[{\"a\":1}]]},\"rows\":[{\"a\":[[],[{}],{\"b\":[]}]}],"
     "\"after\":[1,{\"c\":\"d\"}],\"n\":null}",
     false},
    {"only empty arrays", "{\"x\":[],\"y\":{\"z\":[ ]}}", false},
    {"a lone object", "{\"a\":[1,2],\"b\":{\"c\":[3]},\"d\":\"z\"}", false},
    {"nested, raw and literal values",
     "[{\"a\":{\"b\":1,\"c\":{\"d\":\"x\"}},\"e\":[1, 2],\"f\":null,\"g\":true,\"h\":false,\"i\":{}}]", false},
    {"objects deeper than 16 are raw", kDeepObjects, false},
    {"escapes",
     "[{\"s\":\"a\\\"b\\\\c\\n\\u0416\\/\\b\\f\\r\\t\",\"\\u0041b\":\"\",\"k\\u0000y\":\"\\u0000\"}]", false},
    {"surrogate pairs", "[{\"a\":\"\\ud83d\\ude00\",\"b\":\"\\uD834\\uDD1E\",\"😀\":\"日本\"}]", false},
    {"numbers", "[{\"big\":123456789012345678901234567890,\"e\":-1.5e-300,\"z\":-0,\"f\":0.0001E+10,\"g\":0}]", false},
    {"whitespace everywhere", "\r\n [\r\n\t{ \"a\" : -0.5e+3 , \"b\" : [ ] , \"c\" : { } } , { } \r\n ] \r\n", false},
    {"empty objects", "[{},{},{\"a\":1},{}]", false},
    {"empty array", "[]", false},
    {"duplicate keys", "[{\"a\":1,\"a\":2,\"b\":{\"a\":3}},{\"b\":{\"a\":4},\"a\":5}]", false},
    {"empty keys and dots", "[{\"\":1,\"a.b\":2,\"a\":{\"b\":3,\"\":4}},{\"a\":{\"\":5},\"\":{\"a\":6}}]", false},
    {"key order changes",
     "[{\"a\":\"x\"},{\"b\":\"y\"},{\"a\":\"z\",\"b\":\"w\"},{\"b\":\"v\",\"a\":\"u\"},{\"c\":1}]", false},
    {"ndjson", "{\"a\":1}\r\n\r\n  {\"b\":{\"c\":2}}\n\n{\"a\":3,\"b.c\":4}\n\n", true},
    {"ndjson raw values", "{\"a\":[1,[2,[3]]],\"b\":\"\\u00e9\\n\"}\n{\"b\":\"x\",\"a\":\"y\"}", true},
    {"ndjson empty objects", "{}\n{\"a\":{}}\n{\"a\":{\"b\":{}}}", true},
    {"ndjson blank lines", "\n\n\n{\"a\":1}\n   \n\t{\"a\":2}\t\r\n", true},
    {"ndjson unicode", "{\"x\":\"Анна\",\"y\":\"日本\"}\n{\"y\":\"😀\",\"x\":\"\"}", true},
};

TEST(JsonScanReader, MatchesSimdjsonOnValidDocuments) {
    const FallbackKernel kernel;
    for (const Document& d : kDocuments) {
        SCOPED_TRACE(d.name);
        const Outcome outcome = ReadAll(d.text, d.ndjson, false);
        EXPECT_FALSE(outcome.error.has_value()) << outcome.error->ToString();
        Compare(d.text, d.ndjson, Expect::kSame);
    }
}

TEST(JsonScanReader, MatchesSimdjsonOnEveryTruncation) {
    const FallbackKernel kernel;
    for (const Document& d : kDocuments) {
        SCOPED_TRACE(d.name);
        for (size_t length = 0; length < d.text.size(); ++length) {
            const std::string_view cut = d.text.substr(0, length);
            if (!simdjson::validate_utf8(cut.data(), cut.size())) continue;  // readers get valid UTF-8 only
            Compare(cut, d.ndjson, Expect::kTruncation);
        }
    }
}

TEST(JsonScanReader, RejectsEveryMutationSimdjsonRejects) {
    // Every byte replaced by, and every gap given, one of these: identical rows when both readers accept the
    // text, an error whenever simdjson gives one (where the new reader may be stricter: see below).
    const FallbackKernel kernel;
    const std::string_view alphabet = "{}[],:\" \n\\0-1.eEtfnu\r\tx";
    for (const Document& d : kDocuments) {
        SCOPED_TRACE(d.name);
        const std::string text(d.text);
        for (size_t i = 0; i <= text.size(); ++i) {
            const std::string deleted = text.substr(0, i) + (i < text.size() ? text.substr(i + 1) : "");
            if (i < text.size() && simdjson::validate_utf8(deleted.data(), deleted.size())) {
                Compare(deleted, d.ndjson, Expect::kNeverLaxer);
            }
            for (char c : alphabet) {
                std::string inserted = text;
                inserted.insert(inserted.begin() + static_cast<std::ptrdiff_t>(i), c);
                if (simdjson::validate_utf8(inserted.data(), inserted.size())) {
                    Compare(inserted, d.ndjson, Expect::kNeverLaxer);
                }
                if (i == text.size()) continue;
                std::string replaced = text;
                replaced[i] = c;
                if (simdjson::validate_utf8(replaced.data(), replaced.size())) {
                    Compare(replaced, d.ndjson, Expect::kNeverLaxer);
                }
            }
        }
    }
}

// Orders as exports write them: mostly the same keys in the same order, sometimes a key missing, added or moved,
// nested customers, escapes and unicode; compact or pretty-printed.
std::string GenerateOrders(int rows, bool ndjson, bool pretty, uint32_t seed) {
    std::mt19937 random(seed);
    const char* const managers[] = {"Rosa Silva", "Анна Иванова", "O\\\"Brien", "Lucas \\u00e9 Weber", ""};
    const char* const statuses[] = {"paid", "cancelled", "refunded"};
    const char* colon = pretty ? "\": " : "\":";
    const char* comma = pretty ? ", " : ",";
    std::string out = ndjson ? "" : (pretty ? "[\n  " : "[");
    for (int r = 0; r < rows; ++r) {
        const uint32_t dice = random() % 100;
        std::string row = "{";
        auto key = [&](const char* name) { row += std::string(row.size() > 1 ? comma : "") + "\"" + name + colon; };
        key("order_id");
        row += std::to_string(r + 1);
        if (dice != 7) {
            key("customer_id");
            row += std::to_string(random() % 5000);
        }
        if (dice < 5) {
            key("customer");
            row += "{\"email\":\"c" + std::to_string(random() % 50) + "@example.com\",\"tags\":[1,\"x\"]}";
        }
        key("order_date");
        row += "\"2023-0" + std::to_string(1 + random() % 9) + "-1" + std::to_string(random() % 10) + "\"";
        key("amount");
        row += dice == 11 ? "null" : std::to_string(random() % 100000 / 100.0).substr(0, 6);
        key(dice == 13 ? "channel " : "channel");
        row += dice == 17 ? "true" : "\"web\"";
        key("manager");
        row += std::string("\"") + managers[random() % 5] + "\"";
        key("status");
        row += std::string("\"") + statuses[random() % 3] + "\"";
        row += "}";
        out += row;
        if (ndjson) {
            out += dice == 19 ? "\r\n\n" : "\n";
        } else if (r + 1 < rows) {
            out += pretty ? ",\n  " : ",\n";
        }
    }
    if (!ndjson) out += pretty ? "\n]\n" : "]";
    return out;
}

TEST(JsonScanReader, MatchesSimdjsonOnGeneratedOrders) {
    const FallbackKernel kernel;
    for (const bool ndjson : {false, true}) {
        for (const bool pretty : {false, true}) {
            SCOPED_TRACE(std::string(ndjson ? "ndjson" : "json") + (pretty ? " pretty" : " compact"));
            const std::string text = GenerateOrders(2000, ndjson, pretty, 42);
            const Outcome outcome = ReadAll(text, ndjson, false);
            ASSERT_FALSE(outcome.error.has_value()) << outcome.error->ToString();
            EXPECT_EQ(outcome.rows.size(), 2000u);
            Compare(text, ndjson, Expect::kSame);
            std::mt19937 random(7);
            for (int i = 0; i < 40; ++i) {  // truncations anywhere
                std::string cut = text.substr(0, random() % text.size());
                while (!simdjson::validate_utf8(cut.data(), cut.size())) cut.pop_back();
                Compare(cut, ndjson, Expect::kTruncation);
            }
        }
    }
}

TEST(JsonScanReader, KeepsUnescapedValuesUntilTheNextRow) {
    // One row with 300 escaped strings of 100 bytes: the scratch storage grows while the row is read (and again
    // each time a small window makes the row be read over), and the values read first must stay intact.
    std::string text = "[{";
    std::vector<std::string> expected;
    for (int i = 0; i < 300; ++i) {
        const std::string body(98, static_cast<char>('a' + i % 26));
        text += (i > 0 ? ",\"k" : "\"k") + std::to_string(i) + "\":\"" + body + "\\n\"";
        expected.push_back(body + "\n");
    }
    text += "},{\"k0\":\"\\t\"}]";
    for (const size_t piece : {size_t{0}, size_t{64}, size_t{1000}}) {
        SCOPED_TRACE(piece);
        testing::WindowText window(text, piece, "t.json");
        ASSERT_NE(window.window(), nullptr);
        std::unique_ptr<RecordSource> reader = MakeJsonScanReader(*window.window(), "t.json");
        Record record;
        ASSERT_TRUE(reader->Next(record));
        ASSERT_EQ(record.fields.size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(record.fields[i], expected[i]) << i;
        ASSERT_TRUE(reader->Next(record));
        EXPECT_EQ(record.fields[0], "\t");
        EXPECT_FALSE(reader->Next(record));
        EXPECT_EQ(reader->error(), nullptr);
    }
}

struct StricterCase {
    const char* name;
    std::string_view text;
    bool ndjson;
    int64_t line;
    int64_t column;
    const char* message_part;
};

// Where the readers differ on purpose. simdjson reported an unescaped control character anywhere at the end of the
// text, did not validate arrays kept as raw text nor members passed over or after the row array, and reported an
// error inside a raw array at the array's first byte.
const StricterCase kStricterCases[] = {
    // line 1 is `[{"a":"x`: the tab is byte 9 (old: 1:13, the end of the text)
    {"tab in a string", "[{\"a\":\"x\ty\"}]", false, 1, 9, "control character"},
    // line 2 is `{"a":"x`: the tab is byte 8 (old: 3:8, the end of the text)
    {"ndjson tab in a string", "{\"a\":1}\n{\"a\":\"x\ty\"}\n{\"a\":3}", true, 2, 8, "control character"},
    // `[{"a":[1,,2]}]`: the second comma is byte 10 (old: accepted "[1,,2]")
    {"raw array with two commas", "[{\"a\":[1,,2]}]", false, 1, 10, "expected a JSON value"},
    // `[{"a":[tru]}]`: the literal starts at byte 8 (old: accepted)
    {"raw array with a bad literal", "[{\"a\":[tru]}]", false, 1, 8, "literal"},
    // `[{"a":["\x"]}]`: the string's quote is byte 8 (old: accepted)
    {"raw array with a bad escape", "[{\"a\":[\"\\x\"]}]", false, 1, 8, "escape"},
    // `[{"a":[1 2]}]`: '2' is byte 10 where ',' or ']' was expected (old: accepted)
    {"raw array missing a comma", "[{\"a\":[1 2]}]", false, 1, 10, "expected ',' or ']'"},
    // `{"count":2x,"data":[{"a":1}]}`: the number starts at byte 10 (old: 1 row)
    {"bad member passed over", "{\"count\":2x,\"data\":[{\"a\":1}]}", false, 1, 10, "number"},
    // `{"data":[{"a":1}],"x":tru}`: the literal starts at byte 23 (old: 1 row)
    {"bad member after the rows", "{\"data\":[{\"a\":1}],\"x\":tru}", false, 1, 23, "literal"},
    // `{"r":{"data":[{"a":1}]}`: the root object is never closed; 23 bytes (old: 1 row)
    {"root object not closed", "{\"r\":{\"data\":[{\"a\":1}]}", false, 1, 24, "truncated"},
    // `{"data":[]} }`: the second '}' is byte 13 (old: no rows, no error)
    {"text after empty rows", "{\"data\":[]} }", false, 1, 13, "unexpected text"},
    // `[{"a":[1}]` then `]`: '}' at byte 9 where ',' or ']' was expected (old: 1:7, the raw array's '[')
    {"raw array closed by a brace", "[{\"a\":[1}]]", false, 1, 9, "expected ',' or ']'"},
};

TEST(JsonScanReader, FailsAtTheOffendingByteWhereSimdjsonDidNot) {
    for (const StricterCase& c : kStricterCases) {
        SCOPED_TRACE(c.name);
        const Outcome outcome = ReadAll(c.text, c.ndjson, false);
        ASSERT_TRUE(outcome.error.has_value());
        EXPECT_EQ(outcome.error->code, ErrorCode::kBadJson);
        EXPECT_EQ(outcome.error->line, c.line) << outcome.error->ToString();
        EXPECT_EQ(outcome.error->column, c.column) << outcome.error->ToString();
        EXPECT_NE(outcome.error->message.find(c.message_part), std::string::npos) << outcome.error->message;
    }
}

// Piece sizes for the equivalence tests (0: the default, the whole of these texts at once).
constexpr size_t kPieces[] = {1, 2, 3, 5, 8, 13, 64};

// Reading `text` through windows of every piece size gives what the default piece size gives: the same rows
// (fields, line, offset, raw), columns and error (code, line, column).
void ExpectSameForEveryPiece(std::string_view text, bool ndjson) {
    const Outcome whole = ReadAll(text, ndjson, false);
    for (const size_t piece : kPieces) {
        const Outcome outcome = ReadAll(text, ndjson, false, piece);
        SCOPED_TRACE(std::string(ndjson ? "ndjson [" : "json [") + std::string(text) + "] piece " +
                     std::to_string(piece) + "\n default: " + Describe(whole) + "\n piece: " + Describe(outcome));
        EXPECT_EQ(outcome.opened, whole.opened);
        EXPECT_EQ(outcome.columns, whole.columns);
        EXPECT_EQ(outcome.rows, whole.rows);
        EXPECT_EQ(outcome.raws, whole.raws);
        EXPECT_EQ(outcome.lines, whole.lines);
        EXPECT_EQ(outcome.offsets, whole.offsets);
        ASSERT_EQ(outcome.error.has_value(), whole.error.has_value());
        if (!whole.error) continue;
        EXPECT_EQ(outcome.error->code, whole.error->code);
        EXPECT_EQ(outcome.error->line, whole.error->line);
        EXPECT_EQ(outcome.error->column, whole.error->column);
    }
}

TEST(JsonScanReader, ReadsTheSameWithEveryPieceSize) {
    // Every document, every truncation of it, every single-byte deletion, insertion and replacement (as in the
    // mutation test above), the cases above and generated orders.
    for (const Document& d : kDocuments) {
        SCOPED_TRACE(d.name);
        const std::string text(d.text);
        for (size_t length = 0; length <= text.size(); ++length) {
            const std::string_view cut = d.text.substr(0, length);
            if (simdjson::validate_utf8(cut.data(), cut.size())) ExpectSameForEveryPiece(cut, d.ndjson);
            if (length == text.size()) continue;
            const std::string deleted = text.substr(0, length) + text.substr(length + 1);
            if (simdjson::validate_utf8(deleted.data(), deleted.size())) ExpectSameForEveryPiece(deleted, d.ndjson);
        }
    }
    for (const StricterCase& c : kStricterCases) ExpectSameForEveryPiece(c.text, c.ndjson);
    // Every byte replaced by, and every gap given, one of these.
    const std::string_view alphabet = "{}[],:\" \n\\0-1.eEtfnu\r\tx";
    for (const Document& d : kDocuments) {
        SCOPED_TRACE(d.name);
        const std::string text(d.text);
        for (size_t i = 0; i <= text.size(); ++i) {
            for (char c : alphabet) {
                std::string inserted = text;
                inserted.insert(inserted.begin() + static_cast<std::ptrdiff_t>(i), c);
                if (simdjson::validate_utf8(inserted.data(), inserted.size())) {
                    ExpectSameForEveryPiece(inserted, d.ndjson);
                }
                if (i == text.size()) continue;
                std::string replaced = text;
                replaced[i] = c;
                if (simdjson::validate_utf8(replaced.data(), replaced.size())) {
                    ExpectSameForEveryPiece(replaced, d.ndjson);
                }
            }
        }
    }
    for (const bool ndjson : {false, true}) {
        for (const bool pretty : {false, true}) ExpectSameForEveryPiece(GenerateOrders(100, ndjson, pretty, 5), ndjson);
    }
}

}  // namespace
}  // namespace crm
