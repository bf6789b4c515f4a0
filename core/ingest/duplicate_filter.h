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

private:
    struct Slot {
        uint64_t hash = 0;
        const char* data = nullptr;
        uint32_t size = 0;
    };
    void Grow();
    std::vector<Slot> slots_;
    size_t count_ = 0;
};

}  // namespace crm
