#pragma once
// Deal rows -> the pipeline: stage-change events or one snapshot row per deal.

#include <cstdint>

#include "core/ingest/duplicate_filter.h"
#include "core/ingest/row_sink.h"

namespace crm {

/// Event log rows: deal id, stage and when it was entered are required; manager, pipeline, source,
/// loss reason and amount are optional.
class DealEventsSink : public RowSink {
public:
    explicit DealEventsSink(SinkContext& context) : ctx_(context) {}
    void Consume(const Record& record) override;

private:
    SinkContext& ctx_;
    DuplicateFilter duplicates_;
};

/// Snapshot rows: deal id and current stage are required; the outcome comes from a status column
/// (won / lost / open words) or else from the stage name; created and closed dates are optional.
class DealSnapshotSink : public RowSink {
public:
    explicit DealSnapshotSink(SinkContext& context) : ctx_(context) {}
    void Consume(const Record& record) override;

private:
    SinkContext& ctx_;
    DuplicateFilter duplicates_;
};

}  // namespace crm
