#include "core/ingest/json_reader.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/core/ingest/json_reference_reader.h"
#include "tests/core/ingest/window_text.h"

namespace crm {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct ReadResult {
    std::vector<std::string> columns;
    Rows rows;  // each as long as columns() was when the row was read
    std::vector<int64_t> lines;
    std::vector<std::string> raws;
    std::vector<int64_t> offsets;
    std::optional<Error> error;
};

// The readers under test: the product's (the streaming scanner, through a text window of `piece`-byte pieces,
// 0 for the default) and the former simdjson reader (over the whole text followed by kTextPadding bytes of 'x':
// it must never take padding for text), which must give the same results on these cases.
struct Readers {
    const char* name;
    bool reference;
};
const Readers kReaders[] = {{"MakeJsonReader", false}, {"simdjson", true}};

ReadResult ReadAll(std::string_view text, bool ndjson, const Readers& readers, size_t piece = 0) {
    ReadResult result;
    std::string padded(text);
    padded.append(kTextPadding, 'x');
    testing::WindowText window(std::string(text), piece, "t.json");
    std::unique_ptr<RecordSource> reader;
    if (readers.reference) {
        const std::string_view view(padded.data(), text.size());
        reader = ndjson ? reference::MakeSimdjsonNdjsonReader(view, "t.json")
                        : reference::MakeSimdjsonJsonReader(view, "t.json");
    } else {
        if (window.window() == nullptr) {
            ADD_FAILURE() << window.open_error()->ToString();
            return result;
        }
        reader = ndjson ? MakeNdjsonReader(*window.window(), "t.json") : MakeJsonReader(*window.window(), "t.json");
    }
    Record record;
    while (reader->Next(record)) {
        EXPECT_EQ(record.fields.size(), reader->columns().size());
        result.rows.emplace_back(record.fields.begin(), record.fields.end());
        result.lines.push_back(record.line);
        result.raws.emplace_back(record.raw);
        result.offsets.push_back(record.offset);
    }
    result.columns = reader->columns();
    if (reader->error() != nullptr) result.error = *reader->error();
    EXPECT_FALSE(reader->Next(record));  // stays at the end
    return result;
}

struct ReadCase {
    const char* name;
    std::string_view text;
    bool ndjson;
    std::vector<std::string> columns;
    Rows rows;
};

const ReadCase kReadCases[] = {
    {"array of objects",
     "[{\"id\":1,\"amount\":40.78,\"name\":\"Анна\"},\n {\"id\":2,\"amount\":1e3,\"name\":\"B\"}]",
     false,
     {"id", "amount", "name"},
     {{"1", "40.78", "Анна"}, {"2", "1e3", "B"}}},
    {"keys discovered as they appear", "[{\"a\":1},{\"b\":2},{\"b\":3,\"c\":4,\"a\":5}]", false, {"a", "b", "c"},
     {{"1"}, {"", "2"}, {"5", "3", "4"}}},
    {"object holding an array", "{\"count\":2,\"data\":[{\"a\":1},{\"a\":2}]}", false, {"a"}, {{"1"}, {"2"}}},
    {"array nested in objects", "{\"result\":{\"page\":1,\"items\":[{\"a\":\"x\"}]}}", false, {"a"}, {{"x"}}},
    {"arrays of scalars are passed over", "{\"meta\":{\"tags\":[\"q\",1]},\"rows\":[{\"a\":1}]}", false, {"a"},
     {{"1"}}},
    {"empty array", "[]", false, {}, {}},
    {"empty array in an object", "{\"data\": [ ]}", false, {}, {}},
    {"nested objects flattened",
     "[{\"a\":{\"b\":1,\"c\":{\"d\":\"x\"}},\"e\":[1, 2],\"f\":null,\"g\":true,\"h\":false,\"i\":{}}]",
     false,
     {"a.b", "a.c.d", "e", "f", "g", "h"},
     {{"1", "x", "[1, 2]", "", "true", "false"}}},
    {"numbers keep their source text", "[{\"a\":40.78,\"b\":1e3,\"c\":-0.5,\"d\":12345678901234567890,\"e\":0}]",
     false,
     {"a", "b", "c", "d", "e"},
     {{"40.78", "1e3", "-0.5", "12345678901234567890", "0"}}},
    {"strings unescaped", "[{\"s\":\"a\\\"b\\\\c\\n\\u0416\",\"\\u0041b\":\"\"}]", false, {"s", "Ab"},
     {{"a\"b\\c\nЖ", ""}}},
    {"a lone object is one row", "{\"a\":1,\"b\":\"z\"}", false, {"a", "b"}, {{"1", "z"}}},
    {"ndjson with blank lines and crlf", "{\"a\":1}\r\n\r\n  {\"b\":{\"c\":2}}\n\n{\"a\":3,\"b.c\":4}\n\n", true,
     {"a", "b.c"},
     {{"1"}, {"", "2"}, {"3", "4"}}},
};

TEST(JsonReader, ReadsRowsOfEveryShape) {
    for (const Readers& readers : kReaders) {
        for (const ReadCase& c : kReadCases) {
            SCOPED_TRACE(std::string(readers.name) + ": " + c.name);
            const ReadResult result = ReadAll(c.text, c.ndjson, readers);
            ASSERT_FALSE(result.error.has_value()) << result.error->ToString();
            EXPECT_EQ(result.columns, c.columns);
            EXPECT_EQ(result.rows, c.rows);
        }
    }
}

TEST(JsonReader, GivesRawObjectTextForDuplicateDetection) {
    // Row 1 starts at offset 2 ("[ " before it) and is 8 bytes; " ,\n " follows, so row 2 starts at 14 on
    // line 2; row 2 ends at 21, "\n," follow, so row 3 starts at 24 on line 3.
    const std::string_view text = "[ {\"a\": 1} ,\n {\"a\": 1}\n,{\"a\":2}]";
    for (const Readers& readers : kReaders) {
        SCOPED_TRACE(readers.name);
        const ReadResult result = ReadAll(text, false, readers);
        ASSERT_FALSE(result.error.has_value());
        EXPECT_EQ(result.raws, (std::vector<std::string>{"{\"a\": 1}", "{\"a\": 1}", "{\"a\":2}"}));
        EXPECT_EQ(result.offsets, (std::vector<int64_t>{2, 14, 24}));
        EXPECT_EQ(result.lines, (std::vector<int64_t>{1, 2, 3}));
    }
}

TEST(NdjsonReader, GivesLinesRawTextAndOffsets) {
    // Lines: 1 "{"a":1}", 2 blank, 3 "  {"a":2}  " starting at offset 10 ("{"a":1}\r\n\n" is 10 bytes),
    // its object 2 spaces later at 12.
    const std::string_view text = "{\"a\":1}\r\n\n  {\"a\":2}  \n";
    for (const Readers& readers : kReaders) {
        SCOPED_TRACE(readers.name);
        const ReadResult result = ReadAll(text, true, readers);
        ASSERT_FALSE(result.error.has_value());
        EXPECT_EQ(result.lines, (std::vector<int64_t>{1, 3}));
        EXPECT_EQ(result.raws, (std::vector<std::string>{"{\"a\":1}", "{\"a\":2}"}));
        EXPECT_EQ(result.offsets, (std::vector<int64_t>{0, 12}));
    }
}

struct LineCase {
    const char* name;
    std::string_view text;
    std::vector<int64_t> lines;  // of each row's '{'
};

const LineCase kLineCases[] = {
    {"one object per line", "[{\"a\":1},\n{\"a\":2},\n{\"a\":3}]", {1, 2, 3}},
    {"several objects on a line", "[{\"a\":1},{\"a\":2},\n{\"a\":3},{\"a\":4}]", {1, 1, 2, 2}},
    // 1 "[", 2 "  {", 3-8 the members of row 1 (its raw array on lines 5-7), 9 "  },", 10 "  {", ... 13 "]"
    {"pretty-printed objects",
     "[\n  {\n    \"a\": 1,\n    \"b\": {\n      \"c\": [\n        2\n      ]\n    }\n  },\n"
     "  {\n    \"a\": 3\n  }\n]\n",
     {2, 10}},
    {"crlf", "[\r\n{\"a\":1},\r\n{\"a\":2}\r\n]", {2, 3}},
    {"lone carriage returns", "[{\"a\":1},\r{\"a\":2},\r\r{\"a\":3}]", {1, 2, 4}},
    {"escaped line ends in strings", "[{\"a\":\"x\\ny\\r\"},\n{\"a\":2}]", {1, 2}},
    // 1 "{", 2 "\"meta\": {\"x\": [1,", 3 "2], \"y\": [", 4 "]},", 5 "\"data\": [", 6 row 1, 7 row 2
    {"rows after arrays passed over",
     "{\n\"meta\": {\"x\": [1,\n2], \"y\": [\n]},\n\"data\": [\n{\"a\":1},\n{\"a\":2}]}",
     {6, 7}},
    {"a lone object", "\n\n{\"a\":\n1}\n", {3}},
};

TEST(JsonReader, GivesTheLineOfEveryRow) {
    for (const Readers& readers : kReaders) {
        for (const LineCase& c : kLineCases) {
            SCOPED_TRACE(std::string(readers.name) + ": " + c.name);
            const ReadResult result = ReadAll(c.text, false, readers);
            ASSERT_FALSE(result.error.has_value()) << result.error->ToString();
            EXPECT_EQ(result.lines, c.lines);
        }
    }
    // PositionOfOffset agrees for the row just read: "[{"a":1},\n  {"a":2}]" has row 2 at line 2, column 3.
    testing::WindowText window("[{\"a\":1},\n  {\"a\":2}]", 0, "t.json");
    std::unique_ptr<RecordSource> reader = MakeJsonReader(*window.window(), "t.json");
    Record record;
    ASSERT_TRUE(reader->Next(record));
    ASSERT_TRUE(reader->Next(record));
    const TextPosition at = reader->PositionOfOffset(record.offset);
    EXPECT_EQ(at.line, 2);
    EXPECT_EQ(at.column, 3);
}

struct ErrorCase {
    const char* name;
    std::string_view text;
    bool ndjson;
    size_t rows_before;
    ErrorCode code;
    int64_t line;
    int64_t column;
    const char* message_part;
    int simdjson_rows_before = -1;  // when the simdjson reader gives fewer rows (it found truncation first)
};

// A truncated text gives the rows before the cut, then the error (simdjson found it before any row).
const ErrorCase kErrorCases[] = {
    // line 3 is `{"a":` (5 bytes): the text stops before column 6
    {"truncated array", "[{\"a\":1},\n{\"a\":2},\n{\"a\":", false, 2, ErrorCode::kBadJson, 3, 6, "truncated JSON",
     0},
    // line 2 is `{"a":2}` (7 bytes): the text ends after column 7 (then a line end)
    {"truncated after a complete row", "[{\"a\":1},\n{\"a\":2}\n", false, 2, ErrorCode::kBadJson, 2, 8,
     "truncated JSON", 0},
    // line 2 is `{"a":"xy` (8 bytes)
    {"truncated inside a string", "[{\"a\":1},\n{\"a\":\"xy", false, 1, ErrorCode::kBadJson, 2, 9,
     "string is never closed", 0},
    // {"data":[{"a":1},{"a":2} is 24 bytes: the rows come, then the error at column 25
    {"truncated object holding rows", "{\"data\":[{\"a\":1},{\"a\":2}", false, 2, ErrorCode::kBadJson, 1, 25, "truncated JSON"},
    {"number", "42", false, 0, ErrorCode::kNotATable, 1, 1, "single value (a number)"},
    {"string", "\n \"x\"", false, 0, ErrorCode::kNotATable, 2, 2, "single value (a string)"},
    {"array of numbers", "[1,2]", false, 0, ErrorCode::kNotATable, 1, 2, "expected an array of objects"},
    {"array of arrays", "[ [1],[2]]", false, 0, ErrorCode::kNotATable, 1, 3, "expected an array of objects"},
    {"object then a number", "[{\"a\":1},2]", false, 1, ErrorCode::kNotATable, 1, 10, "expected an array of objects"},
    {"malformed number", "[{\"a\":1},\n{\"a\":12x}]", false, 1, ErrorCode::kBadJson, 2, 6, "malformed JSON number"},
    {"malformed literal", "[{\"a\":tru}]", false, 0, ErrorCode::kBadJson, 1, 7, "malformed JSON literal"},
    {"missing comma", "[{\"a\":1}\n {\"a\":2}]", false, 1, ErrorCode::kBadJson, 2, 2, "malformed JSON"},
    {"double comma", "[{\"a\":1},\n {\"a\":2,,\"b\":3}]", false, 1, ErrorCode::kBadJson, 2, 9, "malformed JSON"},
    {"ndjson bad line", "{\"a\":1}\n{\"a\":2,}\n", true, 1, ErrorCode::kBadJson, 2, 8, "malformed JSON"},
    {"ndjson array line", "{\"a\":1}\n [1]\n", true, 1, ErrorCode::kBadJson, 2, 2, "expected a JSON object"},
    {"ndjson truncated last line", "{\"a\":1}\n{\"a\":\"x", true, 1, ErrorCode::kBadJson, 2, 8, "never closed"},
    {"ndjson two objects on a line", "{\"a\":1} {\"a\":2}\n", true, 0, ErrorCode::kBadJson, 1, 9, "unexpected text after the object"},
};

TEST(JsonReader, FailsAtTheOffendingByte) {
    for (const Readers& readers : kReaders) {
        for (const ErrorCase& c : kErrorCases) {
            SCOPED_TRACE(std::string(readers.name) + ": " + c.name);
            const ReadResult result = ReadAll(c.text, c.ndjson, readers);
            const size_t rows_before =
                readers.reference && c.simdjson_rows_before >= 0 ? static_cast<size_t>(c.simdjson_rows_before)
                                                                 : c.rows_before;
            EXPECT_EQ(result.rows.size(), rows_before);
            ASSERT_TRUE(result.error.has_value());
            EXPECT_EQ(result.error->code, c.code) << result.error->ToString();
            EXPECT_EQ(result.error->file, "t.json");
            EXPECT_EQ(result.error->line, c.line) << result.error->ToString();
            EXPECT_EQ(result.error->column, c.column) << result.error->ToString();
            EXPECT_FALSE(result.error->expected.empty());
            EXPECT_NE(result.error->message.find(c.message_part), std::string::npos) << result.error->message;
        }
    }
}

struct WindowErrorCase {
    const char* name;
    std::string text;  // invalid UTF-8 (0xC3 then '(') after at least 64 bytes: Open decides on the first 64
    bool ndjson;
    size_t rows_before;
    ErrorCode code;
    int64_t line;
    int64_t column;
};

// Three rows of 28, 29 and 27 bytes with their line ends (each Cyrillic letter is 2 bytes): line 4 starts at
// offset 84. NDJSON: the same objects one per line, lines of 26, 28 and 26 bytes: line 4 starts at offset 80.
const std::string kThreeRows =
    "[{\"name\":\"Анна\",\"n\":1},\n{\"name\":\"Борис\",\"n\":2},\n{\"name\":\"Вера\",\"n\":3},\n";
const std::string kThreeLines =
    "{\"name\":\"Анна\",\"n\":1}\n{\"name\":\"Борис\",\"n\":2}\n{\"name\":\"Вера\",\"n\":3}\n";

TEST(JsonReader, ReportsAWindowErrorWhereTheTextEnds) {
    // The text ends just before the invalid byte; that error is reported at it (line and column), before what
    // the end of the text would otherwise give (a string never closed, a truncated array).
    const WindowErrorCase cases[] = {
        // line 4 is `{"name":"x` (10 bytes) when the text ends
        {"inside a string", kThreeRows + "{\"name\":\"x\xC3(y\",\"n\":4}]", false, 3, ErrorCode::kBadEncoding, 4, 11},
        {"between rows", kThreeRows + "\xC3({\"name\":\"y\",\"n\":4}]", false, 3, ErrorCode::kBadEncoding, 4, 1},
        // the array closes on line 3: only the line end follows it
        {"after a complete document", kThreeRows.substr(0, kThreeRows.size() - 2) + "]\n\xC3(", false, 3,
         ErrorCode::kBadEncoding, 4, 1},
        // `{"n":tru` is malformed before the text ends: the literal at column 6 is reported
        {"a malformed value before it", kThreeRows + "{\"n\":tru,\"name\":\"x\xC3(\"}]", false, 3, ErrorCode::kBadJson,
         4, 6},
        {"ndjson inside a string", kThreeLines + "{\"name\":\"x\xC3(\"}\n", true, 3, ErrorCode::kBadEncoding, 4, 11},
        {"ndjson at a line start", kThreeLines + "\xC3(\n", true, 3, ErrorCode::kBadEncoding, 4, 1},
        {"ndjson a malformed value before it", kThreeLines + "{\"n\":tru,\"name\":\"x\xC3(\"}\n", true, 3,
         ErrorCode::kBadJson, 4, 6},
    };
    for (const WindowErrorCase& c : cases) {
        for (const size_t piece : {1, 2, 3, 5, 8, 13, 64}) {
            SCOPED_TRACE(std::string(c.name) + " piece " + std::to_string(piece));
            testing::WindowText window(c.text, piece, "t.json");
            ASSERT_NE(window.window(), nullptr) << window.open_error()->ToString();
            std::unique_ptr<RecordSource> reader =
                c.ndjson ? MakeNdjsonReader(*window.window(), "t.json") : MakeJsonReader(*window.window(), "t.json");
            Record record;
            size_t rows = 0;
            while (reader->Next(record)) ++rows;
            EXPECT_EQ(rows, c.rows_before);
            ASSERT_NE(reader->error(), nullptr);
            const Error& error = *reader->error();
            EXPECT_EQ(error.code, c.code) << error.ToString();
            EXPECT_EQ(error.file, "t.json");
            EXPECT_EQ(error.line, c.line) << error.ToString();
            EXPECT_EQ(error.column, c.column) << error.ToString();
            if (c.code == ErrorCode::kBadEncoding) {
                const TextPosition at = reader->PositionOfOffset(window.window()->error_offset());
                EXPECT_EQ(at.line, c.line);
                EXPECT_EQ(at.column, c.column);
            }
        }
    }
}

TEST(JsonReader, ReadsTheSameWithEveryPieceSize) {
    // Every text above read through windows of small pieces gives what the default piece size gives.
    std::vector<std::pair<std::string_view, bool>> texts;
    for (const ReadCase& c : kReadCases) texts.emplace_back(c.text, c.ndjson);
    for (const LineCase& c : kLineCases) texts.emplace_back(c.text, false);
    for (const ErrorCase& c : kErrorCases) texts.emplace_back(c.text, c.ndjson);
    const Readers product = kReaders[0];
    for (const auto& [text, ndjson] : texts) {
        const ReadResult whole = ReadAll(text, ndjson, product);
        for (const size_t piece : {1, 2, 3, 5, 8, 13, 64}) {
            SCOPED_TRACE(std::string(text) + " piece " + std::to_string(piece));
            const ReadResult result = ReadAll(text, ndjson, product, piece);
            EXPECT_EQ(result.columns, whole.columns);
            EXPECT_EQ(result.rows, whole.rows);
            EXPECT_EQ(result.lines, whole.lines);
            EXPECT_EQ(result.raws, whole.raws);
            EXPECT_EQ(result.offsets, whole.offsets);
            ASSERT_EQ(result.error.has_value(), whole.error.has_value());
            if (!whole.error) continue;
            EXPECT_EQ(result.error->code, whole.error->code);
            EXPECT_EQ(result.error->line, whole.error->line);
            EXPECT_EQ(result.error->column, whole.error->column);
        }
    }
}

}  // namespace
}  // namespace crm
