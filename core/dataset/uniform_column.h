#pragma once
// A dataset column that costs nothing per row while every row holds the same value: a role the file
// does not have (always kNoId), a value that never varies. It turns into a plain vector at the first
// different value.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace crm {

/// A column of integers held as one value and a row count while all its rows are equal (uniform), as a
/// vector from the first row that differs on (materialized). Vector-like: readers index it as a vector.
template <class T>
class UniformColumn {
    static_assert(std::is_integral_v<T>, "UniformColumn holds integers");

public:
    /// The value of row `i` (i < size()).
    T operator[](size_t i) const { return uniform() ? Value() : values_[i]; }
    /// Number of rows.
    size_t size() const { return uniform() ? size_ : values_.size(); }
    /// True when the column has no rows.
    bool empty() const { return size() == 0; }
    /// True while every row holds the same value (an empty column is uniform).
    bool uniform() const {
        if constexpr (kNarrow) {
            return key_ != kMaterialized;
        } else {
            return !materialized_;
        }
    }

    /// Appends a row.
    void push_back(T value) {
        if (Extends(value)) [[likely]] {
            ++size_;
        } else if (!uniform()) {
            values_.push_back(value);
        } else {
            Diverge(value);
        }
    }
    /// Appends `rows` rows holding `value`.
    void Append(size_t rows, T value) {
        if (rows == 0) return;
        if (uniform() && (size_ == 0 || value == Value())) {
            SetValue(value);
            size_ += rows;
            return;
        }
        AppendRows(rows, value);
    }
    /// Room for `rows` rows: remembered while uniform, allocated once materialized.
    void reserve(size_t rows) {
        if (uniform()) {
            capacity_hint_ = std::max(capacity_hint_, rows);
        } else {
            values_.reserve(rows);
        }
    }
    /// Removes every row (the column is uniform again; a materialized vector keeps its capacity).
    void clear() { assign(0, T{}); }
    /// Replaces the rows by `rows` copies of `value` (uniform).
    void assign(size_t rows, T value) {
        values_.clear();
        SetValue(value);
        size_ = rows;
    }
    /// Sets row `i` (i < size()) to `value`, materializing the column when the value differs from the others.
    void Set(size_t i, T value) {
        if (uniform()) {
            if (value == Value()) return;
            if (size_ == 1) {
                SetValue(value);
                return;
            }
            Materialize(size_);
        }
        values_[i] = value;
    }

private:
    // Narrower T: key_ holds the uniform value widened to 64 bits, or kMaterialized (a value no T has),
    // so that push_back's usual case is one compare. 64-bit T: key_ is the value, with a flag.
    static constexpr bool kNarrow = sizeof(T) < sizeof(int64_t);
    using Key = std::conditional_t<kNarrow, int64_t, T>;
    static constexpr Key kMaterialized = kNarrow ? static_cast<Key>(INT64_MIN) : Key{};

    T Value() const { return static_cast<T>(key_); }
    /// True when the column is uniform with `value` (any value extends an empty column held at it).
    bool Extends(T value) const {
        if constexpr (kNarrow) {
            return static_cast<Key>(value) == key_;
        } else {
            return !materialized_ && value == key_;
        }
    }
    /// Makes the column uniform with `value` (rows unchanged).
    void SetValue(T value) {
        key_ = static_cast<Key>(value);
        if constexpr (!kNarrow) materialized_ = false;
    }
    /// push_back of a value different from the uniform one.
    [[gnu::noinline]] void Diverge(T value) {
        if (size_ == 0) {
            SetValue(value);
            size_ = 1;
            return;
        }
        Materialize(size_ + 1);
        values_.push_back(value);
    }
    /// Append() to a materialized column or of a value different from the uniform one.
    [[gnu::noinline]] void AppendRows(size_t rows, T value) {
        if (uniform()) Materialize(size_ + rows);
        values_.resize(values_.size() + rows, value);
    }
    /// Switches to a vector holding the uniform value on every row so far, with room for `rows` or the hint.
    [[gnu::noinline]] void Materialize(size_t rows) {
        values_.reserve(std::max(rows, capacity_hint_));
        values_.assign(size_, Value());
        if constexpr (kNarrow) {
            key_ = kMaterialized;
        } else {
            materialized_ = true;
        }
        size_ = 0;
        capacity_hint_ = 0;
    }

    std::vector<T> values_;      // the rows once materialized, else empty
    Key key_{};                  // see kNarrow
    size_t size_ = 0;            // rows while uniform (once materialized: values_.size())
    size_t capacity_hint_ = 0;   // largest reserve() while uniform
    bool materialized_ = false;  // 64-bit T only
};

}  // namespace crm
