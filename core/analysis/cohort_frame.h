#pragma once
// What the cohort matrix and its drill-downs share: period arithmetic, each customer's cohort and first
// period, and the offset of a purchase or a return. Both read offsets only through CohortFrame, so a
// drill-down can never place a purchase in another cell than the matrix does.

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/analysis/cohorts.h"
#include "core/common/status.h"
#include "core/dataset/dataset.h"

namespace crm {

/// Period arithmetic: index of a day's period (consecutive periods have consecutive indices) and labels.
class PeriodCalendar {
public:
    PeriodCalendar(CohortPeriod period, int32_t week_start) : period_(period), week_base_(week_start - 3) {}

    /// Index of the period holding `day`.
    int32_t Of(int32_t day) const;

    /// Label of a period index: "2024-01", "2024-Q1" or the week's first day.
    std::string Label(int32_t index) const;

private:
    CohortPeriod period_;
    int32_t week_base_;
};

/// A customer's place in the matrix.
struct CohortMember {
    int32_t first_period = 0;  ///< period of the first purchase
    int32_t cohort = -1;       ///< cohort index, -1 without a purchase before as-of
};

/// Cohorts, members and period lookup of one cohorts computation (purchases dated before as-of).
struct CohortFrame {
    PeriodCalendar calendar{CohortPeriod::kMonth, 0};
    int32_t as_of_day = 0;
    int32_t min_day = 0;      ///< earliest purchase day before as-of
    int32_t last_period = 0;  ///< period of as-of - 1
    std::vector<int32_t> period_table;   ///< period of min_day + d, for days min_day..as_of-1 (may be empty)
    std::vector<std::string> labels;     ///< cohort labels in report order
    std::vector<int32_t> cohort_periods;  ///< period cohorts: the period of each cohort
    std::vector<CohortMember> members;   ///< per customer id
    std::vector<uint32_t> first_row;     ///< per customer: purchase row of the first purchase, or kNoId
    std::vector<int32_t> last_day;       ///< per customer: day of the last purchase before as-of
    int32_t offsets = 0;                 ///< columns K (capped by maxOffsets)

    /// Period index of a day (table lookup inside the purchases' day range).
    int32_t PeriodOf(int32_t day) const {
        return day >= min_day && day < as_of_day && !period_table.empty() ? period_table[day - min_day]
                                                                          : calendar.Of(day);
    }
    /// Offset of a purchase of cohort customer `c` on `day`.
    int32_t PurchaseOffset(uint32_t c, int32_t day) const { return PeriodOf(day) - members[c].first_period; }
    /// Offset of a return: the period it is dated in; before the first purchase it counts at offset 0.
    int32_t ReturnOffset(uint32_t c, int32_t day) const {
        return std::max(0, PeriodOf(day) - members[c].first_period);
    }
};

/// Builds the frame: first purchase per customer (earliest time, then earliest row), cohorts and their
/// labels, and the number of offsets. kNoData when no purchase is dated before `as_of_day`.
Result<CohortFrame> BuildCohortFrame(const Dataset& data, int32_t as_of_day, const CohortParams& params);

}  // namespace crm
