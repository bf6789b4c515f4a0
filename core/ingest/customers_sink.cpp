#include "core/ingest/customers_sink.h"

#include <climits>

#include "core/common/civil_date.h"
#include "core/ingest/identity.h"

namespace crm {

void CustomersSink::Consume(const Record& record) {
    if (ctx_.options->drop_duplicates && duplicates_.SeenBefore(record.raw)) {
        ctx_.Reject(record, RejectReason::kDuplicate, Role::kNone);
        return;
    }
    const ColumnBinding& b = ctx_.binding;
    std::string_view key = b.Value(record, Role::kCustomerId);
    if (key.empty()) {
        const std::string_view email = b.Value(record, Role::kEmail);
        const std::string_view phone = b.Value(record, Role::kPhone);
        if (!email.empty() && NormalizeEmail(email, key_buffer_)) {
            key = key_buffer_;
        } else if (!phone.empty() && NormalizePhone(phone, key_buffer_)) {
            key = key_buffer_;
        }
    }
    if (key.empty()) {
        ctx_.Reject(record, RejectReason::kMissingCustomer, Role::kCustomerId);
        return;
    }
    int32_t first_day = INT32_MIN;
    const std::string_view date_text = b.Value(record, Role::kFirstContact);
    if (!date_text.empty()) {
        int64_t seconds = 0;
        bool has_time = false;
        if (!ctx_.ParseDate(Role::kFirstContact, date_text, seconds, has_time)) {
            ctx_.Reject(record, RejectReason::kBadDate, Role::kFirstContact);
            return;
        }
        first_day = DayOfSeconds(seconds);
    }
    Dataset& data = *ctx_.data;
    const uint32_t customer = data.customers.Intern(key);
    CustomerInfo& info = data.customer_info;
    if (customer >= info.first_contact_day.size()) {
        info.first_contact_day.resize(customer + 1, INT32_MIN);
        info.channel.resize(customer + 1, kNoId);
        info.region.resize(customer + 1, kNoId);
    }
    if (first_day != INT32_MIN) info.first_contact_day[customer] = first_day;
    const std::string_view channel = b.Value(record, Role::kChannel);
    if (!channel.empty()) info.channel[customer] = data.channels.Intern(channel);
    const std::string_view region = b.Value(record, Role::kRegion);
    if (!region.empty()) info.region[customer] = data.regions.Intern(region);
    ++ctx_.rows->used;
}

}  // namespace crm
