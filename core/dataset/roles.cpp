#include "core/dataset/roles.h"

namespace crm {
namespace {

constexpr std::string_view kRoleNames[kRoleCount] = {
    "none",    "customer",   "customerName", "email",    "phone",     "date",       "orderId",
    "amount",  "orderTotal", "quantity",     "unitPrice", "status",   "docType",    "channel",
    "manager", "product",    "region",       "campaign", "firstContact", "dealId",  "stage",
    "stageTime", "created",  "closed",       "dealStatus", "pipeline", "lostReason",
};

constexpr std::string_view kKindNames[] = {"unknown", "orders", "dealEvents", "dealSnapshot", "customers"};

}  // namespace

std::string_view RoleName(Role role) { return kRoleNames[static_cast<int>(role)]; }

std::optional<Role> RoleFromName(std::string_view name) {
    for (int i = 0; i < kRoleCount; ++i) {
        if (kRoleNames[i] == name) return static_cast<Role>(i);
    }
    return std::nullopt;
}

std::string_view TableKindName(TableKind kind) { return kKindNames[static_cast<int>(kind)]; }

std::optional<TableKind> TableKindFromName(std::string_view name) {
    for (int i = 0; i < 5; ++i) {
        if (kKindNames[i] == name) return static_cast<TableKind>(i);
    }
    return std::nullopt;
}

}  // namespace crm
