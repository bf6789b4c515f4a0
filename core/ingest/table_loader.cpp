#include "core/ingest/table_loader.h"

#include <memory>
#include <string>
#include <vector>

#include "core/ingest/column_profile.h"
#include "core/ingest/csv_reader.h"
#include "core/ingest/encoding.h"
#include "core/ingest/format_detect.h"
#include "core/ingest/json_reader.h"
#include "core/ingest/role_guess.h"
#include "core/ingest/row_sink.h"
#if CRM_LOAD_THREADS
#include "core/ingest/sink_thread.h"
#endif
#include "core/ingest/text_window.h"

namespace crm {
namespace {

bool IsDateRole(Role role) {
    return role == Role::kDate || role == Role::kStageTime || role == Role::kCreated || role == Role::kClosed ||
           role == Role::kFirstContact;
}

bool IsNumberRole(Role role) {
    return role == Role::kAmount || role == Role::kOrderTotal || role == Role::kQuantity || role == Role::kUnitPrice;
}

std::string DelimiterName(char delimiter) {
    switch (delimiter) {
        case '\t': return "\\t";
        default: return std::string(1, delimiter);
    }
}

std::string SeparatorName(char separator) {
    switch (separator) {
        case 0: return "";
        case ' ': return "space";
        default: return std::string(1, separator);
    }
}

/// Roles each kind needs, as alternatives: every inner list needs one of its roles.
std::vector<std::vector<Role>> RequiredRoles(TableKind kind) {
    switch (kind) {
        case TableKind::kOrders:
            return {{Role::kCustomerId, Role::kEmail, Role::kPhone},
                    {Role::kDate},
                    {Role::kAmount, Role::kOrderTotal, Role::kUnitPrice}};
        case TableKind::kDealEvents: return {{Role::kDealId}, {Role::kStage}, {Role::kStageTime}};
        case TableKind::kDealSnapshot: return {{Role::kDealId}, {Role::kStage}};
        case TableKind::kCustomers: return {{Role::kCustomerId, Role::kEmail, Role::kPhone}};
        case TableKind::kUnknown: break;
    }
    return {};
}

std::unique_ptr<RecordSource> MakeReader(FileFormat format, TextWindow& window, const CsvDialect& dialect,
                                         std::string_view file) {
    switch (format) {
        case FileFormat::kCsv: return MakeCsvReader(window, dialect, file);
        case FileFormat::kJson: return MakeJsonReader(window, file);
        case FileFormat::kNdjson: return MakeNdjsonReader(window, file);
    }
    return nullptr;
}

Error WithFile(Error error, std::string_view file) {
    if (error.file.empty()) error.file = std::string(file);
    if (error.code == ErrorCode::kEmpty) {
        if (error.line == 0) {
            error.line = 1;  // an empty file fails at its very start
            error.column = 1;
        }
        if (error.expected.empty()) error.expected = "a header row and at least one data row";
    }
    return error;
}

}  // namespace

LoadOutcome LoadTable(std::string_view file, ByteSource& source, const LoadOptions& options, Dataset& data,
                      RejectLog& rejects, const LoadProgress& progress, WindowOptions window_options,
                      const LoadThreads& threads) {
    LoadOutcome outcome;
    FileReport& report = outcome.report;
    report.name = std::string(file);
    report.bytes = source.size();
    // A sink thread reads rows of the window's previous piece while this thread reads the next one (in
    // builds with threads: CRM_LOAD_THREADS).
    const bool sink_thread = CRM_LOAD_THREADS && report.bytes >= threads.sink_thread_from_bytes;
    window_options.keep_previous_piece = window_options.keep_previous_piece || sink_thread;

    Result<std::unique_ptr<TextWindow>> opened = TextWindow::Open(source, file, window_options);
    if (!opened.ok()) {
        outcome.error = WithFile(opened.error(), file);
        return outcome;
    }
    TextWindow& window = *opened.value();
    // The head (the first piece of text) decides the format and the CSV dialect.
    const std::string_view text = window.text();
    report.encoding = std::string(TextEncodingName(window.encoding()));
    Result<FileFormat> format = DetectFileFormat(text, file);
    if (!format.ok()) {
        outcome.error = WithFile(format.error(), file);
        return outcome;
    }
    report.format = std::string(FileFormatName(format.value()));
    CsvDialect dialect;
    if (format.value() == FileFormat::kCsv) {
        dialect = SniffCsvDialect(text);
        if (options.delimiter) dialect.delimiter = *options.delimiter;
        report.delimiter = DelimiterName(dialect.delimiter);
        report.quote = dialect.quote ? std::string(1, dialect.quote) : "";
        report.header_line = dialect.header_line;
    }

    // Sample: the first rows, copied, to guess the kind, the roles and the value formats. The same reader
    // then goes on with the rest, and the sampled rows are replayed into the sink: the text is read once.
    std::unique_ptr<RecordSource> reader = MakeReader(format.value(), window, dialect, file);
    // The copies (the window moves on) share one arena: the trimmed fields and the raw text of every sampled row,
    // held as spans of the arena until it stops growing.
    struct Span {
        size_t offset, size;
    };
    std::string arena;
    std::vector<std::vector<Span>> samples;  // [column][row]
    struct SampledRow {
        int64_t line, offset;
        Span raw;
    };
    std::vector<SampledRow> sampled_rows;
    Record record;
    auto copy = [&arena](std::string_view text) {
        const Span span{arena.size(), text.size()};
        arena.append(text);
        return span;
    };
    while (static_cast<int64_t>(sampled_rows.size()) < options.sample_rows && reader->Next(record)) {
        if (samples.size() < record.fields.size()) samples.resize(record.fields.size());
        for (size_t c = 0; c < samples.size(); ++c) {
            samples[c].resize(sampled_rows.size(), Span{0, 0});
            samples[c].push_back(copy(c < record.fields.size() ? TrimText(record.fields[c]) : std::string_view()));
        }
        sampled_rows.push_back(SampledRow{record.line, record.offset, copy(record.raw)});
    }
    auto view = [&arena](Span span) { return std::string_view(arena.data() + span.offset, span.size); };
    if (reader->error() != nullptr) {
        outcome.error = WithFile(*reader->error(), file);
        return outcome;
    }
    const int64_t sampled = static_cast<int64_t>(sampled_rows.size());
    const std::vector<std::string> columns = reader->columns();
    samples.resize(columns.size());
    for (auto& column : samples) column.resize(static_cast<size_t>(sampled), Span{0, 0});
    if (sampled == 0) {
        Error error = MakeError(ErrorCode::kHeaderOnly, columns.empty() ? "the file holds no rows"
                                                                        : "the file has a header row but no data rows");
        error.file = std::string(file);
        error.line = format.value() == FileFormat::kCsv ? dialect.header_line + 1 : 1;
        error.column = 1;
        error.expected = "at least one data row";
        outcome.error = error;
        return outcome;
    }

    std::vector<ColumnProfile> profiles;
    profiles.reserve(columns.size());
    std::vector<std::vector<std::string_view>> sample_views(columns.size());
    for (size_t c = 0; c < columns.size(); ++c) {
        sample_views[c].reserve(samples[c].size());
        for (const Span span : samples[c]) sample_views[c].push_back(view(span));
        profiles.push_back(ProfileColumn(sample_views[c]));
    }
    const TableGuess guess = options.kind ? GuessTableAs(*options.kind, columns, profiles) : GuessTable(columns, profiles);
    report.kind = options.kind.value_or(guess.kind);
    report.kind_overridden = options.kind.has_value();
    report.kind_confidence = options.kind ? 1.0 : guess.confidence;
    report.kind_evidence = options.kind ? "set by the caller" : guess.evidence;

    report.columns.resize(columns.size());
    for (size_t c = 0; c < columns.size(); ++c) {
        ColumnReport& column = report.columns[c];
        column.name = columns[c];
        if (c < guess.columns.size()) {
            column.role = guess.columns[c].role;
            column.confidence = guess.columns[c].confidence;
            column.evidence = guess.columns[c].evidence;
        }
    }
    for (const auto& [role, name] : options.roles) {
        for (ColumnReport& column : report.columns) {
            if (column.role == role) {
                column.role = Role::kNone;
                column.confidence = 0;
                column.evidence = "role moved by the caller";
            }
        }
        if (name.empty()) continue;
        bool found = false;
        for (ColumnReport& column : report.columns) {
            if (column.name == name) {
                column.role = role;
                column.confidence = 1;
                column.evidence = "set by the caller";
                column.overridden = true;
                found = true;
                break;
            }
        }
        if (!found) {
            Error error = MakeError(ErrorCode::kBadRequest, "role '" + std::string(RoleName(role)) +
                                                                "' names a column that is not in the file: '" + name + "'");
            error.file = std::string(file);
            outcome.error = error;
            return outcome;
        }
    }

    SinkContext context;
    // Rows of the whole file, estimated from the bytes the sampled rows took (in text bytes, scaled to the
    // file's bytes by the text decoded so far per source byte read).
    const SampledRow& last_sampled = sampled_rows.back();
    const int64_t sample_bytes = last_sampled.offset + static_cast<int64_t>(last_sampled.raw.size) - sampled_rows.front().offset + sampled;
    const double text_per_source_byte =
        window.source_read() > 0 ? static_cast<double>(window.OffsetOf(window.end())) / window.source_read() : 1.0;
    const double text_bytes = static_cast<double>(report.bytes) * text_per_source_byte;
    context.expected_rows = sample_bytes > 0 ? static_cast<size_t>(text_bytes / sample_bytes * sampled * 1.05) + 16 : 16;
    context.file = file;
    context.columns = &columns;
    context.options = &options;
    context.data = &data;
    context.rows = &report.rows;
    context.rejects = &rejects;
    std::string decimal, thousands;
    for (size_t c = 0; c < columns.size(); ++c) {
        ColumnReport& column = report.columns[c];
        if (column.role == Role::kNone) continue;
        const int role = static_cast<int>(column.role);
        context.binding.column[role] = static_cast<int>(c);
        // The profile read the formats from the same trimmed sample values (empty ones ignored both ways).
        if (IsDateRole(column.role)) {
            DateFormat date = profiles[c].date_format;
            if (options.date_order && (date.kind == DateKind::kDayFirst || date.kind == DateKind::kMonthFirst)) {
                date.kind = *options.date_order;
                date.order_ambiguous = false;
            }
            context.binding.date[role] = date;
            column.format = date.Describe();
        } else if (IsNumberRole(column.role)) {
            const NumberFormat number = profiles[c].number_format;
            context.binding.number[role] = number;
            column.format = number.Describe();
            if (decimal.empty()) {
                decimal = std::string(1, number.decimal);
                thousands = SeparatorName(number.thousands);
            }
        }
    }
    report.decimal_separator = decimal;
    report.thousands_separator = thousands;

    if (report.kind == TableKind::kUnknown) {
        Error error = MakeError(ErrorCode::kMissingRole,
                                "cannot tell what this table holds (orders, deals or customers); set its kind and roles");
        error.file = std::string(file);
        error.line = format.value() == FileFormat::kCsv ? dialect.header_line : 1;
        error.expected = "a customer, a date and an amount column (orders) or a deal id and a stage column (deals)";
        outcome.error = error;
        return outcome;
    }
    for (const std::vector<Role>& alternatives : RequiredRoles(report.kind)) {
        bool present = false;
        for (Role role : alternatives) present = present || context.binding.Has(role);
        if (!present) {
            std::string names;
            for (Role role : alternatives) names += (names.empty() ? "" : " or ") + std::string(RoleName(role));
            Error error = MakeError(ErrorCode::kMissingRole, "no column holds the " + names + " of this " +
                                                                 std::string(TableKindName(report.kind)) +
                                                                 " table; set the role to one of its columns");
            error.file = std::string(file);
            error.line = format.value() == FileFormat::kCsv ? dialect.header_line : 1;
            error.expected = "a column for " + names;
            outcome.error = error;
            return outcome;
        }
    }

    // The sampled rows first, then the rest of the one pass.
    std::unique_ptr<RowSink> sink = MakeRowSink(report.kind, context);
    Record replay;
    replay.fields.resize(columns.size());
    for (int64_t row = 0; row < sampled; ++row) {
        for (size_t c = 0; c < columns.size(); ++c) replay.fields[c] = sample_views[c][static_cast<size_t>(row)];
        replay.line = sampled_rows[static_cast<size_t>(row)].line;
        replay.offset = sampled_rows[static_cast<size_t>(row)].offset;
        replay.raw = view(sampled_rows[static_cast<size_t>(row)].raw);
        ++report.rows.read;
        sink->Consume(replay);
    }
    const auto report_progress = [&] {
        if (progress && report.rows.read % kProgressEveryRows == 0) {
            // The row's text offset in file bytes, by the ratio of source bytes read to text decoded so far.
            const int64_t decoded = window.OffsetOf(window.end());
            const double ratio = decoded > 0 ? static_cast<double>(window.source_read()) / decoded : 1.0;
            progress(static_cast<int64_t>(static_cast<double>(record.offset) * ratio), report.bytes, report.rows.read);
        }
    };
    bool consumed = false;
#if CRM_LOAD_THREADS
    if (sink_thread) {
        SinkThread consumer(*sink);
        if (consumer.started()) {
            // Before the window overwrites a piece, the sink is done with the rows read from it.
            window.SetBeforeRefill([&consumer] { consumer.DrainBefore(); });
            // Splitting CSV takes this thread less time than the sink takes the row: the row's own parsing
            // (RowSink::Prepare) is done here too. Scanning JSON takes longer: the sink does it.
            const bool prepare = format.value() == FileFormat::kCsv;
            while (reader->Next(record)) {
                ++report.rows.read;
                if (prepare) sink->Prepare(record);
                consumer.Push(record, window.begin(), window.end());
                report_progress();
            }
            window.SetBeforeRefill({});
            consumer.Finish();
            consumed = true;
        }
    }
#endif
    if (!consumed) {
        while (reader->Next(record)) {
            ++report.rows.read;
            sink->Consume(record);
            report_progress();
        }
    }
    sink->Finish();
    if (progress) progress(report.bytes, report.bytes, report.rows.read);
    report.encoding = std::string(TextEncodingName(window.encoding()));  // it may switch after the head
    if (reader->error() != nullptr) {
        outcome.error = WithFile(*reader->error(), file);
        return outcome;
    }
    if (window.error() != nullptr) {  // readers report it themselves; this is the safety net
        Error error = *window.error();
        const TextPosition position = reader->PositionOfOffset(window.error_offset());
        error.line = position.line;
        error.column = position.column;
        outcome.error = WithFile(error, file);
        return outcome;
    }
    for (int role = 0; role < kRoleCount; ++role) {
        const DateFormat& date = context.binding.date[role];
        if (!date.order_ambiguous) continue;
        const DateKind decided = context.date_evidence[role].Decide(date.kind);
        if (decided != date.kind) outcome.date_order_conflict = decided;
    }
    return outcome;
}

}  // namespace crm
