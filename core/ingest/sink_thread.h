#pragma once
// The second stage of loading on a second thread: while the calling thread reads the next rows of a file, a
// sink thread turns the rows read before into dataset rows. The sink still sees every row once, in file order,
// so every rule that depends on earlier rows (duplicates, an order's first row, first-seen ids) holds as in a
// load on one thread.

#include <pthread.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "core/ingest/record.h"
#include "core/ingest/row_sink.h"

namespace crm {

/// Hands records to a RowSink that runs on its own thread, a batch at a time, through a ring of a few batches.
/// (POSIX threads rather than std::thread: the standard classes bring std::system_error and its message table,
/// kilobytes of the wasm module for errors that are never shown.)
/// A record's views into the text window are passed as they are (the window must keep them valid until the
/// sink is done: see DrainBefore); views elsewhere (a reader's per-row storage) are copied with the record.
class SinkThread {
public:
    /// Starts the thread that feeds `sink`. `sink` must outlive this object and is used by that thread only
    /// until Finish() returns. Check started(): without a thread the caller consumes the rows itself.
    explicit SinkThread(RowSink& sink);
    /// Whether the thread is running (a platform may refuse to start one).
    bool started() const { return started_; }
    /// Ends the sink's thread if Finish() was not called (a failed read); what the sink threw is dropped.
    ~SinkThread();
    SinkThread(const SinkThread&) = delete;
    SinkThread& operator=(const SinkThread&) = delete;

    /// Queues `record`, whose views into [text_begin, text_end) stay valid until the sink is done with it
    /// (its other views are copied now). Waits while the ring is full.
    void Push(const Record& record, const char* text_begin, const char* text_end);
    /// Called before the text window drops a piece: queues the rows pushed so far, and waits until the sink
    /// is done with every row pushed before the previous call (the rows that may point into the piece to go).
    void DrainBefore();
    /// Queues the last rows and waits until the sink has consumed them all; the sink's thread has ended after.
    /// Throws what the sink threw (it then consumed no more rows).
    void Finish();

private:
    /// A record in a batch, without its fields (they follow one another in Batch::fields).
    struct Row {
        std::string_view raw;
        int64_t line = 0, offset = 0;
        uint32_t first_field = 0, field_count = 0;
        PreparedRow prepared;
    };
    /// Rows handed over together, in flat arrays (each cache line written by one thread and read by the other
    /// holds as much as it can); its arena holds the bytes of views that had to be copied.
    struct Batch {
        std::vector<Row> rows;                  // kBatchRows, the first `count` in use
        std::vector<std::string_view> fields;   // the rows' fields back to back
        size_t count = 0;
        std::string arena;
    };
    static constexpr size_t kRing = 4;          // batches in flight
    static constexpr size_t kBatchRows = 1024;  // rows per batch

    void Run();
    /// Queues the last rows and ends the sink's thread once they are consumed.
    void Close();
    /// Makes the batch being filled available to the sink (if it holds rows) and starts the next one.
    void Publish();
    /// Returns once `done` holds: spins a while first (the other thread is usually a batch away, and waking a
    /// sleeping thread takes longer than a batch), then sleeps until woken.
    template <class Predicate>
    void Wait(Predicate done);
    /// Sets `counter` to `value` and wakes the other thread if it sleeps.
    void SetAndWake(std::atomic<uint64_t>& counter, uint64_t value);

    RowSink& sink_;
    std::vector<Batch> ring_;
    pthread_mutex_t mutex_ = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t changed_ = PTHREAD_COND_INITIALIZER;
    std::atomic<uint64_t> published_{0};  // batches handed to the sink
    std::atomic<uint64_t> consumed_{0};   // batches the sink is done with
    std::atomic<uint64_t> closing_{0};    // 1: no more batches
    std::atomic<int> sleepers_{0};        // threads waiting on changed_ (under mutex_ while they do)
    uint64_t fence_ = 0;                  // batches published at the previous DrainBefore
    std::exception_ptr failure_;  // what the sink threw (set and read by the sink's thread until joined)
    pthread_t thread_{};
    bool started_ = false;
};

}  // namespace crm
