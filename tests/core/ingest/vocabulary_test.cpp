#include "core/ingest/vocabulary.h"

#include <gtest/gtest.h>

#include <string_view>

namespace crm {
namespace {

struct TextCase {
    std::string_view text;
    bool expected;
};

TEST(StatusMatcher, DefaultListReadsCancelledRefundedReturned) {
    const TextCase cases[] = {
        // English (bench, Shopify financial statuses, generic)
        {"cancelled", true}, {"Canceled", true}, {"CANCELLED BY CUSTOMER", true}, {"refunded", true},
        {"Refund pending", true}, {"returned", true}, {"voided", true}, {"payment_failed", true},
        {"Declined", true}, {"chargeback", true}, {"expired", true},
        {"paid", false}, {"completed", false}, {"pending", false}, {"authorized", false}, {"fulfilled", false},
        {"partially_paid", false}, {"shipped", false},
        // a partial refund leaves a purchase
        {"partially_refunded", false}, {"Частичный возврат", false}, {"Часткове повернення", false},
        // Russian (RetailCRM, amoCRM-style order statuses)
        {"Отменен", true}, {"Отменён", true}, {"Отмена", true}, {"ОТМЕНЕНО КЛИЕНТОМ", true}, {"Отказ", true},
        {"Отказ от заказа", true}, {"Возврат", true}, {"Возвращен", true}, {"Аннулирован", true}, {"Сторно", true},
        {"Не выкуплен", true}, {"Невыкуп", true}, {"Оплата отклонена", true}, {"Ошибка оплаты", true},
        {"Оплачен", false}, {"Выполнен", false}, {"Доставлен", false}, {"Успешно реализовано", false},
        {"Новый", false}, {"Передан в доставку", false}, {"Ожидает оплаты", false}, {"Выкуплен", false},
        // unpaid is not cancelled: the order stays a purchase unless the caller lists it
        {"Не оплачен", false},
        // Ukrainian
        {"Скасовано", true}, {"Скасований", true}, {"Відмінено", true}, {"Відмова", true}, {"Повернення", true},
        {"Повернуто", true}, {"Повернено", true}, {"Анульовано", true}, {"Не викуплено", true}, {"Відхилено", true},
        {"Оплачено", false}, {"Виконано", false}, {"Доставлено", false}, {"Успішно реалізовано", false},
        // empty
        {"", false}, {"   ", false},
    };
    const StatusMatcher matcher(StatusMatcher::DefaultExcludedStatuses());
    for (const TextCase& c : cases) EXPECT_EQ(matcher.Matches(c.text), c.expected) << "status: '" << c.text << "'";
}

TEST(StatusMatcher, CustomListWithException) {
    const StatusMatcher matcher({"Не оплачен", "test", "!ok", "", "!"});
    const TextCase cases[] = {
        {"не оплачен", true}, {"НЕ  ОПЛАЧЕН", true}, {"не-оплачен", true}, {"Тестовый заказ", false},
        {"test order", true}, {"test ok", false}, {"cancelled", false}, {"Оплачен", false},
    };
    for (const TextCase& c : cases) EXPECT_EQ(matcher.Matches(c.text), c.expected) << "status: '" << c.text << "'";
    EXPECT_FALSE(StatusMatcher({}).Matches("cancelled"));
}

TEST(Vocabulary, ReturnDocTypes) {
    const TextCase cases[] = {
        {"Возврат прихода", true}, {"Возврат", true}, {"Возврат товаров от покупателя", true},
        {"ВОЗВРАТ ТОВАРОВ ОТ КЛИЕНТА", true}, {"Refund", true}, {"refund", true}, {"Return", true},
        {"Returns", true}, {"Повернення", true}, {"Повернення товарів від покупця", true}, {"Сторно", true},
        {"Credit note", true},
        {"Приход", false}, {"Продажа", false}, {"Sale", false}, {"sale", false}, {"Реализация товаров и услуг", false},
        {"Payment", false}, {"Продаж", false}, {"Реалізація товарів та послуг", false}, {"Расход", false},
        // money coming back to the shop is not a customer refund
        {"Возврат расхода", false}, {"Возврат товаров поставщику", false}, {"", false},
    };
    for (const TextCase& c : cases) EXPECT_EQ(IsReturnDocType(c.text), c.expected) << "doc type: '" << c.text << "'";
}

struct OutcomeCase {
    std::string_view text;
    bool lost;
    bool won;
};

TEST(Vocabulary, DealOutcomes) {
    const OutcomeCase cases[] = {
        {"lost", true, false}, {"Lost", true, false}, {"LOST", true, false}, {"closed lost", true, false},
        {"Closed Lost", true, false}, {"closedlost", true, false}, {"closed_lost", true, false},
        {"Закрыто и не реализовано", true, false}, {"Провалено", true, false}, {"Сделка провалена", true, false},
        {"LOSE", true, false}, {"C1:LOSE", true, false}, {"APOLOGY", true, false}, {"Проиграна", true, false},
        {"Отказ", true, false}, {"Отказ клиента", true, false}, {"Закрито і не реалізовано", true, false},
        {"Програно", true, false}, {"Відмова", true, false}, {"Неуспешно", true, false},
        {"won", false, true}, {"Won", false, true}, {"Успешно реализовано", false, true},
        {"Сделка успешна", false, true}, {"WON", false, true}, {"C2:WON", false, true}, {"Выиграна", false, true},
        {"Успішно реалізовано", false, true}, {"Closed Won", false, true}, {"closedwon", false, true},
        {"Угода успішна", false, true}, {"Виграно", false, true},
        // open stages are neither
        {"lead", false, false}, {"qualified", false, false}, {"proposal", false, false}, {"negotiation", false, false},
        {"Первичный контакт", false, false}, {"Переговоры", false, false}, {"Принимают решение", false, false},
        {"NEW", false, false}, {"PREPARATION", false, false}, {"Новая", false, false}, {"Закрыто", false, false},
        {"Программа лояльности", false, false}, {"", false, false},
    };
    for (const OutcomeCase& c : cases) {
        EXPECT_EQ(IsLostOutcome(c.text), c.lost) << "stage: '" << c.text << "'";
        EXPECT_EQ(IsWonOutcome(c.text), c.won) << "stage: '" << c.text << "'";
    }
}

}  // namespace
}  // namespace crm
