#pragma once
// Sixteen bytes at a time: which of the 16 bytes at a pointer equal any of a few given byte values, as a
// 16-bit mask (bit i for byte i). SSE2 on x86-64, wasm SIMD when compiled with -msimd128, 64-bit words
// elsewhere. The 16 bytes must be readable (any alignment).
//
// The functions are `static`: a file compiled with other target flags (the wasm build gives -msimd128 only
// to the files that scan with them) gets its own copy, never one built for a machine it does not target.
// For the same reason ByteSplat16 may be used inside such a file only (its type depends on the flags).

#include <cstdint>

#include "core/common/bytes.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace crm {

/// 0x80 in exactly the bytes of `w` that are zero, 0 in the others.
static inline uint64_t ExactZeroBytes(uint64_t w) {
    constexpr uint64_t kLows = 0x7F7F7F7F7F7F7F7FULL;
    return ~(((w & kLows) + kLows) | w | kLows);
}

/// Bit i set when byte i of `w` equals the byte of one of `splats` (words of a repeated byte; 8 bits).
template <typename... Splats>
static inline uint32_t MatchWordSplats8(uint64_t w, Splats... splats) {
    const uint64_t highs = (ExactZeroBytes(w ^ splats) | ...);
    // Byte i's flag, shifted to bit 8i, times bit 7(j + 1) of the factor lands on bit 7(i + j + 1) + i:
    // distinct bits for all i, j (no carries), bit 56 + i for j = 7 - i. The top byte gathers the flags.
    return static_cast<uint32_t>(((highs >> 7) * 0x0102040810204080ULL) >> 56);
}

/// `byte` in every byte of a word.
static inline uint64_t SplatByte8(char byte) { return 0x0101010101010101ULL * static_cast<uint8_t>(byte); }

/// MatchBytes16 in two 64-bit words: the implementation without SSE2 or wasm SIMD (always defined, for tests).
template <typename... Bytes>
static inline uint32_t PortableMatchBytes16(const char* p, Bytes... bytes) {
    return MatchWordSplats8(Load64(p), SplatByte8(bytes)...) |
           (MatchWordSplats8(Load64(p + 8), SplatByte8(bytes)...) << 8);
}

#if defined(__SSE2__)

/// A byte value in every lane, ready to be compared with 16 bytes.
using ByteSplat16 = __m128i;

/// `byte` in every lane.
static inline ByteSplat16 SplatByte16(char byte) { return _mm_set1_epi8(byte); }

/// Bit i set when p[i] equals the byte of one of `splats`.
template <typename... Splats>
static inline uint32_t MatchSplats16(const char* p, Splats... splats) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i any = _mm_setzero_si128();
    ((any = _mm_or_si128(any, _mm_cmpeq_epi8(bytes, splats))), ...);
    return static_cast<uint32_t>(_mm_movemask_epi8(any));
}

#elif defined(__wasm_simd128__)

/// A byte value in every lane, ready to be compared with 16 bytes.
using ByteSplat16 = v128_t;

/// `byte` in every lane.
static inline ByteSplat16 SplatByte16(char byte) { return wasm_i8x16_splat(static_cast<int8_t>(byte)); }

/// Bit i set when p[i] equals the byte of one of `splats`.
template <typename... Splats>
static inline uint32_t MatchSplats16(const char* p, Splats... splats) {
    const v128_t bytes = wasm_v128_load(p);
    v128_t any = wasm_i8x16_splat(0);
    ((any = wasm_v128_or(any, wasm_i8x16_eq(bytes, splats))), ...);
    return wasm_i8x16_bitmask(any);
}

#else

/// A byte value in every byte of a word, ready to be compared with 8 bytes at a time.
using ByteSplat16 = uint64_t;

/// `byte` in every byte.
static inline ByteSplat16 SplatByte16(char byte) { return SplatByte8(byte); }

/// Bit i set when p[i] equals the byte of one of `splats`.
template <typename... Splats>
static inline uint32_t MatchSplats16(const char* p, Splats... splats) {
    return MatchWordSplats8(Load64(p), splats...) | (MatchWordSplats8(Load64(p + 8), splats...) << 8);
}

#endif

/// Bit i set when p[i] equals one of `bytes` (chars).
template <typename... Bytes>
static inline uint32_t MatchBytes16(const char* p, Bytes... bytes) {
    return MatchSplats16(p, SplatByte16(bytes)...);
}

}  // namespace crm
