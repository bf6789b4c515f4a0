// crm_native FILE... [--request JSON] [--options JSON] [--repeat N] [--analyze-repeat N] [--threads BYTES]
// Loads files into the engine and prints the report of the request: the native twin of web/cli.mjs,
// used to profile the core (perf, callgrind) and to compare native and wasm reports byte for byte.
// --analyze-repeat N: the request is analyzed N times per load (to profile an analysis without the load).
// --threads BYTES: files of BYTES bytes or more are loaded with a sink thread (crm::LoadThreads; default none).

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "core/engine/engine.h"

namespace {

/// A file on disk read piece by piece with stdio (the engine never holds it whole).
class FileByteSource final : public crm::ByteSource {
public:
    explicit FileByteSource(std::FILE* file) : file_(file) {
        std::fseek(file_, 0, SEEK_END);
        size_ = std::ftell(file_);
        std::rewind(file_);
    }
    ~FileByteSource() override { std::fclose(file_); }
    FileByteSource(const FileByteSource&) = delete;
    FileByteSource& operator=(const FileByteSource&) = delete;
    int64_t size() const override { return size_; }
    crm::Result<size_t> Read(char* out, size_t capacity) override {
        const size_t got = std::fread(out, 1, capacity, file_);
        if (got == 0 && std::ferror(file_)) return crm::MakeError(crm::ErrorCode::kReadFailed, "read error");
        return got;
    }
    void Rewind() override { std::rewind(file_); }

private:
    std::FILE* file_;
    int64_t size_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> files;
    std::string request, options;
    int repeat = 1;
    int analyze_repeat = 1;
    crm::LoadThreads threads;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--request" && i + 1 < argc) {
            request = argv[++i];
        } else if (arg == "--options" && i + 1 < argc) {
            options = argv[++i];
        } else if (arg == "--repeat" && i + 1 < argc) {
            repeat = std::stoi(argv[++i]);
        } else if (arg == "--analyze-repeat" && i + 1 < argc) {
            analyze_repeat = std::stoi(argv[++i]);
        } else if (arg == "--threads" && i + 1 < argc) {
            threads.sink_thread_from_bytes = std::stoll(argv[++i]);
        } else if (arg == "--help") {
            std::puts("crm_native FILE... [--request JSON] [--options JSON] [--repeat N] [--analyze-repeat N]"
                      " [--threads BYTES]");
            return 0;
        } else {
            files.push_back(arg);
        }
    }
    std::string report;
    for (int r = 0; r < repeat; ++r) {
        const auto start = std::chrono::steady_clock::now();
        crm::Engine engine;
        engine.SetLoadThreads(threads);
        for (const std::string& path : files) {
            std::FILE* file = std::fopen(path.c_str(), "rb");
            if (file == nullptr) {
                std::cerr << path << ": cannot open\n";
                return 2;
            }
            const std::string name = path.substr(path.find_last_of('/') + 1);
            const std::string loaded = engine.Load(name, std::make_unique<FileByteSource>(file), options);
            if (loaded.rfind("{\"ok\":false", 0) == 0) {
                std::cerr << loaded << "\n";
                return 1;
            }
        }
        for (int a = 0; a < analyze_repeat; ++a) report = engine.Analyze(request);
        const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (repeat > 1) std::fprintf(stderr, "run %d: %.1f ms\n", r + 1, ms);
    }
    std::cout << report << "\n";
    return report.rfind("{\"ok\":false", 0) == 0 ? 1 : 0;
}
