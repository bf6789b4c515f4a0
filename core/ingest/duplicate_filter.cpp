#include "core/ingest/duplicate_filter.h"

#include "core/dataset/dictionary.h"

namespace crm {

uint64_t RowFingerprint(std::string_view row) {
    const uint64_t hash = HashBytes(row.data(), row.size(), 0x9e3779b97f4a7c15ULL);
    return hash < 2 ? hash + 2 : hash;
}

void FingerprintSet::Grow(size_t slots) {
    std::vector<uint64_t> old = std::move(slots_);
    slots_.assign(slots, 0);
    const size_t mask = slots - 1;
    for (const uint64_t key : old) {
        if (key == 0) continue;
        size_t i = (key >> 20) & mask;
        while (slots_[i] != 0) i = (i + 1) & mask;
        slots_[i] = key;
    }
}

void FingerprintSet::Reserve(size_t keys) {
    size_t capacity = slots_.empty() ? 1024 : slots_.size();
    while (capacity < keys * 2 + 2) capacity *= 2;
    if (capacity > slots_.size()) Grow(capacity);
}

bool FingerprintSet::Insert(uint64_t key) {
    if ((size_ + 1) * 2 > slots_.size()) Grow(slots_.empty() ? 1024 : slots_.size() * 2);
    const size_t mask = slots_.size() - 1;
    for (size_t i = (key >> 20) & mask;; i = (i + 1) & mask) {
        const uint64_t slot = slots_[i];
        if (slot == 0) {
            slots_[i] = key;
            ++size_;
            return false;
        }
        if (slot == key) return true;
    }
}

}  // namespace crm
