#include "core/dataset/uniform_column.h"

#include <cstdint>
#include <iterator>
#include <vector>

#include <gtest/gtest.h>

#include "core/dataset/dataset.h"

namespace crm {
namespace {

/// One step on a column: push_back(value), Set(index, value), reserve(index), clear(), assign(index, value) or
/// Append(index, value).
struct Op {
    enum Kind { kPush, kSet, kReserve, kClear, kAssign, kAppend } kind;
    size_t index = 0;
    int64_t value = 0;
};

Op Push(int64_t value) { return {Op::kPush, 0, value}; }
Op Set(size_t index, int64_t value) { return {Op::kSet, index, value}; }
Op Reserve(size_t rows) { return {Op::kReserve, rows, 0}; }
Op Clear() { return {Op::kClear, 0, 0}; }
Op Assign(size_t rows, int64_t value) { return {Op::kAssign, rows, value}; }
Op Append(size_t rows, int64_t value) { return {Op::kAppend, rows, value}; }

struct ColumnCase {
    const char* name;
    std::vector<Op> ops;
    std::vector<int64_t> values;  // expected rows
    bool uniform;                 // expected uniform() at the end
};

/// Values fit 32 bits: every case runs on 64-bit columns (value and flag) and 32-bit ones (widened key).
const ColumnCase kCases[] = {
    {"empty", {}, {}, true},
    {"one value", {Push(7)}, {7}, true},
    {"first value zero (the default)", {Push(0), Push(0)}, {0, 0}, true},
    {"same value", {Push(INT32_MIN), Push(INT32_MIN), Push(INT32_MIN)}, {INT32_MIN, INT32_MIN, INT32_MIN}, true},
    {"differs on the second row", {Push(1), Push(2)}, {1, 2}, false},
    {"differs late: earlier rows keep the uniform value", {Push(5), Push(5), Push(5), Push(9), Push(5)},
     {5, 5, 5, 9, 5}, false},
    {"differs from zero", {Push(0), Push(0), Push(-3)}, {0, 0, -3}, false},
    {"reserve before and after materializing", {Reserve(100), Push(4), Push(4), Push(6), Reserve(1000), Push(4)},
     {4, 4, 6, 4}, false},
    {"a smaller reserve than the rows", {Push(4), Push(4), Push(4), Reserve(1), Push(8)}, {4, 4, 4, 8}, false},
    {"Set to the same value stays uniform", {Push(3), Push(3), Set(1, 3)}, {3, 3}, true},
    {"Set of the only row stays uniform", {Push(3), Set(0, 8), Push(8)}, {8, 8}, true},
    {"Set to another value materializes", {Push(3), Push(3), Push(3), Set(1, 8)}, {3, 8, 3}, false},
    {"Set once materialized", {Push(1), Push(2), Set(0, 2)}, {2, 2}, false},
    {"clear makes it uniform again", {Push(1), Push(2), Clear(), Push(6), Push(6)}, {6, 6}, true},
    {"clear then the old uniform value", {Push(9), Push(9), Clear(), Push(9)}, {9}, true},
    {"clear then another value", {Push(9), Clear(), Push(2), Push(3)}, {2, 3}, false},
    {"assign", {Push(1), Push(2), Assign(3, 7)}, {7, 7, 7}, true},
    {"assign then push", {Assign(2, 7), Push(7), Push(1)}, {7, 7, 7, 1}, false},
    {"assign no rows then push", {Assign(0, 7), Push(1), Push(1)}, {1, 1}, true},
    {"append to an empty column", {Append(3, 5)}, {5, 5, 5}, true},
    {"append no rows", {Append(0, 5), Push(2), Append(0, 5)}, {2}, true},
    {"append the uniform value", {Push(4), Append(2, 4), Push(4)}, {4, 4, 4, 4}, true},
    {"append another value materializes", {Push(4), Push(4), Append(2, -1)}, {4, 4, -1, -1}, false},
    {"append once materialized", {Push(1), Push(2), Append(2, 3), Push(1)}, {1, 2, 3, 3, 1}, false},
    {"append after reserve", {Reserve(50), Push(6), Append(3, 0), Push(6)}, {6, 0, 0, 0, 6}, false},
};

template <class T>
void RunCases(const char* type) {
    for (const ColumnCase& c : kCases) {
        UniformColumn<T> column;
        for (const Op& op : c.ops) {
            switch (op.kind) {
                case Op::kPush: column.push_back(static_cast<T>(op.value)); break;
                case Op::kSet: column.Set(op.index, static_cast<T>(op.value)); break;
                case Op::kReserve: column.reserve(op.index); break;
                case Op::kClear: column.clear(); break;
                case Op::kAssign: column.assign(op.index, static_cast<T>(op.value)); break;
                case Op::kAppend: column.Append(op.index, static_cast<T>(op.value)); break;
            }
        }
        EXPECT_EQ(column.size(), c.values.size()) << type << ": " << c.name;
        EXPECT_EQ(column.empty(), c.values.empty()) << type << ": " << c.name;
        EXPECT_EQ(column.uniform(), c.uniform) << type << ": " << c.name;
        for (size_t i = 0; i < c.values.size() && i < column.size(); ++i) {
            EXPECT_EQ(column[i], c.values[i]) << type << ": " << c.name << ", row " << i;
        }
        // A copy (datasets are copied by the filters) holds the same rows.
        const UniformColumn<T> copy = column;
        EXPECT_EQ(copy.size(), column.size()) << type << ": " << c.name;
        EXPECT_EQ(copy.uniform(), column.uniform()) << type << ": " << c.name;
        for (size_t i = 0; i < copy.size(); ++i) {
            EXPECT_EQ(copy[i], column[i]) << type << ": " << c.name << ", copy row " << i;
        }
    }
}

TEST(UniformColumn, FollowsPushesAndSets) {
    RunCases<int64_t>("int64");
    RunCases<int32_t>("int32");
}

TEST(UniformColumn, HoldsExtremeValues) {
    // 64 bits: the deal amount's "absent" mark; 32 bits: kNoId and the value next to it.
    UniformColumn<int64_t> amounts;
    for (int i = 0; i < 3; ++i) amounts.push_back(INT64_MIN);
    EXPECT_TRUE(amounts.uniform());
    EXPECT_EQ(amounts[2], INT64_MIN);
    amounts.push_back(INT64_MAX);
    EXPECT_FALSE(amounts.uniform());
    EXPECT_EQ(amounts[0], INT64_MIN);
    EXPECT_EQ(amounts[3], INT64_MAX);

    UniformColumn<uint32_t> ids;
    ids.push_back(kNoId);
    ids.push_back(kNoId);
    EXPECT_TRUE(ids.uniform());
    ids.push_back(kNoId - 1);
    EXPECT_FALSE(ids.uniform());
    EXPECT_EQ(ids[1], kNoId);
    EXPECT_EQ(ids[2], kNoId - 1);
}

TEST(UniformColumn, MaterializesPastManyUniformRows) {
    // 100,000 kNoId rows, then one id: every earlier row must still read kNoId.
    UniformColumn<uint32_t> column;
    column.reserve(50);  // a hint smaller than the rows held when the column materializes
    for (int i = 0; i < 100000; ++i) column.push_back(kNoId);
    EXPECT_TRUE(column.uniform());
    column.push_back(3);
    for (int i = 0; i < 1000; ++i) column.push_back(static_cast<uint32_t>(i % 2));
    ASSERT_EQ(column.size(), 101001u);
    EXPECT_FALSE(column.uniform());
    EXPECT_EQ(column[0], kNoId);
    EXPECT_EQ(column[99999], kNoId);
    EXPECT_EQ(column[100000], 3u);
    EXPECT_EQ(column[100001], 0u);
    EXPECT_EQ(column[100002], 1u);
}

struct TimeCase {
    int32_t day;
    int32_t second_of_day;
    int64_t time;
};

TEST(UniformColumn, PurchaseTimeFromDayAndSecond) {
    const TimeCase cases[] = {
        {0, 0, 0},
        {0, 86399, 86399},
        {-1, 86399, -1},                               // 1969-12-31 23:59:59
        {-1, 0, -86400},                               // 1969-12-31 00:00:00
        {-3653, 43200, -315619200 + 43200},            // 1960-01-01 12:00: 3653 days before 1970 (-3653 * 86400)
        {19723, 37800, int64_t{19723} * 86400 + 37800},  // 2024-01-01 10:30
        {2932896, 86399, 253402300799},                // 9999-12-31 23:59:59, the latest Unix seconds date
    };
    Purchases p;
    for (const TimeCase& c : cases) {
        p.customer.push_back(0);
        p.day.push_back(c.day);
        p.second_of_day.push_back(c.second_of_day);
    }
    for (size_t i = 0; i < std::size(cases); ++i) EXPECT_EQ(p.Time(i), cases[i].time) << "case " << i;
}

}  // namespace
}  // namespace crm
