#pragma once
// Exact duplicate rows when rows fall into groups (order id, deal id): byte-identical rows share their
// group key, so a row needs comparing only with the earlier rows of its own group.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/ingest/duplicate_filter.h"

namespace crm {

/// Duplicate detection by group. A group's first row is held in the group itself (6 bytes: where the
/// row starts and its size, no copy); from its second row on, the rows are chained (8 bytes a row, each
/// pointing back to the previous row of its group) and compared directly while the group is small; a
/// group that grows past kChainLimit rows, and every row without a group, uses the hash table. Rows are
/// located by their 32-bit offset from the first row seen (the rows of one text); a row out of reach
/// (farther than 4 GB, longer than 64 KB, or chained more than 65535 chained rows after the previous row
/// of its group) sends its group to the hash table. The rows' text must outlive the object.
class GroupedDuplicates {
public:
    /// Groups longer than this are moved into the hash table.
    static constexpr uint32_t kChainLimit = 8;

    /// True when `row` is byte-identical to an earlier row of the same `group` (kNoId: any earlier
    /// row without a group); otherwise remembers it.
    bool SeenBefore(std::string_view row, uint32_t group);
    /// Sizes the group table for group ids below `groups` and the chains for `scale` times the rows
    /// chained so far (no reallocation while they arrive, when the estimates hold).
    void Reserve(size_t groups, double scale);

private:
    // Group::tag: 0 for no row yet, size + 1 of its one row, or one of these.
    static constexpr uint16_t kChain = 0xFFFF;   // ref: index + 1 of the group's last row in rows_
    static constexpr uint16_t kHashed = 0xFFFE;  // the group's rows live in the hash table
    static constexpr uint32_t kMaxSingle = 0xFFFC;

    struct Group {
        uint16_t ref_low = 0, ref_high = 0;  // one row: its offset; a chain: see kChain
        uint16_t tag = 0;
        uint32_t ref() const { return static_cast<uint32_t>(ref_high) << 16 | ref_low; }
        void set_ref(uint32_t ref) {
            ref_low = static_cast<uint16_t>(ref);
            ref_high = static_cast<uint16_t>(ref >> 16);
        }
    };
    struct Row {
        uint32_t offset;
        uint16_t size;
        uint16_t back;  // index distance to the previous row of the same group, 0 for none
    };

    /// Offset of `row` from base_ (set by the first row), false when it does not fit the 32-bit field.
    bool Locate(std::string_view row, uint32_t& offset);
    std::string_view Text(uint32_t offset, uint32_t size) const { return std::string_view(base_ + offset, size); }
    /// Moves a group's rows into the hash table, which answers for it from now on.
    void HashGroup(Group& g);
    void GrowGroups(uint32_t group);
    /// Appends a row to a group's chain (`last`: index + 1 of its last row, 0 for none); false when the
    /// previous row is too far back.
    bool Chain(Group& g, uint32_t last, uint32_t offset, uint32_t size);

    DuplicateFilter hashed_;
    std::vector<Row> rows_;
    std::vector<Group> groups_;
    const char* base_ = nullptr;
};

}  // namespace crm
