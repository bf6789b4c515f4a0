#pragma once
// The analysis request: which analyses, the as-of date, filters, and each analysis's parameters.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/drill.h"
#include "core/common/status.h"
#include "simdjson.h"

namespace crm {

/// Row filters applied before every analysis (no re-parsing).
struct Filters {
    std::optional<int32_t> from_day;       ///< first day included
    std::optional<int32_t> to_day;         ///< last day included
    std::vector<std::string> channels;     ///< purchases' channel / deals' source (empty: all)
    std::vector<std::string> managers;     ///< purchases' and deals' manager (empty: all)
    std::vector<std::string> statuses;     ///< purchases' status (empty: all)
    std::vector<std::string> pipelines;    ///< deals' pipeline (empty: all)
    bool empty() const {
        return !from_day && !to_day && channels.empty() && managers.empty() && statuses.empty() && pipelines.empty();
    }
};

/// A parsed request. The per-analysis parameter objects stay JSON and are parsed by each analysis.
struct Request {
    std::vector<std::string> analyses;  ///< "summary", "rfm", "cohorts", "funnel"; empty = all that apply
    std::optional<int32_t> as_of_day;   ///< as-of date T (purchases before T count)
    Filters filters;
    int rejected_rows = 0;              ///< how many rejected rows to include in the report (0..1000; 0 omits the key)
    bool include_files = true;          ///< include the per-file reports
    simdjson::dom::parser parser;       ///< owns the parsed document the elements below point into
    simdjson::dom::element rfm, cohorts, funnel;  ///< parameter objects (null elements when absent)
    bool has_rfm = false, has_cohorts = false, has_funnel = false;
    std::optional<DrillSpec> drill;  ///< the rows behind one cohort cell or funnel count (uses cohorts / funnel)
};

/// Names of the analyses this version knows, in report order.
const std::vector<std::string>& KnownAnalyses();

/// Parses a request JSON (empty text = all defaults). Unknown keys fail with kBadRequest.
Status ParseRequest(std::string_view json, Request& out);

}  // namespace crm
