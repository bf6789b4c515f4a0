#include "core/common/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#define FMT_HEADER_ONLY
#include <fmt/format.h>

#include "core/common/civil_date.h"

namespace crm {

namespace {

/// Longest text WriteDouble or WriteMoney writes.
constexpr size_t kMaxNumberText = 40;

/// Writes the shortest decimal text that parses back to exactly `value` (finite) at `out`; returns its end.
char* WriteDouble(char* out, double value) {
    if (value == 0) {
        if (std::signbit(value)) *out++ = '-';
        *out++ = '0';
        return out;
    }
    // The shortest digits that read back as `value` (Dragonbox, from fmt), laid out as printf's "%.Pg" lays
    // them out with P = max(15, their count): what trying %.15g, %.16g, %.17g until one reads back gives.
    const auto decimal = fmt::detail::dragonbox::to_decimal(std::fabs(value));
    uint64_t significand = decimal.significand;
    int exponent = decimal.exponent;
    for (; significand % 10 == 0; significand /= 10) ++exponent;
    char digits[20];
    int count = 0;
    for (uint64_t rest = significand; rest != 0; rest /= 10) digits[count++] = static_cast<char>('0' + rest % 10);
    std::reverse(digits, digits + count);
    const int leading = exponent + count - 1;  // value = d.ddd x 10^leading

    // sign, up to 17 digits, a point and up to 19 zeros (fixed) or an exponent: within kMaxNumberText
    if (value < 0) *out++ = '-';
    auto put = [&out](const char* from, int n) { out = std::copy(from, from + n, out); };
    auto zeros = [&out](int n) { out = std::fill_n(out, n, '0'); };
    if (leading >= -4 && leading < std::max(15, count)) {
        if (leading < 0) {  // 0.000ddd
            put("0.", 2);
            zeros(-leading - 1);
            put(digits, count);
        } else if (count <= leading + 1) {  // ddd000
            put(digits, count);
            zeros(leading + 1 - count);
        } else {  // dd.ddd
            put(digits, leading + 1);
            *out++ = '.';
            put(digits + leading + 1, count - leading - 1);
        }
    } else {  // d.ddde+XX
        *out++ = digits[0];
        if (count > 1) {
            *out++ = '.';
            put(digits + 1, count - 1);
        }
        *out++ = 'e';
        *out++ = leading < 0 ? '-' : '+';
        const int magnitude = leading < 0 ? -leading : leading;
        if (magnitude >= 100) *out++ = static_cast<char>('0' + magnitude / 100);
        *out++ = static_cast<char>('0' + magnitude / 10 % 10);
        *out++ = static_cast<char>('0' + magnitude % 10);
    }
    return out;
}

/// Writes money with two decimals from minor units at `out`; returns its end.
char* WriteMoney(char* out, int64_t minor_units) {
    const bool negative = minor_units < 0;
    const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(minor_units) : static_cast<uint64_t>(minor_units);
    if (negative) *out++ = '-';
    out = std::to_chars(out, out + 20, magnitude / 100).ptr;
    *out++ = '.';
    *out++ = static_cast<char>('0' + magnitude % 100 / 10);
    *out++ = static_cast<char>('0' + magnitude % 10);
    return out;
}

}  // namespace

std::string FormatDouble(double value) {
    char text[kMaxNumberText];
    return std::string(text, static_cast<size_t>(WriteDouble(text, value) - text));
}

std::string FormatMoney(int64_t minor_units) {
    char text[kMaxNumberText];
    return std::string(text, static_cast<size_t>(WriteMoney(text, minor_units) - text));
}

const std::string& JsonWriter::str() {
    out_.resize(size_);  // the room goes; the next write makes more
    return out_;
}

std::string JsonWriter::Take() {
    out_.resize(size_);
    size_ = 0;
    return std::move(out_);
}

void JsonWriter::Grow(size_t n) { out_.resize(std::max({size_ + n, out_.size() + out_.size() / 2, size_t{256}})); }

void JsonWriter::Put(std::string_view text) {
    if (text.empty()) return;
    std::memcpy(Room(text.size()), text.data(), text.size());
    size_ += text.size();
}

void JsonWriter::PutQuoted(std::string_view value) {
    static const char kHex[] = "0123456789abcdef";
    char* out = Room(value.size() + 2);  // room for the value unescaped; an escape makes its own room
    *out++ = '"';
    for (size_t i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c >= 0x20 && c != '"' && c != '\\') {
            *out++ = static_cast<char>(c);
            continue;
        }
        Commit(out);
        out = Room(6 + (value.size() - i - 1) + 1);  // \u00XX, the rest unescaped, the closing quote
        *out++ = '\\';
        switch (c) {
            case '"': *out++ = '"'; break;
            case '\\': *out++ = '\\'; break;
            case '\n': *out++ = 'n'; break;
            case '\r': *out++ = 'r'; break;
            case '\t': *out++ = 't'; break;
            default:
                out = std::copy_n("u00", 3, out);
                *out++ = kHex[c >> 4];
                *out++ = kHex[c & 15];
        }
    }
    *out++ = '"';
    Commit(out);
}

void JsonWriter::BeforeValue() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!first_in_scope_.empty()) {
        if (!first_in_scope_.back()) Put(',');
        first_in_scope_.back() = false;
    }
}

JsonWriter& JsonWriter::BeginObject() {
    BeforeValue();
    Put('{');
    first_in_scope_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::EndObject() {
    Put('}');
    first_in_scope_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::BeginArray() {
    BeforeValue();
    Put('[');
    first_in_scope_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::EndArray() {
    Put(']');
    first_in_scope_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
    BeforeValue();
    PutQuoted(key);
    Put(':');
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
    BeforeValue();
    PutQuoted(value);
    return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
    BeforeValue();
    char* out = Room(kMaxNumberText);
    Commit(std::to_chars(out, out + kMaxNumberText, value).ptr);
    return *this;
}

JsonWriter& JsonWriter::Uint(uint64_t value) {
    BeforeValue();
    char* out = Room(kMaxNumberText);
    Commit(std::to_chars(out, out + kMaxNumberText, value).ptr);
    return *this;
}

JsonWriter& JsonWriter::Double(double value) {
    BeforeValue();
    if (!std::isfinite(value)) {
        Put("null");
        return *this;
    }
    Commit(WriteDouble(Room(kMaxNumberText), value));
    return *this;
}

JsonWriter& JsonWriter::Money(int64_t minor_units) {
    BeforeValue();
    Commit(WriteMoney(Room(kMaxNumberText), minor_units));
    return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
    BeforeValue();
    Put(value ? "true" : "false");
    return *this;
}

JsonWriter& JsonWriter::Null() {
    BeforeValue();
    Put("null");
    return *this;
}

JsonWriter& JsonWriter::Date(int32_t days) { return String(FormatIsoDate(days)); }

JsonWriter& JsonWriter::Raw(std::string_view json) {
    BeforeValue();
    Put(json);
    return *this;
}

JsonWriter& JsonWriter::OptionalDouble(std::optional<double> value) {
    return value ? Double(*value) : Null();
}

}  // namespace crm
