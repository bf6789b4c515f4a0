#pragma once
// The order of customer keys used for tie-breaks and listings: numeric ids by value, then text.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/dataset/dictionary.h"

namespace crm {

/// True when `key` is a plain integer: an optional '-' followed by one or more ASCII digits.
bool IsIntegerKey(std::string_view key);

/// Three-way comparison of customer keys (-1, 0, 1). Plain integers compare by value (any length:
/// leading zeros dropped, more digits = larger) and come before every other key; other keys compare
/// bytewise. Integers equal by value ("7", "007") fall back to bytewise so the order is total.
int CompareCustomerKeys(std::string_view a, std::string_view b);

/// Strict weak order on customer keys (CompareCustomerKeys < 0).
inline bool CustomerKeyLess(std::string_view a, std::string_view b) { return CompareCustomerKeys(a, b) < 0; }

/// Sorts the customer ids `ids` (ids in `customers`) ascending by key order, in place.
void SortByCustomerKey(const Dictionary& customers, std::span<uint32_t> ids);

}  // namespace crm
