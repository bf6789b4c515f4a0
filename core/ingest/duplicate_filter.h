#pragma once
// Exact duplicate rows: a row whose bytes equal an earlier row's bytes of the same file.

#include <cstdint>
#include <string_view>
#include <vector>

namespace crm {

/// Remembers the rows seen (as views into the file's text, which must outlive the filter) and
/// answers whether a row repeats an earlier one. Hash table with byte-exact confirmation.
class DuplicateFilter {
public:
    /// True when `row` is byte-identical to a row passed before; otherwise remembers it.
    bool SeenBefore(std::string_view row);
    /// Sizes the table for about `rows` rows (no rehashing while they arrive).
    void Reserve(size_t rows);
    /// Rows remembered.
    size_t size() const { return rows_.size(); }

private:
    void Grow();
    std::vector<uint64_t> slots_;         // (hash bits << 32) | (row + 1), 0 = empty: 8 bytes a slot
    std::vector<std::string_view> rows_;  // rows remembered, read only when the hash bits match
};

}  // namespace crm
