#include "core/ingest/grouped_duplicates.h"

#include <algorithm>
#include <cstdint>

#include "core/dataset/dictionary.h"

namespace crm {

void GroupedDuplicates::Reserve(size_t groups, double scale) {
    if (groups > groups_.capacity()) groups_.reserve(groups);
    const size_t rows = static_cast<size_t>(static_cast<double>(rows_.size()) * scale) + 64;
    if (rows > rows_.capacity()) rows_.reserve(rows);
    if (hashed_.size() > 0) hashed_.Reserve(static_cast<size_t>(static_cast<double>(hashed_.size()) * scale) + 64);
}

[[gnu::always_inline]] inline bool GroupedDuplicates::Chain(Group& g, uint32_t last, uint32_t offset, uint32_t size) {
    const size_t back = last == 0 ? 0 : rows_.size() + 1 - last;
    if (back > UINT16_MAX) return false;
    if (rows_.size() == rows_.capacity()) rows_.reserve(rows_.size() + rows_.size() / 2 + 64);
    rows_.push_back(Row{offset, static_cast<uint16_t>(size), static_cast<uint16_t>(back)});
    g.set_ref(static_cast<uint32_t>(rows_.size()));
    g.tag = kChain;
    return true;
}

void GroupedDuplicates::GrowGroups(uint32_t group) {
    // Within the reserved room grow freely; past it by a quarter (the reserve was sized from an estimate).
    const size_t capacity = groups_.capacity();
    size_t size = std::max<size_t>(group + 1, groups_.size() * 2);
    if (group < capacity) {
        size = std::min(size, capacity);
    } else {
        size = std::max<size_t>(group + 1, capacity + capacity / 4 + 64);
        groups_.reserve(size);
    }
    groups_.resize(size);
}

bool GroupedDuplicates::Locate(std::string_view row, uint32_t& offset) {
    if (base_ == nullptr) base_ = row.data();
    const uintptr_t delta = reinterpret_cast<uintptr_t>(row.data()) - reinterpret_cast<uintptr_t>(base_);
    if constexpr (sizeof(uintptr_t) > sizeof(uint32_t)) {
        if (delta > UINT32_MAX) return false;  // (wasm32: every address is within reach)
    }
    offset = static_cast<uint32_t>(delta);
    return true;
}

void GroupedDuplicates::HashGroup(Group& g) {
    if (g.tag == kChain) {
        for (uint32_t r = g.ref();; r -= rows_[r - 1].back) {
            hashed_.SeenBefore(Text(rows_[r - 1].offset, rows_[r - 1].size));
            if (rows_[r - 1].back == 0) break;
        }
    } else if (g.tag != 0 && g.tag != kHashed) {
        hashed_.SeenBefore(Text(g.ref(), g.tag - 1u));
    }
    g.tag = kHashed;
}

bool GroupedDuplicates::SeenBefore(std::string_view row, uint32_t group) {
    if (group == kNoId) return hashed_.SeenBefore(row);
    if (group >= groups_.size()) GrowGroups(group);
    Group& g = groups_[group];
    if (g.tag == kHashed) return hashed_.SeenBefore(row);
    uint32_t offset = 0;
    const bool located = Locate(row, offset) && row.size() <= kMaxSingle;
    const uint32_t size = static_cast<uint32_t>(row.size());
    if (g.tag == 0) {  // the group's first row: kept in the group
        if (located) {
            g.set_ref(offset);
            g.tag = static_cast<uint16_t>(size + 1);
            return false;
        }
    } else if (g.tag != kChain) {  // one row so far: start a chain
        const uint32_t first = g.ref(), first_size = g.tag - 1u;
        if (Text(first, first_size) == row) return true;
        if (located) {
            Chain(g, 0, first, first_size);
            Chain(g, g.ref(), offset, size);
            return false;
        }
    } else {
        uint32_t length = 1;
        for (uint32_t r = g.ref();; r -= rows_[r - 1].back, ++length) {
            if (Text(rows_[r - 1].offset, rows_[r - 1].size) == row) return true;
            if (rows_[r - 1].back == 0) break;
        }
        if (located && length < kChainLimit && Chain(g, g.ref(), offset, size)) return false;
    }
    // A large group, or a row out of reach: the hash table answers for the group from now on.
    HashGroup(g);
    return hashed_.SeenBefore(row);
}

}  // namespace crm
