#include "core/ingest/role_guess.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "core/ingest/header_match.h"
#include "core/ingest/role_rules.h"
#include "core/ingest/vocabulary.h"

namespace crm {
namespace {

using header_match::BlockedRoles;
using header_match::Header;
using header_match::HeaderKnown;
using header_match::HeaderMatch;
using header_match::MakeHeader;
using header_match::MatchHeader;
using header_match::MatchRank;
using role_rules::AllowedRoles;
using role_rules::kDateRoles;
using role_rules::kHintCustomers;
using role_rules::kHintDeals;
using role_rules::kHintNames;
using role_rules::kHintOrders;
using role_rules::kIdRoles;
using role_rules::KindHint;
using role_rules::KindHints;
using role_rules::kMoneyRoles;
using role_rules::RoleBit;
using role_rules::RoleMask;

// ---------------------------------------------------------------------------------------------
// Values.
// ---------------------------------------------------------------------------------------------

std::string Percent(double share) { return std::to_string(static_cast<int>(std::lround(share * 100))) + "%"; }

/// Date kinds that values can show on their own (plain numbers may be amounts or ids).
bool DatesSpeakForThemselves(const ColumnProfile& p) {
    const DateKind k = p.date_format.kind;
    return k == DateKind::kIso || k == DateKind::kDayFirst || k == DateKind::kMonthFirst || k == DateKind::kCompactYmd;
}

bool TextDates(const ColumnProfile& p) { return DatesSpeakForThemselves(p) && p.Share(p.dates) >= 0.9; }

bool HasOutcomes(const ColumnProfile& p, bool& won) {
    bool any = false;
    won = false;
    for (const ValueCount& v : p.top_values) {
        if (IsWonOutcome(v.value)) {
            won = true;
            any = true;
        } else if (IsLostOutcome(v.value)) {
            any = true;
        }
    }
    return any;
}

std::string DateValues(const ColumnProfile& p) {
    if (p.dates == 0) return "no value is a date";
    std::string text = Percent(p.Share(p.dates)) + " of values are dates (" + p.date_format.Describe() + ")";
    if (p.dates_with_time > 0 && p.dates_with_time < p.dates) {
        text += ", " + std::to_string(p.dates_with_time) + " with a time of day";
    }
    return text;
}

std::string DistinctValues(const ColumnProfile& p) {
    return std::to_string(p.distinct) + (p.distinct_capped ? "+" : "") +
           (p.distinct == 1 ? " distinct value" : " distinct values");
}

/// Multiplies a header score by how well the values fit the role, and says why.
double ValueFactor(Role role, const ColumnProfile& p, std::string& why) {
    if (p.non_empty == 0) {
        why = "no values in the sample";
        return 0.8;
    }
    if (RoleBit(role) & kDateRoles) {
        why = DateValues(p);
        return 0.6 + 0.4 * p.Share(p.dates);
    }
    switch (role) {
        case Role::kAmount:
        case Role::kOrderTotal:
        case Role::kUnitPrice:
        case Role::kQuantity:
            why = Percent(p.Share(p.numbers)) + " of values are numbers";
            if (p.negatives > 0) why += ", " + std::to_string(p.negatives) + " negative";
            return 0.6 + 0.4 * p.Share(p.numbers);
        case Role::kEmail:
            why = Percent(p.Share(p.emails)) + " of values are emails";
            return 0.6 + 0.4 * p.Share(p.emails);
        case Role::kPhone:
            why = Percent(p.Share(p.phones)) + " of values are phone numbers";
            return 0.6 + 0.4 * p.Share(p.phones);
        case Role::kCustomerName:
            why = Percent(p.Share(p.person_names)) + " of values look like names";
            return 0.7 + 0.3 * p.Share(p.person_names);
        default:
            break;
    }
    if (TextDates(p)) {
        why = "but " + DateValues(p);
        return 0.6;
    }
    if (role == Role::kStage || role == Role::kDealStatus) {
        bool won = false;
        const bool outcomes = HasOutcomes(p, won);
        why = DistinctValues(p);
        if (outcomes) {
            why += won ? " including won/lost outcomes" : " including lost outcomes";
            return 1.05;
        }
        return 1.0;
    }
    if (RoleBit(role) & kIdRoles) {
        why = p.distinct == p.non_empty && !p.distinct_capped ? "values are unique" : "values repeat";
        return 1.0;
    }
    why = DistinctValues(p);
    return 1.0;
}

/// True when a date or number role meets values with no digit at all ("Да"/"Нет" in Bitrix24's
/// "Сделка закрыта"): such a column cannot hold the role whatever its header says.
bool ValuesContradict(Role role, const ColumnProfile& p) {
    const bool typed = (RoleBit(role) & (kDateRoles | kMoneyRoles)) || role == Role::kQuantity;
    return typed && p.non_empty >= 2 && p.with_digits == 0;
}

/// A role suggested by the values of a column whose header is unknown.
double ValueOnlyScore(Role role, const ColumnProfile& p, std::string& why) {
    if (p.non_empty == 0) return 0;
    if (role == Role::kEmail && p.Share(p.emails) >= 0.8) {
        why = "unknown header; " + Percent(p.Share(p.emails)) + " of values are emails";
        return 0.5 * p.Share(p.emails);
    }
    if (role == Role::kPhone && p.Share(p.phones) >= 0.8) {
        why = "unknown header; " + Percent(p.Share(p.phones)) + " of values are phone numbers";
        return 0.45 * p.Share(p.phones);
    }
    if ((RoleBit(role) & kDateRoles) && role != Role::kClosed && DatesSpeakForThemselves(p) &&
        p.Share(p.dates) >= 0.9) {
        why = "unknown header; " + DateValues(p);
        return role == Role::kDate || role == Role::kStageTime ? 0.4 : 0.3;
    }
    return 0;
}

const ColumnProfile& EmptyProfile() {
    static const ColumnProfile empty;
    return empty;
}

// ---------------------------------------------------------------------------------------------
// Assignment of roles to columns for one kind.
// ---------------------------------------------------------------------------------------------

struct Assignment {
    TableKind kind = TableKind::kUnknown;
    std::vector<ColumnGuess> columns;
    int column_of[kRoleCount] = {};      // column holding each role, -1 for none (set by Assign)
    double header_score[kRoleCount] = {};  // header part of the winning column's score (0 for value-only)

    bool Has(Role role) const { return column_of[static_cast<int>(role)] >= 0; }
    int Column(Role role) const { return column_of[static_cast<int>(role)]; }
    double Confidence(Role role) const { return Has(role) ? columns[Column(role)].confidence : 0.0; }
};

struct Candidate {
    int column;
    Role role;
    double score;
    double header;
    std::string evidence;
};

class Guesser {
public:
    Guesser(std::span<const std::string> headers, std::span<const ColumnProfile> profiles) : profiles_(profiles) {
        headers_.reserve(headers.size());
        blocked_.reserve(headers.size());
        known_.reserve(headers.size());
        for (const std::string& h : headers) {
            headers_.push_back(MakeHeader(h));
            blocked_.push_back(BlockedRoles(headers_.back()));
            known_.push_back(HeaderKnown(headers_.back()));
        }
    }

    const Header& header(int c) const { return headers_[c]; }
    const ColumnProfile& profile(int c) const {
        return static_cast<size_t>(c) < profiles_.size() ? profiles_[c] : EmptyProfile();
    }

    Assignment Assign(TableKind kind) const;
    double Hints(int group, std::vector<std::string>& headers) const;

private:
    void ScoreColumn(int c, TableKind kind, std::vector<Candidate>& out) const;
    void FixCustomerName(Assignment& a) const;

    std::vector<Header> headers_;
    std::vector<RoleMask> blocked_;
    std::vector<bool> known_;
    std::span<const ColumnProfile> profiles_;
};

void Guesser::ScoreColumn(int c, TableKind kind, std::vector<Candidate>& out) const {
    const Header& h = headers_[c];
    const ColumnProfile& p = profile(c);
    const RoleMask allowed = AllowedRoles(kind);
    const size_t first = out.size();
    for (int r = 1; r < kRoleCount; ++r) {
        const Role role = static_cast<Role>(r);
        if ((allowed & RoleBit(role)) == 0) continue;
        HeaderMatch match = MatchHeader(h, role, kind, blocked_[c]);
        std::string why;
        std::string reads = " reads as ";
        // Shopify's "Name" is the order number ("#1001"); elsewhere "Name" is a person.
        if (h.normalized == "name" && p.non_empty > 0 && p.Share(p.id_like) >= 0.8) {
            if (role == Role::kOrderId) match = HeaderMatch{0.85, true};
            if (role == Role::kCustomerName) match = HeaderMatch{};
            reads = " holding order numbers reads as ";
        }
        if (match.score > 0 && ValuesContradict(role, p)) continue;
        if (match.score > 0) {
            const double factor = ValueFactor(role, p, why);
            out.push_back(Candidate{c, role, std::min(1.0, match.score * factor), match.score,
                                    "header '" + h.raw + "'" + reads + std::string(RoleName(role)) + "; " + why});
            // "Клиент" holding people's names next to an "ID клиента" column is the display name.
            if (role == Role::kCustomerId && (allowed & RoleBit(Role::kCustomerName)) && p.non_empty > 0 &&
                p.Share(p.person_names) >= 0.5) {
                out.push_back(Candidate{c, Role::kCustomerName, 0.7 * match.score, 0.7 * match.score,
                                        "header '" + h.raw + "' names the customer and " +
                                            Percent(p.Share(p.person_names)) +
                                            " of values are people's names, so it reads as customerName"});
            }
        } else if (!known_[c]) {
            const double score = ValueOnlyScore(role, p, why);
            if (score > 0) out.push_back(Candidate{c, role, score, 0.0, why});
        }
    }
    // A column keeps only roles close to its best one, so that a header that clearly means one
    // thing does not fall back to a weak second meaning when another column takes the first.
    double best = 0;
    for (size_t i = first; i < out.size(); ++i) best = std::max(best, out[i].score);
    out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                             [best](const Candidate& x) { return x.score < 0.6 * best; }),
              out.end());
}

Assignment Guesser::Assign(TableKind kind) const {
    Assignment a;
    a.kind = kind;
    a.columns.resize(headers_.size());
    std::fill(std::begin(a.column_of), std::end(a.column_of), -1);
    std::fill(std::begin(a.header_score), std::end(a.header_score), 0.0);
    std::vector<Candidate> candidates;
    for (size_t c = 0; c < headers_.size(); ++c) ScoreColumn(static_cast<int>(c), kind, candidates);
    // Greedy by score: the best (column, role) pair first; each column and each role used once.
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& x, const Candidate& y) { return x.score > y.score; });
    for (Candidate& x : candidates) {
        const int r = static_cast<int>(x.role);
        if (a.column_of[r] >= 0 || a.columns[x.column].role != Role::kNone) continue;
        a.column_of[r] = x.column;
        a.header_score[r] = x.header;
        a.columns[x.column] = ColumnGuess{x.role, x.score, std::move(x.evidence)};
    }
    if (kind == TableKind::kOrders || kind == TableKind::kCustomers) FixCustomerName(a);
    return a;
}

/// A customer column holding people's names is only a display name when an email or phone column can
/// identify the customer; with no id, email or phone at all, a name column is the best identity there is.
void Guesser::FixCustomerName(Assignment& a) const {
    const int id = a.Column(Role::kCustomerId);
    const bool contact = a.Has(Role::kEmail) || a.Has(Role::kPhone);
    if (id >= 0 && contact && !a.Has(Role::kCustomerName)) {
        const ColumnProfile& p = profile(id);
        if (p.non_empty > 0 && p.Share(p.person_names) >= 0.5) {
            ColumnGuess& g = a.columns[id];
            g.role = Role::kCustomerName;
            g.evidence += "; but " + Percent(p.Share(p.person_names)) +
                          " of values are people's names and an email/phone column identifies the customer";
            a.column_of[static_cast<int>(Role::kCustomerId)] = -1;
            a.column_of[static_cast<int>(Role::kCustomerName)] = id;
            a.header_score[static_cast<int>(Role::kCustomerName)] = a.header_score[static_cast<int>(Role::kCustomerId)];
            a.header_score[static_cast<int>(Role::kCustomerId)] = 0;
        }
    }
    const int name = a.Column(Role::kCustomerName);
    if (name >= 0 && !a.Has(Role::kCustomerId) && !contact) {
        ColumnGuess& g = a.columns[name];
        g.role = Role::kCustomerId;
        g.confidence *= 0.8;
        g.evidence += "; no id, email or phone column, so the name identifies the customer";
        a.column_of[static_cast<int>(Role::kCustomerName)] = -1;
        a.column_of[static_cast<int>(Role::kCustomerId)] = name;
        a.header_score[static_cast<int>(Role::kCustomerId)] = a.header_score[static_cast<int>(Role::kCustomerName)];
        a.header_score[static_cast<int>(Role::kCustomerName)] = 0;
    }
}

/// Sum over headers of the strongest hint of a group; the hinting headers go to `headers`.
double Guesser::Hints(int group, std::vector<std::string>& headers) const {
    double total = 0;
    for (const Header& h : headers_) {
        double best = 0;
        for (const KindHint& hint : KindHints()) {
            if (hint.group != group || hint.weight <= best) continue;
            if (MatchRank(h, hint.stem) >= 0) best = hint.weight;
        }
        if (best > 0) {
            total += best;
            headers.push_back(h.raw);
        }
    }
    return total;
}

// ---------------------------------------------------------------------------------------------
// Table kind.
// ---------------------------------------------------------------------------------------------

std::string Quoted(const std::vector<std::string>& names, size_t limit = 4) {
    std::string out;
    for (size_t i = 0; i < names.size() && i < limit; ++i) {
        if (i > 0) out += ", ";
        out += "'" + names[i] + "'";
    }
    if (names.size() > limit) out += ", ...";
    return out;
}

std::string RoleColumn(const Guesser& g, const Assignment& a, Role role) {
    return std::string(RoleName(role)) + " '" + g.header(a.Column(role)).raw + "'";
}

bool HasOrderMoney(const Assignment& a) {
    return a.Has(Role::kAmount) || a.Has(Role::kOrderTotal) || (a.Has(Role::kQuantity) && a.Has(Role::kUnitPrice));
}

/// Mean confidence of the roles a kind cannot do without (identity counts when any of its forms exists).
double RequiredConfidence(const Assignment& a) {
    switch (a.kind) {
        case TableKind::kOrders: {
            const double money = std::max({a.Confidence(Role::kAmount), a.Confidence(Role::kOrderTotal),
                                           std::min(a.Confidence(Role::kQuantity), a.Confidence(Role::kUnitPrice))});
            const double who =
                std::max({a.Confidence(Role::kCustomerId), a.Confidence(Role::kEmail), a.Confidence(Role::kPhone)});
            return (a.Confidence(Role::kDate) + money + who) / 3;
        }
        case TableKind::kDealEvents:
            return (a.Confidence(Role::kDealId) + a.Confidence(Role::kStage) + a.Confidence(Role::kStageTime)) / 3;
        case TableKind::kDealSnapshot:
            return (a.Confidence(Role::kDealId) + a.Confidence(Role::kStage)) / 2;
        case TableKind::kCustomers: {
            const double who =
                std::max({a.Confidence(Role::kCustomerId), a.Confidence(Role::kEmail), a.Confidence(Role::kPhone)});
            const double what = std::max(
                {a.Confidence(Role::kFirstContact), a.Confidence(Role::kChannel), a.Confidence(Role::kRegion)});
            return (who + what) / 2;
        }
        case TableKind::kUnknown:
            break;
    }
    return 0;
}

TableGuess ToGuess(Assignment a, double confidence, std::string evidence) {
    TableGuess guess;
    guess.kind = a.kind;
    guess.confidence = std::clamp(confidence, 0.0, 1.0);
    guess.evidence = std::move(evidence);
    guess.columns = std::move(a.columns);
    for (ColumnGuess& c : guess.columns) c.confidence = std::clamp(c.confidence, 0.0, 1.0);
    return guess;
}

/// Which roles were found, for the kind's evidence.
std::string FoundRoles(const Guesser& g, const Assignment& a, std::initializer_list<Role> roles) {
    std::string out;
    for (Role role : roles) {
        if (!a.Has(role)) continue;
        if (!out.empty()) out += ", ";
        out += RoleColumn(g, a, role);
    }
    return out;
}

/// Events or snapshot: an event log has a per-stage timestamp and repeats its deal ids.
bool LooksLikeEventLog(const Guesser& g, const Assignment& events, const Assignment& snapshot, std::string& why) {
    if (!events.Has(Role::kStageTime)) {
        why = "no per-stage timestamp column";
        return false;
    }
    int votes = 0;
    std::vector<std::string> reasons;
    if (events.Has(Role::kDealId)) {
        const ColumnProfile& p = g.profile(events.Column(Role::kDealId));
        if (p.non_empty > 0 && (p.distinct_capped || static_cast<double>(p.distinct) <= 0.9 * p.non_empty)) {
            ++votes;
            reasons.push_back("deal ids repeat (" + std::to_string(p.distinct) + " distinct in " +
                              std::to_string(p.non_empty) + " rows)");
        } else {
            reasons.push_back("deal ids are unique");
        }
    }
    if (events.header_score[static_cast<int>(Role::kStageTime)] >= 0.9) {
        ++votes;
        reasons.push_back("'" + g.header(events.Column(Role::kStageTime)).raw + "' is a stage-change time");
    }
    const bool dated =
        (snapshot.Has(Role::kCreated) && snapshot.header_score[static_cast<int>(Role::kCreated)] >= 0.8) ||
        (snapshot.Has(Role::kClosed) && snapshot.header_score[static_cast<int>(Role::kClosed)] >= 0.8);
    if (dated) {
        --votes;
        reasons.push_back("created/closed date columns");
    }
    why.clear();
    for (const std::string& r : reasons) why += (why.empty() ? "" : "; ") + r;
    return votes >= 1;
}

}  // namespace

TableGuess GuessTableAs(TableKind kind, std::span<const std::string> headers, std::span<const ColumnProfile> profiles) {
    if (kind == TableKind::kUnknown) return GuessTable(headers, profiles);
    const Guesser g(headers, profiles);
    Assignment a = g.Assign(kind);
    const double confidence = RequiredConfidence(a);
    return ToGuess(std::move(a), confidence, "kind set by the caller");
}

TableGuess GuessTable(std::span<const std::string> headers, std::span<const ColumnProfile> profiles) {
    const Guesser g(headers, profiles);
    Assignment orders = g.Assign(TableKind::kOrders);
    Assignment events = g.Assign(TableKind::kDealEvents);
    Assignment snapshot = g.Assign(TableKind::kDealSnapshot);
    Assignment customers = g.Assign(TableKind::kCustomers);

    std::vector<std::string> hint_headers[3];
    double hints[3];
    for (int group = 0; group < 3; ++group) hints[group] = g.Hints(group, hint_headers[group]);
    std::string outcome_note;
    if (snapshot.Has(Role::kStage)) {
        bool won = false;
        if (HasOutcomes(g.profile(snapshot.Column(Role::kStage)), won)) {
            // Won outcomes only occur in pipelines; "Отказ" may also be an order status.
            hints[kHintDeals] += won ? 1.0 : 0.3;
            outcome_note = "'" + g.header(snapshot.Column(Role::kStage)).raw + "' holds won/lost outcomes";
        }
    }

    const bool orders_ok = orders.Has(Role::kDate) && HasOrderMoney(orders);
    const bool deals_ok =
        (snapshot.Has(Role::kStage) && (snapshot.Has(Role::kDealId) || snapshot.Has(Role::kCreated))) ||
        (events.Has(Role::kStage) && events.Has(Role::kDealId) && events.Has(Role::kStageTime));
    const bool customers_ok =
        (customers.Has(Role::kCustomerId) || customers.Has(Role::kEmail) || customers.Has(Role::kPhone)) &&
        !(orders.Has(Role::kAmount) || orders.Has(Role::kOrderTotal) || orders.Has(Role::kUnitPrice)) &&
        (customers.Has(Role::kFirstContact) || customers.Has(Role::kChannel) || customers.Has(Role::kRegion));

    int group = -1;
    if (deals_ok && hints[kHintDeals] > hints[kHintOrders] && hints[kHintDeals] >= hints[kHintCustomers]) {
        group = kHintDeals;
    } else if (customers_ok && hints[kHintCustomers] > 0 && hints[kHintCustomers] >= hints[kHintOrders]) {
        group = kHintCustomers;
    } else if (orders_ok) {
        group = kHintOrders;
    } else if (deals_ok) {
        group = kHintDeals;
    } else if (customers_ok) {
        group = kHintCustomers;
    }

    if (group < 0) {
        // Nothing fits: keep the orders reading of the columns so the caller can fix the roles.
        const double confidence = 0.25 * RequiredConfidence(orders);
        Assignment a = std::move(orders);
        a.kind = TableKind::kUnknown;
        return ToGuess(std::move(a), confidence,
                       "no kind fits: orders need a date and an amount, deals a deal id and a stage, customers a "
                       "customer id with a first contact date, channel or region");
    }

    // How much the header words favour the chosen kind over the others.
    double others = 0;
    for (int k = 0; k < 3; ++k) {
        if (k != group) others = std::max(others, hints[k]);
    }
    const double margin = hints[group] - others;
    const double hint_factor = margin >= 1 ? 1.0 : margin > 0 ? 0.9 : margin == 0 ? 0.75 : 0.6;
    std::string words;
    if (!hint_headers[group].empty()) {
        words = "; " + std::string(kHintNames[group]) + " words in " + Quoted(hint_headers[group]);
    }

    if (group == kHintDeals) {
        std::string why;
        const bool log = LooksLikeEventLog(g, events, snapshot, why);
        Assignment a = log ? std::move(events) : std::move(snapshot);
        std::string evidence = log ? "deal event log: " : "deal snapshot: ";
        evidence += FoundRoles(g, a, {Role::kDealId, Role::kStage, Role::kStageTime, Role::kCreated, Role::kClosed});
        if (!why.empty()) evidence += "; " + why;
        evidence += words;
        if (!outcome_note.empty()) evidence += "; " + outcome_note;
        const double confidence = RequiredConfidence(a) * hint_factor;
        return ToGuess(std::move(a), confidence, std::move(evidence));
    }
    if (group == kHintCustomers) {
        std::string evidence = "customers: ";
        evidence += FoundRoles(
            g, customers,
            {Role::kCustomerId, Role::kEmail, Role::kPhone, Role::kFirstContact, Role::kChannel, Role::kRegion});
        evidence += "; no amount column" + words;
        const double confidence = RequiredConfidence(customers) * hint_factor;
        return ToGuess(std::move(customers), confidence, std::move(evidence));
    }
    std::string evidence = "orders: ";
    evidence += FoundRoles(g, orders,
                           {Role::kCustomerId, Role::kEmail, Role::kPhone, Role::kDate, Role::kAmount,
                            Role::kOrderTotal, Role::kQuantity, Role::kUnitPrice});
    evidence += words;
    if (!(orders.Has(Role::kCustomerId) || orders.Has(Role::kEmail) || orders.Has(Role::kPhone))) {
        evidence += "; no customer, email or phone column";
    }
    const double confidence = RequiredConfidence(orders) * hint_factor;
    return ToGuess(std::move(orders), confidence, std::move(evidence));
}

}  // namespace crm
