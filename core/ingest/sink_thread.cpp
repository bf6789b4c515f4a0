#include "core/ingest/sink_thread.h"

#include <algorithm>
#include <utility>

namespace crm {

SinkThread::SinkThread(RowSink& sink) : sink_(sink), ring_(kRing) {
    for (Batch& batch : ring_) {
        batch.rows.resize(kBatchRows);
        batch.fields.reserve(kBatchRows * 8);
    }
    started_ = pthread_create(
                   &thread_, nullptr,
                   [](void* self) -> void* {
                       static_cast<SinkThread*>(self)->Run();
                       return nullptr;
                   },
                   this) == 0;
}

SinkThread::~SinkThread() {
    Close();
    pthread_cond_destroy(&changed_);
    pthread_mutex_destroy(&mutex_);
}

template <class Predicate>
void SinkThread::Wait(Predicate done) {
    for (int spin = 0; spin < 1 << 14; ++spin) {
        if (done()) return;
    }
    // Sleep, unless the other thread changed its counter meanwhile: it stores the counter before it reads
    // sleepers_, and this thread counts itself in sleepers_ before it tests `done` again.
    pthread_mutex_lock(&mutex_);
    sleepers_.fetch_add(1);
    while (!done()) pthread_cond_wait(&changed_, &mutex_);
    sleepers_.fetch_sub(1);
    pthread_mutex_unlock(&mutex_);
}

void SinkThread::SetAndWake(std::atomic<uint64_t>& counter, uint64_t value) {
    counter.store(value);
    if (sleepers_.load() == 0) return;
    pthread_mutex_lock(&mutex_);  // (a sleeper is in pthread_cond_wait, or about to test `done`)
    pthread_mutex_unlock(&mutex_);
    pthread_cond_broadcast(&changed_);
}

void SinkThread::Run() {
    Record record;  // the sink's view of a row: its fields copied out of the batch, in this thread's cache
    for (uint64_t next = 0;; ++next) {
        bool closed = false;
        Wait([&] {
            const bool closing = closing_.load() != 0;  // (read first: a last batch is published before closing)
            const uint64_t published = published_.load();
            closed = published == next && closing;
            return published > next || closing;
        });
        if (closed) return;  // every batch consumed
        Batch& batch = ring_[next % kRing];
        if (!failure_) {
            // An exception (out of memory) ends the sink's work; the batches still come and go, so that the
            // reading thread never waits for ever, and Finish() throws it there.
            try {
                for (size_t i = 0; i < batch.count; ++i) {
                    const Row& row = batch.rows[i];
                    const std::string_view* fields = batch.fields.data() + row.first_field;
                    record.fields.assign(fields, fields + row.field_count);
                    record.raw = row.raw;
                    record.line = row.line;
                    record.offset = row.offset;
                    record.prepared = row.prepared;
                    sink_.Consume(record);
                }
            } catch (...) {
                failure_ = std::current_exception();
            }
        }
        SetAndWake(consumed_, next + 1);
    }
}

void SinkThread::Publish() {
    const uint64_t filling = published_.load(std::memory_order_relaxed);  // only this thread changes it
    if (ring_[filling % kRing].count == 0) return;
    SetAndWake(published_, filling + 1);
    // The next batch's slot must be free: the sink is done with the batch that used it kRing batches ago.
    Wait([&] { return consumed_.load() + kRing > filling + 1; });
    Batch& next = ring_[(filling + 1) % kRing];
    next.count = 0;
    next.fields.clear();
    next.arena.clear();
}

void SinkThread::Push(const Record& record, const char* text_begin, const char* text_end) {
    const auto in_text = [&](std::string_view view) {
        return view.empty() || (view.data() >= text_begin && view.data() + view.size() <= text_end);
    };
    // Bytes of the views outside the text, copied into the batch's arena (which must not move meanwhile).
    size_t copied = in_text(record.raw) ? 0 : record.raw.size();
    for (const std::string_view field : record.fields) copied += in_text(field) ? 0 : field.size();
    Batch* batch = &ring_[published_.load(std::memory_order_relaxed) % kRing];
    if (copied > 0 && batch->arena.size() + copied > batch->arena.capacity()) {
        // The batch's views into its arena must not move: a full arena ends the batch, and an empty one grows.
        if (batch->count > 0) {
            Publish();
            batch = &ring_[published_.load(std::memory_order_relaxed) % kRing];
        }
        if (copied > batch->arena.capacity()) batch->arena.reserve(std::max(copied, 2 * batch->arena.capacity()));
    }
    const auto keep = [&](std::string_view view) {
        if (copied == 0 || in_text(view)) return view;
        const size_t at = batch->arena.size();
        batch->arena.append(view);
        return std::string_view(batch->arena.data() + at, view.size());
    };
    Row& row = batch->rows[batch->count];
    row.first_field = static_cast<uint32_t>(batch->fields.size());
    row.field_count = static_cast<uint32_t>(record.fields.size());
    for (const std::string_view field : record.fields) batch->fields.push_back(keep(field));
    row.raw = keep(record.raw);
    row.line = record.line;
    row.offset = record.offset;
    row.prepared = record.prepared;
    if (++batch->count == kBatchRows) Publish();
}

void SinkThread::DrainBefore() {
    Publish();
    const uint64_t fence = fence_;
    Wait([&] { return consumed_.load() >= fence; });
    fence_ = published_.load(std::memory_order_relaxed);
}

void SinkThread::Close() {
    if (!started_) return;
    Publish();
    SetAndWake(closing_, 1);
    pthread_join(thread_, nullptr);
    started_ = false;
}

void SinkThread::Finish() {
    Close();
    if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

}  // namespace crm
