#include "core/ingest/text_window.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/core/ingest/window_text.h"

namespace crm {
namespace {

using testing::WindowText;

/// All text the window gives, refilled keeping nothing, and how it ended.
struct ReadAll {
    std::string text;
    std::string encoding;
    bool failed = false;
    ErrorCode code = ErrorCode::kInternal;
    int64_t error_offset = -1;
};

ReadAll ReadEverything(const std::string& bytes, size_t piece) {
    WindowText input(bytes, piece);
    ReadAll out;
    if (input.open_error() != nullptr) {
        out.failed = true;
        out.code = input.open_error()->code;
        return out;
    }
    TextWindow& window = *input.window();
    for (;;) {
        EXPECT_EQ(window.base(), static_cast<int64_t>(out.text.size()));
        out.text.append(window.text());
        for (size_t i = 0; i < kTextPadding; ++i) EXPECT_EQ(window.end()[i], '\0');
        if (!window.Refill(window.end())) break;
    }
    EXPECT_TRUE(window.exhausted());
    EXPECT_FALSE(window.Refill(window.end()));
    out.encoding = std::string(TextEncodingName(window.encoding()));
    if (window.error() != nullptr) {
        out.failed = true;
        out.code = window.error()->code;
        out.error_offset = window.error_offset();
    }
    return out;
}

struct WindowCase {
    const char* name;
    std::string bytes;
    std::string text;      // decoded text (up to the error, when one is expected)
    const char* encoding;  // after the last piece
    bool failed;
    ErrorCode code;
    int64_t error_offset;  // -1: none
};

TEST(TextWindow, DecodesEveryPieceSizeAlike) {
    const std::string cyrillic_1251 = "\xCA\xEB\xE8\xE5\xED\xF2;\xD1\xF3\xEC\xEC\xE0\n";  // Клиент;Сумма
    const std::string cyrillic_utf8 = "Клиент;Сумма\n";
    const std::string ascii_head(100, 'a');  // longer than the 64 bytes the encoding is decided on
    const std::vector<WindowCase> cases = {
        {"ascii", "a,b\n1,2\n", "a,b\n1,2\n", "utf-8", false, ErrorCode::kInternal, -1},
        {"utf-8 cut anywhere", "id;имя\n1;Ёлка €\n", "id;имя\n1;Ёлка €\n", "utf-8", false, ErrorCode::kInternal, -1},
        {"bom skipped", "\xEF\xBB\xBF" "a;b\n", "a;b\n", "utf-8-bom", false, ErrorCode::kInternal, -1},
        {"windows-1251", cyrillic_1251, cyrillic_utf8, "windows-1251", false, ErrorCode::kInternal, -1},
        {"utf-16le with bom", std::string("\xFF\xFE" "a\0;\0\x16\x04\n\0", 10), "a;Ж\n", "utf-16le", false,
         ErrorCode::kInternal, -1},
        {"utf-16be surrogate pair", std::string("\xFE\xFF\0a\xD8\x3D\xDE\x00\0\n", 10), "a😀\n", "utf-16be", false,
         ErrorCode::kInternal, -1},
        // An ASCII start, Windows-1251 later: the switch keeps the ASCII as it is.
        {"ascii then windows-1251", ascii_head + "\n" + cyrillic_1251, ascii_head + "\n" + cyrillic_utf8,
         "windows-1251", false, ErrorCode::kInternal, -1},
        // Valid UTF-8 Cyrillic, then a stray 0xFF: mixed encodings end the text before the bad byte.
        {"utf-8 then invalid", cyrillic_utf8 + "x\xFFy", cyrillic_utf8 + "x", "utf-8", true, ErrorCode::kBadEncoding,
         static_cast<int64_t>(cyrillic_utf8.size() + 1)},
        {"empty", "", "", "", true, ErrorCode::kEmpty, -1},
        {"zip signature", "PK\x03\x04xl/", "", "", true, ErrorCode::kNotATable, -1},
    };
    for (const WindowCase& c : cases) {
        // The encoding is decided on the first 64 bytes or more; the switch to Windows-1251 and the error after
        // the head happen with pieces smaller than the file (the whole file in one head fails in Open instead).
        for (size_t piece : {1, 2, 3, 5, 8, 13, 64, 0}) {
            SCOPED_TRACE(std::string(c.name) + " piece " + std::to_string(piece));
            const ReadAll got = ReadEverything(c.bytes, piece);
            EXPECT_EQ(got.failed, c.failed);
            if (c.failed) {
                EXPECT_EQ(got.code, c.code);
            }
            if (got.error_offset >= 0) {  // failed after the head: the text before the error was given
                EXPECT_EQ(got.text, c.text);
                EXPECT_EQ(got.error_offset, c.error_offset);
            }
            if (!c.failed) {
                EXPECT_EQ(got.text, c.text);
                EXPECT_EQ(got.encoding, c.encoding);
            }
        }
    }
}

TEST(TextWindow, RefillKeepsTheTextFromKeep) {
    WindowText input("0123456789abcdef", 4);
    TextWindow& window = *input.window();
    EXPECT_EQ(window.text(), "0123");
    ASSERT_TRUE(window.Refill(window.begin() + 2));  // keep "23"
    EXPECT_EQ(window.text(), "234567");
    EXPECT_EQ(window.base(), 2);
    EXPECT_EQ(window.OffsetOf(window.begin() + 1), 3);
    ASSERT_TRUE(window.Refill(window.begin()));  // keep everything: the window grows
    EXPECT_EQ(window.text(), "23456789ab");
    ASSERT_TRUE(window.Refill(window.end()));
    EXPECT_EQ(window.text(), "cdef");
    EXPECT_EQ(window.base(), 12);
    EXPECT_TRUE(window.exhausted());
    EXPECT_EQ(window.source_read(), 16);
    EXPECT_EQ(window.source_size(), 16);
}

}  // namespace
}  // namespace crm
