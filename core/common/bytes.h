#pragma once
// Unaligned word loads and short byte comparisons: the small helpers of every hot byte loop.

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace crm {

/// The 8 bytes at `p` as a little-endian word (any alignment).
inline uint64_t Load64(const void* p) {
    uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

/// The 4 bytes at `p` as a little-endian word (any alignment).
inline uint32_t Load32(const void* p) {
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

/// Zero in exactly the bytes of `w` that are ASCII digits ('0'..'9': high nibble 3, and adding 6 to the low
/// nibble does not carry into it); other bytes have some bit of their high nibble set.
inline uint64_t NonDigitBytes(uint64_t w) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    return ((w & (kOnes * 0xF0)) ^ (kOnes * 0x30)) | (((w & (kOnes * 0x0F)) + kOnes * 0x06) & (kOnes * 0xF0));
}

/// Equality of `n` bytes, 8 or 4 at a time (the last word overlapping), never reading past either side.
inline bool SameBytes(const char* a, const char* b, size_t n) {
    if (n >= 8) {
        for (size_t i = 0; i + 8 <= n; i += 8) {
            if (Load64(a + i) != Load64(b + i)) return false;
        }
        return Load64(a + n - 8) == Load64(b + n - 8);
    }
    if (n >= 4) return ((Load32(a) ^ Load32(b)) | (Load32(a + n - 4) ^ Load32(b + n - 4))) == 0;
    for (size_t i = 0; i < n; ++i) {
        if (a[i] != b[i]) return false;
    }
    return true;
}

/// Final mix of a 64-bit hash (the finalizer of MurmurHash3 / splitmix64): every input bit reaches every
/// output bit, with 64-bit multiplies only (native in wasm32; a 128-bit product would be a library call there).
inline uint64_t Avalanche(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

}  // namespace crm
