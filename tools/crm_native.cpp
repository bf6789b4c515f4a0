// crm_native FILE... [--request JSON] [--options JSON] [--repeat N]
// Loads files into the engine and prints the report of the request: the native twin of web/cli.mjs,
// used to profile the core (perf, callgrind) and to compare native and wasm reports byte for byte.

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/engine/engine.h"

int main(int argc, char** argv) {
    std::vector<std::string> files;
    std::string request, options;
    int repeat = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--request" && i + 1 < argc) {
            request = argv[++i];
        } else if (arg == "--options" && i + 1 < argc) {
            options = argv[++i];
        } else if (arg == "--repeat" && i + 1 < argc) {
            repeat = std::stoi(argv[++i]);
        } else if (arg == "--help") {
            std::puts("crm_native FILE... [--request JSON] [--options JSON] [--repeat N]");
            return 0;
        } else {
            files.push_back(arg);
        }
    }
    std::string report;
    for (int r = 0; r < repeat; ++r) {
        const auto start = std::chrono::steady_clock::now();
        crm::Engine engine;
        for (const std::string& path : files) {
            std::ifstream in(path, std::ios::binary);
            if (!in) {
                std::cerr << path << ": cannot open\n";
                return 2;
            }
            std::ostringstream bytes;
            bytes << in.rdbuf();
            const std::string name = path.substr(path.find_last_of('/') + 1);
            const std::string loaded = engine.LoadFile(name, bytes.str(), options);
            if (loaded.rfind("{\"ok\":false", 0) == 0) {
                std::cerr << loaded << "\n";
                return 1;
            }
        }
        report = engine.Analyze(request);
        const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (repeat > 1) std::fprintf(stderr, "run %d: %.1f ms\n", r + 1, ms);
    }
    std::cout << report << "\n";
    return report.rfind("{\"ok\":false", 0) == 0 ? 1 : 0;
}
