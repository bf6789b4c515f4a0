#include "core/analysis/quantiles.h"

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

double QuantileInPlace(std::vector<double>& values, double p) {
    return QuantileSelect(values, p);
}

}  // namespace crm
