#include "core/common/byte_mask16.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace crm {
namespace {

struct MaskCase {
    std::string name;
    std::string bytes;       // at least 16; bytes past the 16th must not count
    std::vector<char> find;  // 1 to 4 byte values
    uint32_t mask;           // bit i for bytes[i]
};

std::vector<MaskCase> MaskCases() {
    std::vector<MaskCase> cases = {
        {"none", "abcdefghijklmnop", {',', '\n', '\r', '"'}, 0x0000},
        {"both ends", ",bcdefghijklmno,", {','}, 0x8001},
        {"every byte", std::string(16, ';'), {';', '\n'}, 0xFFFF},
        {"the 17th byte does not count", "abcdefghijklmnop,", {','}, 0x0000},
        {"two values", "a,b\nc,d\ne,f\ng,h\n", {',', '\n'}, 0xAAAA},
        {"three values", "1;2\r\n3;\"4\"\r\n5;6\n", {';', '\r', '\n'}, 0xAC5A},
        {"four values", "\"a\",\tb|c\nd\re,fgh", {'"', '\n', '\r', ','}, 0x150D},
        // Bytes at or above 0x80 that equal a low value in their low 7 bits never match it.
        {"high bytes and their low twins",
         std::string("\x8A\x0A\x8D\x0D\xAC\x2C\xA2\x22\xBB\x3B\xFC\x7C\x80\x00\xFF\x7F", 16),
         {'\n', '\r', ',', '"'}, 0x00AA},
        {"high values", "\xD0\x9F\xD1\x80\xD0\xB8,\xD0\xB2\xD0\xB5\xD1\x82\xFF\xFFz", {'\xD0', '\xFF'}, 0x6291},
        {"zero bytes", std::string("a\0b\0\0c\0\0\0d\0\0\0\0e\0", 16), {'\0'}, 0xBDDA},
        // Neighbours that differ from a value in one bit, next to it (carries and borrows of word tricks).
        {"one-bit neighbours", "-,-,\x0B\n\x0B\x0C\r\x0C#\"#:;:", {',', '\n', '\r', '"'}, 0x092A},
        {"byte 0x01 after a match", ",\x01,\x01\x01,\x01\x01\x01,\x01\x01\x01\x01,\x01", {','}, 0x4225},
    };
    for (int i = 0; i < 16; ++i) {  // one match at every position, and one miss at every position
        std::string one(16, 'x');
        one[static_cast<size_t>(i)] = '\n';
        cases.push_back({"match at " + std::to_string(i), one, {'\n', ','}, 1u << i});
        std::string all(16, '|');
        all[static_cast<size_t>(i)] = 'y';
        cases.push_back({"miss at " + std::to_string(i), all, {'|'}, 0xFFFFu & ~(1u << i)});
    }
    return cases;
}

// Calls `match` with the case's 1 to 4 values.
template <typename Match>
uint32_t MatchCase(Match match, const char* p, const std::vector<char>& f) {
    switch (f.size()) {
        case 1: return match(p, f[0]);
        case 2: return match(p, f[0], f[1]);
        case 3: return match(p, f[0], f[1], f[2]);
        default: return match(p, f[0], f[1], f[2], f[3]);
    }
}

TEST(ByteMask16, MarksTheMatchingBytes) {
    const auto simd = [](const char* p, auto... bytes) { return MatchBytes16(p, bytes...); };
    const auto portable = [](const char* p, auto... bytes) { return PortableMatchBytes16(p, bytes...); };
    for (const MaskCase& c : MaskCases()) {
        ASSERT_GE(c.bytes.size(), 16u) << c.name;
        for (size_t shift = 0; shift < 16; ++shift) {  // every alignment of the load
            std::string buffer(shift, '\0');
            buffer += c.bytes;
            const char* p = buffer.data() + shift;
            EXPECT_EQ(MatchCase(simd, p, c.find), c.mask) << c.name << ", shift " << shift;
            EXPECT_EQ(MatchCase(portable, p, c.find), c.mask) << c.name << ", shift " << shift;
        }
    }
}

}  // namespace
}  // namespace crm
