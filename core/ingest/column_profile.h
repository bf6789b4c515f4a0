#pragma once
// What the sample values of one column look like: the value side of role guessing.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/ingest/date_parser.h"
#include "core/ingest/number_parser.h"

namespace crm {

/// One value and how many sample rows hold it.
struct ValueCount {
    std::string value;
    int64_t count = 0;
};

/// Counts over up to a few thousand sample values of one column (values are trimmed first; counts
/// other than `values` are over non-empty values).
struct ColumnProfile {
    int64_t values = 0;           ///< sample values seen, empty ones included
    int64_t non_empty = 0;        ///< values that are not empty after trimming
    int64_t dates = 0;            ///< values that parse as dates in `date_format`
    int64_t dates_with_time = 0;  ///< dates that carry a time of day
    int64_t numbers = 0;          ///< values that parse as money in `number_format`
    int64_t integers = 0;         ///< values that are plain integers (optional sign, digits only)
    int64_t negatives = 0;        ///< numbers below zero
    int64_t fractional = 0;       ///< numbers with a non-zero fraction (minor units not a multiple of 100)
    int64_t emails = 0;           ///< values that are email addresses
    int64_t phones = 0;           ///< values that look like phone numbers (see ProfileColumn)
    int64_t person_names = 0;     ///< values of 2..4 words made of letters only ("Иванов Иван", "John Smith")
    int64_t id_like = 0;          ///< one token of at most 32 bytes with a digit ("#1001", "C-0042", "17850")
    int64_t with_letters = 0;     ///< values holding at least one letter
    int64_t with_digits = 0;      ///< values holding at least one ASCII digit
    int64_t distinct = 0;         ///< distinct non-empty values (exact unless `distinct_capped`)
    bool distinct_capped = false;  ///< more distinct values than were tracked
    double mean_length = 0;        ///< mean length of non-empty values in characters (code points)
    double mean_abs_number = 0;    ///< mean absolute value of the numbers, in units
    DateFormat date_format;        ///< format detected from the values (kind kUnknown when none)
    NumberFormat number_format;    ///< separators detected from the values
    /// Most frequent values (at most 20, most frequent first, ties in first-seen order), filled
    /// only for low-cardinality columns (at most 100 distinct values).
    std::vector<ValueCount> top_values;

    /// count / non_empty, 0 for an empty column.
    double Share(int64_t count) const {
        return non_empty == 0 ? 0.0 : static_cast<double>(count) / static_cast<double>(non_empty);
    }
};

/// Maximum number of distinct values tracked by ProfileColumn.
constexpr int64_t kProfileDistinctCap = 4096;
/// Maximum distinct count for which ProfileColumn fills top_values.
constexpr int64_t kProfileLowCardinality = 100;
/// Number of entries kept in top_values.
constexpr size_t kProfileTopValues = 20;

/// Profiles sample values of one column. Phones count when the value is not a date and is either
/// written as a phone ('+', '(', '-' or spaces between 10..15 digits, no ',' or '.') or is 10..12 bare
/// digits of a Russian/Ukrainian shape (11 starting with 7 or 8, 12 starting with 380, 10 starting with
/// 9 or 0), so that integer ids and amounts are not taken for phones.
ColumnProfile ProfileColumn(std::span<const std::string_view> values);

}  // namespace crm
