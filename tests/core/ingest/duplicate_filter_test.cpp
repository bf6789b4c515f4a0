#include "core/ingest/duplicate_filter.h"

#include <string>
#include <unordered_map>
#include <vector>

#include <gtest/gtest.h>

namespace crm {
namespace {

TEST(DuplicateFilter, FlagsOnlyByteIdenticalRepeats) {
    const std::string text = "a;1\na;1\na; 1\nA;1\n\n\na;1";
    DuplicateFilter filter;
    struct Case {
        size_t offset, size;
        bool repeat;
    };
    const Case cases[] = {{0, 3, false}, {4, 3, true}, {8, 4, false}, {13, 3, false}, {17, 0, false}, {18, 0, true}, {19, 3, true}};
    for (const Case& c : cases) {
        EXPECT_EQ(filter.SeenBefore(std::string_view(text).substr(c.offset, c.size)), c.repeat) << c.offset;
    }
}

TEST(RowFingerprint, TellsApartRowsDifferingInOneByte) {
    // Every length from 0 to 80 (blocks, whole words, a partial last word, rows shorter than a word): a row and
    // each of its one-byte variants (every position) must get distinct fingerprints, the same text at another
    // address the same one.
    std::unordered_map<uint64_t, std::string> seen;
    for (size_t n = 0; n <= 80; ++n) {
        std::string base;
        for (size_t i = 0; i < n; ++i) base.push_back(static_cast<char>('a' + i % 26));
        std::vector<std::string> rows = {base};
        for (size_t i = 0; i < n; ++i) {
            std::string v = base;
            v[i] = static_cast<char>(v[i] ^ 0x01);
            rows.push_back(v);
        }
        if (n > 0) rows.push_back(base.substr(0, n - 1) + std::string(1, '\0'));  // a zero last byte
        for (const std::string& row : rows) {
            const uint64_t fingerprint = RowFingerprint(row);
            EXPECT_GE(fingerprint, 2u) << row;
            const auto [it, inserted] = seen.emplace(fingerprint, row);
            EXPECT_TRUE(inserted || it->second == row) << "'" << row << "' and '" << it->second << "'";
            const std::string copy = " " + row;  // another address
            EXPECT_EQ(RowFingerprint(std::string_view(copy).substr(1)), fingerprint) << row;
        }
    }
}

}  // namespace
}  // namespace crm
