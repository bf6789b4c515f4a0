#pragma once
// Test helper: a text in memory and a TextWindow over it, read in pieces of a chosen size.

#include <memory>
#include <string>
#include <utility>

#include "core/ingest/byte_source.h"
#include "core/ingest/text_window.h"

namespace crm::testing {

/// Owns the bytes, their source and the window; `piece` is both the head size and the refill size (1 MiB when 0).
class WindowText {
public:
    explicit WindowText(std::string bytes, size_t piece = 0, std::string file = "t.csv")
        : source_(std::move(bytes)) {
        WindowOptions options;
        if (piece != 0) options.head_bytes = options.piece_bytes = piece;
        Result<std::unique_ptr<TextWindow>> opened = TextWindow::Open(source_, file, options);
        if (opened.ok()) {
            window_ = std::move(opened).value();
        } else {
            error_ = opened.error();
        }
    }
    /// The window (null when Open failed: see open_error()).
    TextWindow* window() { return window_.get(); }
    /// Open's error, or null.
    const Error* open_error() const { return window_ ? nullptr : &error_; }

private:
    OwnedByteSource source_;
    std::unique_ptr<TextWindow> window_;
    Error error_;
};

}  // namespace crm::testing
