#include "core/ingest/header_match.h"

#include "core/ingest/text.h"

namespace crm::header_match {
namespace {

using role_rules::Blocker;
using role_rules::HeaderRule;
using role_rules::kMoneyRoles;
using role_rules::KindBit;
using role_rules::RoleBit;
using role_rules::RoleMask;

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLowerOrDigit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool StartsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

/// End of the stem that starts at `start` in a pattern of space-separated stems.
size_t StemEnd(std::string_view pattern, size_t start) {
    const size_t end = pattern.find(' ', start);
    return end == std::string_view::npos ? pattern.size() : end;
}

/// True when the pattern's stems start consecutive header words. Stems are read in place (no copies): they
/// are counted first, then read again for each start word.
bool StemsMatch(const Header& h, std::string_view pattern) {
    size_t stems = 0;
    for (size_t start = 0; start < pattern.size(); start = StemEnd(pattern, start) + 1) ++stems;
    if (stems == 0 || stems > h.words.size()) return false;
    for (size_t i = 0; i + stems <= h.words.size(); ++i) {
        bool all = true;
        size_t start = 0;
        for (size_t j = 0; j < stems && all; ++j) {
            const size_t end = StemEnd(pattern, start);
            all = StartsWith(h.words[i + j], pattern.substr(start, end - start));
            start = end + 1;
        }
        if (all) return true;
    }
    return false;
}

bool WordMatches(const Header& h, std::string_view stem) {
    const bool exact = stem[0] == '=';
    if (exact) stem.remove_prefix(1);
    for (const std::string& w : h.words) {
        if (exact ? w == stem : StartsWith(w, stem)) return true;
    }
    return false;
}

}  // namespace

/// Splits ASCII camelCase ("CustomerID" -> "Customer ID", "InvoiceNo" -> "Invoice No"), reads "№" as
/// "номер", then NormalizeHeader.
Header MakeHeader(std::string_view raw) {
    std::string split;
    split.reserve(raw.size() + 8);
    for (size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (raw.substr(i, 3) == "\xE2\x84\x96") {  // №
            split += " номер ";
            i += 2;
            continue;
        }
        if (i > 0 && IsUpper(c) &&
            (IsLowerOrDigit(raw[i - 1]) ||
             (IsUpper(raw[i - 1]) && i + 1 < raw.size() && raw[i + 1] >= 'a' && raw[i + 1] <= 'z'))) {
            split += ' ';
        }
        split += c;
    }
    Header h;
    h.raw = std::string(raw);
    h.normalized = NormalizeHeader(split);
    size_t start = 0;
    while (start < h.normalized.size()) {
        size_t end = h.normalized.find(' ', start);
        if (end == std::string::npos) end = h.normalized.size();
        if (end > start) h.words.push_back(h.normalized.substr(start, end - start));
        start = end + 1;
    }
    const std::vector<HeaderRule>& rules = role_rules::Rules();
    h.ranks.reserve(rules.size());
    for (const HeaderRule& rule : rules) h.ranks.push_back(MatchRank(h, rule.pattern));
    return h;
}

/// Specificity of a pattern match, or -1 when it does not match: exact matches first, then longer patterns.
int MatchRank(const Header& h, std::string_view pattern) {
    if (pattern[0] == '=') return h.normalized == pattern.substr(1) ? 1000 + static_cast<int>(pattern.size()) : -1;
    return StemsMatch(h, pattern) ? static_cast<int>(pattern.size()) : -1;
}

/// Roles a header rules out (blockers).
RoleMask BlockedRoles(const Header& h) {
    RoleMask blocked = 0;
    bool tax = false, with = false;
    for (std::string_view w : role_rules::kTaxWords) tax = tax || WordMatches(h, w);
    for (std::string_view w : role_rules::kWithWords) with = with || WordMatches(h, w);
    if (tax && !with) blocked |= kMoneyRoles;
    for (const Blocker& b : role_rules::Blockers()) {
        if ((blocked & b.roles) != b.roles && WordMatches(h, b.stem)) blocked |= b.roles;
    }
    return blocked;
}

HeaderMatch MatchHeader(const Header& h, Role role, TableKind kind, RoleMask blocked) {
    HeaderMatch best;
    if (blocked & RoleBit(role)) return best;
    int best_rank = -1;
    const std::vector<HeaderRule>& rules = role_rules::Rules();
    for (size_t i = 0; i < rules.size(); ++i) {
        const HeaderRule& rule = rules[i];
        if (rule.role != role || (rule.kinds & KindBit(kind)) == 0) continue;
        const int rank = h.ranks[i];
        if (rank < 0) continue;
        if (rank > best_rank || (rank == best_rank && rule.score > best.score)) {
            best_rank = rank;
            best.score = rule.score;
            best.matched = true;
        }
    }
    // "<something> at" (created_at, paid_at): a date-time column in English exports.
    if (!best.matched && (role == Role::kDate || role == Role::kStageTime) && h.words.size() >= 2 &&
        h.words.back() == "at") {
        best.score = 0.5;
        best.matched = true;
    }
    return best;
}

/// True when any rule of any role and kind matches the header (so its values alone do not decide).
bool HeaderKnown(const Header& h) {
    for (int rank : h.ranks) {
        if (rank >= 0) return true;
    }
    return h.words.size() >= 2 && h.words.back() == "at";
}

}  // namespace crm::header_match
