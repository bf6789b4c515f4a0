#include "core/ingest/grouped_duplicates.h"

#include <algorithm>

#include "core/dataset/dictionary.h"

namespace crm {

void GroupedDuplicates::Reserve(size_t rows) { rows_.reserve(rows); }

bool GroupedDuplicates::SeenBefore(std::string_view row, uint32_t group) {
    if (group == kNoId) return hashed_.SeenBefore(row);
    if (group >= groups_.size()) groups_.resize(std::max<size_t>(group + 1, groups_.size() * 2));
    Group& g = groups_[group];
    if (g.hashed) return hashed_.SeenBefore(row);
    for (uint32_t r = g.last; r != 0; r = rows_[r - 1].previous) {
        if (rows_[r - 1].text == row) return true;
    }
    if (g.length == kChainLimit) {
        // A large group: move its rows into the hash table, which answers for it from now on.
        for (uint32_t r = g.last; r != 0; r = rows_[r - 1].previous) hashed_.SeenBefore(rows_[r - 1].text);
        g.hashed = true;
        return hashed_.SeenBefore(row);
    }
    rows_.push_back(Row{row, g.last});
    g.last = static_cast<uint32_t>(rows_.size());
    ++g.length;
    return false;
}

}  // namespace crm
