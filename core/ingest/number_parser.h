#pragma once
// Numbers as CRM exports write them: "1 234,56 ₽", "$1,234.56", "(12.30)", "-5", "1'234.5 грн".

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace crm {

/// Separators of one numeric column, decided from its values.
struct NumberFormat {
    char decimal = '.';   ///< '.' or ','
    char thousands = 0;   ///< 0 (none seen), ' ' (any space: ASCII, U+00A0, U+2009, U+202F), ',', '.', '\''
    /// Human-readable description for the "how we read your file" report, e.g. "decimal ',' thousands ' '".
    std::string Describe() const;
};

/// Decides the decimal and thousands separators of a column from sample values (empty ones ignored).
/// "1,234" alone is read as a thousands group; "1,5" / "12,30" as a decimal comma; with both marks in a value
/// the last one is the decimal. The full rule is at the top of number_parser.cpp.
NumberFormat DetectNumberFormat(std::span<const std::string_view> samples);

/// Parses a money value into integer minor units (2 decimals; more digits are rounded half away
/// from zero), exactly (no floating point). Accepts leading/trailing spaces, one currency sign or word before or
/// after (₽ $ € ₴ £ ₸, руб. руб р. р грн. грн, RUB RUR UAH USD EUR GBP KZT BYN, any case), '-', '−' (U+2212),
/// '–' (U+2013), '+', accounting negatives "(12.30)", and "2.5E+2" when the decimal is '.'. Besides format.decimal,
/// spaces, apostrophes and the other one of ',' '.' group thousands (groups of 3); a single other mark that cannot
/// group thousands ("12,5" in a '.' column) is read as the decimal. Returns false for anything else, including an
/// empty value and |minor_units| > 9e15 (the largest amount exact in a JavaScript number).
bool ParseMoney(std::string_view text, const NumberFormat& format, int64_t& minor_units);

/// ParseMoney's fast path, inline for a sink's per-row amount: [-]digits[<decimal>d[d]] with 1..13 integer
/// digits. False for any other text, which may still be money (ParseMoneyGeneral reads it).
inline bool ParsePlainMoney(std::string_view text, char decimal, int64_t& minor_units) {
    const char* p = text.data();
    const size_t size = text.size();
    if (size == 0 || size > 17) return false;
    const auto digit = [p](size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(p[i]) - '0'); };
    size_t i = p[0] == '-' ? 1 : 0;
    const size_t start = i;
    uint64_t value = 0;
    for (; i < size && digit(i) <= 9; ++i) value = value * 10 + digit(i);
    if (i == start || i - start > 13) return false;
    if (i == size) {
        value *= 100;
    } else {
        const size_t fraction_digits = size - i - 1;
        if (p[i] != decimal || fraction_digits > 2) return false;
        uint64_t fraction = 0;
        for (size_t k = i + 1; k < size; ++k) {
            if (digit(k) > 9) return false;
            fraction = fraction * 10 + digit(k);
        }
        if (fraction_digits == 1) fraction *= 10;
        value = value * 100 + fraction;
    }
    minor_units = start == 1 ? -static_cast<int64_t>(value) : static_cast<int64_t>(value);
    return true;
}

/// ParseMoney by the general scan only, without the fast path (for a caller that tried ParsePlainMoney first,
/// and the reference the fast path is tested against).
bool ParseMoneyGeneral(std::string_view text, const NumberFormat& format, int64_t& minor_units);

/// Parses a plain decimal number (quantity) with the same separators, signs and currency tokens as ParseMoney,
/// through fast_float; false when not a number.
bool ParseDecimal(std::string_view text, const NumberFormat& format, double& value);

/// True when `text` is an optional sign followed by ASCII digits only (an integer id or serial).
bool IsPlainInteger(std::string_view text);

}  // namespace crm
