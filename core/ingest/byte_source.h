#pragma once
// Where an input file's bytes come from: read front to back in pieces, never held whole by the engine.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/common/status.h"

namespace crm {

/// The bytes of one input file, read front to back in pieces. Rewind() starts over: a file is read again
/// when its roles change or another file is removed, so a source must be able to replay its bytes.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    /// Total size in bytes (progress and row estimates).
    virtual int64_t size() const = 0;
    /// Reads up to `capacity` bytes into `out`; returns how many (0 only at the end) or a read error.
    virtual Result<size_t> Read(char* out, size_t capacity) = 0;
    /// Starts over at the first byte.
    virtual void Rewind() = 0;
};

/// A source over bytes in memory that outlive it (no copy).
class MemoryByteSource final : public ByteSource {
public:
    explicit MemoryByteSource(std::string_view bytes) : bytes_(bytes) {}
    int64_t size() const override { return static_cast<int64_t>(bytes_.size()); }
    Result<size_t> Read(char* out, size_t capacity) override;
    void Rewind() override { position_ = 0; }

private:
    std::string_view bytes_;
    size_t position_ = 0;
};

/// A source that owns a copy of its bytes (native callers and tests).
class OwnedByteSource final : public ByteSource {
public:
    explicit OwnedByteSource(std::string bytes) : bytes_(std::move(bytes)), view_(bytes_) {}
    OwnedByteSource(const OwnedByteSource&) = delete;  // view_ points into bytes_
    OwnedByteSource& operator=(const OwnedByteSource&) = delete;
    int64_t size() const override { return view_.size(); }
    Result<size_t> Read(char* out, size_t capacity) override { return view_.Read(out, capacity); }
    void Rewind() override { view_.Rewind(); }

private:
    std::string bytes_;
    MemoryByteSource view_;
};

}  // namespace crm
