#include "core/ingest/duplicate_filter.h"


#include "core/dataset/dictionary.h"

namespace crm {

void DuplicateFilter::Grow() {
    std::vector<uint64_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
    const size_t mask = slots_.size() - 1;
    for (const uint64_t entry : old) {
        if (entry == 0) continue;
        size_t i = (entry >> 32) & mask;
        while (slots_[i] != 0) i = (i + 1) & mask;
        slots_[i] = entry;
    }
}

void DuplicateFilter::Reserve(size_t rows) {
    rows_.reserve(rows);
    size_t capacity = slots_.empty() ? 1024 : slots_.size();
    while (capacity < rows * 2 + 2) capacity *= 2;
    if (capacity == slots_.size()) return;
    if (rows_.empty()) {
        slots_.assign(capacity, 0);
        return;
    }
    while (slots_.size() < capacity) Grow();
}

bool DuplicateFilter::SeenBefore(std::string_view row) {
    if ((rows_.size() + 1) * 2 > slots_.size()) Grow();
    const uint64_t hash = HashBytes(row.data(), row.size(), 0x9e3779b97f4a7c15ULL) >> 32;
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const uint64_t entry = slots_[i];
        if (entry == 0) {
            rows_.push_back(row);
            slots_[i] = (hash << 32) | rows_.size();
            return false;
        }
        if ((entry >> 32) == hash && rows_[static_cast<uint32_t>(entry) - 1] == row) return true;
    }
}

}  // namespace crm
