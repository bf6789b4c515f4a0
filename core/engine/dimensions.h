#pragma once
// The values the row filters can select (core/engine/filters.h), with how many rows carry each: the
// lists behind the page's filter pickers. Values are the dictionaries' exact texts, which is what the
// filters match.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/common/json_writer.h"
#include "core/dataset/dataset.h"

namespace crm {

/// One selectable value and the rows that carry it.
struct DimensionValue {
    std::string_view value;  ///< text in the dataset's dictionary (valid while the dataset is unchanged)
    int64_t rows = 0;
};

/// Per filter, its values with at least one row, most rows first, then by value (bytewise).
struct Dimensions {
    std::vector<DimensionValue> channels;   ///< purchases' and returns' channel, deal rows' source
    std::vector<DimensionValue> managers;   ///< purchases', returns' and deal rows' manager
    std::vector<DimensionValue> statuses;   ///< purchases' and returns' status
    std::vector<DimensionValue> pipelines;  ///< deal rows' pipeline
};

/// Counts the rows (purchases, return rows, deal events and snapshot rows) behind each filter value.
Dimensions CountDimensions(const Dataset& data);

/// Writes {"channels":[{"value","rows"}],"managers":[...],"statuses":[...],"pipelines":[...]}.
void WriteDimensionsJson(const Dimensions& dimensions, JsonWriter& out);

}  // namespace crm
