#pragma once
// A small streaming JSON writer for reports: keys, strings (escaped), integers, doubles, money.

#include <cstddef>
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

    /// The text written so far.
    const std::string& str();
    /// The text written so far; the writer is left empty.
    std::string Take();

private:
    void BeforeValue();
    /// Room for `n` more bytes at the end of the text: where they go (count them with Commit()).
    char* Room(size_t n) {
        if (out_.size() - size_ < n) Grow(n);
        return out_.data() + size_;
    }
    void Commit(char* end) { size_ = static_cast<size_t>(end - out_.data()); }
    void Put(char c) {
        *Room(1) = c;
        ++size_;
    }
    void Put(std::string_view text);
    void Grow(size_t n);
    /// `value` as a JSON string literal with quotes.
    void PutQuoted(std::string_view value);

    // The text is out_'s first size_ bytes, the rest room to write in: every byte is written in place (appends
    // to a std::string are calls into the library, one per byte or token, which cost more than the bytes in wasm).
    std::string out_;
    size_t size_ = 0;
    std::vector<bool> first_in_scope_;  // one flag per open object/array
    bool after_key_ = false;
};

/// Shortest decimal text that parses back to exactly `value` (finite values only).
std::string FormatDouble(double value);

/// Money text with two decimals from minor units ("1234.50", "-0.05").
std::string FormatMoney(int64_t minor_units);

}  // namespace crm
