#include "core/ingest/byte_source.h"

#include <algorithm>
#include <cstring>

namespace crm {

Result<size_t> MemoryByteSource::Read(char* out, size_t capacity) {
    const size_t n = std::min(capacity, bytes_.size() - position_);
    if (n > 0) std::memcpy(out, bytes_.data() + position_, n);
    position_ += n;
    return n;
}

}  // namespace crm
