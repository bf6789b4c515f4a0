#pragma once
// Word lists the loader needs to read statuses, document types and deal outcomes in English,
// Russian and Ukrainian. Every check folds case (crm::FoldCase); all are meant to run once per
// distinct value (dictionary entry), not once per row.

#include <string>
#include <string_view>
#include <vector>

namespace crm {

/// Decides whether an order status reads as cancelled / refunded / returned / voided / failed.
/// A pattern matches when it occurs anywhere in the status (both case-folded, runs of punctuation
/// and spaces read as one space). A pattern starting with '!' is an exception: a status containing
/// it never matches ("!partial" keeps Shopify's "partially_refunded" a purchase).
class StatusMatcher {
public:
    /// Builds a matcher from patterns; empty patterns are ignored.
    explicit StatusMatcher(std::vector<std::string> patterns);
    /// True when `status` contains a pattern and no exception.
    bool Matches(std::string_view status) const;
    /// The default list: cancelled, refunded, returned, voided, declined / failed payments, not picked
    /// up, in en/ru/uk, with partial refunds as exceptions. "Не оплачен" (unpaid) is not on it.
    static std::vector<std::string> DefaultExcludedStatuses();

private:
    std::vector<std::string> includes_;  // normalized patterns
    std::vector<std::string> excludes_;  // normalized exceptions (without the '!')
};

/// True when a document or event type records money going back to the customer: "Возврат прихода",
/// "Возврат товаров от покупателя", "Refund", "Return", "Повернення", "Сторно". False for sales
/// ("Приход", "Продажа", "Sale", "Реализация товаров и услуг") and for returns that bring money in
/// ("Возврат расхода", returns to a supplier).
bool IsReturnDocType(std::string_view doc_type);

/// True when a deal stage or status is a lost outcome: "lost", "Closed Lost", "closedlost",
/// "Закрыто и не реализовано", "Провалено", "Сделка провалена", Bitrix24 "LOSE" / "C1:LOSE" / "APOLOGY",
/// "Проиграна", "Отказ", "Закрито і не реалізовано", "Програно", "Відмова".
bool IsLostOutcome(std::string_view stage);

/// True when a deal stage or status is a won outcome: "won", "Closed Won", "closedwon",
/// "Успешно реализовано", "Сделка успешна", Bitrix24 "WON" / "C1:WON", "Выиграна", "Успішно реалізовано".
/// Never true for a lost outcome.
bool IsWonOutcome(std::string_view stage);

}  // namespace crm
