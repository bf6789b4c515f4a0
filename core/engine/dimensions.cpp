#include "core/engine/dimensions.h"

#include <algorithm>

namespace crm {
namespace {

/// Adds the rows of each id of `column` to `rows` (kNoId and out-of-range ids are skipped).
template <class Column>
void AddRows(const Column& column, std::vector<int64_t>& rows) {
    for (size_t i = 0; i < column.size(); ++i) {
        const uint32_t id = column[i];
        if (id < rows.size()) ++rows[id];
    }
}

/// AddRows of a uniform column counts all its rows at once.
void AddRows(const UniformColumn<uint32_t>& column, std::vector<int64_t>& rows) {
    if (!column.uniform()) {
        AddRows<UniformColumn<uint32_t>>(column, rows);
    } else if (!column.empty() && column[0] < rows.size()) {
        rows[column[0]] += static_cast<int64_t>(column.size());
    }
}

/// Rows per value of `dictionary` over the given id columns (kNoId and out-of-range ids are skipped, as
/// no filter can select them), sorted by rows descending then value.
template <class... Columns>
std::vector<DimensionValue> Count(const Dictionary& dictionary, const Columns&... columns) {
    std::vector<int64_t> rows(dictionary.size(), 0);
    (AddRows(columns, rows), ...);
    std::vector<DimensionValue> out;
    for (uint32_t id = 0; id < rows.size(); ++id) {
        if (rows[id] > 0) out.push_back(DimensionValue{dictionary.At(id), rows[id]});
    }
    std::sort(out.begin(), out.end(), [](const DimensionValue& a, const DimensionValue& b) {
        return a.rows != b.rows ? a.rows > b.rows : a.value < b.value;
    });
    return out;
}

void WriteList(JsonWriter& out, const char* key, const std::vector<DimensionValue>& values) {
    out.Key(key).BeginArray();
    for (const DimensionValue& v : values) {
        out.BeginObject();
        out.Key("value").String(v.value);
        out.Key("rows").Int(v.rows);
        out.EndObject();
    }
    out.EndArray();
}

}  // namespace

Dimensions CountDimensions(const Dataset& data) {
    const Purchases& p = data.purchases;
    const Returns& r = data.returns;
    const DealEvents& e = data.deal_events;
    const DealSnapshots& s = data.deal_snapshots;
    Dimensions d;
    d.channels = Count(data.channels, p.channel, r.channel, e.source, s.source);
    d.managers = Count(data.managers, p.manager, r.manager, e.manager, s.manager);
    d.statuses = Count(data.statuses, p.status, r.status);
    d.pipelines = Count(data.pipelines, e.pipeline, s.pipeline);
    return d;
}

void WriteDimensionsJson(const Dimensions& dimensions, JsonWriter& out) {
    out.BeginObject();
    WriteList(out, "channels", dimensions.channels);
    WriteList(out, "managers", dimensions.managers);
    WriteList(out, "statuses", dimensions.statuses);
    WriteList(out, "pipelines", dimensions.pipelines);
    out.EndObject();
}

}  // namespace crm
