#pragma once
// Applying the request's filters: a dataset holding only the matching rows (dictionaries shared by copy).

#include "core/dataset/dataset.h"
#include "core/engine/request.h"

namespace crm {

/// Copies `data` keeping purchases, returns and deal rows that pass `filters`: the period
/// [from, to] on purchase/return days and deal event times (snapshots: creation time), channel
/// (purchases' channel, deals' source), manager, status (purchases and returns) and pipeline (deals).
Dataset ApplyFilters(const Dataset& data, const Filters& filters);

}  // namespace crm
