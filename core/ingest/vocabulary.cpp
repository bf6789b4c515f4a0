#include "core/ingest/vocabulary.h"

#include <utility>

#include "core/ingest/text.h"

namespace crm {
namespace {

// Calls fn(word) for every space-separated word of a normalized text until fn returns true.
template <class Fn>
bool AnyWord(std::string_view normalized, Fn fn) {
    size_t start = 0;
    while (start < normalized.size()) {
        size_t end = normalized.find(' ', start);
        if (end == std::string_view::npos) end = normalized.size();
        if (end > start && fn(normalized.substr(start, end - start))) return true;
        start = end + 1;
    }
    return false;
}

bool ContainsAny(std::string_view text, std::initializer_list<std::string_view> needles) {
    for (std::string_view needle : needles) {
        if (text.find(needle) != std::string_view::npos) return true;
    }
    return false;
}

bool IsOneOf(std::string_view word, std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) {
        if (word == w) return true;
    }
    return false;
}

bool StartsWithAny(std::string_view word, std::initializer_list<std::string_view> prefixes) {
    for (std::string_view p : prefixes) {
        if (word.substr(0, p.size()) == p) return true;
    }
    return false;
}

}  // namespace

StatusMatcher::StatusMatcher(std::vector<std::string> patterns) {
    for (const std::string& pattern : patterns) {
        const bool exception = !pattern.empty() && pattern[0] == '!';
        std::string normalized = NormalizeHeader(exception ? std::string_view(pattern).substr(1) : pattern);
        if (normalized.empty()) continue;
        (exception ? excludes_ : includes_).push_back(std::move(normalized));
    }
}

bool StatusMatcher::Matches(std::string_view status) const {
    if (includes_.empty()) return false;
    const std::string normalized = NormalizeHeader(status);
    if (normalized.empty()) return false;
    for (const std::string& e : excludes_) {
        if (normalized.find(e) != std::string::npos) return false;
    }
    for (const std::string& p : includes_) {
        if (normalized.find(p) != std::string::npos) return true;
    }
    return false;
}

std::vector<std::string> StatusMatcher::DefaultExcludedStatuses() {
    return {
        // English: cancelled/canceled, refunded, returned, voided, declined/failed/rejected payments.
        "cancel", "refund", "return", "void", "declin", "fail", "reject", "chargeback", "revers", "expired",
        // Russian: отменен/отмена, отказ, возврат/возвращен, аннулирован, сторно, не выкуплен, отклонен.
        "отмен", "отказ", "возврат", "возвращ", "аннулир", "сторн", "не выкуп", "невыкуп", "отклон",
        "ошибка оплат", "неуспеш",
        // Ukrainian: скасовано, відмінено, відмова, повернення/повернуто, анульовано, не викуплено, відхилено.
        "скасов", "відмін", "відмов", "повернен", "повернут", "анульов", "не викуп", "невикуп", "відхилен",
        "помилка оплат", "неуспіш",
        // Exceptions: a partial refund or return leaves the order a purchase.
        "!partial", "!частичн", "!частков",
    };
}

bool IsReturnDocType(std::string_view doc_type) {
    const std::string t = NormalizeHeader(doc_type);
    if (t.empty()) return false;
    // Returns that bring money in: a cash register's "return of an expense", a return to a supplier.
    if (ContainsAny(t, {"возврат расход", "повернення видатк", "поставщик", "постачальник", "supplier", "vendor"})) {
        return false;
    }
    return ContainsAny(t, {"возврат", "возвращ", "refund", "return", "повернен", "повернут", "сторно",
                           "chargeback", "credit note", "кредит нот"});
}

bool IsLostOutcome(std::string_view stage) {
    const std::string t = NormalizeHeader(stage);
    if (t.empty()) return false;
    // amoCRM "Закрыто и не реализовано" / "Закрито і не реалізовано"; Salesforce "Closed Lost".
    if (ContainsAny(t, {"не реализ", "не реаліз", "closed lost"})) return true;
    return AnyWord(t, [](std::string_view w) {
        return IsOneOf(w, {"lost", "lose", "closedlost", "failed", "apology", "unsuccessful"}) ||
               StartsWithAny(w, {"провал", "проигр", "отказ", "програн", "програш", "відмов", "неуспеш", "неуспіш"});
    });
}

bool IsWonOutcome(std::string_view stage) {
    if (IsLostOutcome(stage)) return false;
    const std::string t = NormalizeHeader(stage);
    return AnyWord(t, [](std::string_view w) {
        return IsOneOf(w, {"won", "win", "closedwon"}) ||
               StartsWithAny(w, {"выигр", "вигра", "успешн", "успішн", "реализован", "реалізован"});
    });
}

}  // namespace crm
