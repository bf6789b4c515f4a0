#pragma once
// Deal rows -> the pipeline: stage-change events or one snapshot row per deal.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/ingest/grouped_duplicates.h"
#include "core/ingest/row_sink.h"

namespace crm {

/// Sizes the duplicate groups (deal ids) for the whole file once the sampled rows have shown how many
/// rows a deal takes.
class DealGroupSizing {
public:
    explicit DealGroupSizing(const SinkContext& context);
    /// Counts a row; after the sample, reserves `duplicates` for the deal ids expected.
    void Count(const SinkContext& context, GroupedDuplicates& duplicates) {
        if (++consumed_ == sample_rows_) Reserve(context, duplicates);
    }

private:
    void Reserve(const SinkContext& context, GroupedDuplicates& duplicates) const;
    size_t consumed_ = 0;
    size_t sample_rows_ = 0;
    uint32_t first_deal_ = 0;  // deal ids before this file's
};

/// Event log rows: deal id, stage and when it was entered are required; manager, pipeline, source,
/// loss reason and amount are optional.
class DealEventsSink : public RowSink {
public:
    explicit DealEventsSink(SinkContext& context);
    /// The row's fingerprint and stage time.
    void Prepare(Record& record) override;
    void Consume(const Record& record) override;
    /// Fills the columns of the optional roles the file does not have (empty values on every row).
    void Finish() override;

private:
    SinkContext& ctx_;
    GroupedDuplicates duplicates_;  // grouped by deal id
    DealGroupSizing sizing_;
    DateTextCache prepare_dates_;   // Prepare's own (it may run on another thread than Consume)
    // Which optional roles the file has: the others are not read per row.
    bool has_manager_, has_pipeline_, has_source_, has_lost_reason_, has_amount_;
};

/// Snapshot rows: deal id and current stage are required; the outcome comes from a status column
/// (won / lost / open words) or else from the stage name; created and closed dates are optional.
class DealSnapshotSink : public RowSink {
public:
    explicit DealSnapshotSink(SinkContext& context) : ctx_(context), sizing_(context) {}
    void Consume(const Record& record) override;

private:
    SinkContext& ctx_;
    GroupedDuplicates duplicates_;  // grouped by deal id
    DealGroupSizing sizing_;
};

}  // namespace crm
