#pragma once
// Customers table rows -> per-customer first contact date, acquisition channel and region.

#include "core/ingest/duplicate_filter.h"
#include "core/ingest/row_sink.h"

namespace crm {

/// Customer identity as in orders (id, else email, else phone); a bad first-contact date rejects the row.
class CustomersSink : public RowSink {
public:
    explicit CustomersSink(SinkContext& context) : ctx_(context) {}
    void Consume(const Record& record) override;

private:
    SinkContext& ctx_;
    DuplicateFilter duplicates_;
    std::string key_buffer_;
};

}  // namespace crm
