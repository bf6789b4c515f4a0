#pragma once
// A small cache in front of a dictionary for low-cardinality columns (status, channel, manager).

#include <array>
#include <cstdint>
#include <string_view>

#include "core/common/bytes.h"
#include "core/dataset/dictionary.h"

namespace crm {

/// Cache of recent values' dictionary ids, keyed by the value's length and up to 16 of its bytes (read as
/// two words) and verified against the dictionary's text only when longer: a column with a few distinct
/// values then costs a table lookup per row instead of a hash and a probe. A value may sit in either of two
/// slots (from different bits of its hash), so that two frequent values whose first slots collide do not
/// keep evicting each other. Inline on purpose (hot path).
class ValueCache {
public:
    /// The dictionary id of `value` (kNoId for an empty value), interning it when new.
    [[gnu::always_inline]] uint32_t Intern(Dictionary& dictionary, std::string_view value) {
        const size_t n = value.size();
        if (n == 0) return kNoId;
        uint64_t a = 0, b = 0;
        Key(value, a, b);
        const uint64_t hash = (a ^ (b * 0x94d049bb133111ebULL) ^ n) * 0x9e3779b97f4a7c15ULL;
        const Entry& first = entries_[hash >> 58];
        if (Holds(first, a, b, dictionary, value)) return first.id;
        return InternPastFirst(dictionary, value, a, b, hash);
    }

private:
    struct Entry {
        uint64_t a = 0, b = 0;
        uint32_t size = 0;
        uint32_t id = kNoId;
    };

    /// Intern() of a value not in its first slot (out of line: the usual case is a hit there).
    [[gnu::noinline]] uint32_t InternPastFirst(Dictionary& dictionary, std::string_view value, uint64_t a, uint64_t b,
                                               uint64_t hash) {
        Entry& first = entries_[hash >> 58];
        Entry& second = entries_[(hash >> 52) & 63];
        if (Holds(second, a, b, dictionary, value)) return second.id;
        // A new value goes to a free slot of its two, else evicts the first one's value.
        Entry& entry = first.id == kNoId || second.id != kNoId ? first : second;
        entry = Entry{a, b, static_cast<uint32_t>(value.size()), dictionary.Intern(value)};
        return entry.id;
    }

    /// True when `entry` holds `value` (keyed by `a` and `b`).
    [[gnu::always_inline]] static bool Holds(const Entry& entry, uint64_t a, uint64_t b, const Dictionary& dictionary,
                                             std::string_view value) {
        // (a free entry has size 0, which no value looked up has: no need to test its id)
        return entry.a == a && entry.b == b && entry.size == value.size() &&
               (value.size() <= 16 || dictionary.At(entry.id) == value);
    }

    /// Two words that, with the size, identify values of up to 16 bytes: reads within the value only,
    /// overlapping when it is shorter than the words (which still covers every byte).
    [[gnu::always_inline]] static void Key(std::string_view value, uint64_t& a, uint64_t& b) {
        const char* p = value.data();
        const size_t n = value.size();
        if (n >= 8) {
            a = Load64(p);
            b = Load64(p + (n >= 16 ? 8 : n - 8));
        } else if (n >= 4) {
            a = Load32(p) | static_cast<uint64_t>(Load32(p + n - 4)) << 32;
        } else {
            a = static_cast<uint64_t>(static_cast<unsigned char>(p[0])) |
                static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
                static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
        }
    }

    std::array<Entry, 64> entries_{};
};

}  // namespace crm
