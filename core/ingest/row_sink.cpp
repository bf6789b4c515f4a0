#include "core/ingest/row_sink.h"

#include <algorithm>

#include "core/ingest/customers_sink.h"
#include "core/ingest/deals_sink.h"
#include "core/ingest/orders_sink.h"

namespace crm {

void SinkContext::Reject(const Record& record, RejectReason reason, Role role) {
    ++rows->rejected[static_cast<int>(reason)];
    if (rejects->full()) return;
    RejectedRow row;
    row.file = std::string(file);
    row.line = record.line;
    row.reason = reason;
    const int column = role == Role::kNone ? -1 : binding.Column(role);
    if (column >= 0) {
        row.column = column + 1;
        row.column_name = (*columns)[column];
        if (static_cast<size_t>(column) < record.fields.size()) row.value = std::string(record.fields[column]);
    } else {
        // At most 200 bytes of the row, cut at a UTF-8 character boundary.
        size_t size = std::min<size_t>(record.raw.size(), 200);
        while (size > 0 && size < record.raw.size() && (static_cast<unsigned char>(record.raw[size]) & 0xC0) == 0x80) --size;
        row.value = std::string(record.raw.substr(0, size));
    }
    rejects->rows.push_back(std::move(row));
}

bool SinkContext::ParseDate(Role role, std::string_view text, int64_t& seconds, bool& has_time) {
    const int index = static_cast<int>(role);
    const DateFormat& format = binding.date[index];
    if (format.order_ambiguous) {
        NumericDateParts parts;
        if (SplitNumericDate(text, parts)) date_evidence[index].Observe(parts);
    }
    DateTextCache& cache = date_caches[index];
    if (cache.Find(text, seconds, has_time)) return true;
    if (!ParseDateTime(text, format, seconds, has_time)) return false;
    cache.Store(text, seconds, has_time);
    return true;
}

bool SinkContext::ParseDateWith(DateTextCache& cache, Role role, std::string_view text, int64_t& seconds,
                                bool& has_time) const {
    if (cache.Find(text, seconds, has_time)) return true;
    if (!ParseDateTime(text, binding.date[static_cast<int>(role)], seconds, has_time)) return false;
    cache.Store(text, seconds, has_time);
    return true;
}

std::unique_ptr<RowSink> MakeRowSink(TableKind kind, SinkContext& context) {
    switch (kind) {
        case TableKind::kOrders: return std::make_unique<OrdersSink>(context);
        case TableKind::kDealEvents: return std::make_unique<DealEventsSink>(context);
        case TableKind::kDealSnapshot: return std::make_unique<DealSnapshotSink>(context);
        case TableKind::kCustomers: return std::make_unique<CustomersSink>(context);
        case TableKind::kUnknown: break;
    }
    return nullptr;
}

}  // namespace crm
