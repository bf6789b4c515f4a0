#pragma once
// Exact duplicate rows when rows fall into groups (order id, deal id): byte-identical rows share their
// group key, so a row needs comparing only with the earlier rows of its own group.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/ingest/duplicate_filter.h"

namespace crm {

/// Duplicate detection by group. Rows of a group are chained (each row points to the previous row of
/// its group) and compared directly while the group is small; a group that grows past kChainLimit rows,
/// and every row without a group, uses the hash table. The rows' text must outlive the object.
class GroupedDuplicates {
public:
    /// Groups longer than this are moved into the hash table.
    static constexpr uint32_t kChainLimit = 8;

    /// True when `row` is byte-identical to an earlier row of the same `group` (kNoId: any earlier
    /// row without a group); otherwise remembers it.
    bool SeenBefore(std::string_view row, uint32_t group);
    /// Sizes the tables for about `rows` rows.
    void Reserve(size_t rows);

private:
    struct Row {
        std::string_view text;
        uint32_t previous;  // index + 1 of the previous row of the same group, 0 for none
    };
    struct Group {
        uint32_t last = 0;    // index + 1 of the group's last row, 0 for none
        uint32_t length = 0;  // rows chained so far
        bool hashed = false;  // the group's rows live in the hash table
    };
    DuplicateFilter hashed_;
    std::vector<Row> rows_;
    std::vector<Group> groups_;
};

}  // namespace crm
