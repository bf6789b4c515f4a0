#pragma once
// Deal rows -> the pipeline: stage-change events or one snapshot row per deal.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/ingest/grouped_duplicates.h"
#include "core/ingest/row_sink.h"

namespace crm {

/// Event log rows: deal id, stage and when it was entered are required; manager, pipeline, source,
/// loss reason and amount are optional.
class DealEventsSink : public RowSink {
public:
    explicit DealEventsSink(SinkContext& context);
    void Consume(const Record& record) override;

private:
    SinkContext& ctx_;
    GroupedDuplicates duplicates_;  // grouped by deal id
};

/// Snapshot rows: deal id and current stage are required; the outcome comes from a status column
/// (won / lost / open words) or else from the stage name; created and closed dates are optional.
class DealSnapshotSink : public RowSink {
public:
    explicit DealSnapshotSink(SinkContext& context) : ctx_(context) {}
    void Consume(const Record& record) override;

private:
    SinkContext& ctx_;
    GroupedDuplicates duplicates_;  // grouped by deal id
};

}  // namespace crm
