#pragma once
// The vocabulary shared by ingest, the dataset and the reports: table kinds and column roles.

#include <cstdint>
#include <optional>
#include <string_view>

namespace crm {

/// What a file holds (SPEC §2 "Table kinds").
enum class TableKind : uint8_t {
    kUnknown,
    kOrders,        ///< transactions: customer, date, amount, ...
    kDealEvents,    ///< pipeline as an event log: one row per stage change
    kDealSnapshot,  ///< pipeline as a snapshot: one row per deal with its current stage
    kCustomers,     ///< customer id with first contact date, acquisition channel, region
};

/// What one column means. A column has at most one role; a role is held by at most one column per file.
enum class Role : uint8_t {
    kNone,
    // orders and customers
    kCustomerId,    ///< customer id / code / number
    kCustomerName,  ///< customer full name (display only; not an identity)
    kEmail,
    kPhone,
    kDate,          ///< order date or datetime
    kOrderId,       ///< order / invoice / document number; rows sharing it are lines of one order
    kAmount,        ///< row amount (line total or order amount)
    kOrderTotal,    ///< order total written on the order's first row only (Shopify "Total")
    kQuantity,
    kUnitPrice,
    kStatus,        ///< order status (paid, cancelled, ...)
    kDocType,       ///< document or event type (sale, return, refund)
    kChannel,       ///< channel / source of the order or customer
    kManager,       ///< responsible manager
    kProduct,       ///< product name or SKU
    kRegion,
    kCampaign,      ///< campaign / UTM tag
    kFirstContact,  ///< customers table: first contact date
    // deals
    kDealId,
    kStage,         ///< stage name (event: the stage entered; snapshot: the current stage)
    kStageTime,     ///< event log: when the stage was entered
    kCreated,       ///< snapshot: deal created at
    kClosed,        ///< snapshot: deal closed at
    kDealStatus,    ///< snapshot: won / lost / open
    kPipeline,
    kLostReason,
};

/// Number of Role values (for tables indexed by role).
constexpr int kRoleCount = static_cast<int>(Role::kLostReason) + 1;

/// camelCase name used in requests and reports ("customer", "date", "orderId", ...).
std::string_view RoleName(Role role);
/// Role from its camelCase name.
std::optional<Role> RoleFromName(std::string_view name);
/// camelCase name of a table kind ("orders", "dealEvents", "dealSnapshot", "customers", "unknown").
std::string_view TableKindName(TableKind kind);
/// Table kind from its name.
std::optional<TableKind> TableKindFromName(std::string_view name);

}  // namespace crm
