#include "core/ingest/load_report.h"

namespace crm {

const char* RejectReasonName(RejectReason reason) {
    switch (reason) {
        case RejectReason::kMissingCustomer: return "missingCustomer";
        case RejectReason::kBadDate: return "badDate";
        case RejectReason::kBadAmount: return "badAmount";
        case RejectReason::kExcludedStatus: return "excludedStatus";
        case RejectReason::kDuplicate: return "duplicate";
        case RejectReason::kMissingDealId: return "missingDealId";
        case RejectReason::kMissingStage: return "missingStage";
    }
    return "duplicate";
}

int64_t RowAccounting::RejectedTotal() const {
    int64_t total = 0;
    for (const int64_t n : rejected) total += n;
    return total;
}

void RowAccounting::Add(const RowAccounting& other) {
    read += other.read;
    used += other.used;
    for (int i = 0; i < kRejectReasonCount; ++i) rejected[i] += other.rejected[i];
    return_rows += other.return_rows;
    returned_amount += other.returned_amount;
    for (const auto& [status, n] : other.excluded_statuses) excluded_statuses[status] += n;
}

void RowAccounting::WriteJson(JsonWriter& out) const {
    out.BeginObject();
    out.Key("read").Int(read);
    out.Key("used").Int(used);
    out.Key("rejected").BeginObject();
    for (int i = 0; i < kRejectReasonCount; ++i) {
        out.Key(RejectReasonName(static_cast<RejectReason>(i))).Int(rejected[i]);
    }
    out.EndObject();
    out.Key("rejectedTotal").Int(RejectedTotal());
    out.Key("returnRows").Int(return_rows);
    out.Key("returnedAmount").Money(returned_amount);
    out.Key("excludedStatuses").BeginObject();
    for (const auto& [status, n] : excluded_statuses) out.Key(status).Int(n);
    out.EndObject();
    out.EndObject();
}

void RejectLog::WriteJson(JsonWriter& out) const {
    out.BeginArray();
    for (const RejectedRow& row : rows) {
        out.BeginObject();
        out.Key("file").String(row.file);
        out.Key("line").Int(row.line);
        out.Key("column").Int(row.column);
        out.Key("columnName").String(row.column_name);
        out.Key("value").String(row.value);
        out.Key("reason").String(RejectReasonName(row.reason));
        out.EndObject();
    }
    out.EndArray();
}

std::string FileReport::ColumnOf(Role role) const {
    for (const ColumnReport& c : columns) {
        if (c.role == role) return c.name;
    }
    return {};
}

void FileReport::WriteJson(JsonWriter& out) const {
    out.BeginObject();
    out.Key("name").String(name);
    out.Key("bytes").Int(bytes);
    out.Key("format").String(format);
    out.Key("encoding").String(encoding);
    if (format == "csv") {
        out.Key("delimiter").String(delimiter);
        out.Key("quote").String(quote);
        out.Key("headerLine").Int(header_line);
    }
    out.Key("decimalSeparator").String(decimal_separator);
    out.Key("thousandsSeparator").String(thousands_separator);
    out.Key("kind").String(TableKindName(kind));
    out.Key("kindConfidence").Double(kind_confidence);
    out.Key("kindEvidence").String(kind_evidence);
    out.Key("kindOverridden").Bool(kind_overridden);
    out.Key("roles").BeginObject();
    for (const ColumnReport& c : columns) {
        if (c.role != Role::kNone) out.Key(RoleName(c.role)).String(c.name);
    }
    out.EndObject();
    out.Key("columns").BeginArray();
    for (const ColumnReport& c : columns) {
        out.BeginObject();
        out.Key("name").String(c.name);
        out.Key("role").String(RoleName(c.role));
        out.Key("confidence").Double(c.confidence);
        out.Key("evidence").String(c.evidence);
        out.Key("overridden").Bool(c.overridden);
        out.Key("format").String(c.format);
        out.EndObject();
    }
    out.EndArray();
    out.Key("rows");
    rows.WriteJson(out);
    out.EndObject();
}

}  // namespace crm
