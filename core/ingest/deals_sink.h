#pragma once
// Deal rows -> the pipeline: stage-change events or one snapshot row per deal.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/ingest/duplicate_filter.h"
#include "core/ingest/row_sink.h"

namespace crm {

/// Exact duplicate check for deal rows: byte-identical rows share their deal id, so only rows of a deal
/// seen before in this file touch the hash table.
class DealDuplicates {
public:
    /// True when the row repeats an earlier row; `deal` is the row's deal id or kNoId.
    bool SeenBefore(std::string_view raw, uint32_t deal);
    void Reserve(size_t rows) { first_raw_.reserve(rows / 2); }

private:
    DuplicateFilter filter_;
    std::vector<std::string_view> first_raw_;  // by deal id: the deal's first row until a second arrives
    std::vector<uint8_t> in_filter_;           // by deal id: first_raw_ was added to the filter
};

/// Event log rows: deal id, stage and when it was entered are required; manager, pipeline, source,
/// loss reason and amount are optional.
class DealEventsSink : public RowSink {
public:
    explicit DealEventsSink(SinkContext& context);
    void Consume(const Record& record) override;

private:
    SinkContext& ctx_;
    DealDuplicates duplicates_;
};

/// Snapshot rows: deal id and current stage are required; the outcome comes from a status column
/// (won / lost / open words) or else from the stage name; created and closed dates are optional.
class DealSnapshotSink : public RowSink {
public:
    explicit DealSnapshotSink(SinkContext& context) : ctx_(context) {}
    void Consume(const Record& record) override;

private:
    SinkContext& ctx_;
    DealDuplicates duplicates_;
};

}  // namespace crm
