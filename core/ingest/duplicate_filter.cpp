#include "core/ingest/duplicate_filter.h"

#include <cstring>

#include "core/dataset/dictionary.h"

namespace crm {

void DuplicateFilter::Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    const size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
        if (s.data == nullptr) continue;
        size_t i = s.hash & mask;
        while (slots_[i].data != nullptr) i = (i + 1) & mask;
        slots_[i] = s;
    }
}

bool DuplicateFilter::SeenBefore(std::string_view row) {
    if ((count_ + 1) * 2 > slots_.size()) Grow();
    const uint64_t hash = HashBytes(row.data(), row.size(), 0x9e3779b97f4a7c15ULL);
    const size_t mask = slots_.size() - 1;
    // A non-null data pointer marks a used slot; an empty row still gets a valid pointer.
    const char* data = row.data() != nullptr ? row.data() : "";
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        Slot& s = slots_[i];
        if (s.data == nullptr) {
            s = Slot{hash, data, static_cast<uint32_t>(row.size())};
            ++count_;
            return false;
        }
        if (s.hash == hash && s.size == row.size() && std::memcmp(s.data, data, row.size()) == 0) return true;
    }
}

}  // namespace crm
