// Embind registration: one coarse class over crm::Engine. Bytes in (through a buffer the engine owns),
// JSON text out. Every call is guarded so that an allocation failure or a bug becomes an error value
// and the module stays usable. JS names are camelCase; web/src/engine.js wraps this class.

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <memory>
#include <new>
#include <string>

#include "core/engine/engine.h"

namespace {

template <class Call>
std::string Guarded(Call call) {
    try {
        return call();
    } catch (const std::bad_alloc&) {
        return crm::ErrorJson(crm::MakeError(crm::ErrorCode::kOutOfMemory,
                                             "out of memory: the data does not fit in this browser tab's memory"));
    } catch (...) {
        return crm::ErrorJson(crm::MakeError(crm::ErrorCode::kInternal, "internal error in the analytics engine"));
    }
}

/// A file's bytes read from JS, piece by piece: `reader` is {size: number, read(address, capacity): number,
/// rewind(): void, error(): string}; read() copies up to `capacity` bytes into wasm memory at `address` and
/// returns how many (0 at the end, -1 on a read error, which error() then describes). JS keeps the bytes
/// (an array in memory, or a File read slice by slice), so wasm memory never holds the whole file.
class JsByteSource final : public crm::ByteSource {
public:
    explicit JsByteSource(emscripten::val reader)
        : size_(reader["size"].as<double>()), read_(reader["read"]), rewind_(reader["rewind"]), error_(reader["error"]) {}
    int64_t size() const override { return static_cast<int64_t>(size_); }
    crm::Result<size_t> Read(char* out, size_t capacity) override {
        const double got = read_(static_cast<double>(reinterpret_cast<uintptr_t>(out)), static_cast<double>(capacity))
                               .as<double>();
        if (got < 0 || got > static_cast<double>(capacity)) {
            return crm::MakeError(crm::ErrorCode::kReadFailed,
                                  "the file could not be read: " + error_().as<std::string>());
        }
        return static_cast<size_t>(got);
    }
    void Rewind() override { rewind_(); }

private:
    double size_;
    emscripten::val read_, rewind_, error_;
};

/// The JS-facing engine: a handle JS must delete() when done.
class WasmEngine {
public:
    WasmEngine() {
        engine_.SetProgress([this](int64_t bytes_done, int64_t total_bytes, int64_t rows) {
            if (progress_.isUndefined() || progress_.isNull()) return;
            progress_(static_cast<double>(bytes_done), static_cast<double>(total_bytes), static_cast<double>(rows));
        });
    }
    /// Files of at least `bytes` bytes go into the dataset on the module's worker from the next load on (the
    /// threaded build, once its worker has loaded the module: see crm::LoadThreads); negative: none. No effect
    /// in the single-threaded build.
    void setLoadThreadsFrom(double bytes) {
        engine_.SetLoadThreads(crm::LoadThreads{bytes < 0 ? INT64_MAX : static_cast<int64_t>(bytes)});
    }
    /// Sets the JS function called as (bytesDone, totalBytes, rows) while files are read; undefined: none.
    void setProgress(emscripten::val callback) { progress_ = std::move(callback); }
    /// Loads file `name` from a JS reader (see JsByteSource), which the engine keeps for re-reads.
    std::string load(const std::string& name, emscripten::val reader, const std::string& options) {
        return Guarded([&] { return engine_.Load(name, std::make_unique<JsByteSource>(std::move(reader)), options); });
    }
    std::string configure(const std::string& name, const std::string& options) {
        return Guarded([&] { return engine_.ConfigureFile(name, options); });
    }
    std::string remove(const std::string& name) {
        return Guarded([&] { return engine_.RemoveFile(name); });
    }
    void clear() { engine_.Clear(); }
    std::string analyze(const std::string& request) {
        return Guarded([&] { return engine_.Analyze(request); });
    }
    std::string describe() {
        return Guarded([&] { return engine_.Describe(); });
    }
    std::string rejectedRows() {
        return Guarded([&] { return engine_.RejectedRows(); });
    }

private:
    crm::Engine engine_;
    emscripten::val progress_ = emscripten::val::undefined();
};

}  // namespace

EMSCRIPTEN_BINDINGS(crm_analytics) {
    emscripten::class_<WasmEngine>("Engine")
        .constructor<>()
        .function("setProgress", &WasmEngine::setProgress)
        .function("setLoadThreadsFrom", &WasmEngine::setLoadThreadsFrom)
        .function("load", &WasmEngine::load)
        .function("configure", &WasmEngine::configure)
        .function("remove", &WasmEngine::remove)
        .function("clear", &WasmEngine::clear)
        .function("analyze", &WasmEngine::analyze)
        .function("describe", &WasmEngine::describe)
        .function("rejectedRows", &WasmEngine::rejectedRows);
    emscripten::constant("schemaVersion", std::string(crm::kSchemaVersion));
}
