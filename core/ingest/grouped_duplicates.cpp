#include "core/ingest/grouped_duplicates.h"

#include <algorithm>

#include "core/dataset/dictionary.h"

namespace crm {

namespace {

/// Key of a row's fingerprint within a group (>= 2, as the set needs).
uint64_t GroupKey(uint32_t group, uint64_t fingerprint) {
    uint64_t key = fingerprint ^ ((static_cast<uint64_t>(group) + 1) * 0x9E3779B97F4A7C15ULL);
    key ^= key >> 29;  // the set indexes by the middle bits: spread the group into them
    return key < 2 ? key + 2 : key;
}

/// Room for `scale` times `held` entries of `v`, when it holds any.
template <class T>
void ReserveScaled(std::vector<T>& v, double scale) {
    if (!v.empty()) v.reserve(static_cast<size_t>(static_cast<double>(v.size()) * scale) + 64);
}

}  // namespace

void GroupedDuplicates::Reserve(size_t groups, double scale) {
    if (groups > groups_.capacity()) groups_.reserve(groups);
    ReserveScaled(chain_print_, scale);
    ReserveScaled(chain_next_, scale);
    if (grouped_.size() > 0) grouped_.Reserve(static_cast<size_t>(static_cast<double>(grouped_.size()) * scale) + 64);
    if (ungrouped_.size() > 0) {
        ungrouped_.Reserve(static_cast<size_t>(static_cast<double>(ungrouped_.size()) * scale) + 64);
    }
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

uint32_t GroupedDuplicates::AddToChain(uint64_t fingerprint, uint32_t previous) {
    if (chain_print_.size() == chain_print_.capacity()) {  // past the reserve: grow by half, not double
        const size_t size = chain_print_.size() + chain_print_.size() / 2 + 64;
        chain_print_.reserve(size);
        chain_next_.reserve(size);
    }
    chain_print_.push_back(fingerprint);
    chain_next_.push_back(previous);
    return static_cast<uint32_t>(chain_print_.size() - 1);
}

uint64_t GroupedDuplicates::ChainFilterBit(uint64_t fingerprint) {
    // Bits 31..62 of the fingerprint (its top bit is always clear here) mapped onto the filter's
    // kChainFilterBits bits by a multiply-shift.
    const uint64_t index = (((fingerprint >> 31) & 0xFFFFFFFFULL) * kChainFilterBits) >> 32;
    return 1ULL << (kChainFilterShift + index);
}

bool GroupedDuplicates::SeenInChain(uint64_t& held, uint64_t fingerprint, uint32_t group) {
    const auto newest = static_cast<uint32_t>(held);
    const auto length = static_cast<uint32_t>((held >> kChainLengthShift) & kChainLengthMask);
    const uint64_t bit = ChainFilterBit(fingerprint);
    // The filter holds a bit of every fingerprint in the chain: without the row's bit, the row is new and
    // the chain's entries (scattered in memory) are not visited.
    if ((held & bit) != 0) {
        for (uint32_t e = newest; e != kNoId; e = chain_next_[e]) {
            if (chain_print_[e] == fingerprint) return true;
        }
    }
    if (length < kChainLimit) {
        const uint64_t filter = (held & kChainFilterMask) | bit;
        held = kChainTag | (static_cast<uint64_t>(length + 1) << kChainLengthShift) | filter |
               AddToChain(fingerprint, newest);
        return false;
    }
    // A long group: its rows move into the set (the chain's entries stay, unused).
    for (uint32_t e = newest; e != kNoId; e = chain_next_[e]) grouped_.Insert(GroupKey(group, chain_print_[e]));
    grouped_.Insert(GroupKey(group, fingerprint));
    held = kInSet;
    return false;
}

bool GroupedDuplicates::SeenPrint(uint64_t row_fingerprint, uint32_t group) {
    uint64_t fingerprint = row_fingerprint & ~kChainTag;
    if (fingerprint < 2) fingerprint += 2;  // 0 and 1 mark an empty group and a group in the set
    if (group == kNoId) return ungrouped_.Insert(fingerprint);
    if (group >= groups_.size()) GrowGroups(group);
    uint64_t& held = groups_[group];
    if (held == 0) {  // the group's first row
        held = fingerprint;
        return false;
    }
    if ((held & kChainTag) != 0) return SeenInChain(held, fingerprint, group);
    if (held == kInSet) return grouped_.Insert(GroupKey(group, fingerprint));
    if (held == fingerprint) return true;
    // A second distinct row: the group becomes a chain of its two rows.
    const uint64_t filter = ChainFilterBit(held) | ChainFilterBit(fingerprint);
    held = kChainTag | (uint64_t{2} << kChainLengthShift) | filter | AddToChain(fingerprint, AddToChain(held, kNoId));
    return false;
}

}  // namespace crm
