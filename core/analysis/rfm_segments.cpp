#include "core/analysis/rfm_segments.h"

namespace crm {

// The default table (see the header): rows are {name, R range, F range, M range}. It partitions the
// 5 x 5 R x F grid (Lost takes R1 F1 before Hibernating, which would also match it):
//
//          F1              F2                   F3                   F4               F5
//   R5     New             Potential loyalists  Potential loyalists  Champions        Champions
//   R4     Promising       Potential loyalists  Potential loyalists  Loyal            Loyal
//   R3     About to sleep  About to sleep       Need attention       Loyal            Loyal
//   R2     Hibernating     Hibernating          At risk              At risk          Can't lose them
//   R1     Lost            Hibernating          At risk              At risk          Can't lose them
std::vector<RfmSegment> DefaultRfmSegments() {
    constexpr ScoreRange kAny{1, 5};
    return {
        {"Lost", {1, 1}, {1, 1}, kAny},
        {"Hibernating", {1, 2}, {1, 2}, kAny},
        {"At risk", {1, 2}, {3, 4}, kAny},
        {"Can't lose them", {1, 2}, {5, 5}, kAny},
        {"About to sleep", {3, 3}, {1, 2}, kAny},
        {"Need attention", {3, 3}, {3, 3}, kAny},
        {"Loyal", {3, 4}, {4, 5}, kAny},
        {"Promising", {4, 4}, {1, 1}, kAny},
        {"Potential loyalists", {4, 5}, {2, 3}, kAny},
        {"New", {5, 5}, {1, 1}, kAny},
        {"Champions", {5, 5}, {4, 5}, kAny},
    };
}

size_t MatchSegment(const std::vector<RfmSegment>& segments, int32_t r5, int32_t f5, int32_t m5) {
    const auto in = [](const ScoreRange& range, int32_t v) { return v >= range.lo && v <= range.hi; };
    for (size_t i = 0; i < segments.size(); ++i) {
        const RfmSegment& s = segments[i];
        if (in(s.r, r5) && in(s.f, f5) && in(s.m, m5)) return i;
    }
    return segments.size();
}

}  // namespace crm
