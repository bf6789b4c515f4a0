#include "core/ingest/csv_reader.h"

#include "core/ingest/encoding.h"
#include "tests/core/ingest/window_text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm {
namespace {

using Rows = std::vector<std::vector<std::string>>;
using testing::WindowText;

// Piece sizes of the streaming tests (0: the default, 1 MiB).
constexpr size_t kPieces[] = {1, 2, 3, 5, 8, 13, 64, 0};

struct ReadResult {
    bool opened = false;
    std::vector<std::string> columns;
    Rows rows;
    std::vector<int64_t> lines;
    std::vector<std::string> raws;
    std::vector<int64_t> offsets;
    std::optional<Error> error;
};

// Reads every row of a reader; each row's first byte must be at its line's first column.
ReadResult ReadRows(RecordSource& reader) {
    ReadResult result;
    result.opened = true;
    result.columns = reader.columns();
    Record record;
    while (reader.Next(record)) {
        EXPECT_EQ(record.fields.size(), result.columns.size());
        result.rows.emplace_back(record.fields.begin(), record.fields.end());
        result.lines.push_back(record.line);
        result.raws.emplace_back(record.raw);
        result.offsets.push_back(record.offset);
        const TextPosition start = reader.PositionOfOffset(record.offset);
        EXPECT_EQ(start.line, record.line) << record.offset;
        EXPECT_EQ(start.column, 1) << record.offset;
    }
    if (reader.error() != nullptr) result.error = *reader.error();
    EXPECT_FALSE(reader.Next(record));  // stays at the end
    return result;
}

// Reads `bytes` through a window of `piece`-byte pieces (0: the default).
ReadResult ReadAll(std::string_view bytes, const CsvDialect& dialect, size_t piece = 0) {
    WindowText text{std::string(bytes), piece};
    if (text.window() == nullptr) {
        ADD_FAILURE() << "the window did not open: " << text.open_error()->ToString();
        return ReadResult{};
    }
    std::unique_ptr<RecordSource> reader = MakeCsvReader(*text.window(), dialect, "t.csv");
    return ReadRows(*reader);
}

struct SniffCase {
    const char* name;
    std::string_view text;
    char delimiter;
    char quote;
    int64_t header_line;
};

const std::vector<SniffCase>& SniffCases() {
    static const std::vector<SniffCase> cases = {
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
    return cases;
}

TEST(SniffCsvDialect, FindsDelimiterQuoteAndHeader) {
    for (const SniffCase& c : SniffCases()) {
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

const std::vector<ReadCase>& RecordCases() {
    static const std::vector<ReadCase> cases = {
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
    return cases;
}

/// Reads every case with its sniffed dialect and checks columns, rows and lines.
void ExpectReads(const std::vector<ReadCase>& cases) {
    for (const ReadCase& c : cases) {
        SCOPED_TRACE(c.name);
        const ReadResult result = ReadAll(c.text, SniffCsvDialect(c.text));
        ASSERT_FALSE(result.error.has_value()) << result.error->ToString();
        EXPECT_EQ(result.columns, c.columns);
        EXPECT_EQ(result.rows, c.rows);
        EXPECT_EQ(result.lines, c.lines);
    }
}

TEST(CsvReader, ReadsRecords) { ExpectReads(RecordCases()); }

// Unquoted records are split eight bytes at a time. A byte differing from a delimiter, quote or line
// end only in its lowest bit ('-' for ',', '#' for '"', '\x0b' for '\n', '\x0c' for '\r', ':' for ';')
// may be flagged as a candidate when it follows one; it must read as plain text.
const std::vector<ReadCase>& WordCases() {
    static const std::vector<ReadCase> cases = {
        {"neighbours of special bytes", "a,b,c\n-,#-,\x0b\x0c-#\n,--,#\n", {"a", "b", "c"},
         {{"-", "#-", "\x0b\x0c-#"}, {"", "--", "#"}}, {2, 3}},
        {"semicolons and their neighbours", "a;b\r\n:;::\r\n;x:;y\r\n", {"a", "b"}, {{":", "::"}, {"", "x:"}}, {2, 3}},
        {"a quote after a long unquoted start", "a,b\nabcdefghijklmnop,q\"r\nx,\"y,z\"\n", {"a", "b"},
         {{"abcdefghijklmnop", "q\"r"}, {"x", "y,z"}}, {2, 3}},
        {"line end at every position of a word", "a\n1\n12\n123\n1234\n12345\n123456\n1234567\n12345678\n", {"a"},
         {{"1"}, {"12"}, {"123"}, {"1234"}, {"12345"}, {"123456"}, {"1234567"}, {"12345678"}},
         {2, 3, 4, 5, 6, 7, 8, 9}},
        {"blank records between rows", "a,b\n1,2\n , \t\n,\n3,4\n", {"a", "b"}, {{"1", "2"}, {"3", "4"}}, {2, 5}},
        {"more fields than columns, then fewer", "a,b\n1,2\n1,2,3,4,5,6,7,8,9\n1\n3,4\n", {"a", "b"},
         {{"1", "2"}, {"1", "2"}, {"1", ""}, {"3", "4"}}, {2, 3, 4, 5}},
    };
    return cases;
}

TEST(CsvReader, ReadsUnquotedRecordsWordByWord) { ExpectReads(WordCases()); }

// Records are split sixteen bytes at a time: a delimiter, quote or line end as the last byte of a block, the
// first of the next, the one after (record offsets 15, 16, 17, 31, 32), and blank records longer than a block.
const std::vector<ReadCase>& BlockCases() {
    static std::deque<std::string> storage;  // names and texts of the cases
    static const std::vector<ReadCase> cases = [] {
        std::vector<ReadCase> out;
        const auto add = [&out](const std::string& name, const std::string& text, Rows rows,
                                std::vector<int64_t> lines = {2, 3}) {
            const char* stored_name = storage.emplace_back(name).c_str();
            const std::string_view stored_text = storage.emplace_back(text);
            out.push_back({stored_name, stored_text, {"a", "b"}, std::move(rows), std::move(lines)});
        };
        for (const size_t at : {15, 16, 17, 31, 32}) {
            const std::string x(at, 'x'), x1(at - 1, 'x'), x2(at - 2, 'x'), blanks(at, ' ');
            const std::string where = " at " + std::to_string(at);
            add("delimiter" + where, "a,b\n" + x + ",y\nz,w\n", {{x, "y"}, {"z", "w"}});
            add("line feed" + where, "a,b\np," + x2 + "\nz,w\n", {{"p", x2}, {"z", "w"}});
            add("crlf" + where, "a,b\r\np," + x2 + "\r\nz,w\r\n", {{"p", x2}, {"z", "w"}});
            add("lone cr" + where, "a,b\rp," + x2 + "\rz,w\r", {{"p", x2}, {"z", "w"}});
            add("opening quote" + where, "a,b\n" + x1 + ",\"q,r\"\nz,w\n", {{x1, "q,r"}, {"z", "w"}});
            add("quote in an unquoted field" + where, "a,b\np," + x2 + "\"y\nz,w\n",
                {{"p", x2 + "\"y"}, {"z", "w"}});
            add("line end inside quotes" + where, "a,b\n\"" + x1 + "\ny\",z\nz,w\n", {{x1 + "\ny", "z"}, {"z", "w"}},
                {2, 4});
            add("escaped quote" + where, "a,b\n\"" + x1 + "\"\"y\",z\nz,w\n", {{x1 + "\"y", "z"}, {"z", "w"}});
            add("blank record" + where, "a,b\n" + blanks + ",\t" + blanks + "\nz,w\n", {{"z", "w"}}, {3});
            add("content after blanks" + where, "a,b\n" + blanks + "v,\nz,w\n", {{blanks + "v", ""}, {"z", "w"}});
        }
        return out;
    }();
    return cases;
}

TEST(CsvReader, ReadsRecordsAcrossSixteenByteBlocks) { ExpectReads(BlockCases()); }

struct DialectCase {
    const char* name;
    std::string_view text;
    CsvDialect dialect;
    std::vector<std::string> columns;
    Rows rows;
    std::vector<int64_t> lines;
};

const std::vector<DialectCase>& DialectCases() {
    static const std::vector<DialectCase> cases = {
        {"title lines skipped", "Отчет\n\nКлиент;Сумма\nИван;10\n", {';', '"', 3}, {"Клиент", "Сумма"},
         {{"Иван", "10"}}, {4}},
        {"header line blank: next record", "x\n\n\na;b\n1;2\n", {';', '"', 2}, {"a", "b"}, {{"1", "2"}}, {5}},
        {"single quotes", "'a';'b'\n'1';'2;3'\n", {';', '\'', 1}, {"a", "b"}, {{"1", "2;3"}}, {2}},
        {"never quoted", "a,b\n\"x,y\n", {',', 0, 1}, {"a", "b"}, {{"\"x", "y"}}, {2}},
        {"no header row: only empty records", ";;\n;\n", {';', '"', 1}, {}, {}, {}},
        {"header line after the last record", "a;b\n1;2\n", {';', '"', 3}, {}, {}, {}},
    };
    return cases;
}

TEST(CsvReader, HonoursTheGivenDialect) {
    for (const DialectCase& c : DialectCases()) {
        SCOPED_TRACE(c.name);
        const ReadResult result = ReadAll(c.text, c.dialect);
        ASSERT_FALSE(result.error.has_value()) << result.error->ToString();
        EXPECT_EQ(result.columns, c.columns);
        EXPECT_EQ(result.rows, c.rows);
        EXPECT_EQ(result.lines, c.lines);
    }
}

TEST(CsvReader, GivesRawBytesAndOffsets) {
    // Offsets: "a,b\n" is 4 bytes; "1,\"x\ny\"\r\n" starts at 4 and is 9 bytes, so "2,2" starts at 13.
    const std::string_view text = "a,b\n1,\"x\ny\"\r\n2,2";
    const ReadResult result = ReadAll(text, SniffCsvDialect(text));
    ASSERT_EQ(result.raws.size(), 2u);
    EXPECT_EQ(result.raws[0], "1,\"x\ny\"");
    EXPECT_EQ(result.raws[1], "2,2");
    EXPECT_EQ(result.offsets[0], 4);
    EXPECT_EQ(result.offsets[1], 13);
}

// 3 fields of 1000 escaped quotes each: the scratch buffer grows while the record is read.
std::string LongEscapedFields() {
    std::string text = "a,b,c\n";
    for (int field = 0; field < 3; ++field) {
        text += '"';
        for (int i = 0; i < 1000; ++i) text += "\"\"";
        text += field < 2 ? "\"," : "\"\n";
    }
    return text;
}

TEST(CsvReader, UnescapesLongFieldsWithoutDanglingViews) {
    const std::string text = LongEscapedFields();
    const std::string expected(1000, '"');
    for (size_t piece : {size_t{0}, size_t{7}}) {
        SCOPED_TRACE(piece);
        const ReadResult result = ReadAll(text, SniffCsvDialect(text), piece);
        ASSERT_EQ(result.rows.size(), 1u);
        EXPECT_EQ(result.rows[0], (std::vector<std::string>{expected, expected, expected}));
    }
}

struct UnterminatedCase {
    const char* name;
    std::string_view text;
    size_t rows_before;
    int64_t line;
    int64_t column;
};

const std::vector<UnterminatedCase>& UnterminatedCases() {
    static const std::vector<UnterminatedCase> cases = {
        {"in a data row", "a,b\n1,2\n3,\"abc\n4,5\n", 1, 3, 3},
        {"after a multi-line field", "a,b\n1,\"x\ny\",\"open\n", 0, 3, 4},
        {"in the header", "\"a,b\n1,2\n", 0, 1, 1},
        {"after spaces, crlf lines inside", "a,b\r\n1,2\r\n3,  \"x\r\ny\r\n", 1, 3, 5},
    };
    return cases;
}

TEST(CsvReader, ReportsUnterminatedQuoteAtTheOpeningQuote) {
    for (const UnterminatedCase& c : UnterminatedCases()) {
        SCOPED_TRACE(c.name);
        const ReadResult result = ReadAll(c.text, CsvDialect{',', '"', 1});
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

struct ExcelCase {
    const char* name;
    std::string bytes;
    char delimiter;
    std::vector<std::string> columns;
    Rows rows;
};

const std::vector<ExcelCase>& ExcelCases() {
    static const std::vector<ExcelCase> cases = {
        // Клиент;Дата;Сумма / Иван;01.02.2024;1 234,56 in Windows-1251 (И=C8 в=E2 а=E0 н=ED)
        {"windows-1251 semicolons",
         "\xCA\xEB\xE8\xE5\xED\xF2;\xC4\xE0\xF2\xE0;\xD1\xF3\xEC\xEC\xE0\r\n\xC8\xE2\xE0\xED;01.02.2024;1 234,56\r\n",
         ';', {"Клиент", "Дата", "Сумма"}, {{"Иван", "01.02.2024", "1 234,56"}}},
        {"excel unicode text (utf-16le tsv)", Utf16Le(u"id\tname\r\n1\t\u0410\u043D\u043D\u0430\r\n"), '\t',
         {"id", "name"}, {{"1", "Анна"}}},
    };
    return cases;
}

TEST(CsvReader, ReadsExcelExportsAfterDecoding) {
    // The window decodes the raw bytes; the dialect is sniffed from its head, as the loader does.
    for (const ExcelCase& c : ExcelCases()) {
        SCOPED_TRACE(c.name);
        WindowText text(c.bytes);
        ASSERT_NE(text.window(), nullptr) << text.open_error()->ToString();
        const CsvDialect dialect = SniffCsvDialect(text.window()->text());
        EXPECT_EQ(dialect.delimiter, c.delimiter);
        std::unique_ptr<RecordSource> reader = MakeCsvReader(*text.window(), dialect, "t.csv");
        const ReadResult result = ReadRows(*reader);
        EXPECT_FALSE(result.error.has_value());
        EXPECT_EQ(result.columns, c.columns);
        EXPECT_EQ(result.rows, c.rows);
    }
}

TEST(CsvReader, LocatesOffsetsFromTheLastRow) {
    // a0 \r1 \n2 b3 \n4 c5 \r6 d7, end 8. "a" is the header; rows b, c, d start lines 2, 3, 4.
    const std::string_view text = "a\r\nb\nc\rd";
    struct Query {
        int64_t offset;
        int64_t line;
        int64_t column;
    };
    // After each row: its first byte, its last byte and the byte after it (the line end, or the text's end).
    const std::vector<Query> after_row[] = {
        {{3, 2, 1}, {4, 2, 2}},
        {{5, 3, 1}, {6, 3, 2}},
        {{7, 4, 1}, {8, 4, 2}},
    };
    for (size_t piece : kPieces) {
        SCOPED_TRACE(piece);
        WindowText window(std::string(text), piece);
        ASSERT_NE(window.window(), nullptr);
        std::unique_ptr<RecordSource> reader = MakeCsvReader(*window.window(), CsvDialect{}, "t.csv");
        if (piece == 0) {
            // Before the first row, the header's text is still there: "\n" of "\r\n" is column 3 of line 1.
            const Query before[] = {{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 3, 1}, {7, 4, 1}, {8, 4, 2}};
            for (const Query& q : before) {
                const TextPosition position = reader->PositionOfOffset(q.offset);
                EXPECT_EQ(position.line, q.line) << q.offset;
                EXPECT_EQ(position.column, q.column) << q.offset;
            }
        }
        Record record;
        for (const std::vector<Query>& queries : after_row) {
            ASSERT_TRUE(reader->Next(record));
            for (const Query& q : queries) {
                const TextPosition position = reader->PositionOfOffset(q.offset);
                EXPECT_EQ(position.line, q.line) << q.offset;
                EXPECT_EQ(position.column, q.column) << q.offset;
            }
        }
        EXPECT_FALSE(reader->Next(record));
        const TextPosition end = reader->PositionOfOffset(8);
        EXPECT_EQ(end.line, 4);
        EXPECT_EQ(end.column, 2);
    }
}

struct StreamCase {
    const char* name;
    std::string_view text;
    CsvDialect dialect;
    Rows rows;
    std::vector<int64_t> lines;
    std::vector<int64_t> offsets;
    std::vector<std::string> raws;
};

void ExpectInEveryPieceSize(const StreamCase& c) {
    SCOPED_TRACE(c.name);
    for (size_t piece : kPieces) {
        SCOPED_TRACE(piece);
        const ReadResult result = ReadAll(c.text, c.dialect, piece);
        ASSERT_FALSE(result.error.has_value()) << result.error->ToString();
        EXPECT_EQ(result.rows, c.rows);
        EXPECT_EQ(result.lines, c.lines);
        EXPECT_EQ(result.offsets, c.offsets);
        EXPECT_EQ(result.raws, c.raws);
    }
}

TEST(CsvReader, ReadsQuotedFieldsAcrossPieces) {
    const StreamCase cases[] = {
        // Row 1 starts after "id,text\n" (8) and spans lines 2-5 ("\n", "\r\n", "\n" inside its quotes); its raw
        // is 2 + 1 + 8 + 1 + 8 + 2 + 11 + 5 + 1 + 3 + 1 = 43 bytes, so row 2 starts at 8 + 43 + 1 = 52, line 6.
        {"escapes and line ends in one field",
         "id,text\n1,\"line one\nline two\r\nline three \"\"q\"\"\nend\"\n2,x\n",
         {',', '"', 1},
         {{"1", "line one\nline two\r\nline three \"q\"\nend"}, {"2", "x"}},
         {2, 6},
         {8, 52},
         {"1,\"line one\nline two\r\nline three \"\"q\"\"\nend\"", "2,x"}},
        // An escaped quote as the field's last byte, then text after the closing quote ("x"), last line open.
        {"escape before the closing quote, no final line end", "a,b\n\"\"\"\"\"\"x,\"\"\"\"", {',', '"', 1},
         {{"\"\"x", "\""}}, {2}, {4}, {"\"\"\"\"\"\"x,\"\"\"\""}},
    };
    for (const StreamCase& c : cases) ExpectInEveryPieceSize(c);
}

TEST(CsvReader, KeepsCrlfSplitBetweenPiecesOneLineEnd) {
    // Every piece size from 1 to 8 puts a "\r" at the end of some piece.
    const StreamCase cases[] = {
        // a,b\r\n = 0-4; 1,2\r\n = 5-9; 3,4 at 10.
        {"crlf rows", "a,b\r\n1,2\r\n3,4\r\n", {',', '"', 1}, {{"1", "2"}, {"3", "4"}}, {2, 3}, {5, 10},
         {"1,2", "3,4"}},
        // a\r\n = 0-2; "x\r\ny" = 3-8; \r\n 9-10; blank line 4 = 11-12; z at 13 on line 5.
        {"crlf in quotes and a blank line", "a\r\n\"x\r\ny\"\r\n\r\nz\r\n", {',', '"', 1}, {{"x\r\ny"}, {"z"}},
         {2, 5}, {3, 13}, {"\"x\r\ny\"", "z"}},
        // a,b\r = 0-3; 1,2\r = 4-7; 3,4\r = 8-11: the last "\r" ends the text, no row after it.
        {"lone cr, last at the end", "a,b\r1,2\r3,4\r", {',', '"', 1}, {{"1", "2"}, {"3", "4"}}, {2, 3}, {4, 8},
         {"1,2", "3,4"}},
        // a,b\r (line 1) \r\n (line 2, empty) 1,2\n = 6-9 (line 3) \r = 10 (line 4, empty) 3,4 = 11 (line 5).
        {"lone cr next to crlf", "a,b\r\r\n1,2\n\r3,4", {',', '"', 1}, {{"1", "2"}, {"3", "4"}}, {3, 5}, {6, 11},
         {"1,2", "3,4"}},
    };
    for (const StreamCase& c : cases) ExpectInEveryPieceSize(c);
}

// Header, a row with a non-ASCII letter (so that the window will not switch to Windows-1251 later), and six
// rows of 10 bytes: 8 + 5 + 60 = 73 bytes on lines 1-8, longer than the window's 64-byte head.
constexpr std::string_view kUtf8Head =
    "id,name\n1,\xC3\xA9\n2,abcdefg\n3,abcdefg\n4,abcdefg\n5,abcdefg\n6,abcdefg\n7,abcdefg\n";

TEST(CsvReader, FailsWithTheWindowErrorWhereTheTextEnds) {
    // 0x98 is invalid UTF-8 and undefined in Windows-1251: the text ends just before it.
    struct Case {
        const char* name;
        std::string tail;
        int64_t header_line;
        size_t rows;
        int64_t line;
        int64_t column;
    };
    const Case cases[] = {
        {"in a row: the row is not returned", "8,ab\x98" "cd\n9,x\n", 1, 7, 9, 5},
        {"at a line start", "\x98" "8,x\n", 1, 7, 9, 1},
        {"inside an open quote: wins over the unterminated quote", "8,\"ab\ncd\x98" "\"\n", 1, 7, 10, 3},
        {"after a quoted field, before the line end", "8,\"ab\ncd\"\x98\n", 1, 7, 10, 4},
        {"after a lone cr", "8,x\r\x98", 1, 8, 10, 1},
        {"in the header row (lines 1-8 are titles)", "8,ab\x98" "cd\n9,x\n", 9, 0, 9, 5},
        {"before the header row", "\x98" "8,x\n", 10, 0, 9, 1},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        const std::string bytes = std::string(kUtf8Head) + c.tail;
        for (size_t piece : {1, 2, 3, 5, 8, 13, 64}) {  // the default head would hold the bad byte: Open fails
            SCOPED_TRACE(piece);
            const ReadResult result = ReadAll(bytes, CsvDialect{',', '"', c.header_line}, piece);
            ASSERT_TRUE(result.opened);
            EXPECT_EQ(result.columns.size(), c.header_line == 1 ? 2u : 0u);
            EXPECT_EQ(result.rows.size(), c.rows);
            ASSERT_TRUE(result.error.has_value());
            EXPECT_EQ(result.error->code, ErrorCode::kBadEncoding);
            EXPECT_EQ(result.error->file, "t.csv");
            EXPECT_EQ(result.error->line, c.line);
            EXPECT_EQ(result.error->column, c.column);
        }
    }
}

// Serves its first `good` bytes, then fails.
class FailingSource final : public ByteSource {
public:
    FailingSource(std::string bytes, size_t good) : bytes_(std::move(bytes)), good_(good) {}
    int64_t size() const override { return static_cast<int64_t>(bytes_.size()); }
    Result<size_t> Read(char* out, size_t capacity) override {
        if (position_ >= good_) return MakeError(ErrorCode::kInternal, "read failed");
        const size_t n = std::min(capacity, good_ - position_);
        std::copy_n(bytes_.data() + position_, n, out);
        position_ += n;
        return n;
    }
    void Rewind() override { position_ = 0; }

private:
    std::string bytes_;
    size_t good_;
    size_t position_ = 0;
};

TEST(CsvReader, FailsWithAReadErrorInTheMiddle) {
    // The 64-byte head is decoded, the next read fails: the text ends at offset 64. Row 7 starts at 8 + 5 + 50
    // = 63 (line 8), so offset 64 is its column 2; rows 1-6 are returned.
    FailingSource source(std::string(kUtf8Head) + "8,x\n", 64);
    WindowOptions options;
    options.head_bytes = options.piece_bytes = 64;
    Result<std::unique_ptr<TextWindow>> window = TextWindow::Open(source, "t.csv", options);
    ASSERT_TRUE(window.ok()) << window.error().ToString();
    std::unique_ptr<RecordSource> reader = MakeCsvReader(*window.value(), CsvDialect{}, "t.csv");
    const ReadResult result = ReadRows(*reader);
    EXPECT_EQ(result.rows.size(), 6u);
    ASSERT_TRUE(result.error.has_value());
    EXPECT_EQ(result.error->code, ErrorCode::kInternal);
    EXPECT_EQ(result.error->message, "read failed");
    EXPECT_EQ(result.error->line, 8);
    EXPECT_EQ(result.error->column, 2);
}

// A document mixing every record form, long enough for many refills at every piece size.
std::string MixedDocument() {
    std::string text = "id;name;note\r\n";
    for (int i = 0; i < 60; ++i) {
        const std::string n = std::to_string(i);
        switch (i % 6) {
            case 0: text += n + ";plain name " + n + ";x\r\n"; break;
            case 1: text += n + ";\"quoted; with \"\"escapes\"\"\r\nand a crlf\";y\n"; break;
            case 2: text += n + ";  \"spaced\"  ;z\r"; break;
            case 3: text += ";;\n\n" + n + ";short\n"; break;
            case 4: text += n + ";\"\";\"multi\nline\nfield\"tail\r\n"; break;
            default: text += n + ";" + std::string(static_cast<size_t>(i), 'w') + ";end\n"; break;
        }
    }
    return text + "last;row";
}

TEST(CsvReader, ReadsTheSameInEveryPieceSize) {
    struct Doc {
        std::string name;
        std::string text;
        CsvDialect dialect;
    };
    std::vector<Doc> docs;
    for (const SniffCase& c : SniffCases()) docs.push_back({c.name, std::string(c.text), SniffCsvDialect(c.text)});
    for (const ReadCase& c : RecordCases()) docs.push_back({c.name, std::string(c.text), SniffCsvDialect(c.text)});
    for (const ReadCase& c : WordCases()) docs.push_back({c.name, std::string(c.text), SniffCsvDialect(c.text)});
    for (const ReadCase& c : BlockCases()) docs.push_back({c.name, std::string(c.text), SniffCsvDialect(c.text)});
    for (const DialectCase& c : DialectCases()) docs.push_back({c.name, std::string(c.text), c.dialect});
    for (const UnterminatedCase& c : UnterminatedCases()) {
        docs.push_back({c.name, std::string(c.text), CsvDialect{',', '"', 1}});
    }
    for (const ExcelCase& c : ExcelCases()) {  // as UTF-8: the decoding is the window's business
        const std::string padded = c.bytes + std::string(kTextPadding, '\0');
        Result<DecodedText> decoded = DecodeText(std::string_view(padded.data(), c.bytes.size()), "t.csv");
        ASSERT_TRUE(decoded.ok());
        const std::string text(decoded.value().text);
        docs.push_back({c.name, text, SniffCsvDialect(text)});
    }
    docs.push_back({"long escaped fields", LongEscapedFields(), CsvDialect{}});
    docs.push_back({"offsets", "a,b\n1,\"x\ny\"\r\n2,2", CsvDialect{}});
    docs.push_back({"mixed", MixedDocument(), CsvDialect{';', '"', 1}});
    for (const Doc& doc : docs) {
        SCOPED_TRACE(doc.name);
        const ReadResult expected = ReadAll(doc.text, doc.dialect);
        ASSERT_TRUE(expected.opened);
        for (size_t piece : kPieces) {
            SCOPED_TRACE(piece);
            const ReadResult result = ReadAll(doc.text, doc.dialect, piece);
            ASSERT_TRUE(result.opened);
            EXPECT_EQ(result.columns, expected.columns);
            EXPECT_EQ(result.rows, expected.rows);
            EXPECT_EQ(result.lines, expected.lines);
            EXPECT_EQ(result.offsets, expected.offsets);
            EXPECT_EQ(result.raws, expected.raws);
            ASSERT_EQ(result.error.has_value(), expected.error.has_value());
            if (!expected.error.has_value()) continue;
            EXPECT_EQ(result.error->code, expected.error->code);
            EXPECT_EQ(result.error->line, expected.error->line);
            EXPECT_EQ(result.error->column, expected.error->column);
        }
    }
}

TEST(CsvReader, ReadsTheMixedDocument) {
    // Spot checks by hand; ReadsTheSameInEveryPieceSize checks every piece size against the default.
    const ReadResult result = ReadAll(MixedDocument(), CsvDialect{';', '"', 1});
    ASSERT_FALSE(result.error.has_value()) << result.error->ToString();
    // 60 records, ten ";;" lines skipped, and "last;row".
    ASSERT_EQ(result.rows.size(), 61u);
    EXPECT_EQ(result.rows[0], (std::vector<std::string>{"0", "plain name 0", "x"}));
    EXPECT_EQ(result.rows[1], (std::vector<std::string>{"1", "quoted; with \"escapes\"\r\nand a crlf", "y"}));
    EXPECT_EQ(result.rows[2], (std::vector<std::string>{"2", "spaced", "z"}));
    EXPECT_EQ(result.rows[3], (std::vector<std::string>{"3", "short", ""}));
    EXPECT_EQ(result.rows[4], (std::vector<std::string>{"4", "", "multi\nline\nfieldtail"}));
    EXPECT_EQ(result.rows[5], (std::vector<std::string>{"5", "wwwww", "end"}));
    EXPECT_EQ(result.rows[60], (std::vector<std::string>{"last", "row", ""}));
    // Lines: header 1; rows 0, 1 (2 lines), 2, then ";;" and a blank line before 3, then 4 (3 lines), 5.
    EXPECT_EQ(std::vector<int64_t>(result.lines.begin(), result.lines.begin() + 6),
              (std::vector<int64_t>{2, 3, 5, 8, 9, 12}));
}

}  // namespace
}  // namespace crm
