#include "core/analysis/quantiles.h"

#include <bit>

namespace crm {

int32_t NtileBucket(size_t position, size_t count, int32_t buckets) {
    if (buckets <= 0 || position >= count) return 0;
    const size_t k = static_cast<size_t>(buckets);
    const size_t small = count / k;  // rows in a short bucket
    const size_t extra = count % k;  // buckets 1..extra hold small + 1 rows
    const size_t long_rows = extra * (small + 1);
    if (position < long_rows) return static_cast<int32_t>(position / (small + 1) + 1);
    // small > 0 here: a position past the long buckets exists only when count >= buckets.
    return static_cast<int32_t>(extra + (position - long_rows) / small + 1);
}

std::vector<double> IntegerQuantiles(std::span<const int64_t> values, std::span<const double> ps) {
    std::vector<double> out(ps.size(), std::nan(""));
    const size_t n = values.size();
    if (n == 0) return out;
    int64_t low = values[0], high = values[0];
    for (const int64_t v : values) {
        low = std::min(low, v);
        high = std::max(high, v);
    }
    // Bucket of a value: its offset from the minimum (exact in unsigned arithmetic, whatever the signs), cut to
    // at most 16 bits, and to about log2(n) bits for few values.
    const uint64_t range = static_cast<uint64_t>(high) - static_cast<uint64_t>(low);
    const int range_bits = std::bit_width(range);
    const int bucket_bits = std::min(16, std::max(1, static_cast<int>(std::bit_width(n))));
    const int shift = std::max(0, range_bits - bucket_bits);
    const auto bucket_of = [low, shift](int64_t v) {
        return static_cast<size_t>((static_cast<uint64_t>(v) - static_cast<uint64_t>(low)) >> shift);
    };
    std::vector<uint32_t> counts(static_cast<size_t>(range >> shift) + 1, 0);
    for (const int64_t v : values) ++counts[bucket_of(v)];

    // The ranks needed (the two around each h = (n - 1) p), and for each its bucket and the values in lower
    // buckets, by a walk over the counts in rank order (insertion: a few entries).
    const size_t m = 2 * ps.size();
    std::vector<size_t> rank(m), order, bucket_of_rank(m), before_rank(m);
    for (size_t i = 0; i < ps.size(); ++i) {
        const double h = static_cast<double>(n - 1) * ps[i];
        rank[2 * i] = static_cast<size_t>(std::floor(h));
        rank[2 * i + 1] = static_cast<size_t>(std::ceil(h));
    }
    for (size_t i = 0; i < m; ++i) {
        order.push_back(i);
        for (size_t at = order.size() - 1; at > 0 && rank[order[at - 1]] > rank[i]; --at) {
            std::swap(order[at - 1], order[at]);
        }
    }
    size_t bucket = 0, before = 0;
    for (const size_t i : order) {
        while (before + counts[bucket] <= rank[i]) before += counts[bucket++];
        bucket_of_rank[i] = bucket;
        before_rank[i] = before;
    }
    // The values of the needed buckets (distinct, ascending: met in rank order) side by side in one buffer, then
    // each rank selected within its bucket's run. Only `slot` is as long as the histogram (marking those buckets).
    std::vector<size_t> needed, run_start;
    std::vector<int32_t> slot(counts.size(), -1);
    size_t held = 0;
    for (const size_t i : order) {
        const size_t b = bucket_of_rank[i];
        if (slot[b] >= 0) continue;
        slot[b] = static_cast<int32_t>(needed.size());
        needed.push_back(b);
        run_start.push_back(held);
        held += counts[b];
    }
    std::vector<int64_t> members(held);
    std::vector<size_t> fill = run_start;
    for (const int64_t v : values) {
        const int32_t k = slot[bucket_of(v)];
        if (k >= 0) members[fill[static_cast<size_t>(k)]++] = v;
    }
    std::vector<int64_t> value_of_rank(m);
    for (size_t i = 0; i < m; ++i) {
        const auto k = static_cast<size_t>(slot[bucket_of_rank[i]]);
        const auto first = members.begin() + static_cast<std::ptrdiff_t>(run_start[k]);
        const auto last = first + static_cast<std::ptrdiff_t>(counts[needed[k]]);
        const auto at = first + static_cast<std::ptrdiff_t>(rank[i] - before_rank[i]);
        std::nth_element(first, at, last);
        value_of_rank[i] = *at;
    }
    for (size_t i = 0; i < ps.size(); ++i) {
        out[i] = Type7Between(static_cast<double>(value_of_rank[2 * i]), static_cast<double>(value_of_rank[2 * i + 1]),
                              static_cast<double>(n - 1) * ps[i]);
    }
    return out;
}

}  // namespace crm
