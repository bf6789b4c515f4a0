#include "core/ingest/encoding.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>

#include "core/ingest/record.h"

namespace crm {
namespace {

// Bytes followed by kTextPadding readable bytes, as the loader hands them over.
struct PaddedBytes {
    explicit PaddedBytes(std::string_view bytes) : storage(bytes) { storage.append(kTextPadding, '\0'); }
    std::string_view view() const { return std::string_view(storage.data(), storage.size() - kTextPadding); }
    std::string storage;
};

using namespace std::string_literals;

struct DecodeCase {
    const char* name;
    std::string bytes;
    TextEncoding encoding;
    std::string text;  // expected UTF-8
};

TEST(DecodeText, DecodesEachEncoding) {
    const DecodeCase cases[] = {
        {"ascii", "a,b\n1,2\n", TextEncoding::kUtf8, "a,b\n1,2\n"},
        {"utf-8 cyrillic", "Клиент;Сумма\n", TextEncoding::kUtf8, "Клиент;Сумма\n"},
        {"utf-8 bom skipped", "\xEF\xBB\xBF" "a;b\n", TextEncoding::kUtf8Bom, "a;b\n"},
        // К=CA л=EB и=E8 е=E5 н=ED т=F2, Д=C4 а=E0 т=F2 а=E0, С=D1 у=F3 м=EC м=EC а=E0
        {"windows-1251 header", "\xCA\xEB\xE8\xE5\xED\xF2;\xC4\xE0\xF2\xE0;\xD1\xF3\xEC\xEC\xE0\r\n",
         TextEncoding::kWindows1251, "Клиент;Дата;Сумма\r\n"},
        // № = B9, NBSP = A0, « = AB, » = BB; "заказ" = E7 E0 EA E0 E7
        {"windows-1251 punctuation", "\xB9\xA0\xE7\xE0\xEA\xE0\xE7;\xAB\xE7\xE0\xEA\xE0\xE7\xBB",
         TextEncoding::kWindows1251, "№\u00A0заказ;«заказ»"},
        // Ціна: Ц=D6 і=B3 н=ED а=E0; Їжак: Ї=AF ж=E6 а=E0 к=EA; Ґанок: Ґ=A5 а=E0 н=ED о=EE к=EA;
        // Євро: Є=AA в=E2 р=F0 о=EE; ґ=B4 є=BA ї=BF І=B2 Ё=A8 ё=B8
        {"windows-1251 ukrainian",
         "\xD6\xB3\xED\xE0;\xAF\xE6\xE0\xEA;\xA5\xE0\xED\xEE\xEA;\xAA\xE2\xF0\xEE;\xB4\xBA\xBF\xB2\xA8\xB8",
         TextEncoding::kWindows1251, "Ціна;Їжак;Ґанок;Євро;ґєїІЁё"},
        // 'a' ';' 'К'(U+041A) as UTF-16LE after the FF FE mark
        {"utf-16le bom", "\xFF\xFE" "a\0;\0\x1A\x04"s, TextEncoding::kUtf16Le, "a;К"},
        {"utf-16le tsv", "\xFF\xFE" "i\0d\0\t\0n\0\r\0\n\0"s, TextEncoding::kUtf16Le, "id\tn\r\n"},
        {"utf-16be bom", "\xFE\xFF" "\0a\0;\x04\x1A"s, TextEncoding::kUtf16Be, "a;К"},
        {"utf-16le without bom", "i\0d\0;\0n\0\n\0"s, TextEncoding::kUtf16Le, "id;n\n"},
        // U+1F600 = surrogates D83D DE00 -> UTF-8 F0 9F 98 80
        {"utf-16le surrogate pair", "\xFF\xFE" "x\0\x3D\xD8\x00\xDE"s, TextEncoding::kUtf16Le, "x\xF0\x9F\x98\x80"},
    };
    for (const DecodeCase& c : cases) {
        SCOPED_TRACE(c.name);
        const PaddedBytes input(c.bytes);
        Result<DecodedText> result = DecodeText(input.view(), "f.csv");
        ASSERT_TRUE(result.ok()) << result.error().ToString();
        EXPECT_EQ(result.value().encoding, c.encoding);
        EXPECT_EQ(result.value().text, c.text);
    }
}

TEST(DecodeText, KeepsValidUtf8InPlace) {
    const PaddedBytes input("\xEF\xBB\xBF" "id;name\n1;Анна\n");
    Result<DecodedText> result = DecodeText(input.view(), "f.csv");
    ASSERT_TRUE(result.ok());
    EXPECT_TRUE(result.value().storage.empty());
    EXPECT_EQ(result.value().text.data(), input.storage.data() + 3);  // after the 3-byte BOM, no copy
}

TEST(DecodeText, TranscodedTextIsPaddedAndSurvivesMoves) {
    const PaddedBytes input("\xD1\xF3\xEC\xEC\xE0;1\n");  // "Сумма;1\n" in Windows-1251
    Result<DecodedText> result = DecodeText(input.view(), "f.csv");
    ASSERT_TRUE(result.ok());
    DecodedText moved = std::move(result).value();
    EXPECT_EQ(moved.text, "Сумма;1\n");
    ASSERT_EQ(moved.text.data(), moved.storage.data());
    ASSERT_EQ(moved.storage.size(), moved.text.size() + kTextPadding);
    for (size_t i = moved.text.size(); i < moved.storage.size(); ++i) EXPECT_EQ(moved.storage[i], '\0') << i;
}

struct FailCase {
    const char* name;
    std::string bytes;
    ErrorCode code;
    int64_t line;
    int64_t column;
    const char* message_part;  // must appear in the message
};

TEST(DecodeText, RejectsEmptyBinaryAndUndecodableFiles) {
    const FailCase cases[] = {
        {"empty", "", ErrorCode::kEmpty, 0, 0, "empty"},
        {"whitespace", "  \r\n\t\n", ErrorCode::kEmpty, 0, 0, "whitespace"},
        {"bom only", "\xEF\xBB\xBF", ErrorCode::kEmpty, 0, 0, "byte order mark"},
        {"xlsx", "PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0[Content_Types].xml xl/workbook.xml"s, ErrorCode::kNotATable, 1, 1,
         "Excel .xlsx workbook; open it in Excel and save it as CSV"},
        {"zip", "PK\x03\x04\x14\0\0\0data.txt"s, ErrorCode::kNotATable, 1, 1, "ZIP archive"},
        {"xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"s, ErrorCode::kNotATable, 1, 1, ".xls workbook"},
        {"png", "\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s, ErrorCode::kNotATable, 1, 1, "PNG image"},
        {"pdf", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", ErrorCode::kNotATable, 1, 1, "PDF document"},
        // NUL is the 3rd byte of line 2
        {"nul byte", "a,b\n1,\0\n"s, ErrorCode::kNotATable, 2, 3, "binary file"},
        // 5 control characters (0x01) in 20 bytes: more than 1%; the first is at line 1, column 4
        {"control characters", "abc\x01\x01\x01\x01\x01 defghijklm", ErrorCode::kNotATable, 1, 4, "control"},
        // Latin-1 "Müller;Straße": ü (FC) and ß (DF) stand alone between ASCII letters -> not Cyrillic
        {"latin-1", "Name\nM\xFCller;Stra\xDF" "e\n", ErrorCode::kBadEncoding, 2, 2, "neither UTF-8 nor Windows-1251"},
        // 0x98 is undefined in Windows-1251
        {"undefined 1251 byte", "\xCA\xEB\xE8\x98\xE5\xED\xF2", ErrorCode::kBadEncoding, 1, 1, "neither"},
        {"bad utf-8 after bom", "\xEF\xBB\xBF" "ab\n\xFF", ErrorCode::kBadEncoding, 2, 1, "byte order mark"},
    };
    for (const FailCase& c : cases) {
        SCOPED_TRACE(c.name);
        const PaddedBytes input(c.bytes);
        Result<DecodedText> result = DecodeText(input.view(), "f.csv");
        ASSERT_FALSE(result.ok());
        const Error& error = result.error();
        EXPECT_EQ(error.code, c.code) << error.ToString();
        EXPECT_EQ(error.file, "f.csv");
        EXPECT_EQ(error.line, c.line);
        EXPECT_EQ(error.column, c.column);
        EXPECT_NE(error.message.find(c.message_part), std::string::npos) << error.message;
    }
}

TEST(TextEncodingName, NamesEveryEncoding) {
    const std::pair<TextEncoding, std::string_view> cases[] = {
        {TextEncoding::kUtf8, "utf-8"},         {TextEncoding::kUtf8Bom, "utf-8-bom"},
        {TextEncoding::kUtf16Le, "utf-16le"},   {TextEncoding::kUtf16Be, "utf-16be"},
        {TextEncoding::kWindows1251, "windows-1251"},
    };
    for (const auto& [encoding, name] : cases) EXPECT_EQ(TextEncodingName(encoding), name);
}

TEST(PositionOfOffset, CountsLfCrlfAndLoneCr) {
    // a0 b1 \n2 c3 d4 \r5 \n6 e7 f8 \r9 g10 h11
    const std::string_view text = "ab\ncd\r\nef\rgh";
    struct Case {
        size_t offset;
        int64_t line;
        int64_t column;
    };
    const Case cases[] = {{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 3}, {6, 2, 4},
                          {7, 3, 1}, {9, 3, 3}, {10, 4, 1}, {12, 4, 3}, {99, 4, 3}};
    LineCounter counter(text);
    for (const Case& c : cases) {
        SCOPED_TRACE(c.offset);
        const TextPosition fresh = PositionOfOffset(text, c.offset);
        EXPECT_EQ(fresh.line, c.line);
        EXPECT_EQ(fresh.column, c.column);
        const TextPosition counted = counter.Position(c.offset);  // increasing offsets reuse the last answer
        EXPECT_EQ(counted.line, c.line);
        EXPECT_EQ(counted.column, c.column);
    }
    const TextPosition back = counter.Position(3);  // going backwards restarts
    EXPECT_EQ(back.line, 2);
    EXPECT_EQ(back.column, 1);
}

}  // namespace
}  // namespace crm
