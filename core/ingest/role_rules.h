#pragma once
// The header-word rules behind role guessing (English, Russian, Ukrainian): which header words mean which
// column role in which table kinds, which words rule roles out, and which words hint at a table kind.
// Patterns take two forms:
//   "=words"  the whole normalized header equals `words`;
//   "stems"   each stem is the start of consecutive header words ("дат оформл" ~ "дата оформления").
// For one role the most specific matching rule wins (exact before stems, then the longer pattern),
// so a longer rule with a low score can override a short generic one ("дат регистрац" -> no order date).

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/dataset/roles.h"

namespace crm::role_rules {

/// A set of table kinds, one bit per TableKind.
using KindBits = uint8_t;

/// The bit of one table kind in KindBits.
constexpr KindBits KindBit(TableKind kind) { return static_cast<KindBits>(1u << static_cast<int>(kind)); }

/// A set of roles, one bit per Role.
using RoleMask = uint32_t;

/// The bit of one role in a RoleMask.
constexpr RoleMask RoleBit(Role role) { return RoleMask{1} << static_cast<int>(role); }

/// Roles whose values are dates.
inline constexpr RoleMask kDateRoles = RoleBit(Role::kDate) | RoleBit(Role::kStageTime) | RoleBit(Role::kCreated) |
                                       RoleBit(Role::kClosed) | RoleBit(Role::kFirstContact);
/// Roles whose values are money.
inline constexpr RoleMask kMoneyRoles = RoleBit(Role::kAmount) | RoleBit(Role::kOrderTotal) | RoleBit(Role::kUnitPrice);
/// Roles whose values are identifiers.
inline constexpr RoleMask kIdRoles = RoleBit(Role::kCustomerId) | RoleBit(Role::kOrderId) | RoleBit(Role::kDealId);

/// One header rule: a pattern meaning `role` with a score of 0..1 in the table kinds `kinds`.
struct HeaderRule {
    std::string_view pattern;
    Role role;
    double score;
    KindBits kinds;
};

/// One blocker: a header word ("=word" whole, else a prefix) that rules out `roles`.
struct Blocker {
    std::string_view stem;
    RoleMask roles;
};

/// Kind-hint group of deal tables (events or snapshot).
inline constexpr int kHintDeals = 0;
/// Kind-hint group of order tables.
inline constexpr int kHintOrders = 1;
/// Kind-hint group of customer tables.
inline constexpr int kHintCustomers = 2;
/// The name of each kind-hint group, for evidence texts.
inline constexpr std::string_view kHintNames[] = {"deal", "order", "customer"};

/// One kind hint: a header pattern hinting at a kind-hint group with a weight of 0..1.
struct KindHint {
    std::string_view stem;
    int group;
    double weight;
};

/// Tax words: "Сумма НДС" is no revenue, but "Сумма с НДС" / "Сума без ПДВ" / "Total incl. tax" is.
inline constexpr std::string_view kTaxWords[] = {"ндс", "пдв", "налог", "податок", "tax", "=vat"};
/// Words that make a tax header a revenue header again (see kTaxWords).
inline constexpr std::string_view kWithWords[] = {"=с",    "=з",       "=без", "incl",  "excl",
                                                  "=with", "=without", "=net", "=gross"};

/// All header rules of all roles, in table order (built once).
const std::vector<HeaderRule>& Rules();

/// All blockers, in table order (built once).
const std::vector<Blocker>& Blockers();

/// All kind hints, in table order (built once).
const std::vector<KindHint>& KindHints();

/// Roles a table kind may hold (0 for kUnknown).
RoleMask AllowedRoles(TableKind kind);

}  // namespace crm::role_rules
