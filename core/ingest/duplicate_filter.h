#pragma once
// Exact duplicate rows: a row whose bytes equal an earlier row's bytes of the same file.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/ingest/record.h"

namespace crm {

/// 64-bit fingerprint of a row's bytes (never 0 or 1, which the detectors use as marks). Two different rows
/// share one with probability 2^-64: rows are compared by fingerprint, so that no row's text is kept (files
/// are read piece by piece and the engine holds no copy of them).
uint64_t RowFingerprint(std::string_view row);

/// The fingerprint of a record's row: the one RowSink::Prepare worked out, else computed now.
inline uint64_t RowFingerprint(const Record& record) {
    return record.prepared.fingerprint != 0 ? record.prepared.fingerprint : RowFingerprint(record.raw);
}

/// A set of 64-bit keys (open addressing, 8 bytes a slot, at most half full).
class FingerprintSet {
public:
    /// True when `key` (>= 2) was inserted before; otherwise inserts it.
    bool Insert(uint64_t key);
    /// Sizes the table for about `keys` keys (no rehashing while they arrive).
    void Reserve(size_t keys);
    /// Keys held.
    size_t size() const { return size_; }

private:
    void Grow(size_t slots);
    std::vector<uint64_t> slots_;  // 0 = empty
    size_t size_ = 0;
};

/// Answers whether a row repeats an earlier one, by fingerprint (see RowFingerprint).
class DuplicateFilter {
public:
    /// True when `row` is byte-identical to a row passed before; otherwise remembers it.
    bool SeenBefore(std::string_view row) { return set_.Insert(RowFingerprint(row)); }
    /// Sizes the table for about `rows` rows (no rehashing while they arrive).
    void Reserve(size_t rows) { set_.Reserve(rows); }
    /// Rows remembered.
    size_t size() const { return set_.size(); }

private:
    FingerprintSet set_;
};

}  // namespace crm
