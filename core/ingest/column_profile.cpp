#include "core/ingest/column_profile.h"

#include <algorithm>
#include <numeric>

#include "core/dataset/dictionary.h"
#include "core/ingest/identity.h"
#include "core/ingest/text.h"

namespace crm {
namespace {

bool IsAsciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// Lead bytes 0xC3..0xDF start two-byte letters: Latin-1 letters, Greek, Cyrillic (Russian, Ukrainian).
bool IsLetterLead(unsigned char c) { return c >= 0xC3 && c <= 0xDF; }

int64_t CountCodePoints(std::string_view text) {
    int64_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

bool HasDigit(std::string_view text) {
    for (unsigned char c : text) {
        if (IsAsciiDigit(c)) return true;
    }
    return false;
}

bool HasLetter(std::string_view text) {
    for (unsigned char c : text) {
        if (IsAsciiAlpha(c) || IsLetterLead(c)) return true;
    }
    return false;
}

// 2..4 words of letters (hyphens, apostrophes and initials' dots allowed), no digits: a person's name.
bool IsPersonName(std::string_view text) {
    if (text.size() > 80) return false;
    int words = 0;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        if (i == text.size()) break;
        bool letter = false;
        while (i < text.size() && text[i] != ' ') {
            const unsigned char c = static_cast<unsigned char>(text[i]);
            if (IsAsciiAlpha(c)) {
                letter = true;
                ++i;
            } else if (IsLetterLead(c) && i + 1 < text.size()) {
                letter = true;
                i += 2;
            } else if (c == '-' || c == '\'' || c == '.') {
                ++i;
            } else if (c == 0xE2 && text.substr(i, 3) == "\xE2\x80\x99") {  // ’ in O’Neil
                i += 3;
            } else {
                return false;
            }
        }
        if (!letter) return false;
        ++words;
    }
    return words >= 2 && words <= 4;
}

// One token with a digit, at most 32 bytes: order numbers, codes, integer ids.
bool IsIdLike(std::string_view text) {
    if (text.size() > 32) return false;
    bool digit = false;
    for (unsigned char c : text) {
        if (c == ' ') return false;
        digit = digit || IsAsciiDigit(c);
    }
    return digit;
}

// See ProfileColumn in the header: formatted phones, or bare digits of a Russian/Ukrainian shape.
// The shape is checked first: most values fail it at their first bytes, before NormalizePhone copies digits.
bool LooksLikePhone(std::string_view text, std::string& scratch) {
    int digits = 0;
    bool formatted = false;
    for (unsigned char c : text) {
        if (IsAsciiDigit(c)) {
            ++digits;
        } else if (c == '+' || c == '(' || c == ')' || c == '-' || c == ' ') {
            formatted = true;
        } else {
            return false;
        }
    }
    if (formatted) {
        if (digits < 10 || digits > 15) return false;
    } else {
        const char first = text[0];
        if (!(digits == 11 && (first == '7' || first == '8')) && !(digits == 12 && text.substr(0, 3) == "380") &&
            !(digits == 10 && (first == '9' || first == '0'))) {
            return false;
        }
    }
    return NormalizePhone(text, scratch);
}

constexpr uint32_t kNoValueId = UINT32_MAX;

// Distinct values of one sample column, ids in first-seen order: an open-addressing table of views into the
// values themselves (they outlive the profile), so no text is copied. Sized once for at most `limit` values.
class DistinctValues {
public:
    explicit DistinctValues(size_t limit) {
        size_t size = 16;
        while (size < 2 * limit) size *= 2;
        slots_.assign(size, 0);
    }

    size_t size() const { return values_.size(); }

    /// Id of `text`; a new one when it is not held yet and `add` is set, else kNoValueId.
    uint32_t Find(std::string_view text, bool add) {
        const uint64_t hash = static_cast<uint32_t>(HashBytes(text.data(), text.size()));
        const size_t mask = slots_.size() - 1;
        size_t slot = hash & mask;
        for (; slots_[slot] != 0; slot = (slot + 1) & mask) {
            const uint64_t entry = slots_[slot];
            const auto id = static_cast<uint32_t>(entry) - 1;
            if ((entry >> 32) == hash && values_[id] == text) return id;
        }
        if (!add) return kNoValueId;
        const auto id = static_cast<uint32_t>(values_.size());
        values_.push_back(text);
        slots_[slot] = (hash << 32) | (id + 1);
        return id;
    }

private:
    std::vector<uint64_t> slots_;  // (hash << 32) | (id + 1), or 0 for an empty slot
    std::vector<std::string_view> values_;
};

}  // namespace

ColumnProfile ProfileColumn(std::span<const std::string_view> values) {
    ColumnProfile p;
    std::vector<std::string_view> present;
    present.reserve(values.size());
    for (std::string_view v : values) {
        ++p.values;
        const std::string_view t = TrimText(v);
        if (!t.empty()) present.push_back(t);
    }
    p.non_empty = static_cast<int64_t>(present.size());
    if (present.empty()) return p;

    // Sample columns repeat their values (statuses, channels, days), so each distinct value is read once: ids
    // first (a value past the cap of distinct values gets an id of its own), then the formats from the values
    // with their counts.
    DistinctValues distinct(std::min<size_t>(present.size(), static_cast<size_t>(kProfileDistinctCap)));
    std::vector<std::string_view> id_values;  // by id: the distinct values in first-seen order, then those past the cap
    std::vector<int64_t> counts;           // by id
    std::vector<uint32_t> ids(present.size());
    for (size_t i = 0; i < present.size(); ++i) {
        const bool add = static_cast<int64_t>(distinct.size()) < kProfileDistinctCap;
        uint32_t id = distinct.Find(present[i], add);
        if (id == kNoValueId) {
            p.distinct_capped = true;
            id = static_cast<uint32_t>(id_values.size());
        }
        if (id == id_values.size()) {
            id_values.push_back(present[i]);
            counts.push_back(0);
        }
        ++counts[id];
        ids[i] = id;
    }
    p.date_format = DetectDateFormat(id_values, counts);
    p.number_format = DetectNumberFormat(present);

    // What one value is.
    struct Traits {
        int64_t chars = 0, minor = 0;
        bool date = false, has_time = false, number = false, integer = false, email = false, phone = false,
             person_name = false, id_like = false, letters = false, digits = false;
    };
    std::string scratch;
    std::vector<Traits> traits;  // by id
    traits.reserve(id_values.size());
    int64_t chars = 0;
    for (size_t id = 0; id < id_values.size(); ++id) {
        const std::string_view t = id_values[id];
        Traits& x = traits.emplace_back();
        x.chars = CountCodePoints(t);
        int64_t seconds = 0;
        x.date = p.date_format.kind != DateKind::kUnknown && ParseDateTime(t, p.date_format, seconds, x.has_time);
        x.number = ParseMoney(t, p.number_format, x.minor);
        x.integer = IsPlainInteger(t);
        x.email = NormalizeEmail(t, scratch);
        x.phone = !x.date && !x.email && LooksLikePhone(t, scratch);
        x.person_name = IsPersonName(t);
        x.id_like = !x.email && IsIdLike(t);
        x.letters = HasLetter(t);
        x.digits = HasDigit(t);

        const int64_t n = counts[id];
        chars += x.chars * n;
        p.dates += x.date ? n : 0;
        p.dates_with_time += x.date && x.has_time ? n : 0;
        if (x.number) {
            p.numbers += n;
            p.negatives += x.minor < 0 ? n : 0;
            p.fractional += x.minor % 100 != 0 ? n : 0;
        }
        p.integers += x.integer ? n : 0;
        p.emails += x.email ? n : 0;
        p.phones += x.phone ? n : 0;
        p.person_names += x.person_name ? n : 0;
        p.id_like += x.id_like ? n : 0;
        p.with_letters += x.letters ? n : 0;
        p.with_digits += x.digits ? n : 0;
    }
    // The mean of the amounts is summed value by value in sample order: a floating point sum depends on it.
    double abs_sum = 0;
    for (const uint32_t id : ids) {
        const Traits& x = traits[id];
        if (x.number) abs_sum += static_cast<double>(x.minor < 0 ? -x.minor : x.minor) / 100.0;
    }
    p.distinct = static_cast<int64_t>(distinct.size());
    p.mean_length = static_cast<double>(chars) / static_cast<double>(p.non_empty);
    p.mean_abs_number = p.numbers == 0 ? 0.0 : abs_sum / static_cast<double>(p.numbers);

    if (!p.distinct_capped && p.distinct <= kProfileLowCardinality) {
        // Ids are in first-seen order, so a stable sort keeps that order among equal counts.
        std::vector<uint32_t> order(counts.size());
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return counts[a] > counts[b]; });
        const size_t keep = std::min(order.size(), kProfileTopValues);
        p.top_values.reserve(keep);
        for (size_t i = 0; i < keep; ++i) {
            p.top_values.push_back(ValueCount{std::string(id_values[order[i]]), counts[order[i]]});
        }
    }
    return p;
}

}  // namespace crm
