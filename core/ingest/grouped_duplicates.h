#pragma once
// Exact duplicate rows when rows fall into groups (order id, deal id): byte-identical rows share their
// group key, so a row needs comparing only with the earlier rows of its own group.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/ingest/duplicate_filter.h"

namespace crm {

/// Duplicate detection by group, by row fingerprint (see RowFingerprint). A group's first row is held in the
/// group itself (its fingerprint, 8 bytes); from its second distinct row on, the group's rows are keys
/// (group, fingerprint) of one set. Rows without a group share a set of their own.
class GroupedDuplicates {
public:
    /// True when `row` is byte-identical to an earlier row of the same `group` (kNoId: any earlier
    /// row without a group); otherwise remembers it.
    bool SeenBefore(std::string_view row, uint32_t group);
    /// Sizes the group table for group ids below `groups` and the sets for `scale` times the rows held in
    /// them so far (no reallocation while they arrive, when the estimates hold).
    void Reserve(size_t groups, double scale);

private:
    static constexpr uint64_t kInSet = 1;  // the group's rows are in grouped_
    void GrowGroups(uint32_t group);

    std::vector<uint64_t> groups_;  // by group id: 0 = no row yet, kInSet, or the fingerprint of its one row
    FingerprintSet grouped_;        // keys (group, fingerprint) of groups with two rows or more
    FingerprintSet ungrouped_;      // fingerprints of rows without a group
};

}  // namespace crm
