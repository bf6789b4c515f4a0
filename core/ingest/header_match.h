#pragma once
// Matching column headers against the role rules: a header is normalized (camelCase split, "№" read as
// "номер", case folded, runs of punctuation read as one space), split into words and matched once against
// every rule of core/ingest/role_rules.h.

#include <string>
#include <string_view>
#include <vector>

#include "core/dataset/roles.h"
#include "core/ingest/role_rules.h"

namespace crm::header_match {

/// One header, normalized and split into words, with its match against every rule.
struct Header {
    std::string raw;
    std::string normalized;
    std::vector<std::string> words;
    std::vector<int> ranks;  // MatchRank of each role_rules::Rules() entry (-1: no match)
};

/// Splits ASCII camelCase ("CustomerID" -> "Customer ID"), reads "№" as "номер", normalizes and matches the rules.
Header MakeHeader(std::string_view raw);

/// Specificity of a pattern match, or -1 when it does not match: exact matches first, then longer patterns.
int MatchRank(const Header& h, std::string_view pattern);

/// Roles a header rules out (blockers, and money roles for tax headers).
role_rules::RoleMask BlockedRoles(const Header& h);

/// The header's score for a role in a kind (most specific rule), 0 when no rule matches.
struct HeaderMatch {
    double score = 0;
    bool matched = false;  // some rule matched, even with score 0
};

/// Matches a header against the rules of one role in one kind; a blocked role never matches.
HeaderMatch MatchHeader(const Header& h, Role role, TableKind kind, role_rules::RoleMask blocked);

/// True when any rule of any role and kind matches the header (so its values alone do not decide).
bool HeaderKnown(const Header& h);

}  // namespace crm::header_match
