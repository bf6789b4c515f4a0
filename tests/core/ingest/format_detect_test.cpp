#include "core/ingest/format_detect.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>

namespace crm {
namespace {

struct DetectCase {
    const char* name;
    std::string_view text;
    FileFormat format;
};

TEST(DetectFileFormat, TellsCsvJsonAndNdjsonApart) {
    const DetectCase cases[] = {
        {"csv", "a,b\n1,2\n", FileFormat::kCsv},
        {"quoted csv header", "\"id\",\"name\"\n1,2\n", FileFormat::kCsv},
        {"bracketed csv header", "[id];[name]\n1;2\n", FileFormat::kCsv},
        {"one number per line is a csv column", "42\n43\n", FileFormat::kCsv},
        {"json array", "[{\"a\":1},{\"a\":2}]", FileFormat::kJson},
        {"json array after spaces", "  \r\n[ {\"a\":1} ]\n", FileFormat::kJson},
        {"empty json array", "[]", FileFormat::kJson},
        {"truncated json array", "[", FileFormat::kJson},
        {"object holding an array", "{\"data\":[{\"a\":1}]}", FileFormat::kJson},
        {"pretty-printed object", "{\n  \"data\": [\n    {\"a\": 1}\n  ]\n}\n", FileFormat::kJson},
        {"one object", "{\"a\":1}\n", FileFormat::kJson},
        {"ndjson", "{\"a\":1}\n{\"a\":2}\n", FileFormat::kNdjson},
        {"ndjson with braces in strings", "{\"a\":\"}{\"}\r\n\r\n{\"a\":2}", FileFormat::kNdjson},
    };
    for (const DetectCase& c : cases) {
        SCOPED_TRACE(c.name);
        Result<FileFormat> result = DetectFileFormat(c.text, "f");
        ASSERT_TRUE(result.ok()) << result.error().ToString();
        EXPECT_EQ(result.value(), c.format);
    }
}

struct RejectCase {
    const char* name;
    std::string_view text;
    ErrorCode code;
    int64_t line;
    int64_t column;
    const char* message_part;
};

TEST(DetectFileFormat, RejectsPagesAndScalars) {
    const RejectCase cases[] = {
        {"html page", "<!DOCTYPE html>\n<html><body>Login</body></html>", ErrorCode::kNotATable, 1, 1, "HTML page"},
        {"html after blank lines", "\n\n  <html lang=\"ru\">", ErrorCode::kNotATable, 3, 3, "HTML page"},
        {"xml", "<?xml version=\"1.0\"?>\n<root/>", ErrorCode::kNotATable, 1, 1, "XML document"},
        {"excel xml", "<?xml version=\"1.0\"?><?mso-application progid=\"Excel.Sheet\"?><Workbook>",
         ErrorCode::kNotATable, 1, 1, "Excel XML spreadsheet"},
        {"number", "42", ErrorCode::kNotATable, 1, 1, "single JSON value"},
        {"negative exponent number", "\n-1.5e3\n", ErrorCode::kNotATable, 2, 1, "single JSON value"},
        {"string", "\"x\"", ErrorCode::kNotATable, 1, 1, "single JSON value"},
        {"literal", "true\n", ErrorCode::kNotATable, 1, 1, "single JSON value"},
        {"only whitespace", " \n\t ", ErrorCode::kEmpty, 0, 0, "whitespace"},
    };
    for (const RejectCase& c : cases) {
        SCOPED_TRACE(c.name);
        Result<FileFormat> result = DetectFileFormat(c.text, "f.csv");
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.error().code, c.code);
        EXPECT_EQ(result.error().file, "f.csv");
        EXPECT_EQ(result.error().line, c.line);
        EXPECT_EQ(result.error().column, c.column);
        EXPECT_NE(result.error().message.find(c.message_part), std::string::npos) << result.error().message;
    }
}

TEST(FileFormatName, NamesEveryFormat) {
    const std::pair<FileFormat, std::string_view> cases[] = {
        {FileFormat::kCsv, "csv"}, {FileFormat::kJson, "json"}, {FileFormat::kNdjson, "ndjson"}};
    for (const auto& [format, name] : cases) EXPECT_EQ(FileFormatName(format), name);
}

}  // namespace
}  // namespace crm
