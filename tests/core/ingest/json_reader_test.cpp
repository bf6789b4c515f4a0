#include "core/ingest/json_reader.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/core/ingest/json_reference_reader.h"

namespace crm {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// The text followed by kTextPadding bytes of 'x': readers must never treat padding as text.
struct PaddedText {
    explicit PaddedText(std::string_view text) : storage(text) { storage.append(kTextPadding, 'x'); }
    std::string_view view() const { return std::string_view(storage.data(), storage.size() - kTextPadding); }
    std::string storage;
};

struct ReadResult {
    std::vector<std::string> columns;
    Rows rows;  // each as long as columns() was when the row was read
    std::vector<int64_t> lines;
    std::vector<std::string> raws;
    std::vector<int64_t> offsets;
    std::optional<Error> error;
};

// The readers under test: the product's (the streaming scanner) and the former simdjson reader, which must give
// the same results on these cases.
struct Readers {
    const char* name;
    std::unique_ptr<RecordSource> (*json)(std::string_view text, std::string_view file);
    std::unique_ptr<RecordSource> (*ndjson)(std::string_view text, std::string_view file);
};
const Readers kReaders[] = {
    {"MakeJsonReader", MakeJsonReader, MakeNdjsonReader},
    {"simdjson", reference::MakeSimdjsonJsonReader, reference::MakeSimdjsonNdjsonReader},
};

ReadResult ReadAll(std::string_view text, bool ndjson, const Readers& readers) {
    ReadResult result;
    std::unique_ptr<RecordSource> reader = ndjson ? readers.ndjson(text, "t.json") : readers.json(text, "t.json");
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

TEST(JsonReader, ReadsRowsOfEveryShape) {
    const ReadCase cases[] = {
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
    for (const Readers& readers : kReaders) {
        for (const ReadCase& c : cases) {
            SCOPED_TRACE(std::string(readers.name) + ": " + c.name);
            const PaddedText text(c.text);
            const ReadResult result = ReadAll(text.view(), c.ndjson, readers);
            ASSERT_FALSE(result.error.has_value()) << result.error->ToString();
            EXPECT_EQ(result.columns, c.columns);
            EXPECT_EQ(result.rows, c.rows);
        }
    }
}

TEST(JsonReader, GivesRawObjectTextForDuplicateDetection) {
    // Row 1 starts at offset 2 ("[ " before it) and is 8 bytes; " ,\n " follows, so row 2 starts at 14 on
    // line 2; row 2 ends at 21, "\n," follow, so row 3 starts at 24 on line 3.
    const PaddedText text("[ {\"a\": 1} ,\n {\"a\": 1}\n,{\"a\":2}]");
    for (const Readers& readers : kReaders) {
        SCOPED_TRACE(readers.name);
        const ReadResult result = ReadAll(text.view(), false, readers);
        ASSERT_FALSE(result.error.has_value());
        EXPECT_EQ(result.raws, (std::vector<std::string>{"{\"a\": 1}", "{\"a\": 1}", "{\"a\":2}"}));
        EXPECT_EQ(result.offsets, (std::vector<int64_t>{2, 14, 24}));
        EXPECT_EQ(result.lines, (std::vector<int64_t>{0, 0, 0}));  // JSON rows leave lines to LineOfOffset

        std::unique_ptr<RecordSource> reader = readers.json(text.view(), "t.json");
        EXPECT_EQ(reader->LineOfOffset(2), 1);
        EXPECT_EQ(reader->LineOfOffset(14), 2);
        EXPECT_EQ(reader->LineOfOffset(24), 3);
    }
}

TEST(NdjsonReader, GivesLinesRawTextAndOffsets) {
    // Lines: 1 "{"a":1}", 2 blank, 3 "  {"a":2}  " starting at offset 10 ("{"a":1}\r\n\n" is 10 bytes),
    // its object 2 spaces later at 12.
    const PaddedText text("{\"a\":1}\r\n\n  {\"a\":2}  \n");
    for (const Readers& readers : kReaders) {
        SCOPED_TRACE(readers.name);
        const ReadResult result = ReadAll(text.view(), true, readers);
        ASSERT_FALSE(result.error.has_value());
        EXPECT_EQ(result.lines, (std::vector<int64_t>{1, 3}));
        EXPECT_EQ(result.raws, (std::vector<std::string>{"{\"a\":1}", "{\"a\":2}"}));
        EXPECT_EQ(result.offsets, (std::vector<int64_t>{0, 12}));
    }
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
};

TEST(JsonReader, FailsAtTheOffendingByte) {
    const ErrorCase cases[] = {
        // line 3 is `{"a":` (5 bytes): the text stops before column 6
        {"truncated array", "[{\"a\":1},\n{\"a\":2},\n{\"a\":", false, 0, ErrorCode::kBadJson, 3, 6, "truncated JSON"},
        {"truncated after a complete row", "[{\"a\":1},\n{\"a\":2}\n", false, 0, ErrorCode::kBadJson, 2, 8, "truncated JSON"},
        {"truncated inside a string", "[{\"a\":1},\n{\"a\":\"xy", false, 0, ErrorCode::kBadJson, 2, 9, "string is never closed"},
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
    for (const Readers& readers : kReaders) {
        for (const ErrorCase& c : cases) {
            SCOPED_TRACE(std::string(readers.name) + ": " + c.name);
            const PaddedText text(c.text);
            const ReadResult result = ReadAll(text.view(), c.ndjson, readers);
            EXPECT_EQ(result.rows.size(), c.rows_before);
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

}  // namespace
}  // namespace crm
