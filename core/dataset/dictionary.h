#pragma once
// String interning: dense uint32 ids for text values (dictionary encoding of text columns).

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace crm {

/// Id meaning "no value" in every dictionary-encoded column.
constexpr uint32_t kNoId = UINT32_MAX;

/// Maps distinct strings to dense ids 0..size()-1 in first-seen order. Open addressing with the hash
/// kept in the slot (a probe touches one cache line), strings stored back to back in one arena: no
/// allocation per value. Canonical non-negative integers ("0", "17", "123456"; no sign, no leading
/// zero), the usual form of CRM order and customer ids, are looked up in a direct table indexed by
/// their value instead, while that table stays dense.
class Dictionary {
public:
    /// What a dictionary keeps of its values' text.
    enum class Text : uint8_t {
        kAll,             ///< every value's text: At() works for every id
        kNotForIntegers,  ///< none for canonical integers in the direct table (their value is their identity):
                          ///< a set of keys such as order ids, whose At() is empty for those ids
    };
    Dictionary() = default;
    /// A dictionary keeping `text` of its values.
    explicit Dictionary(Text text) : integer_text_(text == Text::kAll) {}

    /// Id of `text`, adding it when new. Inline fast path: a canonical integer within the direct table.
    uint32_t Intern(std::string_view text) {
        if (!direct_.empty() && !text.empty() && text.size() <= 9 && (text[0] != '0' || text.size() == 1)) {
            uint64_t value = 0;
            bool digits = true;
            for (const char c : text) {
                const unsigned digit = static_cast<unsigned char>(c) - '0';
                digits = digits && digit <= 9;
                value = value * 10 + digit;
            }
            if (digits && value < direct_.size()) {
                uint32_t& entry = direct_[value];
                if (entry == 0) entry = AppendInteger(text) + 1;  // a new id in range: no second parse in InternSlow
                return entry - 1;
            }
        }
        return InternSlow(text);
    }
    /// Id of `text` when present.
    std::optional<uint32_t> Find(std::string_view text) const;
    /// Text of an id (valid until the next Intern; empty for a direct integer of a Text::kNotForIntegers one).
    std::string_view At(uint32_t id) const {
        return std::string_view(bytes_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]);
    }
    uint32_t size() const { return static_cast<uint32_t>(offsets_.size() - 1); }
    /// Bytes held (arena + index), for memory reports.
    size_t MemoryBytes() const;
    /// Makes room for `ids` ids in all holding `bytes` bytes of text, and for integer keys in the direct table at
    /// the density seen so far (no reallocation while they arrive).
    void Reserve(size_t ids, size_t bytes);

private:
    uint32_t InternSlow(std::string_view text);
    uint32_t Append(std::string_view text);
    /// Appends a canonical integer held in the direct table: its text only when integer texts are kept.
    uint32_t AppendInteger(std::string_view text) { return Append(integer_text_ ? text : std::string_view()); }
    void GrowSlots();
    bool GrowDirect(uint64_t value);
    uint32_t InternHashed(std::string_view text);
    std::vector<char> bytes_;
    std::vector<uint32_t> offsets_{0};  // offsets_[id]..offsets_[id+1] is the text of id
    std::vector<uint64_t> slots_;       // (hash << 32) | (id + 1), or 0 for an empty slot
    uint32_t hashed_count_ = 0;         // ids held in slots_
    std::vector<uint32_t> direct_;      // direct_[value] = id + 1 of a canonical integer key, or 0
    bool integer_text_ = true;          // whether direct integers keep their text
};

/// 64-bit hash of bytes (wyhash-style mixing), shared by the dictionary and duplicate detection.
uint64_t HashBytes(const void* data, size_t size, uint64_t seed = 0);

}  // namespace crm
