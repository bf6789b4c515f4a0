#include "core/analysis/quantiles.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace crm {
namespace {

TEST(Quantiles, TypeSevenInterpolation) {
    struct Case {
        std::vector<double> sorted;
        double p;
        double expected;
    };
    const Case cases[] = {
        {{1, 2, 3, 4}, 0.5, 2.5},        // h = 3 * 0.5 = 1.5 -> 2 + 0.5 * (3 - 2)
        {{10}, 0.9, 10},                 // a single value is every quantile
        {{1, 2, 3, 4, 5}, 0.2, 1.8},     // h = 0.8 -> 1 + 0.8 * 1
        {{1, 2, 3, 4, 5}, 0.9, 4.6},     // h = 3.6 -> 4 + 0.6 * 1
        {{1, 1, 1, 9}, 0.5, 1},          // h = 1.5 between two equal values
        {{1, 1, 1, 9}, 0.9, 6.6},        // h = 2.7 -> 1 + 0.7 * 8
        {{1, 2, 3, 4, 5}, 0.0, 1},       // p = 0: the minimum
        {{1, 2, 3, 4, 5}, 1.0, 5},       // p = 1: the maximum
        {{50, 500, 2000, 3000, 5000}, 0.4, 1400},  // h = 1.6 -> 500 + 0.6 * 1500
    };
    for (const Case& c : cases) {
        const double got = QuantileSorted(std::span<const double>(c.sorted), c.p);
        EXPECT_NEAR(got, c.expected, 1e-12) << "p=" << c.p << " first=" << c.sorted.front();
    }
    EXPECT_TRUE(std::isnan(QuantileSorted(std::span<const double>(), 0.5)));
}

TEST(Quantiles, MedianAndP90OfIntegers) {
    const std::vector<int64_t> values = {259200, 777600};
    // Median of two values is their mean: (259200 + 777600) / 2 = 518400.
    EXPECT_DOUBLE_EQ(MedianSorted(std::span<const int64_t>(values)), 518400.0);
    // p90: h = 0.9 -> 259200 + 0.9 * 518400 = 725760.
    EXPECT_NEAR(P90Sorted(std::span<const int64_t>(values)), 725760.0, 1e-6);
}

TEST(Quantiles, SelectionGivesTheSortedQuantileOfUnorderedValues) {
    // IntegerQuantiles: a histogram, then selection within the buckets holding the ranks needed.
    struct Case {
        std::vector<int64_t> values;  // in no particular order
        double p;
        double expected;
    };
    const Case cases[] = {
        {{4, 1, 3, 2}, 0.5, 2.5},           // sorted 1 2 3 4; h = 1.5 -> 2 + 0.5 * 1
        {{5, 4, 3, 2, 1}, 0.9, 4.6},        // h = 3.6 -> 4 + 0.6 * 1
        {{9, 1, 1, 1}, 0.9, 6.6},           // sorted 1 1 1 9; h = 2.7 -> 1 + 0.7 * 8
        {{9, 1, 1, 1}, 0.5, 1},             // h = 1.5 between the two middle 1s
        {{7}, 0.9, 7},                      // one value
        {{3, 3, 3}, 0.5, 3},                // all equal
        {{10, 0}, 0.9, 9},                  // h = 0.9 -> 0 + 0.9 * 10
        {{2, 8, 6, 4, 10, 0}, 0.5, 5},      // sorted 0 2 4 6 8 10; h = 2.5 -> 4 + 0.5 * 2
        {{2, 8, 6, 4, 10, 0}, 0.9, 9},      // h = 4.5 -> 8 + 0.5 * 2
        {{5, 1, 4, 2, 3}, 0.0, 1},          // the minimum
        {{5, 1, 4, 2, 3}, 1.0, 5},          // the maximum
        {{-5, 5}, 0.5, 0},                  // negative values: h = 0.5 -> -5 + 0.5 * 10
        {{INT64_MAX, INT64_MIN, 0}, 0.0, -9.2233720368547758e18},  // the whole int64 range: the minimum
        {{INT64_MAX, INT64_MIN, 0}, 1.0, 9.2233720368547758e18},   // ... and the maximum
        {{86400, 0, 1000000, 86400, 90000}, 0.5, 86400},          // sorted 0 86400 86400 90000 1000000
    };
    for (const Case& c : cases) {
        const double ps[] = {c.p};
        EXPECT_NEAR(IntegerQuantiles(c.values, ps)[0], c.expected, 1e-12) << "p=" << c.p << " n=" << c.values.size();
    }
    const double ps[] = {0.5, 0.9};
    const std::vector<double> no_quantiles = IntegerQuantiles({}, ps);
    EXPECT_TRUE(std::isnan(no_quantiles[0]) && std::isnan(no_quantiles[1]));
}

TEST(Quantiles, IntegerQuantilesMatchSortingOnManyShapes) {
    // Random values of several shapes (narrow and wide ranges, heavy ties, negative, one huge outlier) and sizes
    // up to past the histogram's 2^16 buckets: bit-identical to sorting and QuantileSorted at every p.
    std::mt19937_64 random(20261124);
    const double ps[] = {0.0, 0.1, 0.5, 0.9, 0.999, 1.0};
    const size_t sizes[] = {1, 2, 3, 10, 100, 1000, 70000};
    for (int shape = 0; shape < 5; ++shape) {
        for (const size_t n : sizes) {
            std::vector<int64_t> values(n);
            for (int64_t& v : values) {
                const uint64_t r = random();
                switch (shape) {
                    case 0: v = static_cast<int64_t>(r % 100); break;                        // heavy ties
                    case 1: v = static_cast<int64_t>(r % 90000000); break;                   // seconds over years
                    case 2: v = static_cast<int64_t>(r % 2000000) - 1000000; break;          // negative and positive
                    case 3: v = static_cast<int64_t>(r); break;                              // the whole int64 range
                    default: v = r % 1000 == 0 ? INT64_C(1) << 60 : static_cast<int64_t>(r % 5000); break;  // outliers
                }
            }
            std::vector<int64_t> sorted = values;
            std::sort(sorted.begin(), sorted.end());
            const std::vector<double> got = IntegerQuantiles(values, ps);
            for (size_t i = 0; i < std::size(ps); ++i) {
                EXPECT_EQ(got[i], QuantileSorted(std::span<const int64_t>(sorted), ps[i]))
                    << "shape " << shape << " n " << n << " p " << ps[i];
            }
        }
    }
}

TEST(Quantiles, NtileBuckets) {
    struct Case {
        size_t position, count;
        int32_t buckets, expected;
    };
    const Case cases[] = {
        // 7 rows in 3 buckets: sizes 3, 2, 2 (the first 7 % 3 = 1 bucket gets one extra row).
        {0, 7, 3, 1}, {2, 7, 3, 1}, {3, 7, 3, 2}, {4, 7, 3, 2}, {5, 7, 3, 3}, {6, 7, 3, 3},
        // 11 rows in 5 buckets: sizes 3, 2, 2, 2, 2.
        {2, 11, 5, 1}, {3, 11, 5, 2}, {4, 11, 5, 2}, {5, 11, 5, 3}, {10, 11, 5, 5},
        // 10 rows in 5 buckets: 2 each.
        {1, 10, 5, 1}, {2, 10, 5, 2}, {9, 10, 5, 5},
        // Fewer rows than buckets: one row per bucket, the last buckets stay empty.
        {0, 2, 5, 1}, {1, 2, 5, 2},
        // Out of range.
        {2, 2, 5, 0},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(NtileBucket(c.position, c.count, c.buckets), c.expected)
            << "position=" << c.position << " count=" << c.count << " buckets=" << c.buckets;
    }
}

}  // namespace
}  // namespace crm
