#include "core/analysis/customer_order.h"

#include <algorithm>

namespace crm {
namespace {

/// A key split for comparison: class (0 negative integer, 1 non-negative integer, 2 text) and the
/// integer's magnitude digits without leading zeros.
struct KeyParts {
    std::string_view key;
    std::string_view magnitude;
    uint8_t klass;
};

KeyParts Split(std::string_view key) {
    if (!IsIntegerKey(key)) return KeyParts{key, {}, 2};
    const bool negative = key[0] == '-';
    std::string_view digits = key.substr(negative ? 1 : 0);
    const size_t first = digits.find_first_not_of('0');
    digits = first == std::string_view::npos ? std::string_view() : digits.substr(first);
    // "-0" is the value 0: it sorts with the non-negative integers.
    return KeyParts{key, digits, static_cast<uint8_t>(negative && !digits.empty() ? 0 : 1)};
}

int Sign(int v) { return (v > 0) - (v < 0); }

int CompareParts(const KeyParts& a, const KeyParts& b) {
    if (a.klass != b.klass) return a.klass < b.klass ? -1 : 1;
    if (a.klass != 2) {
        int by_value = 0;
        if (a.magnitude.size() != b.magnitude.size()) {
            by_value = a.magnitude.size() < b.magnitude.size() ? -1 : 1;
        } else {
            by_value = Sign(a.magnitude.compare(b.magnitude));
        }
        if (a.klass == 0) by_value = -by_value;  // a larger magnitude is a smaller negative number
        if (by_value != 0) return by_value;
    }
    return Sign(a.key.compare(b.key));  // std::string_view compares bytes as unsigned char
}

}  // namespace

bool IsIntegerKey(std::string_view key) {
    const size_t start = !key.empty() && key[0] == '-' ? 1 : 0;
    if (key.size() == start) return false;
    for (size_t i = start; i < key.size(); ++i) {
        if (key[i] < '0' || key[i] > '9') return false;
    }
    return true;
}

int CompareCustomerKeys(std::string_view a, std::string_view b) { return CompareParts(Split(a), Split(b)); }

namespace {

/// Writes the ids of `items` into `ids` in order of their values when every item is a small integer, the values
/// are distinct and their range is at most a few times their count; false (nothing written) otherwise.
template <class Item>
bool PlacedByValue(const std::vector<Item>& items, std::span<uint32_t> ids) {
    if (items.empty()) return false;
    uint64_t lo = UINT64_MAX, hi = 0;
    for (const Item& item : items) {
        if (!item.small) return false;
        lo = std::min(lo, item.value);
        hi = std::max(hi, item.value);
    }
    if (hi - lo > 4 * static_cast<uint64_t>(items.size()) + 1024) return false;
    std::vector<uint32_t> slot(static_cast<size_t>(hi - lo) + 1, kNoId);
    for (size_t i = 0; i < items.size(); ++i) {
        uint32_t& s = slot[static_cast<size_t>(items[i].value - lo)];
        if (s != kNoId) return false;  // two keys of one value ("7", "07"): their bytes decide, by sorting
        s = static_cast<uint32_t>(i);
    }
    size_t out = 0;
    for (const uint32_t i : slot) {
        if (i != kNoId) ids[out++] = items[i].id;
    }
    return true;
}

}  // namespace

void SortByCustomerKey(const Dictionary& customers, std::span<uint32_t> ids) {
    // Split every key once, then sort the parts: no re-parsing inside the comparator. Non-negative integers
    // of up to 19 digits (the usual CRM ids) also get their value, compared as one number.
    struct Item {
        KeyParts parts;
        uint64_t value;  // the magnitude's value when `small`
        bool small;
        uint32_t id;
    };
    std::vector<Item> items;
    items.reserve(ids.size());
    for (const uint32_t id : ids) {
        const KeyParts parts = Split(customers.At(id));
        uint64_t value = 0;
        const bool small = parts.klass == 1 && parts.magnitude.size() <= 19;
        if (small) {
            for (const char c : parts.magnitude) value = value * 10 + static_cast<uint64_t>(c - '0');
        }
        items.push_back(Item{parts, value, small, id});
    }
    // Distinct non-negative integer keys of a dense range (the usual CRM ids) are placed by value in a table
    // instead of sorted: the same order, as their values differ.
    if (PlacedByValue(items, ids)) return;
    std::sort(items.begin(), items.end(), [](const Item& x, const Item& y) {
        if (x.small && y.small) {  // the same order as CompareParts: by value, then by the key's bytes
            return x.value != y.value ? x.value < y.value : x.parts.key < y.parts.key;
        }
        return CompareParts(x.parts, y.parts) < 0;
    });
    for (size_t i = 0; i < items.size(); ++i) ids[i] = items[i].id;
}

}  // namespace crm
