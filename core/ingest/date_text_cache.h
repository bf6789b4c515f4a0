#pragma once
// The last date text of a column and its parsed value: exports are mostly sorted by date, so a row often
// repeats the previous row's text, or its day with another time of day.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "core/common/bytes.h"
#include "core/common/civil_date.h"

namespace crm {

/// Seconds of the day of a clock "hh:mm:ss" at `p` (8 bytes, digits, hh <= 23, mm and ss <= 59); false
/// for anything else.
inline bool ReadClock(const char* p, int32_t& seconds_of_day) {
    constexpr uint64_t kZeros = 0x3030303030303030ULL;
    constexpr uint64_t kColonMask = 0x0000FF0000FF0000ULL;  // bytes 2 and 5
    constexpr uint64_t kColons = 0x00003A00003A0000ULL;
    const uint64_t word = Load64(p);
    if ((word & kColonMask) != kColons) return false;
    const uint64_t digits = (word & ~kColonMask) | (kZeros & kColonMask);  // the colons read as '0'
    if (NonDigitBytes(digits) != 0) return false;
    // Byte i becomes 10 * digit i + digit i+1 (at most 99: no carries): hh in byte 0, mm in 3, ss in 6.
    const uint64_t d = digits - kZeros;
    const uint64_t pairs = d * 10 + (d >> 8);
    const auto hour = static_cast<int32_t>(pairs & 0xFF);
    const auto minute = static_cast<int32_t>((pairs >> 24) & 0xFF);
    const auto second = static_cast<int32_t>((pairs >> 48) & 0xFF);
    if (hour > 23 || minute > 59 || second > 59) return false;
    seconds_of_day = hour * 3600 + minute * 60 + second;
    return true;
}

/// Remembers one column's last successfully parsed date text and, when that text was a datetime
/// "<11-byte date part>hh:mm:ss" whose value is its date part's day plus the clock, that day: a later text
/// of the same date part and a valid clock is then that day plus its clock, without a parse. Holds results
/// of the parser only, so a hit returns exactly what the parser would.
class DateTextCache {
public:
    /// True, with the parser's result, when `text` repeats the last stored text or its day (see the class).
    [[gnu::always_inline]] bool Find(std::string_view text, int64_t& seconds, bool& has_time) const {
        const char* p = text.data();
        int32_t clock = 0;
        if (text.size() == day_size_ && Load64(p) == day_head_ && Load32(p + 7) == day_tail_ &&
            ReadClock(p + kDatePart, clock)) {
            seconds = day_start_ + clock;
            has_time = true;
            return true;
        }
        if (text.size() == size_ && SameBytes(p, text_, size_)) {
            seconds = seconds_;
            has_time = has_time_;
            return true;
        }
        return false;
    }

    /// Remembers a text the parser read as `seconds` (`has_time`: it had a time of day).
    void Store(std::string_view text, int64_t seconds, bool has_time) {
        const char* p = text.data();
        if (text.size() <= sizeof text_) {
            std::memcpy(text_, p, text.size());
            size_ = text.size();
            seconds_ = seconds;
            has_time_ = has_time;
        }
        int32_t clock = 0;
        // The day is taken only when the value proves the clock was read as the time of day.
        if (text.size() == kDatePart + 8 && has_time && (p[kDatePart - 1] == 'T' || p[kDatePart - 1] == ' ') &&
            ReadClock(p + kDatePart, clock) && (seconds - clock) % kSecondsPerDay == 0) {
            day_size_ = text.size();
            day_head_ = Load64(p);
            day_tail_ = Load32(p + 7);
            day_start_ = seconds - clock;
        }
    }

private:
    static constexpr size_t kDatePart = 11;  // "yyyy-mm-ddT", "dd.mm.yyyy " ...: the date and its separator

    char text_[40];
    size_t size_ = SIZE_MAX;  // SIZE_MAX: nothing stored
    int64_t seconds_ = 0;
    bool has_time_ = false;
    size_t day_size_ = SIZE_MAX;  // kDatePart + 8 once a day is stored
    uint64_t day_head_ = 0;       // bytes 0..7 of the date part
    uint32_t day_tail_ = 0;       // bytes 7..10 of the date part
    int64_t day_start_ = 0;       // the date part's day, in seconds
};

}  // namespace crm
