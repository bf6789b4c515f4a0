#pragma once
// Errors as values: every fallible core call returns Result<T> (a value or an Error).

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace crm {

/// What kind of failure an Error reports. Mirrored in web/src/errors.js (keep both in sync).
enum class ErrorCode : uint8_t {
    kNotATable,     ///< the bytes are not a table: binary, HTML, a JSON scalar, no columns
    kEmpty,         ///< the file has no bytes (or only whitespace / a BOM)
    kHeaderOnly,    ///< a header row but no data rows
    kBadJson,       ///< malformed or truncated JSON
    kBadEncoding,   ///< text that is neither UTF-8 nor Windows-1251
    kBadCsv,        ///< CSV that cannot be tokenized (an unterminated quote)
    kMissingRole,   ///< a role the analysis needs is not mapped to any column
    kBadRequest,    ///< the analysis request or load options are malformed
    kNoData,        ///< no usable rows for the requested analysis
    kReadFailed,    ///< the file could not be read (changed or removed since it was chosen)
    kOutOfMemory,   ///< an allocation failed
    kInternal,      ///< a bug: should never reach a user
};

/// Stable camelCase name of an error code, as it appears in reports and in JS.
const char* ErrorCodeName(ErrorCode code);

/// A user-facing failure: which file, where (1-based line and column, 0 when unknown) and why.
struct Error {
    ErrorCode code = ErrorCode::kInternal;
    std::string message;   ///< what is wrong, in plain words
    std::string file;      ///< file name as given by the caller, empty when not about a file
    int64_t line = 0;      ///< 1-based line of the first offending byte
    int64_t column = 0;    ///< 1-based column (in bytes of the line) of the first offending byte
    std::string expected;  ///< what the reader expected to find there

    /// "file:line:column: message (expected ...)" for logs and the CLI.
    std::string ToString() const;
};

/// A value of type T or an Error. Check ok() before value().
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    const T& value() const& { return std::get<T>(state_); }
    T& value() & { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    const Error& error() const { return std::get<Error>(state_); }

private:
    std::variant<T, Error> state_;
};

/// Result of a call that returns nothing on success.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : error_(std::move(error)), ok_(false) {}
    static Status Ok() { return Status(); }
    bool ok() const { return ok_; }
    const Error& error() const { return error_; }

private:
    Error error_;
    bool ok_ = true;
};

/// Builds an Error with a code and message; location fields are filled by the caller when known.
inline Error MakeError(ErrorCode code, std::string message) {
    Error e;
    e.code = code;
    e.message = std::move(message);
    return e;
}

}  // namespace crm
