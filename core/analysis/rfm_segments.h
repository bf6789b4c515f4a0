#pragma once
// Named RFM segments: an editable table of score ranges on the 1..5 scale.

#include <cstdint>
#include <string>
#include <vector>

namespace crm {

/// An inclusive score range on the 1..5 scale.
struct ScoreRange {
    int32_t lo = 1;
    int32_t hi = 5;
};

/// One named segment: a customer matches when its r, f and m (mapped to 1..5) are all in range.
struct RfmSegment {
    std::string name;
    ScoreRange r;
    ScoreRange f;
    ScoreRange m;
};

/// Name given to customers that match no segment of the table.
inline constexpr const char* kOtherSegment = "Other";

/// The default segment table, the widely used R x F map (M is not used; the order is the match order,
/// first match wins; together the rows cover all 25 R x F cells):
///
///   Lost                 R 1     F 1
///   Hibernating          R 1-2   F 1-2
///   At risk              R 1-2   F 3-4
///   Can't lose them      R 1-2   F 5
///   About to sleep       R 3     F 1-2
///   Need attention       R 3     F 3
///   Loyal                R 3-4   F 4-5
///   Promising            R 4     F 1
///   Potential loyalists  R 4-5   F 2-3
///   New                  R 5     F 1
///   Champions            R 5     F 4-5
std::vector<RfmSegment> DefaultRfmSegments();

/// Maps a score 1..n onto the 1..5 scale used by segment ranges: ceil(score * 5 / n).
inline int32_t ScoreOnFiveScale(int32_t score, int32_t n) { return (score * 5 + n - 1) / n; }

/// Index of the first segment whose ranges hold (r, f, m) on the 1..5 scale, or segments.size() for "Other".
size_t MatchSegment(const std::vector<RfmSegment>& segments, int32_t r5, int32_t f5, int32_t m5);

}  // namespace crm
