#include "core/dataset/dictionary.h"

#include <cstring>

namespace crm {
namespace {

uint64_t Mix(uint64_t a, uint64_t b) {
    const __uint128_t r = static_cast<__uint128_t>(a) * b;
    return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

uint64_t Read64(const unsigned char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

uint64_t ReadSmall(const unsigned char* p, size_t k) {
    // 1..7 bytes, little-endian-independent enough for hashing.
    uint64_t v = 0;
    for (size_t i = 0; i < k; ++i) v |= static_cast<uint64_t>(p[i]) << (8 * i);
    return v;
}

}  // namespace

uint64_t HashBytes(const void* data, size_t size, uint64_t seed) {
    // A compact variant of wyhash: 8-byte lanes multiplied and folded.
    constexpr uint64_t kP0 = 0xa0761d6478bd642fULL, kP1 = 0xe7037ed1a0b428dbULL, kP2 = 0x8ebc6af09c88c6e3ULL;
    const auto* p = static_cast<const unsigned char*>(data);
    uint64_t h = seed ^ Mix(seed ^ kP0, kP1) ^ size;
    size_t i = size;
    while (i >= 16) {
        h = Mix(Read64(p) ^ kP1, Read64(p + 8) ^ h);
        p += 16;
        i -= 16;
    }
    uint64_t a = 0, b = 0;
    if (i >= 8) {
        a = Read64(p);
        b = i > 8 ? ReadSmall(p + 8, i - 8) : 0;
    } else if (i > 0) {
        a = ReadSmall(p, i);
    }
    return Mix(kP1 ^ size, Mix(a ^ kP1 ^ h, b ^ kP2));
}

size_t Dictionary::MemoryBytes() const {
    return bytes_.capacity() + (offsets_.capacity() + hashes_.capacity() + slots_.capacity()) * sizeof(uint32_t);
}

void Dictionary::Grow() {
    const size_t capacity = slots_.empty() ? 64 : slots_.size() * 2;
    slots_.assign(capacity, 0);
    const size_t mask = capacity - 1;
    for (uint32_t id = 0; id < size(); ++id) {
        size_t slot = hashes_[id] & mask;
        while (slots_[slot] != 0) slot = (slot + 1) & mask;
        slots_[slot] = id + 1;
    }
}

std::optional<uint32_t> Dictionary::Find(std::string_view text) const {
    if (slots_.empty()) return std::nullopt;
    const auto hash = static_cast<uint32_t>(HashBytes(text.data(), text.size()));
    const size_t mask = slots_.size() - 1;
    for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        const uint32_t entry = slots_[slot];
        if (entry == 0) return std::nullopt;
        if (hashes_[entry - 1] == hash && At(entry - 1) == text) return entry - 1;
    }
}

uint32_t Dictionary::Intern(std::string_view text) {
    if ((size() + 1) * 2 > slots_.size()) Grow();
    const auto hash = static_cast<uint32_t>(HashBytes(text.data(), text.size()));
    const size_t mask = slots_.size() - 1;
    size_t slot = hash & mask;
    for (;; slot = (slot + 1) & mask) {
        const uint32_t entry = slots_[slot];
        if (entry == 0) break;
        if (hashes_[entry - 1] == hash && At(entry - 1) == text) return entry - 1;
    }
    const uint32_t id = size();
    bytes_.insert(bytes_.end(), text.begin(), text.end());
    offsets_.push_back(static_cast<uint32_t>(bytes_.size()));
    hashes_.push_back(hash);
    slots_[slot] = id + 1;
    return id;
}

}  // namespace crm
