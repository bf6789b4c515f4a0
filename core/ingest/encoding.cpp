#include "core/ingest/encoding.h"

#include <algorithm>
#include <cstring>

#include "core/common/bytes.h"
#include "core/ingest/record.h"
#include "core/ingest/text.h"
#include "simdjson.h"

namespace crm {

namespace {

constexpr size_t kSniffBytes = 64 * 1024;  // binary and UTF-16 checks look at this much of the start

static_assert(kTextPadding > 24, "storage must never be a short (SSO) string, or moving it moves the text");

// UTF-8 of the 128 high code points of Windows-1251 (0x80..0xFF). 0x98 is undefined and decodes to U+FFFD.
constexpr char16_t kWindows1251High[128] = {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,  // 80 Ђ Ѓ ‚ ѓ „ … † ‡
    0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,  // 88 € ‰ Љ ‹ Њ Ќ Ћ Џ
    0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90 ђ ‘ ’ “ ” • – —
    0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,  // 98 (undefined) ™ љ › њ ќ ћ џ
    0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,  // A0 NBSP Ў ў Ј ¤ Ґ ¦ §
    0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,  // A8 Ё © Є « ¬ SHY ® Ї
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,  // B0 ° ± І і ґ µ ¶ ·
    0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,  // B8 ё № є » ј Ѕ ѕ ї
    0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,  // C0 А..З
    0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,  // C8 И..П
    0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,  // D0 Р..Ч
    0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,  // D8 Ш..Я
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,  // E0 а..з
    0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,  // E8 и..п
    0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,  // F0 р..ч
    0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,  // F8 ш..я
};

// True for the Windows-1251 bytes of Russian and Ukrainian letters: А..я, Ё ё, Ґ ґ, Є є, Ї ї, І і.
constexpr bool IsCyrillicLetter1251(uint8_t b) {
    return b >= 0xC0 || b == 0xA8 || b == 0xB8 || b == 0xA5 || b == 0xB4 || b == 0xAA || b == 0xBA ||
           b == 0xAF || b == 0xBF || b == 0xB2 || b == 0xB3;
}

// Sizes `storage` for up to `max_out` bytes of text plus padding; FinishStorage() trims it to the text written.
char* BeginStorage(std::string& storage, size_t max_out) {
    storage.assign(max_out + kTextPadding, '\0');
    return storage.data();
}

std::string_view FinishStorage(std::string& storage, const char* out_end) {
    const size_t size = static_cast<size_t>(out_end - storage.data());
    storage.resize(size + kTextPadding);
    std::memset(storage.data() + size, 0, kTextPadding);
    return std::string_view(storage.data(), size);
}

std::string_view TranscodeUtf16(std::string_view bytes, bool big_endian, std::string& storage) {
    char* out = BeginStorage(storage, bytes.size() / 2 * 3);  // a unit gives at most 3 bytes; a pair of units 4
    DecodeUtf16(bytes, big_endian, true, out);
    return FinishStorage(storage, out);
}

std::string_view TranscodeWindows1251(std::string_view bytes, std::string& storage) {
    char* out = BeginStorage(storage, bytes.size() * 3);  // U+2116 № and friends take 3 bytes
    return FinishStorage(storage, DecodeWindows1251(bytes, out));
}

// Offset of the first byte of an invalid UTF-8 sequence, or npos when `text` is valid UTF-8.
size_t FirstInvalidUtf8(std::string_view text) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const size_t n = text.size();
    size_t i = 0;
    while (i < n) {
        const uint8_t b = s[i];
        if (b < 0x80) {
            ++i;
            continue;
        }
        size_t len = 0;
        uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
        if (b >= 0xC2 && b <= 0xDF) {
            len = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            len = 3;
            if (b == 0xE0) lo = 0xA0;   // no overlong forms
            if (b == 0xED) hi = 0x9F;   // no surrogates
        } else if (b >= 0xF0 && b <= 0xF4) {
            len = 4;
            if (b == 0xF0) lo = 0x90;
            if (b == 0xF4) hi = 0x8F;   // nothing above U+10FFFF
        } else {
            return i;
        }
        if (i + len > n || s[i + 1] < lo || s[i + 1] > hi) return i;
        for (size_t k = 2; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return i;
        }
        i += len;
    }
    return std::string_view::npos;
}

// Windows-1251 is plausible when no byte is undefined (0x98), at least 70% of the high bytes are
// Cyrillic letters, and at least 60% of those letters stand next to another one (Russian words are
// runs of high bytes; Latin-1 accents sit alone between ASCII letters).
bool PlausibleWindows1251Bytes(std::string_view bytes) {
    const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
    const size_t n = bytes.size();
    size_t high = 0, letters = 0, paired = 0;
    for (size_t i = 0; i < n; ++i) {
        const uint8_t b = s[i];
        if (b < 0x80) continue;
        if (b == 0x98) return false;
        ++high;
        if (!IsCyrillicLetter1251(b)) continue;
        ++letters;
        if ((i > 0 && IsCyrillicLetter1251(s[i - 1])) || (i + 1 < n && IsCyrillicLetter1251(s[i + 1]))) ++paired;
    }
    return high > 0 && letters * 10 >= high * 7 && paired * 10 >= letters * 6;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && std::memcmp(s.data(), prefix.data(), prefix.size()) == 0;
}

// What a known binary file signature says the file is, or empty.
std::string_view DescribeSignature(std::string_view bytes) {
    using namespace std::string_view_literals;
    if (StartsWith(bytes, "PK\x03\x04"sv) || StartsWith(bytes, "PK\x05\x06"sv)) {
        const std::string_view head = bytes.substr(0, kSniffBytes);
        if (head.find("xl/"sv) != std::string_view::npos) {
            return "an Excel .xlsx workbook; open it in Excel and save it as CSV";
        }
        if (head.find("word/"sv) != std::string_view::npos) return "a Word .docx document";
        if (head.find("content.xml"sv) != std::string_view::npos) {
            return "an OpenDocument (.ods) file; save it as CSV";
        }
        return "a ZIP archive (an Excel .xlsx workbook is one; save it as CSV)";
    }
    if (StartsWith(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv)) {
        return "an Excel 97-2003 .xls workbook (or another old Office document); save it as CSV";
    }
    if (StartsWith(bytes, "\x89PNG"sv)) return "a PNG image";
    if (StartsWith(bytes, "\xFF\xD8\xFF"sv)) return "a JPEG image";
    if (StartsWith(bytes, "GIF87a"sv) || StartsWith(bytes, "GIF89a"sv)) return "a GIF image";
    if (StartsWith(bytes, "%PDF-"sv)) return "a PDF document";
    if (StartsWith(bytes, "\x1F\x8B"sv)) return "a gzip archive; unpack it first";
    if (StartsWith(bytes, "Rar!\x1A\x07"sv)) return "a RAR archive; unpack it first";
    if (StartsWith(bytes, "7z\xBC\xAF\x27\x1C"sv)) return "a 7-Zip archive; unpack it first";
    if (StartsWith(bytes, "SQLite format 3"sv)) return "an SQLite database";
    return {};
}

// Offset of the byte that makes the start of `text` binary (a NUL, or the first control character
// when they are more than 1% of the first 64 KiB), or npos.
size_t BinaryOffset(std::string_view text) {
    const std::string_view head = text.substr(0, kSniffBytes);
    size_t controls = 0, first_control = std::string_view::npos;
    for (size_t i = 0; i < head.size(); ++i) {
        const auto b = static_cast<uint8_t>(head[i]);
        if (b >= 0x20 && b != 0x7F) continue;
        if (b == 0) return i;
        if (b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v' || b == 0x1A) continue;
        if (controls++ == 0) first_control = i;
    }
    return controls >= 4 && controls * 100 > head.size() ? first_control : std::string_view::npos;
}

// 0 when the start does not look like BOM-less UTF-16, 1 for little endian, 2 for big endian: one
// byte of every pair is NUL in at least 30% of the pairs and the other byte never is.
int GuessUtf16WithoutBom(std::string_view bytes) {
    const size_t pairs = std::min(bytes.size(), kSniffBytes) / 2;
    if (pairs < 2) return 0;
    size_t zero_even = 0, zero_odd = 0;
    for (size_t i = 0; i < pairs; ++i) {
        zero_even += bytes[2 * i] == 0;
        zero_odd += bytes[2 * i + 1] == 0;
    }
    if (zero_even == 0 && zero_odd * 10 >= pairs * 3) return 1;
    if (zero_odd == 0 && zero_even * 10 >= pairs * 3) return 2;
    return 0;
}

Error LocatedError(ErrorCode code, std::string message, std::string_view file, std::string_view text, size_t offset,
                   std::string expected) {
    Error error = MakeError(code, std::move(message));
    error.file = std::string(file);
    const TextPosition pos = PositionOfOffset(text, offset);
    error.line = pos.line;
    error.column = pos.column;
    error.expected = std::move(expected);
    return error;
}

bool IsAllWhitespace(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    });
}

constexpr const char* kExpectedText = "a CSV, TSV, JSON or NDJSON text file";

}  // namespace

char* DecodeWindows1251(std::string_view bytes, char* out) {
    for (unsigned char b : bytes) {
        if (b < 0x80) {
            *out++ = static_cast<char>(b);
        } else {
            out = PutUtf8(out, kWindows1251High[b - 0x80]);
        }
    }
    return out;
}

size_t DecodeUtf16(std::string_view bytes, bool big_endian, bool last, char*& out) {
    const size_t units = bytes.size() / 2;
    const auto* in = reinterpret_cast<const uint8_t*>(bytes.data());
    auto unit = [&](size_t i) -> uint32_t {
        return big_endian ? (uint32_t{in[2 * i]} << 8) | in[2 * i + 1] : (uint32_t{in[2 * i + 1]} << 8) | in[2 * i];
    };
    size_t i = 0;
    for (; i < units; ++i) {
        uint32_t cp = unit(i);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (i + 1 >= units) {
                if (!last) break;  // its pair may come with the next bytes
                cp = 0xFFFD;
            } else {
                const uint32_t low = unit(i + 1);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    ++i;
                } else {
                    cp = 0xFFFD;
                }
            }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = 0xFFFD;  // unpaired low surrogate
        }
        out = PutUtf8(out, cp);
    }
    return i * 2;
}

size_t ValidUtf8Prefix(std::string_view bytes, bool& cut, bool& non_ascii) {
    const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
    const size_t n = bytes.size();
    cut = false;
    size_t i = 0;
    for (;;) {
        // ASCII runs sixteen, then eight bytes at a time.
        while (i + 16 <= n && ((Load64(s + i) | Load64(s + i + 8)) & 0x8080808080808080ULL) == 0) i += 16;
        while (i + 8 <= n && (Load64(s + i) & 0x8080808080808080ULL) == 0) i += 8;
        while (i < n && s[i] < 0x80) ++i;
        if (i >= n) return n;
        if (simdjson::validate_utf8(bytes.data() + i, n - i)) {
            non_ascii = true;
            return n;
        }
        const size_t bad = FirstInvalidUtf8(bytes.substr(i));
        if (bad > 0) non_ascii = true;
        if (bad == std::string_view::npos) return n;
        // A lead byte whose sequence would run past the end, with valid continuation bytes so far: cut.
        const size_t at = i + bad;
        const uint8_t b = s[at];
        const size_t len = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xC2 && b <= 0xDF ? 2 : 0;
        if (len != 0 && at + len > n) {
            bool continuation = true;
            for (size_t k = at + 1; k < n; ++k) continuation = continuation && (s[k] & 0xC0) == 0x80;
            cut = continuation;
        }
        return at;
    }
}

bool PlausibleWindows1251(std::string_view bytes) { return PlausibleWindows1251Bytes(bytes); }

std::string_view TextEncodingName(TextEncoding encoding) {
    switch (encoding) {
        case TextEncoding::kUtf8: return "utf-8";
        case TextEncoding::kUtf8Bom: return "utf-8-bom";
        case TextEncoding::kUtf16Le: return "utf-16le";
        case TextEncoding::kUtf16Be: return "utf-16be";
        case TextEncoding::kWindows1251: return "windows-1251";
    }
    return "utf-8";
}

Result<DecodedText> DecodeText(std::string_view bytes, std::string_view file) {
    using namespace std::string_view_literals;
    DecodedText decoded;
    if (bytes.empty()) {
        Error error = MakeError(ErrorCode::kEmpty, "the file is empty");
        error.file = std::string(file);
        return error;
    }
    const std::string_view signature = DescribeSignature(bytes);
    if (!signature.empty()) {
        return LocatedError(ErrorCode::kNotATable, "binary file: this looks like " + std::string(signature), file,
                            bytes, 0, kExpectedText);
    }

    int utf16 = 0;  // 1 little endian, 2 big endian
    size_t skip = 0;
    if (StartsWith(bytes, "\xEF\xBB\xBF"sv)) {
        decoded.encoding = TextEncoding::kUtf8Bom;
        skip = 3;
    } else if (StartsWith(bytes, "\xFF\xFE"sv)) {
        utf16 = 1;
        skip = 2;
    } else if (StartsWith(bytes, "\xFE\xFF"sv)) {
        utf16 = 2;
        skip = 2;
    } else {
        utf16 = GuessUtf16WithoutBom(bytes);
    }

    if (utf16 != 0) {
        decoded.encoding = utf16 == 1 ? TextEncoding::kUtf16Le : TextEncoding::kUtf16Be;
        decoded.text = TranscodeUtf16(bytes.substr(skip), utf16 == 2, decoded.storage);
    } else {
        const std::string_view body = bytes.substr(skip);
        const size_t binary_at = BinaryOffset(body);
        if (binary_at != std::string_view::npos) {
            return LocatedError(ErrorCode::kNotATable,
                                body[binary_at] == 0 ? "binary file (it holds NUL bytes), not a text table"
                                                     : "binary file (it holds many control characters), not a text table",
                                file, body, binary_at, kExpectedText);
        }
        if (simdjson::validate_utf8(body.data(), body.size())) {
            decoded.text = body;
        } else {
            const size_t bad = FirstInvalidUtf8(body);
            if (decoded.encoding == TextEncoding::kUtf8Bom || !PlausibleWindows1251Bytes(body)) {
                return LocatedError(ErrorCode::kBadEncoding,
                                    decoded.encoding == TextEncoding::kUtf8Bom
                                        ? "invalid UTF-8 in a file that starts with a UTF-8 byte order mark"
                                        : "the text is neither UTF-8 nor Windows-1251",
                                    file, body, bad == std::string_view::npos ? 0 : bad,
                                    "UTF-8 or Windows-1251 text (save the file as \"CSV UTF-8\")");
            }
            decoded.encoding = TextEncoding::kWindows1251;
            decoded.text = TranscodeWindows1251(body, decoded.storage);
        }
    }

    if (utf16 != 0) {
        const size_t binary_at = BinaryOffset(decoded.text);
        if (binary_at != std::string_view::npos) {
            return LocatedError(ErrorCode::kNotATable, "binary file (it holds NUL or control characters), not a text table",
                                file, decoded.text, binary_at, kExpectedText);
        }
    }
    if (IsAllWhitespace(decoded.text)) {
        Error error = MakeError(ErrorCode::kEmpty, decoded.text.empty() && skip > 0
                                                       ? "the file holds only a byte order mark"
                                                       : "the file holds only whitespace");
        error.file = std::string(file);
        return error;
    }
    return decoded;
}

TextPosition PositionOfOffset(std::string_view text, size_t offset) {
    LineCounter counter(text);
    return counter.Position(offset);
}

TextPosition LineCounter::Position(size_t offset) {
    offset = std::min(offset, text_.size());
    if (offset < offset_) {
        offset_ = 0;
        line_ = 1;
        line_start_ = 0;
    }
    const char* s = text_.data();
    const size_t n = text_.size();
    size_t i = offset_;
    while (i < offset) {
        const char c = s[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= n || s[i + 1] != '\n'))) {
            ++line_;
            line_start_ = i + 1;
        }
        ++i;
    }
    offset_ = offset;
    return TextPosition{line_, static_cast<int64_t>(offset - line_start_) + 1};
}

}  // namespace crm
