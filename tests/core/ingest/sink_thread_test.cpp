#include "core/ingest/sink_thread.h"

#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace crm {
namespace {

/// Keeps a copy of every record it consumes; throws std::bad_alloc at row `fail_at` (1-based; 0: never).
class RecordingSink final : public RowSink {
public:
    explicit RecordingSink(size_t fail_at = 0) : fail_at_(fail_at) {}
    void Consume(const Record& record) override {
        if (++seen_ == fail_at_) throw std::bad_alloc();
        std::string row = std::to_string(record.line) + ":" + std::string(record.raw);
        for (const std::string_view field : record.fields) row += "|" + std::string(field);
        rows.push_back(row);
    }
    std::vector<std::string> rows;

private:
    size_t fail_at_;
    size_t seen_ = 0;
};

/// Pushes `count` records "a<i>,b<i>" whose first field and raw text lie in `text` (the stable window, which
/// must outlive the sink's work) and whose second field lies in a scratch buffer overwritten after each push
/// (as a reader's per-row storage is).
void PushRows(SinkThread& thread, size_t count, std::string& text, std::vector<std::string>& expected) {
    for (size_t i = 0; i < count; ++i) text += "a" + std::to_string(i) + ",";
    std::string scratch;
    size_t at = 0;
    Record record;
    for (size_t i = 0; i < count; ++i) {
        const std::string first = "a" + std::to_string(i);
        scratch = "b" + std::to_string(i) + std::string(i % 50, 'x');  // sometimes longer than the arena so far
        record.fields = {std::string_view(text.data() + at, first.size()), std::string_view(scratch)};
        record.raw = std::string_view(text.data() + at, first.size() + 1);
        record.line = static_cast<int64_t>(i + 2);
        expected.push_back(std::to_string(i + 2) + ":" + first + ",|" + first + "|" + scratch);
        thread.Push(record, text.data(), text.data() + text.size());
        scratch.assign(scratch.size(), '?');
        at += first.size() + 1;
        if (i % 3000 == 2999) thread.DrainBefore();
    }
}

TEST(SinkThread, HandsEveryRecordOverInOrder) {
    // Row counts around the batch and ring sizes (1,024 rows a batch, 4 batches): views into the stable text are
    // passed as they are, the others copied before the caller reuses them.
    for (const size_t count : {0, 1, 1023, 1024, 1025, 4096, 4097, 10000}) {
        SCOPED_TRACE(count);
        RecordingSink sink;
        std::string text;
        std::vector<std::string> expected;
        SinkThread thread(sink);
        ASSERT_TRUE(thread.started());
        PushRows(thread, count, text, expected);
        thread.Finish();
        EXPECT_EQ(sink.rows, expected);
    }
}

TEST(SinkThread, RethrowsWhatTheSinkThrewAfterAllRowsArePushed) {
    // The sink fails at row 5,000 of 10,000: pushing never blocks for ever, and Finish() throws the failure.
    RecordingSink sink(5000);
    std::string text;
    std::vector<std::string> expected;
    SinkThread thread(sink);
    PushRows(thread, 10000, text, expected);
    EXPECT_THROW(thread.Finish(), std::bad_alloc);
    EXPECT_EQ(sink.rows.size(), 4999u);  // the rows before the failing one
}

}  // namespace
}  // namespace crm
