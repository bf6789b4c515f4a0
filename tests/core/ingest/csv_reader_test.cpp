#include "core/ingest/csv_reader.h"

#include "core/ingest/encoding.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// The text followed by kTextPadding bytes of 'z': readers must never treat padding as text.
struct PaddedText {
    explicit PaddedText(std::string_view text) : storage(text) { storage.append(kTextPadding, 'z'); }
    std::string_view view() const { return std::string_view(storage.data(), storage.size() - kTextPadding); }
    std::string storage;
};

struct ReadResult {
    std::vector<std::string> columns;
    Rows rows;
    std::vector<int64_t> lines;
    std::vector<std::string> raws;
    std::vector<int64_t> offsets;
    std::optional<Error> error;
};

ReadResult ReadAll(std::string_view text, const CsvDialect& dialect) {
    ReadResult result;
    std::unique_ptr<RecordSource> reader = MakeCsvReader(text, dialect, "t.csv");
    result.columns = reader->columns();
    Record record;
    while (reader->Next(record)) {
        EXPECT_EQ(record.fields.size(), result.columns.size());
        result.rows.emplace_back(record.fields.begin(), record.fields.end());
        result.lines.push_back(record.line);
        result.raws.emplace_back(record.raw);
        result.offsets.push_back(record.offset);
    }
    if (reader->error() != nullptr) result.error = *reader->error();
    EXPECT_FALSE(reader->Next(record));  // stays at the end
    return result;
}

struct SniffCase {
    const char* name;
    std::string_view text;
    char delimiter;
    char quote;
    int64_t header_line;
};

TEST(SniffCsvDialect, FindsDelimiterQuoteAndHeader) {
    const SniffCase cases[] = {
        {"comma", "a,b,c\n1,2,3\n4,5,6\n", ',', '"', 1},
        {"semicolon with decimal commas", "a;b;c\n1;2,5;3\n4;5,5;6\n", ';', '"', 1},
        {"tab", "a\tb\n1\t2\n", '\t', '"', 1},
        {"pipe", "a|b|c\n1|2|3\n", '|', '"', 1},
        {"russian export", "Клиент;Дата;Сумма\nИван;01.01.2024;1 234,56\nПетр;02.01.2024;99,90\n", ';', '"', 1},
        {"1c title lines",
         "Отчет по продажам\nПериод: 01.01.2024 - 31.01.2024\n\nКлиент;Дата;Сумма\nИван;01.01.2024;100\n"
         "Петр;02.01.2024;200\n",
         ';', '"', 4},
        {"title lines padded with delimiters", "Отчет;;\n;;\nКлиент;Дата;Сумма\nИван;01.01.2024;100\n", ';', '"', 3},
        {"quoted delimiters", "name,comment\n\"Smith, John\",\"a; b; c\"\n\"Doe, Jane\",x\n", ',', '"', 1},
        {"quoted newline", "id;text\n1;\"a\nb;c;d\"\n2;x\n", ';', '"', 1},
        {"one column", "email\na@x.com\nb@y.com\n", ',', '"', 1},
        {"one column after a blank line", "\nemail\na@x.com\n", ',', '"', 2},
        {"single quotes", "'a';'b'\n'1';'2;3'\n'4';'5'\n", ';', '\'', 1},
        {"trailing delimiter on data rows", "a;b;c\n1;2;3;\n4;5;6;\n", ';', '"', 1},
        {"crlf", "a;b\r\n1;2\r\n", ';', '"', 1},
    };
    for (const SniffCase& c : cases) {
        SCOPED_TRACE(c.name);
        const CsvDialect dialect = SniffCsvDialect(c.text);
        EXPECT_EQ(dialect.delimiter, c.delimiter);
        EXPECT_EQ(dialect.quote, c.quote);
        EXPECT_EQ(dialect.header_line, c.header_line);
    }
}

struct ReadCase {
    const char* name;
    std::string_view text;
    std::vector<std::string> columns;
    Rows rows;
    std::vector<int64_t> lines;
};

TEST(CsvReader, ReadsRecords) {
    const ReadCase cases[] = {
        {"comma", "a,b,c\n1,2,3\n4,5,6\n", {"a", "b", "c"}, {{"1", "2", "3"}, {"4", "5", "6"}}, {2, 3}},
        {"semicolon", "a;b\n1,5;2\n", {"a", "b"}, {{"1,5", "2"}}, {2}},
        {"tab", "a\tb\n1\t2\n", {"a", "b"}, {{"1", "2"}}, {2}},
        {"pipe", "a|b\n1|2\n", {"a", "b"}, {{"1", "2"}}, {2}},
        {"ragged rows", "a,b,c\n1,2\n3,4,5,6\n", {"a", "b", "c"}, {{"1", "2", ""}, {"3", "4", "5"}}, {2, 3}},
        {"quoted delimiters, newlines and escapes",
         "id,text\n1,\"x, y\"\n2,\"line1\nline2\"\n3,\"say \"\"hi\"\"\"\n4,last\n",
         {"id", "text"},
         {{"1", "x, y"}, {"2", "line1\nline2"}, {"3", "say \"hi\""}, {"4", "last"}},
         {2, 3, 5, 6}},
        {"crlf", "a;b\r\n1;2\r\n3;\"x\r\ny\"\r\n5;6\r\n", {"a", "b"}, {{"1", "2"}, {"3", "x\r\ny"}, {"5", "6"}},
         {2, 3, 5}},
        {"lone cr", "a,b\r1,2\r3,4", {"a", "b"}, {{"1", "2"}, {"3", "4"}}, {2, 3}},
        {"no final newline", "a,b\n1,2", {"a", "b"}, {{"1", "2"}}, {2}},
        {"trailing delimiter at end of text", "a,b\n1,", {"a", "b"}, {{"1", ""}}, {2}},
        {"all-empty records skipped", "a;b;c\n1;2;3\n;;\n\n ; ;\n\"\";;\n4;5;6\n\n\n", {"a", "b", "c"},
         {{"1", "2", "3"}, {"4", "5", "6"}}, {2, 7}},
        {"quoted fields keep spaces, unquoted are as is", "a,b\n\" x \",  y  \n", {"a", "b"}, {{" x ", "  y  "}}, {2}},
        {"spaces before a quote", "a, b\n1, \"2, 3\"\n", {"a", "b"}, {{"1", "2, 3"}}, {2}},
        {"text after a closing quote", "a,b\n\"x\"y,\"z\"  \n", {"a", "b"}, {{"xy", "z"}}, {2}},
        {"quote inside an unquoted field", "a,b\n5\" screen,2\n", {"a", "b"}, {{"5\" screen", "2"}}, {2}},
        {"several escaped fields in one record", "a,b,c\n\"x\"\"1\",\"y\"\"2\",\"z\"\"3\"\n", {"a", "b", "c"},
         {{"x\"1", "y\"2", "z\"3"}}, {2}},
        {"header names trimmed, empty and repeated", "id,, id ,name,name,\"name (2)\"\n1,2,3,4,5,6\n",
         {"id", "column 2", "id (2)", "name", "name (3)", "name (2)"},
         {{"1", "2", "3", "4", "5", "6"}}, {2}},
        {"quoted header", " \"Клиент\" ;\"Сумма\"\nИван;10\n", {"Клиент", "Сумма"}, {{"Иван", "10"}}, {2}},
        {"header only", "a,b\n", {"a", "b"}, {}, {}},
        {"fields across 8-byte words", "a,b\n0123456789abcdef,0123456789\nx,y\n", {"a", "b"},
         {{"0123456789abcdef", "0123456789"}, {"x", "y"}}, {2, 3}},
    };
    for (const ReadCase& c : cases) {
        SCOPED_TRACE(c.name);
        const PaddedText text(c.text);
        const ReadResult result = ReadAll(text.view(), SniffCsvDialect(text.view()));
        ASSERT_FALSE(result.error.has_value()) << result.error->ToString();
        EXPECT_EQ(result.columns, c.columns);
        EXPECT_EQ(result.rows, c.rows);
        EXPECT_EQ(result.lines, c.lines);
    }
}

TEST(CsvReader, ReadsUnquotedRecordsWordByWord) {
    // Unquoted records are split eight bytes at a time. A byte differing from a delimiter, quote or line
    // end only in its lowest bit ('-' for ',', '#' for '"', '\x0b' for '\n', '\x0c' for '\r', ':' for ';')
    // may be flagged as a candidate when it follows one; it must read as plain text.
    const ReadCase cases[] = {
        {"neighbours of special bytes", "a,b,c\n-,#-,\x0b\x0c-#\n,--,#\n", {"a", "b", "c"},
         {{"-", "#-", "\x0b\x0c-#"}, {"", "--", "#"}}, {2, 3}},
        {"semicolons and their neighbours", "a;b\r\n:;::\r\n;x:;y\r\n", {"a", "b"}, {{":", "::"}, {"", "x:"}}, {2, 3}},
        {"a quote after a long unquoted start", "a,b\nabcdefghijklmnop,q\"r\nx,\"y,z\"\n", {"a", "b"},
         {{"abcdefghijklmnop", "q\"r"}, {"x", "y,z"}}, {2, 3}},
        {"line end at every position of a word", "a\n1\n12\n123\n1234\n12345\n123456\n1234567\n12345678\n", {"a"},
         {{"1"}, {"12"}, {"123"}, {"1234"}, {"12345"}, {"123456"}, {"1234567"}, {"12345678"}}, {2, 3, 4, 5, 6, 7, 8, 9}},
        {"blank records between rows", "a,b\n1,2\n , \t\n,\n3,4\n", {"a", "b"}, {{"1", "2"}, {"3", "4"}}, {2, 5}},
        {"more fields than columns, then fewer", "a,b\n1,2\n1,2,3,4,5,6,7,8,9\n1\n3,4\n", {"a", "b"},
         {{"1", "2"}, {"1", "2"}, {"1", ""}, {"3", "4"}}, {2, 3, 4, 5}},
    };
    for (const ReadCase& c : cases) {
        SCOPED_TRACE(c.name);
        const PaddedText text(c.text);
        const ReadResult result = ReadAll(text.view(), SniffCsvDialect(text.view()));
        ASSERT_FALSE(result.error.has_value()) << result.error->ToString();
        EXPECT_EQ(result.columns, c.columns);
        EXPECT_EQ(result.rows, c.rows);
        EXPECT_EQ(result.lines, c.lines);
    }
}

TEST(CsvReader, HonoursTheGivenDialect) {
    struct Case {
        const char* name;
        std::string_view text;
        CsvDialect dialect;
        std::vector<std::string> columns;
        Rows rows;
        std::vector<int64_t> lines;
    };
    const Case cases[] = {
        {"title lines skipped", "Отчет\n\nКлиент;Сумма\nИван;10\n", {';', '"', 3}, {"Клиент", "Сумма"}, {{"Иван", "10"}},
         {4}},
        {"header line blank: next record", "x\n\n\na;b\n1;2\n", {';', '"', 2}, {"a", "b"}, {{"1", "2"}}, {5}},
        {"single quotes", "'a';'b'\n'1';'2;3'\n", {';', '\'', 1}, {"a", "b"}, {{"1", "2;3"}}, {2}},
        {"never quoted", "a,b\n\"x,y\n", {',', 0, 1}, {"a", "b"}, {{"\"x", "y"}}, {2}},
        {"empty text", "", {',', '"', 1}, {}, {}, {}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        const PaddedText text(c.text);
        const ReadResult result = ReadAll(text.view(), c.dialect);
        ASSERT_FALSE(result.error.has_value()) << result.error->ToString();
        EXPECT_EQ(result.columns, c.columns);
        EXPECT_EQ(result.rows, c.rows);
        EXPECT_EQ(result.lines, c.lines);
    }
}

TEST(CsvReader, GivesRawBytesAndOffsets) {
    // Offsets: "a,b\n" is 4 bytes; "1,\"x\ny\"\r\n" starts at 4 and is 9 bytes, so "2,2" starts at 13.
    const PaddedText text("a,b\n1,\"x\ny\"\r\n2,2");
    const ReadResult result = ReadAll(text.view(), SniffCsvDialect(text.view()));
    ASSERT_EQ(result.raws.size(), 2u);
    EXPECT_EQ(result.raws[0], "1,\"x\ny\"");
    EXPECT_EQ(result.raws[1], "2,2");
    EXPECT_EQ(result.offsets[0], 4);
    EXPECT_EQ(result.offsets[1], 13);
}

TEST(CsvReader, UnescapesLongFieldsWithoutDanglingViews) {
    // 3 fields of 1000 escaped quotes each: the scratch buffer grows while the record is read.
    std::string text = "a,b,c\n";
    std::string expected;
    for (int field = 0; field < 3; ++field) {
        text += '"';
        for (int i = 0; i < 1000; ++i) text += "\"\"";
        text += field < 2 ? "\"," : "\"\n";
    }
    expected.assign(1000, '"');
    const PaddedText padded(text);
    const ReadResult result = ReadAll(padded.view(), SniffCsvDialect(padded.view()));
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0], (std::vector<std::string>{expected, expected, expected}));
}

TEST(CsvReader, ReportsUnterminatedQuoteAtTheOpeningQuote) {
    struct Case {
        const char* name;
        std::string_view text;
        size_t rows_before;
        int64_t line;
        int64_t column;
    };
    const Case cases[] = {
        {"in a data row", "a,b\n1,2\n3,\"abc\n4,5\n", 1, 3, 3},
        {"after a multi-line field", "a,b\n1,\"x\ny\",\"open\n", 0, 3, 4},
        {"in the header", "\"a,b\n1,2\n", 0, 1, 1},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        const PaddedText text(c.text);
        const ReadResult result = ReadAll(text.view(), CsvDialect{',', '"', 1});
        EXPECT_EQ(result.rows.size(), c.rows_before);
        ASSERT_TRUE(result.error.has_value());
        EXPECT_EQ(result.error->code, ErrorCode::kBadCsv);
        EXPECT_EQ(result.error->file, "t.csv");
        EXPECT_EQ(result.error->line, c.line);
        EXPECT_EQ(result.error->column, c.column);
        EXPECT_FALSE(result.error->expected.empty());
    }
}

// UTF-16LE bytes (with BOM) of a BMP-only text.
std::string Utf16Le(std::u16string_view text) {
    std::string bytes = "\xFF\xFE";
    for (char16_t c : text) {
        bytes += static_cast<char>(c & 0xFF);
        bytes += static_cast<char>(c >> 8);
    }
    return bytes;
}

TEST(CsvReader, ReadsExcelExportsAfterDecoding) {
    struct Case {
        const char* name;
        std::string bytes;
        char delimiter;
        std::vector<std::string> columns;
        Rows rows;
    };
    const Case cases[] = {
        // Клиент;Дата;Сумма / Иван;01.02.2024;1 234,56 in Windows-1251 (И=C8 в=E2 а=E0 н=ED)
        {"windows-1251 semicolons",
         "\xCA\xEB\xE8\xE5\xED\xF2;\xC4\xE0\xF2\xE0;\xD1\xF3\xEC\xEC\xE0\r\n\xC8\xE2\xE0\xED;01.02.2024;1 234,56\r\n",
         ';', {"Клиент", "Дата", "Сумма"}, {{"Иван", "01.02.2024", "1 234,56"}}},
        {"excel unicode text (utf-16le tsv)", Utf16Le(u"id\tname\r\n1\t\u0410\u043D\u043D\u0430\r\n"), '\t',
         {"id", "name"}, {{"1", "Анна"}}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        const PaddedText bytes(c.bytes);
        Result<DecodedText> decoded = DecodeText(bytes.view(), "t.csv");
        ASSERT_TRUE(decoded.ok()) << decoded.error().ToString();
        const CsvDialect dialect = SniffCsvDialect(decoded.value().text);
        EXPECT_EQ(dialect.delimiter, c.delimiter);
        const ReadResult result = ReadAll(decoded.value().text, dialect);
        EXPECT_EQ(result.columns, c.columns);
        EXPECT_EQ(result.rows, c.rows);
    }
}

TEST(CsvReader, MapsOffsetsToLines) {
    const PaddedText text("a\r\nb\nc\rd");  // a0 \r1 \n2 b3 \n4 c5 \r6 d7
    std::unique_ptr<RecordSource> reader = MakeCsvReader(text.view(), CsvDialect{}, "t.csv");
    const std::pair<int64_t, int64_t> cases[] = {{0, 1}, {3, 2}, {5, 3}, {7, 4}, {2, 1}};
    for (const auto& [offset, line] : cases) EXPECT_EQ(reader->LineOfOffset(offset), line) << offset;
}

}  // namespace
}  // namespace crm
