#include "core/ingest/duplicate_filter.h"

#include <bit>
#include <cstring>

#include "core/common/bytes.h"

namespace crm {

namespace {

/// One lane step: multiply, rotate, multiply (64-bit multiplies only, native in wasm32).
uint64_t Step(uint64_t lane, uint64_t word) {
    return std::rotl((lane ^ word) * 0x9e3779b97f4a7c15ULL, 31) * 0xbf58476d1ce4e5b9ULL;
}

}  // namespace

uint64_t RowFingerprint(std::string_view row) {
    // Four independent lanes over 32-byte blocks (their multiplies overlap instead of waiting on each other),
    // the rest in the same lanes (still in parallel), then the lanes and the length (apart: a partial word and
    // the length cannot cancel out) meet in one avalanche.
    const char* p = row.data();
    size_t n = row.size();
    uint64_t a = 0x243f6a8885a308d3ULL, b = 0x13198a2e03707344ULL, c = 0xa4093822299f31d0ULL,
             d = 0x082efa98ec4e6c89ULL;
    for (; n >= 32; p += 32, n -= 32) {
        a = Step(a, Load64(p));
        b = Step(b, Load64(p + 8));
        c = Step(c, Load64(p + 16));
        d = Step(d, Load64(p + 24));
    }
    // n < 32: up to three whole words into lanes a, b and c, then the last n % 8 bytes into lane d, in the low
    // bytes of a word (the top of the word that ends the row, when the row has 8 bytes).
    if (n >= 8) a = Step(a, Load64(p));
    if (n >= 16) b = Step(b, Load64(p + 8));
    if (n >= 24) c = Step(c, Load64(p + 16));
    p += n / 8 * 8;
    n %= 8;
    if (n > 0) {
        uint64_t tail = 0;
        if (row.size() >= 8) {
            tail = Load64(p + n - 8) >> (8 * (8 - n));
        } else {
            std::memcpy(&tail, p, n);
        }
        d = Step(d, tail);
    }
    const uint64_t hash = Avalanche(Step(a ^ std::rotl(b, 16) ^ std::rotl(c, 32) ^ std::rotl(d, 48), row.size()));
    return hash < 2 ? hash + 2 : hash;
}

void FingerprintSet::Grow(size_t slots) {
    std::vector<uint64_t> old = std::move(slots_);
    slots_.assign(slots, 0);
    const size_t mask = slots - 1;
    for (const uint64_t key : old) {
        if (key == 0) continue;
        size_t i = (key >> 20) & mask;
        while (slots_[i] != 0) i = (i + 1) & mask;
        slots_[i] = key;
    }
}

void FingerprintSet::Reserve(size_t keys) {
    size_t capacity = slots_.empty() ? 1024 : slots_.size();
    while (capacity < keys * 2 + 2) capacity *= 2;
    if (capacity > slots_.size()) Grow(capacity);
}

bool FingerprintSet::Insert(uint64_t key) {
    if ((size_ + 1) * 2 > slots_.size()) Grow(slots_.empty() ? 1024 : slots_.size() * 2);
    const size_t mask = slots_.size() - 1;
    for (size_t i = (key >> 20) & mask;; i = (i + 1) & mask) {
        const uint64_t slot = slots_[i];
        if (slot == 0) {
            slots_[i] = key;
            ++size_;
            return false;
        }
        if (slot == key) return true;
    }
}

}  // namespace crm
