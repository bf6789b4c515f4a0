// Embind registration: one coarse class over crm::Engine. Bytes in (through a buffer the engine owns),
// JSON text out. Every call is guarded so that an allocation failure or a bug becomes an error value
// and the module stays usable. JS names are camelCase; web/src/engine.js wraps this class.

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
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

/// The JS-facing engine: a handle JS must delete() when done.
class WasmEngine {
public:
    WasmEngine() {
        engine_.SetProgress([this](int64_t bytes_done, int64_t total_bytes, int64_t rows) {
            if (progress_.isUndefined() || progress_.isNull()) return;
            progress_(static_cast<double>(bytes_done), static_cast<double>(total_bytes), static_cast<double>(rows));
        });
    }
    /// Sets the JS function called as (bytesDone, totalBytes, rows) while files are read; undefined: none.
    void setProgress(emscripten::val callback) { progress_ = std::move(callback); }
    /// Reserves the buffer for the next file; returns its address in wasm memory (0 when out of memory).
    uintptr_t reserve(double size) {
        try {
            return reinterpret_cast<uintptr_t>(engine_.ReservePending(static_cast<size_t>(size)));
        } catch (const std::bad_alloc&) {
            return 0;
        }
    }
    std::string loadPending(const std::string& name, const std::string& options) {
        return Guarded([&] { return engine_.LoadPending(name, options); });
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
        .function("reserve", &WasmEngine::reserve)
        .function("loadPending", &WasmEngine::loadPending)
        .function("configure", &WasmEngine::configure)
        .function("remove", &WasmEngine::remove)
        .function("clear", &WasmEngine::clear)
        .function("analyze", &WasmEngine::analyze)
        .function("describe", &WasmEngine::describe)
        .function("rejectedRows", &WasmEngine::rejectedRows);
    emscripten::constant("schemaVersion", std::string(crm::kSchemaVersion));
}
