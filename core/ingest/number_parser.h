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

/// ParseMoney with an inline fast path for the usual shape of amounts, [-]digits<decimal>dd with 1..13
/// integer digits (for a sink's per-row amount); ParseMoney otherwise.
inline bool ParseUsualMoney(std::string_view text, const NumberFormat& format, int64_t& minor_units) {
    const char* p = text.data();
    const size_t size = text.size();
    if (size >= 4 && size <= 17 && p[size - 3] == format.decimal) {
        const size_t start = p[0] == '-' ? 1 : 0;
        const size_t end = size - 3;  // the decimal separator
        const unsigned tens = static_cast<unsigned char>(p[size - 2]) - unsigned{'0'};
        const unsigned units = static_cast<unsigned char>(p[size - 1]) - unsigned{'0'};
        if (end > start && end - start <= 13 && tens <= 9 && units <= 9) {
            uint64_t value = 0;
            bool digits = true;
            for (size_t i = start; i < end; ++i) {
                const unsigned digit = static_cast<unsigned char>(p[i]) - unsigned{'0'};
                digits &= digit <= 9;
                value = value * 10 + digit;
            }
            if (digits) {
                value = value * 100 + tens * 10 + units;
                minor_units = start == 1 ? -static_cast<int64_t>(value) : static_cast<int64_t>(value);
                return true;
            }
        }
    }
    return ParseMoney(text, format, minor_units);
}

/// ParseMoney by the general scan only, without the fast paths (the reference they are tested against).
bool ParseMoneyGeneral(std::string_view text, const NumberFormat& format, int64_t& minor_units);

/// Parses a plain decimal number (quantity) with the same separators, signs and currency tokens as ParseMoney,
/// through fast_float; false when not a number.
bool ParseDecimal(std::string_view text, const NumberFormat& format, double& value);

/// True when `text` is an optional sign followed by ASCII digits only (an integer id or serial).
bool IsPlainInteger(std::string_view text);

}  // namespace crm
