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

}  // namespace

void GroupedDuplicates::Reserve(size_t groups, double scale) {
    if (groups > groups_.capacity()) groups_.reserve(groups);
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

bool GroupedDuplicates::SeenBefore(std::string_view row, uint32_t group) {
    const uint64_t fingerprint = RowFingerprint(row);
    if (group == kNoId) return ungrouped_.Insert(fingerprint);
    if (group >= groups_.size()) GrowGroups(group);
    uint64_t& held = groups_[group];
    if (held == 0) {  // the group's first row
        held = fingerprint;
        return false;
    }
    if (held == kInSet) return grouped_.Insert(GroupKey(group, fingerprint));
    if (held == fingerprint) return true;
    grouped_.Insert(GroupKey(group, held));  // a second distinct row: the group moves into the set
    grouped_.Insert(GroupKey(group, fingerprint));
    held = kInSet;
    return false;
}

}  // namespace crm
