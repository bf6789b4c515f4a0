#include "core/common/json_writer.h"

#include <algorithm>
#include <cmath>

#define FMT_HEADER_ONLY
#include <fmt/format.h>

#include "core/common/civil_date.h"

namespace crm {

void AppendJsonString(std::string& out, std::string_view value) {
    static const char kHex[] = "0123456789abcdef";
    out += '"';
    for (const char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += kHex[c >> 4];
                    out += kHex[c & 15];
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
}

std::string FormatDouble(double value) {
    if (value == 0) return std::signbit(value) ? "-0" : "0";
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

    char text[40];  // sign, up to 17 digits, a point and up to 19 zeros (fixed) or an exponent
    char* out = text;
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
    return std::string(text, static_cast<size_t>(out - text));
}

std::string FormatMoney(int64_t minor_units) {
    const bool negative = minor_units < 0;
    const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(minor_units) : static_cast<uint64_t>(minor_units);
    std::string out = negative ? "-" : "";
    out += std::to_string(magnitude / 100);
    out += '.';
    out += static_cast<char>('0' + magnitude % 100 / 10);
    out += static_cast<char>('0' + magnitude % 10);
    return out;
}

void JsonWriter::BeforeValue() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!first_in_scope_.empty()) {
        if (!first_in_scope_.back()) out_ += ',';
        first_in_scope_.back() = false;
    }
}

JsonWriter& JsonWriter::BeginObject() {
    BeforeValue();
    out_ += '{';
    first_in_scope_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::EndObject() {
    out_ += '}';
    first_in_scope_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::BeginArray() {
    BeforeValue();
    out_ += '[';
    first_in_scope_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::EndArray() {
    out_ += ']';
    first_in_scope_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
    BeforeValue();
    AppendJsonString(out_, key);
    out_ += ':';
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
    BeforeValue();
    AppendJsonString(out_, value);
    return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
    BeforeValue();
    out_ += std::to_string(value);
    return *this;
}

JsonWriter& JsonWriter::Uint(uint64_t value) {
    BeforeValue();
    out_ += std::to_string(value);
    return *this;
}

JsonWriter& JsonWriter::Double(double value) {
    BeforeValue();
    out_ += std::isfinite(value) ? FormatDouble(value) : "null";
    return *this;
}

JsonWriter& JsonWriter::Money(int64_t minor_units) {
    BeforeValue();
    out_ += FormatMoney(minor_units);
    return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
    BeforeValue();
    out_ += value ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::Null() {
    BeforeValue();
    out_ += "null";
    return *this;
}

JsonWriter& JsonWriter::Date(int32_t days) { return String(FormatIsoDate(days)); }

JsonWriter& JsonWriter::Raw(std::string_view json) {
    BeforeValue();
    out_ += json;
    return *this;
}

JsonWriter& JsonWriter::OptionalDouble(std::optional<double> value) {
    return value ? Double(*value) : Null();
}

}  // namespace crm
