#pragma once
// The engine: the files of one session, the dataset built from them, and analysis requests over it.
// Every call takes and returns JSON text (bytes in, JSON out); errors are values, never exceptions.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/ingest/byte_source.h"
#include "core/ingest/load_options.h"
#include "core/ingest/load_report.h"
#include "core/ingest/table_loader.h"

namespace crm {

/// Version of the report and request schema (docs/report-schema.md).
constexpr const char* kSchemaVersion = "1.1.0";

/// Holds loaded files (their byte sources, not their bytes: a file is read piece by piece, and read again
/// from its source when a role changes or another file is removed) and the dataset built from all files
/// that loaded. Not thread-safe; one per worker.
class Engine {
public:
    /// Loads file `name` from `source` (replacing a file of that name); the engine keeps the source.
    /// Returns {"ok":true,"file":{...},"options":{...}} or {"ok":false,"error":{...},"file":{...}}.
    std::string Load(const std::string& name, std::unique_ptr<ByteSource> source, std::string_view options_json);

    /// Copies `bytes` and loads them as file `name` (native callers and tests).
    std::string LoadFile(const std::string& name, std::string_view bytes, std::string_view options_json);

    /// Changes a loaded file's options (kind, roles, ...) and re-reads it from its source.
    std::string ConfigureFile(const std::string& name, std::string_view options_json);

    /// Forgets a file; returns {"ok":true} or an error when there is no such file.
    std::string RemoveFile(const std::string& name);

    /// Forgets every file and frees the dataset.
    void Clear();

    /// Runs a request (see core/engine/request.h) and returns the report, or {"error":{...}}.
    std::string Analyze(std::string_view request_json);

    /// The per-file reports, the rows accounting and the filter values of everything loaded:
    /// {"rows":{...},"files":[...],"dimensions":{...}}.
    std::string Describe() const;

    /// The first rejected rows (up to 1000) as JSON: [{"file","line","column","columnName","value","reason"}].
    std::string RejectedRows() const;

    /// Sets the callback told about the progress of every file read from now on (empty: none).
    void SetProgress(LoadProgress progress) { progress_ = std::move(progress); }

    /// Sets which files are loaded with a second thread (see LoadThreads; by default none).
    void SetLoadThreads(LoadThreads threads) { threads_ = threads; }

    /// The dataset (tests, native tools).
    const Dataset& dataset() const { return dataset_; }

private:
    struct SourceFile {
        std::string name;
        std::unique_ptr<ByteSource> source;
        LoadOptions options;
        LoadOutcome outcome;
        bool failed = false;
    };

    std::string Add(SourceFile file);
    void Rebuild();
    RowAccounting TotalRows() const;
    SourceFile* Find(const std::string& name);

    std::vector<SourceFile> files_;
    Dataset dataset_;
    RejectLog rejects_;
    LoadProgress progress_;
    LoadThreads threads_;
};

/// {"ok":false,"error":{"code","message","file","line","column","expected"}} for an error.
std::string ErrorJson(const Error& error);

/// Writes an error's fields as a JSON object value.
void WriteErrorJson(const Error& error, JsonWriter& out);

}  // namespace crm
