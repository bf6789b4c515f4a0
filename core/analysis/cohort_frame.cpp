#include "core/analysis/cohort_frame.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <string_view>

#include "core/analysis/request_params.h"
#include "core/common/civil_date.h"

namespace crm {
namespace {

constexpr std::string_view kSection = "cohorts";
constexpr std::string_view kNone = "(none)";
/// Day ranges up to this size get a day -> period lookup table.
constexpr int64_t kMaxPeriodTable = 1 << 17;

int32_t FloorDiv(int32_t a, int32_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

/// The purchases column holding the first-touch attribute, with its dictionary.
struct Attribute {
    const UniformColumn<uint32_t>* column = nullptr;
    const Dictionary* dictionary = nullptr;
};

Attribute AttributeOf(const Dataset& data, CohortBy by) {
    switch (by) {
        case CohortBy::kChannel: return {&data.purchases.channel, &data.channels};
        case CohortBy::kCampaign: return {&data.purchases.campaign, &data.campaigns};
        case CohortBy::kRegion: return {&data.purchases.region, &data.regions};
        case CohortBy::kManager: return {&data.purchases.manager, &data.managers};
        case CohortBy::kFirstPurchase: break;
    }
    return {};
}

/// Period cohorts: one cohort per period holding a first purchase, in period order.
void AssignPeriodCohorts(CohortFrame& frame) {
    std::vector<CohortMember>& members = frame.members;
    int32_t min_period = INT32_MAX;
    for (size_t c = 0; c < members.size(); ++c) {
        if (frame.first_row[c] != kNoId) min_period = std::min(min_period, members[c].first_period);
    }
    std::vector<int32_t> index_of(static_cast<size_t>(frame.last_period - min_period) + 1, -1);
    for (size_t c = 0; c < members.size(); ++c) {
        if (frame.first_row[c] != kNoId) index_of[members[c].first_period - min_period] = 0;
    }
    for (size_t k = 0; k < index_of.size(); ++k) {
        if (index_of[k] < 0) continue;
        index_of[k] = static_cast<int32_t>(frame.cohort_periods.size());
        frame.cohort_periods.push_back(min_period + static_cast<int32_t>(k));
        frame.labels.push_back(frame.calendar.Label(frame.cohort_periods.back()));
    }
    for (size_t c = 0; c < members.size(); ++c) {
        if (frame.first_row[c] != kNoId) members[c].cohort = index_of[members[c].first_period - min_period];
    }
}

/// Attribute cohorts: one per attribute value of the first purchase, sorted by value, "(none)" last.
void AssignAttributeCohorts(const Dataset& data, CohortBy by, CohortFrame& frame) {
    const Attribute attribute = AttributeOf(data, by);
    const uint32_t values = attribute.dictionary->size();
    // Slot `values` stands for a missing attribute.
    std::vector<int32_t> index_of(static_cast<size_t>(values) + 1, -1);
    const auto slot = [&](uint32_t row) {
        const uint32_t value = (*attribute.column)[row];
        return value < values ? value : values;
    };
    for (size_t c = 0; c < frame.members.size(); ++c) {
        if (frame.first_row[c] != kNoId) index_of[slot(frame.first_row[c])] = 0;
    }
    std::vector<uint32_t> present;
    for (uint32_t v = 0; v < values; ++v) {
        if (index_of[v] == 0) present.push_back(v);
    }
    std::sort(present.begin(), present.end(),
              [&](uint32_t a, uint32_t b) { return attribute.dictionary->At(a) < attribute.dictionary->At(b); });
    if (index_of[values] == 0) present.push_back(values);
    for (const uint32_t v : present) {
        index_of[v] = static_cast<int32_t>(frame.labels.size());
        frame.labels.emplace_back(v < values ? attribute.dictionary->At(v) : kNone);
    }
    for (size_t c = 0; c < frame.members.size(); ++c) {
        if (frame.first_row[c] != kNoId) frame.members[c].cohort = index_of[slot(frame.first_row[c])];
    }
}

}  // namespace

int32_t PeriodCalendar::Of(int32_t day) const {
    switch (period_) {
        case CohortPeriod::kMonth: return MonthIndexOfDays(day);
        case CohortPeriod::kQuarter: {
            const CivilDate c = CivilFromDays(day);
            return c.year * 4 + (c.month - 1) / 3;
        }
        case CohortPeriod::kWeek:
            // Day week_base_ (1970-01-01 was a Thursday, weekday 3) starts week 0.
            return FloorDiv(day - week_base_, 7);
    }
    return 0;
}

std::string PeriodCalendar::Label(int32_t index) const {
    char buf[24];
    switch (period_) {
        case CohortPeriod::kMonth:
            std::snprintf(buf, sizeof buf, "%04d-%02d", FloorDiv(index, 12), index - FloorDiv(index, 12) * 12 + 1);
            return buf;
        case CohortPeriod::kQuarter:
            std::snprintf(buf, sizeof buf, "%04d-Q%d", FloorDiv(index, 4), index - FloorDiv(index, 4) * 4 + 1);
            return buf;
        case CohortPeriod::kWeek: return FormatIsoDate(week_base_ + index * 7);
    }
    return {};
}

Result<CohortFrame> BuildCohortFrame(const Dataset& data, int32_t as_of_day, const CohortParams& params) {
    if (params.week_start < 0 || params.week_start > 6) return BadParam(kSection, "weekStart", "monday..sunday");
    if (params.max_offsets && *params.max_offsets < 1) return BadParam(kSection, "maxOffsets", "a positive integer");
    const Purchases& p = data.purchases;
    const uint32_t customer_count = data.customers.size();
    CohortFrame frame;
    frame.calendar = PeriodCalendar(params.period, params.week_start);
    frame.as_of_day = as_of_day;

    // Each customer's first purchase (earliest time, then earliest row) and last purchase day, kept side by side
    // while the purchases are read (a purchase touches one place per customer).
    struct Seen {
        int64_t first_time = INT64_MAX;
        uint32_t first_row = kNoId;
        int32_t last_day = INT32_MIN;
    };
    std::vector<Seen> seen(customer_count);
    int32_t min_day = INT32_MAX;
    for (size_t i = 0; i < p.size(); ++i) {
        const uint32_t c = p.customer[i];
        const int32_t day = p.day[i];
        if (day >= as_of_day || c >= customer_count) continue;
        Seen& s = seen[c];
        const int64_t time = p.Time(i);
        if (time < s.first_time) {
            s.first_time = time;
            s.first_row = static_cast<uint32_t>(i);
        }
        s.last_day = std::max(s.last_day, day);
        min_day = std::min(min_day, day);
    }
    if (min_day == INT32_MAX) return MakeError(ErrorCode::kNoData, "no purchases before the as-of date for cohorts");
    frame.min_day = min_day;
    frame.first_row.resize(customer_count);
    frame.last_day.resize(customer_count);
    for (uint32_t c = 0; c < customer_count; ++c) {
        frame.first_row[c] = seen[c].first_row;
        frame.last_day[c] = seen[c].last_day;
    }

    // Day -> period lookup over the purchases' day range (falls back to arithmetic for absurd ranges).
    const int64_t day_range = static_cast<int64_t>(as_of_day) - min_day;
    if (day_range <= kMaxPeriodTable) {
        frame.period_table.resize(static_cast<size_t>(day_range));
        for (int32_t d = 0; d < day_range; ++d) frame.period_table[d] = frame.calendar.Of(min_day + d);
    }
    frame.last_period = frame.calendar.Of(as_of_day - 1);

    frame.members.assign(customer_count, CohortMember());
    for (uint32_t c = 0; c < customer_count; ++c) {
        if (frame.first_row[c] != kNoId) frame.members[c].first_period = frame.PeriodOf(p.day[frame.first_row[c]]);
    }
    if (params.by == CohortBy::kFirstPurchase) {
        AssignPeriodCohorts(frame);
    } else {
        AssignAttributeCohorts(data, params.by, frame);
    }

    // Columns: the largest observable offset + 1, optionally capped.
    int32_t max_horizon = 0;
    for (const CohortMember& m : frame.members) {
        if (m.cohort >= 0) max_horizon = std::max(max_horizon, frame.last_period - m.first_period);
    }
    frame.offsets = max_horizon + 1;
    if (params.max_offsets) frame.offsets = std::min(frame.offsets, *params.max_offsets);
    return frame;
}

}  // namespace crm
