#include "core/common/status.h"

namespace crm {

const char* ErrorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::kNotATable: return "notATable";
        case ErrorCode::kEmpty: return "empty";
        case ErrorCode::kHeaderOnly: return "headerOnly";
        case ErrorCode::kBadJson: return "badJson";
        case ErrorCode::kBadEncoding: return "badEncoding";
        case ErrorCode::kBadCsv: return "badCsv";
        case ErrorCode::kMissingRole: return "missingRole";
        case ErrorCode::kBadRequest: return "badRequest";
        case ErrorCode::kNoData: return "noData";
        case ErrorCode::kReadFailed: return "readFailed";
        case ErrorCode::kOutOfMemory: return "outOfMemory";
        case ErrorCode::kInternal: return "internal";
    }
    return "internal";
}

std::string Error::ToString() const {
    std::string out;
    if (!file.empty()) {
        out += file;
        if (line > 0) {
            out += ':' + std::to_string(line);
            if (column > 0) out += ':' + std::to_string(column);
        }
        out += ": ";
    }
    out += message;
    if (!expected.empty()) out += " (expected " + expected + ")";
    return out;
}

}  // namespace crm
