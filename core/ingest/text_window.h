#pragma once
// The decoded text of a file as a sliding window: readers parse it piece by piece, so the engine never
// holds a whole copy of a file (SPEC §6: memory), whatever its encoding.

#include <cstdint>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/common/status.h"
#include "core/ingest/byte_source.h"
#include "core/ingest/encoding.h"
#include "core/ingest/record.h"

namespace crm {

/// How much a TextWindow reads at a time.
struct WindowOptions {
    size_t head_bytes = size_t{1} << 20;   ///< source bytes read before the encoding is decided (or the whole file)
    size_t piece_bytes = size_t{1} << 20;  ///< source bytes read by each Refill
    /// Keep the previous piece's text where it was until the next Refill (two buffers take turns), so that
    /// views into it outlive one Refill: rows read from it may still be in use on another thread.
    bool keep_previous_piece = false;
};

/// A window [begin(), end()) onto the UTF-8 text of a file, followed by kTextPadding zero bytes. Open() reads
/// the head and decides the encoding (as DecodeText does for the head); Refill() drops the text before a kept
/// position and appends the next decoded piece. Offsets are byte offsets in the whole decoded text.
///
/// Encoding after the head: an invalid UTF-8 byte in a file whose head was plain ASCII switches the rest to
/// Windows-1251 when that is plausible (the head reads the same in both); otherwise the text ends just before
/// the offending byte and error() tells why (kBadEncoding, with error_offset(); line and column are for the
/// reader to fill in, see RecordSource::PositionOfOffset). A read error of the source ends the text the same way.
class TextWindow {
public:
    /// Rewinds `source` and reads its head. Fails with kEmpty, kNotATable or kBadEncoding as DecodeText does.
    /// `source` must outlive the window.
    static Result<std::unique_ptr<TextWindow>> Open(ByteSource& source, std::string_view file,
                                                    WindowOptions options = {});

    /// First byte of the window.
    const char* begin() const { return buffer_.data(); }
    /// One past the last byte of the window; kTextPadding zero bytes follow it.
    const char* end() const { return buffer_.data() + size_; }
    /// The window as a view.
    std::string_view text() const { return std::string_view(buffer_.data(), size_); }
    /// Text offset of a pointer into the window (or end()).
    int64_t OffsetOf(const char* p) const { return base_ + (p - buffer_.data()); }
    /// Text offset of begin().
    int64_t base() const { return base_; }
    /// True when end() is the end of the text: Refill() will add nothing.
    bool exhausted() const { return exhausted_; }
    /// Moves the text from `keep` (in [begin(), end()]) to the front, dropping the text before it, and appends
    /// the next decoded piece (the window grows when `keep` is begin() and it is full). Returns false, changing
    /// nothing, when exhausted() was already true. Every pointer into the window is invalid afterwards (the
    /// byte that was at `keep` is at begin()), unless the window keeps the previous piece: then the text before
    /// this call stays where it was until the next call.
    bool Refill(const char* keep);
    /// Sets a function called at the start of every Refill that will change text (empty: none). A window that
    /// keeps the previous piece is about to overwrite the piece before the current one.
    void SetBeforeRefill(std::function<void()> before) { before_refill_ = std::move(before); }

    /// Why the text ended early (a decoding or read error after the head), or null.
    const Error* error() const { return has_error_ ? &error_ : nullptr; }
    /// Text offset where error() applies.
    int64_t error_offset() const { return error_offset_; }
    /// The file's encoding (it may change from utf-8 to windows-1251 after the head, see above).
    TextEncoding encoding() const { return encoding_; }
    /// Source bytes read so far and in all (progress, row estimates).
    int64_t source_read() const { return source_read_; }
    int64_t source_size() const { return source_size_; }

private:
    TextWindow(ByteSource& source, std::string_view file, WindowOptions options);
    /// Reads from the source into `out` until `capacity` bytes (`got`) or its end; false on a read error.
    bool ReadSource(char* out, size_t capacity, size_t& got);
    /// Reads up to `capacity` source bytes into raw_, after the bytes carried over there.
    bool ReadPiece(size_t capacity);
    /// UTF-8: reads up to `capacity` source bytes straight onto the end of the window and validates them there.
    bool ReadUtf8Piece(size_t capacity);
    /// Decodes the first `limit` bytes of raw_ onto the end of the window; `last` when the source has no more.
    void DecodeRaw(bool last, size_t limit = SIZE_MAX);
    /// Makes room for `bytes` more text bytes (plus padding) after end().
    char* Reserve(size_t bytes);
    void Fail(Error error, int64_t offset);

    ByteSource& source_;
    std::string file_;
    WindowOptions options_;
    std::string buffer_;        // text, then at least kTextPadding zero bytes
    std::string previous_;      // the previous piece's buffer (keep_previous_piece), reused by the next Refill
    std::function<void()> before_refill_;
    size_t size_ = 0;           // text bytes in buffer_
    int64_t base_ = 0;          // text offset of buffer_[0]
    std::string raw_;           // undecoded source bytes (transcoded encodings, and a UTF-8 sequence cut by a piece)
    size_t raw_size_ = 0;
    TextEncoding encoding_ = TextEncoding::kUtf8;
    bool seen_non_ascii_ = false;  // a byte >= 0x80 was decoded (no switch to Windows-1251 any more)
    bool exhausted_ = false;
    bool source_done_ = false;
    int64_t source_read_ = 0, source_size_ = 0;
    bool has_error_ = false;
    Error error_;
    int64_t error_offset_ = 0;
};

}  // namespace crm
