#include "core/dataset/dictionary.h"

#include <algorithm>
#include <cstring>

#include "core/common/bytes.h"

namespace crm {
namespace {

/// Reads 1..7 bytes into the low bytes of a word.
uint64_t ReadSmall(const unsigned char* p, size_t k) {
    uint64_t v = 0;
    std::memcpy(&v, p, k);
    return v;
}

}  // namespace

uint64_t HashBytes(const void* data, size_t size, uint64_t seed) {
    // 8-byte lanes folded with multiply-rotate steps, then one avalanche.
    constexpr uint64_t kMul = 0x9e3779b97f4a7c15ULL;
    const auto* p = static_cast<const unsigned char*>(data);
    uint64_t h = seed ^ (size * kMul);
    size_t i = size;
    while (i >= 8) {
        h = (h ^ (Load64(p) * kMul)) * 0xbf58476d1ce4e5b9ULL;
        h = (h << 31) | (h >> 33);
        p += 8;
        i -= 8;
    }
    if (i > 0) h = (h ^ (ReadSmall(p, i) * kMul)) * 0x94d049bb133111ebULL;
    return Avalanche(h);
}

namespace {

constexpr uint64_t kMaxDirect = uint64_t{1} << 26;  // values beyond this are always hashed

/// Value of a canonical non-negative integer of at most 9 digits, or UINT64_MAX.
uint64_t CanonicalInteger(std::string_view text) {
    if (text.empty() || text.size() > 9 || (text[0] == '0' && text.size() > 1)) return UINT64_MAX;
    uint64_t value = 0;
    for (const char c : text) {
        const unsigned digit = static_cast<unsigned char>(c) - '0';
        if (digit > 9) return UINT64_MAX;
        value = value * 10 + digit;
    }
    return value;
}

}  // namespace

size_t Dictionary::MemoryBytes() const {
    return bytes_.capacity() + offsets_.capacity() * sizeof(uint32_t) + slots_.capacity() * sizeof(uint64_t) +
           direct_.capacity() * sizeof(uint32_t);
}

void Dictionary::Reserve(size_t ids, size_t bytes) {
    if (ids + 1 > offsets_.capacity()) offsets_.reserve(ids + 1);
    if (bytes > bytes_.capacity()) bytes_.reserve(bytes);
    if (!direct_.empty() && size() > 0) {
        // Integer keys: room for the direct table at the density seen, so that it grows in place.
        const double slots_per_id = static_cast<double>(direct_.size()) / static_cast<double>(size());
        const auto wanted = static_cast<uint64_t>(static_cast<double>(ids) * slots_per_id) + 64;
        const uint64_t slots = std::min<uint64_t>(kMaxDirect, wanted);
        if (slots <= 4 * (static_cast<uint64_t>(ids) + 1) + 65536 && slots > direct_.capacity()) direct_.reserve(slots);
    }
}

uint32_t Dictionary::Append(std::string_view text) {
    const uint32_t id = size();
    // Grow by half, not double: less room left unused (and a smaller peak while the arena moves).
    if (!text.empty()) {  // (an integer key held without its text has none)
        if (bytes_.size() + text.size() > bytes_.capacity()) {
            bytes_.reserve(std::max(bytes_.size() + text.size(), bytes_.capacity() + bytes_.capacity() / 2 + 64));
        }
        bytes_.insert(bytes_.end(), text.begin(), text.end());
    }
    if (offsets_.size() == offsets_.capacity()) offsets_.reserve(offsets_.capacity() + offsets_.capacity() / 2 + 16);
    offsets_.push_back(static_cast<uint32_t>(bytes_.size()));
    return id;
}

void Dictionary::GrowSlots() {
    std::vector<uint64_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, 0);
    const size_t mask = slots_.size() - 1;
    for (const uint64_t entry : old) {
        if (entry == 0) continue;
        size_t slot = (entry >> 32) & mask;
        while (slots_[slot] != 0) slot = (slot + 1) & mask;
        slots_[slot] = entry;
    }
}

bool Dictionary::GrowDirect(uint64_t value) {
    // Stay dense: the table may hold at most about 4 slots per key (plus a fixed 64 Ki). It grows by half (the
    // new part is written, so a doubled table would touch memory that ids may never use).
    uint64_t wanted = std::max<uint64_t>(value + 1, direct_.size() + direct_.size() / 2 + 64);
    if (value < direct_.capacity()) wanted = std::min<uint64_t>(wanted, direct_.capacity());  // in place
    if (wanted > kMaxDirect || wanted > 4 * (static_cast<uint64_t>(size()) + 1) + 65536) return false;
    direct_.resize(static_cast<size_t>(wanted), 0);
    // Canonical integers hashed while they were out of range move into the direct table.
    if (hashed_count_ > 0) {
        for (uint32_t id = 0; id < size(); ++id) {
            const uint64_t v = CanonicalInteger(At(id));
            if (v < direct_.size()) direct_[v] = id + 1;
        }
    }
    return true;
}

std::optional<uint32_t> Dictionary::Find(std::string_view text) const {
    const uint64_t value = CanonicalInteger(text);
    if (value < direct_.size()) {
        const uint32_t entry = direct_[value];
        return entry == 0 ? std::nullopt : std::optional<uint32_t>(entry - 1);
    }
    if (slots_.empty()) return std::nullopt;
    const uint64_t hash = static_cast<uint32_t>(HashBytes(text.data(), text.size()));
    const size_t mask = slots_.size() - 1;
    for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        const uint64_t entry = slots_[slot];
        if (entry == 0) return std::nullopt;
        if ((entry >> 32) == hash && At(static_cast<uint32_t>(entry) - 1) == text) return static_cast<uint32_t>(entry) - 1;
    }
}

uint32_t Dictionary::InternSlow(std::string_view text) {
    const uint64_t value = CanonicalInteger(text);
    if (value != UINT64_MAX && (value < direct_.size() || GrowDirect(value))) {
        uint32_t& entry = direct_[value];
        if (entry == 0) entry = AppendInteger(text) + 1;
        return entry - 1;
    }
    return InternHashed(text);
}

uint32_t Dictionary::InternHashed(std::string_view text) {
    if ((hashed_count_ + 1) * 2 > slots_.size()) GrowSlots();
    const uint64_t hash = static_cast<uint32_t>(HashBytes(text.data(), text.size()));
    const size_t mask = slots_.size() - 1;
    size_t slot = hash & mask;
    for (;; slot = (slot + 1) & mask) {
        const uint64_t entry = slots_[slot];
        if (entry == 0) break;
        if ((entry >> 32) == hash && At(static_cast<uint32_t>(entry) - 1) == text) return static_cast<uint32_t>(entry) - 1;
    }
    const uint32_t id = Append(text);
    slots_[slot] = (hash << 32) | (id + 1);
    ++hashed_count_;
    return id;
}

}  // namespace crm
