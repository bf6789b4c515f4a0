#include "core/ingest/column_profile.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace crm {
namespace {

constexpr int64_t kSkip = -1;  // the case does not check this count

struct ProfileCase {
    std::string_view name;
    std::vector<std::string_view> values;
    int64_t non_empty = kSkip;
    int64_t dates = kSkip;
    int64_t dates_with_time = kSkip;
    int64_t numbers = kSkip;
    int64_t integers = kSkip;
    int64_t negatives = kSkip;
    int64_t fractional = kSkip;
    int64_t emails = kSkip;
    int64_t phones = kSkip;
    int64_t person_names = kSkip;
    int64_t id_like = kSkip;
    int64_t with_letters = kSkip;
    int64_t distinct = kSkip;
    DateKind date_kind = DateKind::kUnknown;  // checked when dates > 0
    char decimal = 0;                         // checked when not 0
    double mean_length = -1;                  // checked when >= 0
    double mean_abs_number = -1;              // checked when >= 0
    std::vector<std::pair<std::string_view, int64_t>> top = {};  // checked when not empty
};

void ExpectCount(const ProfileCase& c, std::string_view field, int64_t expected, int64_t actual) {
    if (expected != kSkip) {
        EXPECT_EQ(actual, expected) << c.name << ": " << field;
    }
}

TEST(ColumnProfile, CountsWhatTheValuesAre) {
    const ProfileCase cases[] = {
        {.name = "day-first dates, one with a time, one padded, one not a date",
         .values = {"01.02.2024", "15.03.2024 10:30", "", " 31.12.2023 ", "not a date"},
         .non_empty = 4, .dates = 3, .dates_with_time = 1, .date_kind = DateKind::kDayFirst},
        {.name = "ISO dates with and without time",
         .values = {"2024-01-05T10:00:00", "2024-01-06", "2024-01-07 23:59"},
         .non_empty = 3, .dates = 3, .dates_with_time = 2, .date_kind = DateKind::kIso},
        {.name = "CDNOW yyyymmdd",
         .values = {"19970101", "19970118", "19970802"},
         .dates = 3, .numbers = 3, .integers = 3, .date_kind = DateKind::kCompactYmd},
        // numbers: 1234.56, -500, -12.30, 100 -> fractional 2 (…,56 and …,30); |sum| = 1846.86, mean 461.715
        {.name = "money with decimal comma, spaces, currency and accounting negatives",
         .values = {"1 234,56 ₽", "-500", "(12,30)", "100", "abc"},
         .non_empty = 5, .numbers = 4, .integers = 2, .negatives = 2, .fractional = 2, .with_letters = 1,
         .decimal = ',', .mean_abs_number = 461.715},
        // phones: formatted +7, bare 11 digits from 8, bare 12 from 380; not 8 or 13 bare digits, not a date
        {.name = "emails and phones among ids",
         .values = {"Ivan@Example.com", "+7 (912) 345-67-89", "89123456789", "380501234567", "12345678",
                    "1234567890123", "0501234567"},
         .integers = 5, .emails = 1, .phones = 4},
        {.name = "people's names and what is not one",
         .values = {"Иванов Иван", "John Smith", "O'Neil Mary-Ann", "Петров И.И.", "ООО \"Ромашка\"", "Smith",
                    "R2 D2", "Анна Мария Петрова Сидорова Иванова"},
         .person_names = 4, .id_like = 0, .with_letters = 8},
        {.name = "order numbers and codes are id-like, emails and phrases are not",
         .values = {"#1001", "#1001", "#1002", "C-0042", "17850", "ivan@x.ru", "two words 1"},
         .emails = 1, .id_like = 5, .distinct = 6},
        // lengths 3+6+3+6+6+3 = 27 over 6 values
        {.name = "low-cardinality channel with counts",
         .values = {"web", "mobile", "web", "retail", "mobile", "web", ""},
         .non_empty = 6, .distinct = 3, .mean_length = 4.5, .top = {{"web", 3}, {"mobile", 2}, {"retail", 1}}},
        {.name = "Cyrillic length in characters, ties in first-seen order",
         .values = {"Отменен", "Оплачен"},
         .distinct = 2, .mean_length = 7.0, .top = {{"Отменен", 1}, {"Оплачен", 1}}},
        {.name = "empty column",
         .values = {"", " ", ""},
         .non_empty = 0, .dates = 0, .numbers = 0, .emails = 0, .distinct = 0, .mean_length = 0.0},
    };
    for (const ProfileCase& c : cases) {
        const ColumnProfile p = ProfileColumn(c.values);
        EXPECT_EQ(p.values, static_cast<int64_t>(c.values.size())) << c.name;
        ExpectCount(c, "non_empty", c.non_empty, p.non_empty);
        ExpectCount(c, "dates", c.dates, p.dates);
        ExpectCount(c, "dates_with_time", c.dates_with_time, p.dates_with_time);
        ExpectCount(c, "numbers", c.numbers, p.numbers);
        ExpectCount(c, "integers", c.integers, p.integers);
        ExpectCount(c, "negatives", c.negatives, p.negatives);
        ExpectCount(c, "fractional", c.fractional, p.fractional);
        ExpectCount(c, "emails", c.emails, p.emails);
        ExpectCount(c, "phones", c.phones, p.phones);
        ExpectCount(c, "person_names", c.person_names, p.person_names);
        ExpectCount(c, "id_like", c.id_like, p.id_like);
        ExpectCount(c, "with_letters", c.with_letters, p.with_letters);
        ExpectCount(c, "distinct", c.distinct, p.distinct);
        if (c.dates > 0) {
            EXPECT_EQ(p.date_format.kind, c.date_kind) << c.name;
        }
        if (c.decimal != 0) {
            EXPECT_EQ(p.number_format.decimal, c.decimal) << c.name;
        }
        if (c.mean_length >= 0) {
            EXPECT_DOUBLE_EQ(p.mean_length, c.mean_length) << c.name;
        }
        if (c.mean_abs_number >= 0) {
            EXPECT_NEAR(p.mean_abs_number, c.mean_abs_number, 1e-9) << c.name;
        }
        if (!c.top.empty()) {
            ASSERT_EQ(p.top_values.size(), c.top.size()) << c.name;
            for (size_t i = 0; i < c.top.size(); ++i) {
                EXPECT_EQ(p.top_values[i].value, c.top[i].first) << c.name << ": top " << i;
                EXPECT_EQ(p.top_values[i].count, c.top[i].second) << c.name << ": top " << i;
            }
        }
    }
}

TEST(ColumnProfile, TopValuesOnlyForLowCardinality) {
    // 150 distinct ids: above kProfileLowCardinality (100), so no top values; distinct stays exact.
    std::vector<std::string> owned;
    for (int i = 0; i < 150; ++i) owned.push_back("id" + std::to_string(i));
    std::vector<std::string_view> values(owned.begin(), owned.end());
    ColumnProfile p = ProfileColumn(values);
    EXPECT_EQ(p.distinct, 150);
    EXPECT_FALSE(p.distinct_capped);
    EXPECT_TRUE(p.top_values.empty());

    // 30 distinct values, value k repeated k+1 times: top 20 kept, most frequent (29, 30 times) first.
    owned.clear();
    for (int k = 0; k < 30; ++k) {
        for (int r = 0; r <= k; ++r) owned.push_back("v" + std::to_string(k));
    }
    values.assign(owned.begin(), owned.end());
    p = ProfileColumn(values);
    EXPECT_EQ(p.distinct, 30);
    ASSERT_EQ(p.top_values.size(), kProfileTopValues);
    EXPECT_EQ(p.top_values[0].value, "v29");
    EXPECT_EQ(p.top_values[0].count, 30);
    EXPECT_EQ(p.top_values[19].value, "v10");
    EXPECT_EQ(p.top_values[19].count, 11);
}

}  // namespace
}  // namespace crm
