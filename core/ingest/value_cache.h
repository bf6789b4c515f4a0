#pragma once
// A small cache in front of a dictionary for low-cardinality columns (status, channel, manager).

#include <array>
#include <cstdint>
#include <string_view>

#include "core/dataset/dictionary.h"

namespace crm {

/// Direct-mapped cache of recent values' dictionary ids, keyed by the value's length and first 8
/// bytes and verified against the dictionary's text when longer: a column with a few distinct values
/// then costs a table lookup per row instead of a hash and a probe. Inline on purpose (hot path).
class ValueCache {
public:
    /// The dictionary id of `value` (kNoId for an empty value), interning it when new.
    uint32_t Intern(Dictionary& dictionary, std::string_view value) {
        if (value.empty()) return kNoId;
        uint64_t prefix = 0;
        const size_t n = value.size() < 8 ? value.size() : 8;
        for (size_t i = 0; i < n; ++i) prefix |= static_cast<uint64_t>(static_cast<unsigned char>(value[i])) << (8 * i);
        const size_t slot = static_cast<size_t>(((prefix ^ value.size()) * 0x9e3779b97f4a7c15ULL) >> 58);
        Entry& entry = entries_[slot];
        if (entry.id != kNoId && entry.prefix == prefix && entry.size == value.size() &&
            (value.size() <= 8 || dictionary.At(entry.id) == value)) {
            return entry.id;
        }
        entry = Entry{prefix, static_cast<uint32_t>(value.size()), dictionary.Intern(value)};
        return entry.id;
    }

private:
    struct Entry {
        uint64_t prefix = 0;
        uint32_t size = 0;
        uint32_t id = kNoId;
    };
    std::array<Entry, 64> entries_{};
};

}  // namespace crm
