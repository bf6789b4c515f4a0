// Embind registration: one coarse class over crm::Engine. Bytes in (through a buffer the engine owns), JSON
// text out (a JS string, made by one TextDecoder call). Every call is guarded so that an allocation failure or a
// bug becomes an error value and the module stays usable. JS names are camelCase; web/src/engine.js wraps this
// class.

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <memory>
#include <new>
#include <string>

#include "core/engine/engine.h"

namespace {

/// UTF-8 text in wasm memory as a new JS string, decoded by one TextDecoder call. (Embind's std::string
/// conversion first walks the bytes twice in JS looking for NULs: 54 ms of 64 for a 14 MB report.) Memory shared
/// with the threaded build's worker is copied out first: TextDecoder does not read shared memory.
emscripten::val ToJsString(const std::string& text) {
    static const emscripten::val decoder = emscripten::val::global("TextDecoder").new_();
    emscripten::val bytes(
        emscripten::typed_memory_view(text.size(), reinterpret_cast<const unsigned char*>(text.data())));
#ifdef __EMSCRIPTEN_PTHREADS__
    bytes = bytes.call<emscripten::val>("slice");
#endif
    return decoder.call<emscripten::val>("decode", bytes);
}

/// The JSON text of `call` as a JS string; an exception becomes an error value.
template <class Call>
emscripten::val Guarded(Call call) {
    std::string json;
    try {
        json = call();
    } catch (const std::bad_alloc&) {
        json = crm::ErrorJson(crm::MakeError(crm::ErrorCode::kOutOfMemory,
                                             "out of memory: the data does not fit in this browser tab's memory"));
    } catch (...) {
        json = crm::ErrorJson(crm::MakeError(crm::ErrorCode::kInternal, "internal error in the analytics engine"));
    }
    return ToJsString(json);
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
    emscripten::val load(const std::string& name, emscripten::val reader, const std::string& options) {
        return Guarded([&] { return engine_.Load(name, std::make_unique<JsByteSource>(std::move(reader)), options); });
    }
    emscripten::val configure(const std::string& name, const std::string& options) {
        return Guarded([&] { return engine_.ConfigureFile(name, options); });
    }
    emscripten::val remove(const std::string& name) {
        return Guarded([&] { return engine_.RemoveFile(name); });
    }
    void clear() { engine_.Clear(); }
    emscripten::val analyze(const std::string& request) {
        return Guarded([&] { return engine_.Analyze(request); });
    }
    emscripten::val describe() {
        return Guarded([&] { return engine_.Describe(); });
    }
    emscripten::val rejectedRows() {
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
