#pragma once
// A small streaming JSON writer for reports: keys, strings (escaped), integers, doubles, money.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

/// Writes compact JSON into a string. Commas are inserted automatically; the caller
/// pairs every Begin* with its End*.
class JsonWriter {
public:
    /// Starts an object (as a value, or as the value of the pending key).
    JsonWriter& BeginObject();
    JsonWriter& EndObject();
    JsonWriter& BeginArray();
    JsonWriter& EndArray();
    /// Writes an object key; the next call writes its value.
    JsonWriter& Key(std::string_view key);

    JsonWriter& String(std::string_view value);
    JsonWriter& Int(int64_t value);
    JsonWriter& Uint(uint64_t value);
    /// Shortest text that reads back as the same double; non-finite values become null.
    JsonWriter& Double(double value);
    /// Money from integer minor units, written with exactly two decimals (e.g. -12.30).
    JsonWriter& Money(int64_t minor_units);
    JsonWriter& Bool(bool value);
    JsonWriter& Null();
    /// A day number written as "YYYY-MM-DD".
    JsonWriter& Date(int32_t days);
    /// Writes pre-serialized JSON as one value (trusted input).
    JsonWriter& Raw(std::string_view json);

    /// Convenience: a double or null.
    JsonWriter& OptionalDouble(std::optional<double> value);

    const std::string& str() const { return out_; }
    std::string Take() { return std::move(out_); }

private:
    void BeforeValue();
    std::string out_;
    std::vector<bool> first_in_scope_;  // one flag per open object/array
    bool after_key_ = false;
};

/// Appends `value` to `out` as a JSON string literal with quotes.
void AppendJsonString(std::string& out, std::string_view value);

/// Shortest decimal text that parses back to exactly `value` (finite values only).
std::string FormatDouble(double value);

/// Money text with two decimals from minor units ("1234.50", "-0.05").
std::string FormatMoney(int64_t minor_units);

}  // namespace crm
