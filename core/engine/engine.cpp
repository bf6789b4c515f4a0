#include "core/engine/engine.h"

#include <algorithm>
#include <new>

#include "core/analysis/cohorts.h"
#include "core/analysis/drill.h"
#include "core/analysis/funnel.h"
#include "core/analysis/rfm.h"
#include "core/analysis/summary.h"
#include "core/common/civil_date.h"
#include "core/engine/dimensions.h"
#include "core/engine/filters.h"
#include "core/engine/request.h"
#include "core/ingest/record.h"

namespace crm {
namespace {

bool Wants(const Request& request, std::string_view name) {
    return std::find(request.analyses.begin(), request.analyses.end(), name) != request.analyses.end();
}

bool HasOrders(const Dataset& data) { return data.purchases.size() > 0 || data.returns.size() > 0; }

bool HasDeals(const Dataset& data) { return data.deal_events.size() > 0 || data.deal_snapshots.size() > 0; }

/// An element for "no parameters" ({}), for analyses whose request object is absent.
simdjson::dom::element EmptyParams() {
    static simdjson::dom::parser parser;
    static simdjson::dom::element element = [] {
        simdjson::dom::element e;
        const simdjson::error_code error = parser.parse("{}", 2).get(e);
        (void)error;  // parsing a constant "{}" cannot fail
        return e;
    }();
    return element;
}

Error AnalysisError(std::string_view analysis, Error error) {
    error.message = std::string(analysis) + ": " + error.message;
    return error;
}

}  // namespace

void WriteErrorJson(const Error& error, JsonWriter& out) {
    out.BeginObject();
    out.Key("code").String(ErrorCodeName(error.code));
    out.Key("message").String(error.message);
    out.Key("file").String(error.file);
    out.Key("line").Int(error.line);
    out.Key("column").Int(error.column);
    out.Key("expected").String(error.expected);
    out.Key("text").String(error.ToString());
    out.EndObject();
}

std::string ErrorJson(const Error& error) {
    JsonWriter out;
    out.BeginObject();
    out.Key("ok").Bool(false);
    out.Key("error");
    WriteErrorJson(error, out);
    out.EndObject();
    return out.Take();
}

std::string Engine::Load(const std::string& name, std::unique_ptr<ByteSource> source, std::string_view options_json) {
    SourceFile file;
    file.name = name;
    file.source = std::move(source);
    Status status = ParseLoadOptions(options_json, file.options);
    if (!status.ok()) {
        Error error = status.error();
        error.file = name;
        return ErrorJson(error);
    }
    return Add(std::move(file));
}

std::string Engine::LoadFile(const std::string& name, std::string_view bytes, std::string_view options_json) {
    return Load(name, std::make_unique<OwnedByteSource>(std::string(bytes)), options_json);
}

Engine::SourceFile* Engine::Find(const std::string& name) {
    for (SourceFile& f : files_) {
        if (f.name == name) return &f;
    }
    return nullptr;
}

std::string Engine::Add(SourceFile file) {
    const std::string name = file.name;
    if (SourceFile* existing = Find(name)) {
        *existing = std::move(file);
        Rebuild();
    } else {
        // Append into the current dataset; rebuild only when this file failed part-way or needs a second read.
        files_.push_back(std::move(file));
        SourceFile& added = files_.back();
        const size_t before = dataset_.purchases.size() + dataset_.returns.size() + dataset_.deal_events.size() +
                              dataset_.deal_snapshots.size() + dataset_.customer_info.first_contact_day.size();
        added.outcome = LoadTable(added.name, *added.source, added.options, dataset_, rejects_, progress_, {}, threads_);
        added.failed = added.outcome.error.has_value();
        const size_t after = dataset_.purchases.size() + dataset_.returns.size() + dataset_.deal_events.size() +
                             dataset_.deal_snapshots.size() + dataset_.customer_info.first_contact_day.size();
        if ((added.failed && after != before) || added.outcome.date_order_conflict) Rebuild();
    }
    const SourceFile& loaded = *Find(name);
    JsonWriter out;
    out.BeginObject();
    out.Key("ok").Bool(!loaded.failed);
    if (loaded.failed) {
        out.Key("error");
        WriteErrorJson(*loaded.outcome.error, out);
    }
    out.Key("file");
    loaded.outcome.report.WriteJson(out);
    out.Key("options").Raw(LoadOptionsToJson(loaded.options));
    out.EndObject();
    return out.Take();
}

void Engine::Rebuild() {
    // Each restart either leaves out one more failed file or fixes one file's date order, so this ends.
    for (;;) {
        dataset_ = Dataset();
        rejects_ = RejectLog();
        bool restart = false;
        for (SourceFile& f : files_) {
            if (f.failed) continue;  // a failed file stays out until the caller reconfigures or replaces it
            f.outcome = LoadTable(f.name, *f.source, f.options, dataset_, rejects_, progress_, {}, threads_);
            f.failed = f.outcome.error.has_value();
            if (f.outcome.date_order_conflict && !f.failed) f.options.date_order = f.outcome.date_order_conflict;
            if (f.failed || f.outcome.date_order_conflict) {
                restart = true;
                break;
            }
        }
        if (!restart) return;
    }
}

std::string Engine::ConfigureFile(const std::string& name, std::string_view options_json) {
    SourceFile* file = Find(name);
    if (file == nullptr) {
        Error error = MakeError(ErrorCode::kBadRequest, "no file named '" + name + "' is loaded");
        return ErrorJson(error);
    }
    LoadOptions options;
    Status status = ParseLoadOptions(options_json, options);
    if (!status.ok()) {
        Error error = status.error();
        error.file = name;
        return ErrorJson(error);
    }
    SourceFile updated;
    updated.name = file->name;
    updated.source = std::move(file->source);
    updated.options = std::move(options);
    return Add(std::move(updated));
}

std::string Engine::RemoveFile(const std::string& name) {
    const auto it = std::find_if(files_.begin(), files_.end(), [&](const SourceFile& f) { return f.name == name; });
    if (it == files_.end()) return ErrorJson(MakeError(ErrorCode::kBadRequest, "no file named '" + name + "' is loaded"));
    files_.erase(it);
    Rebuild();
    return "{\"ok\":true}";
}

void Engine::Clear() {
    files_.clear();
    dataset_ = Dataset();
    rejects_ = RejectLog();
}

RowAccounting Engine::TotalRows() const {
    RowAccounting total;
    for (const SourceFile& f : files_) {
        if (!f.failed) total.Add(f.outcome.report.rows);
    }
    return total;
}

std::string Engine::Describe() const {
    JsonWriter out;
    out.BeginObject();
    out.Key("schemaVersion").String(kSchemaVersion);
    out.Key("rows");
    TotalRows().WriteJson(out);
    out.Key("files").BeginArray();
    for (const SourceFile& f : files_) {
        out.BeginObject();
        out.Key("ok").Bool(!f.failed);
        if (f.failed) {
            out.Key("error");
            WriteErrorJson(*f.outcome.error, out);
        }
        out.Key("report");
        f.outcome.report.WriteJson(out);
        out.Key("options").Raw(LoadOptionsToJson(f.options));
        out.EndObject();
    }
    out.EndArray();
    out.Key("dimensions");
    WriteDimensionsJson(CountDimensions(dataset_), out);
    out.EndObject();
    return out.Take();
}

std::string Engine::RejectedRows() const {
    JsonWriter out;
    rejects_.WriteJson(out);
    return out.Take();
}

std::string Engine::Analyze(std::string_view request_json) {
    Request request;
    Status parsed = ParseRequest(request_json, request);
    if (!parsed.ok()) return ErrorJson(parsed.error());

    Dataset filtered = request.filters.empty() ? Dataset() : ApplyFilters(dataset_, request.filters);
    bool own_copy = !request.filters.empty();
    const Dataset* source = own_copy ? &filtered : &dataset_;
    const bool explicit_list = !request.analyses.empty();
    if (!explicit_list) {
        request.analyses.push_back("summary");
        if (HasOrders(*source)) {
            request.analyses.push_back("rfm");
            request.analyses.push_back("cohorts");
        }
        if (HasDeals(*source)) request.analyses.push_back("funnel");
    }
    // The as-of date of the summary and the orders analyses; the funnel finds its own (from the deal events
    // before it), so a request for the funnel alone does not look for this one.
    const bool wants_as_of = Wants(request, "summary") || Wants(request, "rfm") || Wants(request, "cohorts") ||
                             (request.drill && request.drill->kind == DrillKind::kCohort);
    std::optional<int32_t> as_of = request.as_of_day;
    if (!as_of && wants_as_of) {
        as_of = DefaultAsOfDay(*source);
        // Return rows never move the default as-of date, yet they are netted: one dated on or after it
        // (a refund processed after the last purchase) counts as of the day before it.
        const Returns& r = source->returns;
        if (as_of && std::any_of(r.day.begin(), r.day.end(), [&](int32_t day) { return day >= *as_of; })) {
            if (!own_copy) {
                filtered = ApplyFilters(dataset_, Filters());
                own_copy = true;
            }
            for (int32_t& day : filtered.returns.day) day = std::min(day, *as_of - 1);
        }
    }
    const Dataset& data = own_copy ? filtered : dataset_;

    JsonWriter out;
    out.BeginObject();
    out.Key("schemaVersion").String(kSchemaVersion);
    out.Key("rows");
    TotalRows().WriteJson(out);
    if (request.include_files) {
        out.Key("files").BeginArray();
        for (const SourceFile& f : files_) {
            if (!f.failed) f.outcome.report.WriteJson(out);
        }
        out.EndArray();
    }
    if (Wants(request, "summary")) {
        out.Key("summary");
        if (as_of) {
            WriteSummaryJson(ComputeSummary(data, *as_of), out);
        } else {
            out.Null();
        }
    }
    const bool needs_orders = Wants(request, "rfm") || Wants(request, "cohorts");
    if (needs_orders && (data.purchases.size() == 0 || !as_of)) {
        Error error = MakeError(ErrorCode::kNoData, "no purchases to analyse: load an orders file (customer, date, amount)");
        if (!files_.empty() && dataset_.purchases.size() > 0) error.message = "no purchases match the filters";
        return ErrorJson(AnalysisError(Wants(request, "rfm") ? "rfm" : "cohorts", error));
    }
    if (Wants(request, "rfm")) {
        RfmParams params;
        Status status = ParseRfmParams(request.has_rfm ? request.rfm : EmptyParams(), params);
        if (!status.ok()) return ErrorJson(AnalysisError("rfm", status.error()));
        Result<RfmResult> rfm = ComputeRfm(data, *as_of, params);
        if (!rfm.ok()) return ErrorJson(AnalysisError("rfm", rfm.error()));
        out.Key("rfm");
        WriteRfmJson(rfm.value(), data, out);
    }
    if (Wants(request, "cohorts")) {
        CohortParams params;
        Status status = ParseCohortParams(request.has_cohorts ? request.cohorts : EmptyParams(), params);
        if (!status.ok()) return ErrorJson(AnalysisError("cohorts", status.error()));
        Result<CohortResult> cohorts = ComputeCohorts(data, *as_of, params);
        if (!cohorts.ok()) return ErrorJson(AnalysisError("cohorts", cohorts.error()));
        out.Key("cohorts");
        WriteCohortsJson(cohorts.value(), out);
    }
    if (Wants(request, "funnel")) {
        if (!HasDeals(data)) {
            Error error = MakeError(ErrorCode::kNoData, "no deals to analyse: load a deals file (deal id, stage, date)");
            return ErrorJson(AnalysisError("funnel", error));
        }
        FunnelParams params;
        Status status = ParseFunnelParams(request.has_funnel ? request.funnel : EmptyParams(), params);
        if (!status.ok()) return ErrorJson(AnalysisError("funnel", status.error()));
        std::optional<int64_t> as_of_seconds;
        if (request.as_of_day) as_of_seconds = static_cast<int64_t>(*request.as_of_day) * kSecondsPerDay;
        Result<FunnelResult> funnel = ComputeFunnel(data, as_of_seconds, params);
        if (!funnel.ok()) return ErrorJson(AnalysisError("funnel", funnel.error()));
        out.Key("funnel");
        WriteFunnelJson(funnel.value(), data, out);
    }
    if (request.drill) {
        // The drill-down reads the request's cohorts / funnel parameters, so it matches the report it drills into.
        std::optional<Result<DrillResult>> drill;
        if (request.drill->kind == DrillKind::kCohort) {
            CohortParams params;
            Status status = ParseCohortParams(request.has_cohorts ? request.cohorts : EmptyParams(), params);
            if (!status.ok()) return ErrorJson(AnalysisError("cohorts", status.error()));
            if (data.purchases.size() == 0 || !as_of) {
                return ErrorJson(AnalysisError("drill", MakeError(ErrorCode::kNoData, "no purchases to drill into")));
            }
            drill = ComputeCohortDrill(data, *as_of, params, *request.drill);
        } else {
            FunnelParams params;
            Status status = ParseFunnelParams(request.has_funnel ? request.funnel : EmptyParams(), params);
            if (!status.ok()) return ErrorJson(AnalysisError("funnel", status.error()));
            std::optional<int64_t> as_of_seconds;
            if (request.as_of_day) as_of_seconds = static_cast<int64_t>(*request.as_of_day) * kSecondsPerDay;
            drill = ComputeFunnelDrill(data, as_of_seconds, params, *request.drill);
        }
        if (!drill->ok()) return ErrorJson(AnalysisError("drill", drill->error()));
        out.Key("drill");
        WriteDrillJson(drill->value(), data, out);
    }
    if (request.rejected_rows > 0) {
        out.Key("rejectedRows");
        RejectLog first;
        const size_t shown = std::min(rejects_.rows.size(), static_cast<size_t>(request.rejected_rows));
        first.rows.assign(rejects_.rows.begin(), rejects_.rows.begin() + static_cast<std::ptrdiff_t>(shown));
        first.WriteJson(out);
    }
    out.EndObject();
    return out.Take();
}

}  // namespace crm
