#pragma once
// The summary report: date range, customers, purchases, revenue, returns, and a monthly series.

#include <cstdint>
#include <optional>
#include <vector>

#include "core/common/json_writer.h"
#include "core/dataset/dataset.h"

namespace crm {

/// One month of the revenue series.
struct SummaryMonth {
    int32_t month_index = 0;  ///< year*12 + month-1
    int64_t revenue = 0;      ///< net of returns, minor units
    int64_t purchases = 0;
    int64_t customers = 0;    ///< distinct customers with a purchase that month
    int64_t new_customers = 0;///< customers whose first purchase is that month
};

/// Totals over purchases and returns dated before the as-of day.
struct SummaryResult {
    int32_t as_of_day = 0;
    std::optional<int32_t> first_day;       ///< first purchase
    std::optional<int32_t> last_purchase;   ///< last purchase
    int64_t customers = 0;                  ///< with at least one purchase
    int64_t purchases = 0;
    int64_t gross_revenue = 0;              ///< purchases only
    int64_t returned_amount = 0;            ///< return rows
    int64_t return_rows = 0;
    int64_t repeat_customers = 0;           ///< customers with two or more purchases
    int64_t deals = 0;                      ///< distinct deals (events or snapshots)
    std::vector<SummaryMonth> months;       ///< every month from the first to the last purchase
};

/// Default as-of day: the day after the last purchase (else after the last deal event), else none.
std::optional<int32_t> DefaultAsOfDay(const Dataset& data);

/// Computes the summary for purchases and returns with day < as_of_day.
SummaryResult ComputeSummary(const Dataset& data, int32_t as_of_day);

/// Writes {"asOf","firstDate","lastPurchase","customers","purchases","revenue","grossRevenue",
/// "returnedAmount","returnRows","averageCheck","purchasesPerCustomer","repeatCustomers","repeatRate",
/// "deals","months":[{"month","revenue","purchases","customers","newCustomers"}]}.
void WriteSummaryJson(const SummaryResult& summary, JsonWriter& out);

}  // namespace crm
