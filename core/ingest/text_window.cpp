#include "core/ingest/text_window.h"

#include <algorithm>
#include <cstring>

#include "core/ingest/record.h"

namespace crm {

namespace {

// Bytes needed to tell an encoding from (byte order marks, UTF-16 without one, Windows-1251 letter pairs).
constexpr size_t kDecideBytes = 64;

bool StartsWith(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && std::memcmp(s.data(), prefix.data(), prefix.size()) == 0;
}

}  // namespace

TextWindow::TextWindow(ByteSource& source, std::string_view file, WindowOptions options)
    : source_(source), file_(file), options_(options) {
    options_.head_bytes = std::max<size_t>(options_.head_bytes, 1);
    options_.piece_bytes = std::max<size_t>(options_.piece_bytes, 1);
}

Result<std::unique_ptr<TextWindow>> TextWindow::Open(ByteSource& source, std::string_view file,
                                                     WindowOptions options) {
    using namespace std::string_view_literals;
    source.Rewind();
    std::unique_ptr<TextWindow> window(new TextWindow(source, file, options));
    TextWindow& w = *window;
    w.source_size_ = source.size();

    // The head: read whole, so that the encoding is decided on it as DecodeText decides for a whole file
    // (at least kDecideBytes, even when the window starts smaller).
    const size_t head_bytes = std::max(w.options_.head_bytes, kDecideBytes);
    w.raw_.assign(head_bytes + kTextPadding, '\0');
    if (!w.ReadSource(w.raw_.data(), head_bytes, w.raw_size_)) return w.error_;
    std::string_view head(w.raw_.data(), w.raw_size_);
    // A UTF-8 sequence cut by the end of the head is left out of the decision (it is completed later).
    std::string_view decide = head;
    if (!w.source_done_) {
        bool cut = false, non_ascii = false;
        const size_t valid = ValidUtf8Prefix(head, cut, non_ascii);
        if (cut) decide = head.substr(0, valid);
    }
    Result<DecodedText> decided = DecodeText(decide, file);
    if (!decided.ok()) {
        // A head of whitespace only says nothing when more follows.
        if (decided.error().code != ErrorCode::kEmpty || w.source_done_) return decided.error();
        w.encoding_ = StartsWith(head, "\xEF\xBB\xBF"sv) ? TextEncoding::kUtf8Bom : TextEncoding::kUtf8;
    } else {
        w.encoding_ = decided.value().encoding;
    }
    size_t skip = 0;
    if (w.encoding_ == TextEncoding::kUtf8Bom && StartsWith(head, "\xEF\xBB\xBF"sv)) skip = 3;
    if ((w.encoding_ == TextEncoding::kUtf16Le && StartsWith(head, "\xFF\xFE"sv)) ||
        (w.encoding_ == TextEncoding::kUtf16Be && StartsWith(head, "\xFE\xFF"sv))) {
        skip = 2;
    }
    if (skip > 0) {
        std::memmove(w.raw_.data(), w.raw_.data() + skip, w.raw_size_ - skip);
        w.raw_size_ -= skip;
    }
    w.buffer_.assign(kTextPadding, '\0');
    w.DecodeRaw(w.source_done_, w.options_.head_bytes);
    w.exhausted_ = (w.source_done_ && w.raw_size_ == 0) || w.has_error_;
    return window;
}

char* TextWindow::Reserve(size_t bytes) {
    if (buffer_.size() < size_ + bytes + kTextPadding) buffer_.resize(size_ + bytes + kTextPadding);
    return buffer_.data() + size_;
}

void TextWindow::Fail(Error error, int64_t offset) {
    if (has_error_) return;
    has_error_ = true;
    error.file = file_;
    error_ = std::move(error);
    error_offset_ = offset;
}

void TextWindow::DecodeRaw(bool last, size_t limit) {
    std::string_view raw(raw_.data(), std::min(raw_size_, limit));
    last = last && raw.size() == raw_size_;
    size_t used = 0;
    char* out = nullptr;
    switch (encoding_) {
        case TextEncoding::kUtf8:
        case TextEncoding::kUtf8Bom: {
            bool cut = false;
            const size_t valid = ValidUtf8Prefix(raw, cut, seen_non_ascii_);
            out = Reserve(raw.size());
            std::memcpy(out, raw.data(), valid);
            out += valid;
            used = valid;
            const std::string_view rest = raw.substr(valid);
            // A cut sequence, or too few bytes to judge Windows-1251 by, wait for the next piece.
            const bool wait = !last && (cut || (encoding_ == TextEncoding::kUtf8 && !seen_non_ascii_ &&
                                                rest.size() < kDecideBytes));
            if (valid < raw.size() && !wait) {
                if (encoding_ == TextEncoding::kUtf8 && !seen_non_ascii_ && PlausibleWindows1251(rest)) {
                    // Everything before was ASCII, which reads the same in Windows-1251.
                    encoding_ = TextEncoding::kWindows1251;
                    size_ = static_cast<size_t>(out - buffer_.data());
                    out = DecodeWindows1251(rest, Reserve(rest.size() * 3));
                    used = raw.size();
                } else {
                    size_ = static_cast<size_t>(out - buffer_.data());
                    Fail(MakeError(ErrorCode::kBadEncoding,
                                   encoding_ == TextEncoding::kUtf8Bom
                                       ? "invalid UTF-8 in a file that starts with a UTF-8 byte order mark"
                                       : "the text is neither UTF-8 nor Windows-1251"),
                         base_ + static_cast<int64_t>(size_));
                    error_.expected = "UTF-8 or Windows-1251 text (save the file as \"CSV UTF-8\")";
                    used = raw.size();
                }
            }
            break;
        }
        case TextEncoding::kWindows1251:
            out = DecodeWindows1251(raw, Reserve(raw.size() * 3));
            used = raw.size();
            break;
        case TextEncoding::kUtf16Le:
        case TextEncoding::kUtf16Be:
            out = Reserve(raw.size() / 2 * 3 + 4);
            used = DecodeUtf16(raw, encoding_ == TextEncoding::kUtf16Be, last, out);
            if (last) used = raw.size();  // an odd last byte is dropped
            break;
    }
    size_ = static_cast<size_t>(out - buffer_.data());
    std::memset(buffer_.data() + size_, 0, kTextPadding);
    // Bytes not decoded yet (a cut sequence) move to the front of raw_ for the next piece.
    if (used < raw_size_) std::memmove(raw_.data(), raw_.data() + used, raw_size_ - used);
    raw_size_ -= used;
}

bool TextWindow::ReadSource(char* out, size_t capacity, size_t& got) {
    got = 0;
    while (got < capacity && !source_done_) {
        Result<size_t> read = source_.Read(out + got, capacity - got);
        if (!read.ok()) {
            Fail(read.error(), OffsetOf(end()));
            return false;
        }
        if (read.value() == 0) source_done_ = true;
        got += read.value();
        source_read_ += static_cast<int64_t>(read.value());
    }
    if (source_read_ >= source_size_) source_done_ = true;
    return true;
}

bool TextWindow::ReadPiece(size_t capacity) {
    if (raw_.size() < raw_size_ + capacity + kTextPadding) raw_.resize(raw_size_ + capacity + kTextPadding);
    size_t got = 0;
    const bool ok = ReadSource(raw_.data() + raw_size_, capacity, got);
    raw_size_ += got;
    return ok;
}

bool TextWindow::ReadUtf8Piece(size_t capacity) {
    // Read straight onto the end of the window and validated there: UTF-8 needs no second copy. Bytes
    // carried over in raw_ (read with the head, or a cut sequence) come first.
    char* tail = Reserve(capacity);
    const size_t take = std::min(raw_size_, capacity);
    std::memcpy(tail, raw_.data(), take);
    std::memmove(raw_.data(), raw_.data() + take, raw_size_ - take);
    raw_size_ -= take;
    size_t got = take;
    if (raw_size_ == 0) {
        size_t read = 0;
        if (!ReadSource(tail + take, capacity - take, read)) return false;
        got += read;
    }
    bool cut = false;
    const size_t valid = ValidUtf8Prefix(std::string_view(tail, got), cut, seen_non_ascii_);
    size_ += valid;
    if (valid < got) {  // a cut sequence or an invalid byte: back in front of raw_, the general path decides
        const size_t rest = got - valid;
        if (raw_.size() < raw_size_ + rest + kTextPadding) raw_.resize(raw_size_ + rest + kTextPadding);
        std::memmove(raw_.data() + rest, raw_.data(), raw_size_);
        std::memcpy(raw_.data(), tail + valid, rest);
        raw_size_ += rest;
        DecodeRaw(source_done_, std::max(rest, capacity));
    }
    std::memset(buffer_.data() + size_, 0, kTextPadding);
    return true;
}

bool TextWindow::Refill(const char* keep) {
    if (exhausted_) return false;
    if (before_refill_) before_refill_();
    const size_t drop = static_cast<size_t>(keep - buffer_.data());
    if (options_.keep_previous_piece) {
        // The kept text starts the other buffer; this one stays as it is until the next Refill.
        const size_t kept = size_ - drop;
        if (previous_.size() < kept + kTextPadding) previous_.resize(std::max(buffer_.size(), kept + kTextPadding));
        std::memcpy(previous_.data(), keep, kept);
        buffer_.swap(previous_);
        size_ = kept;
        base_ += static_cast<int64_t>(drop);
    } else if (drop > 0) {
        std::memmove(buffer_.data(), buffer_.data() + drop, size_ - drop);
        size_ -= drop;
        base_ += static_cast<int64_t>(drop);
    }
    // About one piece of source bytes; more when they decode to nothing yet (a cut sequence, an undecided
    // encoding), so that every call makes progress.
    for (size_t limit = options_.piece_bytes;; limit *= 2) {
        const size_t before = size_;
        if (encoding_ == TextEncoding::kUtf8 || encoding_ == TextEncoding::kUtf8Bom) {
            if (!ReadUtf8Piece(limit)) break;
        } else {
            if (raw_size_ < limit && !source_done_ && !ReadPiece(limit - raw_size_)) break;
            DecodeRaw(source_done_, limit);
        }
        if (size_ > before || has_error_ || (source_done_ && raw_size_ == 0)) break;
    }
    std::memset(buffer_.data() + size_, 0, kTextPadding);
    exhausted_ = (source_done_ && raw_size_ == 0) || has_error_;
    return true;
}

}  // namespace crm
