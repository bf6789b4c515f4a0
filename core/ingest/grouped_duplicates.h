#pragma once
// Exact duplicate rows when rows fall into groups (order id, deal id): byte-identical rows share their
// group key, so a row needs comparing only with the earlier rows of its own group.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/ingest/duplicate_filter.h"

namespace crm {

/// Duplicate detection by group, by row fingerprint (see RowFingerprint; its top bit is dropped here, the
/// group table uses it as a tag). A group's first row is held in the group itself (8 bytes); from its second
/// distinct row on, the group's rows form a chain of (fingerprint, previous) entries (12 bytes a row, no
/// table to grow), and the group holds the chain's newest entry, its length and a filter of one bit per
/// fingerprint (a row whose bit is clear is new without a walk through the chain); a group longer than
/// kChainLimit moves into a set of (group, fingerprint) keys. Rows without a group share a set of their own.
class GroupedDuplicates {
public:
    /// True when `row` is byte-identical to an earlier row of the same `group` (kNoId: any earlier
    /// row without a group); otherwise remembers it.
    bool SeenBefore(std::string_view row, uint32_t group) { return SeenPrint(RowFingerprint(row), group); }
    /// SeenBefore for a record's row (its prepared fingerprint, when RowSink::Prepare worked it out).
    bool SeenBefore(const Record& record, uint32_t group) { return SeenPrint(RowFingerprint(record), group); }
    /// Sizes the group table for group ids below `groups`, and the chains and sets for `scale` times the rows
    /// held in them so far (no reallocation while they arrive, when the estimates hold).
    void Reserve(size_t groups, double scale);

private:
    /// SeenBefore for a row whose RowFingerprint is `fingerprint`.
    bool SeenPrint(uint64_t fingerprint, uint32_t group);
    static constexpr uint64_t kInSet = 1;               // the group's rows are in grouped_
    // A chained group: kChainTag | length << kChainLengthShift | filter bits | index of the newest entry.
    static constexpr uint64_t kChainTag = 1ULL << 63;
    static constexpr uint32_t kChainLimit = 16;         // rows a chain holds before its group moves to the set
    static constexpr int kChainLengthShift = 58;        // 5 bits: the chain's length (up to kChainLimit)
    static constexpr uint64_t kChainLengthMask = 31;
    static constexpr int kChainFilterShift = 32;        // bits 32..57: the filter
    static constexpr uint64_t kChainFilterBits = 26;
    static constexpr uint64_t kChainFilterMask = ((1ULL << kChainFilterBits) - 1) << kChainFilterShift;
    /// The filter bit of a fingerprint.
    static uint64_t ChainFilterBit(uint64_t fingerprint);
    void GrowGroups(uint32_t group);
    bool SeenInChain(uint64_t& held, uint64_t fingerprint, uint32_t group);
    uint32_t AddToChain(uint64_t fingerprint, uint32_t previous);

    std::vector<uint64_t> groups_;       // by group id: 0 = no row yet, kInSet, a chain, or its one row's fingerprint
    std::vector<uint64_t> chain_print_;  // fingerprints of the rows of chained groups
    std::vector<uint32_t> chain_next_;   // the same group's previous entry, or kNoId
    FingerprintSet grouped_;             // keys (group, fingerprint) of groups longer than a chain
    FingerprintSet ungrouped_;           // fingerprints of rows without a group
};

}  // namespace crm
