#include "core/common/civil_date.h"

#include <cstdio>
#include <string_view>

namespace crm {

std::string FormatIsoDate(int32_t days) {
    const CivilDate c = CivilFromDays(days);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
    return buf;
}

std::string FormatIsoDateTime(int64_t seconds) {
    const int32_t days = DayOfSeconds(seconds);
    const int64_t sod = seconds - static_cast<int64_t>(days) * kSecondsPerDay;
    const CivilDate c = CivilFromDays(days);
    char buf[80];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", c.year, c.month, c.day, static_cast<int>(sod / 3600),
                  static_cast<int>(sod / 60 % 60), static_cast<int>(sod % 60));
    return buf;
}

bool ParseIsoDate(std::string_view text, int32_t& days) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    int v[3] = {0, 0, 0};
    const int starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
    for (int k = 0; k < 3; ++k) {
        for (int i = 0; i < lens[k]; ++i) {
            const char c = text[starts[k] + i];
            if (c < '0' || c > '9') return false;
            v[k] = v[k] * 10 + (c - '0');
        }
    }
    if (!IsValidCivil(v[0], v[1], v[2])) return false;
    days = DaysFromCivil(v[0], v[1], v[2]);
    return true;
}

}  // namespace crm
