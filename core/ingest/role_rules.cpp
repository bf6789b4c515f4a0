#include "core/ingest/role_rules.h"

namespace crm::role_rules {
namespace {

constexpr KindBits kOrd = KindBit(TableKind::kOrders);
constexpr KindBits kEvt = KindBit(TableKind::kDealEvents);
constexpr KindBits kSnp = KindBit(TableKind::kDealSnapshot);
constexpr KindBits kCus = KindBit(TableKind::kCustomers);
constexpr KindBits kDeals = kEvt | kSnp;
constexpr KindBits kAll = kOrd | kDeals | kCus;

// Short names for the tables below.
constexpr RoleMask M(Role role) { return RoleBit(role); }
constexpr RoleMask kAllRoles = (RoleMask{1} << kRoleCount) - 1;

/// The header rules of one role: patterns with a score in percent, "pattern:score|pattern:score|...".
struct RuleSet {
    Role role;
    KindBits kinds;  // the table kinds the rules apply to
    std::string_view patterns;
};

// clang-format off
constexpr RuleSet kRuleSets[] = {
    {Role::kCustomerId, kOrd | kCus,
     "customer id:100|customer number:100|customer no:100|customer code:100|client id:100|client code:100|cust id:95|"
     "buyer id:100|customer:85|client:85|buyer:80|=user id:70|member id:80|=account:50|account id:70|=masterid:70|"
     "=contact:50|contact id:80|id клиент:100|код клиент:100|номер клиент:100|клиент:90|id покупател:100|"
     "код покупател:100|покупател:90|код контрагент:100|контрагент:90|заказчик:85|партнер:60|=контакт:50|абонент:60|"
     "id клієнт:100|код клієнт:100|клієнт:90|покупець:90|покупц:90|замовник:85"},
    {Role::kCustomerId, kCus,
     "=id:60|=код:50"},
    {Role::kCustomerName, kOrd | kCus,
     "customer name:100|client name:100|buyer name:100|billing name:95|shipping name:70|full name:90|contact name:90|"
     "first name:60|=name:60|=имя:80|фио:95|имя клиент:100|имя покупател:100|наименовани контрагент:80|"
     "контактное лицо:70|=фамилия:60|піб:95|ім я:80|=прізвище:60"},
    {Role::kEmail, kOrd | kCus,
     "email:100|e mail:100|mail:80|почт:90|эл почт:100|пошт:90|электронн:80|електронн:80"},
    {Role::kPhone, kOrd | kCus,
     "phone:100|телефон:100|номер телефон:100|=тел:90|=tel:80|mobile:90|=моб:80|мобильн:90|мобільн:90|whatsapp:60"},
    {Role::kDate, kOrd,
     "=date:85|date:80|=дата:85|дат:80|=период:80|=period:70|=період:80|order date:100|дат заказ:100|дат оформл:100|"
     "дат продаж:100|дат покупк:100|дат замовл:100|дат операц:95|дат документ:95|дат чек:95|invoice date:100|"
     "transaction date:100|purchase date:100|sale date:100|created at:85|created:80|дат созд:85|дат створ:85|"
     "paid at:60|дат оплат:75|дат доставк:50|дат отгрузк:70|timestamp:70|datetime:80|=время:60|=time:50|"
     "дат закрыт:50|дат изменен:30|updated:30|modified:30|дат регистрац:0|registration date:0|дат рожд:0|birth:0|"
     "дат народж:0|дат реєстрац:0|sign up:0|signup:0|registered:0|first contact:0|первый контакт:0|дат привлеч:0"},
    {Role::kOrderId, kOrd,
     "order id:100|order number:100|order no:100|order nr:100|=order:75|invoice:85|invoice no:100|invoice number:100|"
     "invoice id:100|receipt:80|receipt no:95|receipt number:95|transaction id:90|=transaction:60|txn id:90|=id:60|"
     "=no:60|=number:60|=номер:70|номер заказ:100|id заказ:100|код заказ:100|=заказ:80|номер чек:95|=чек:70|"
     "номер документ:90|=документ:70|=регистратор:85|номер накладн:80|номер продаж:90|номер счет:90|"
     "номер замовлен:100|id замовлен:100|=замовлення:80|номер рахунк:90"},
    {Role::kAmount, kOrd | kDeals,
     "=amount:90|=сумма:100|=сума:100|amount:85|=sum:80|сумм:95|сума:95|бюджет:90|revenue:85|=sales:80|"
     "sales amount:95|выручк:90|виручк:90|стоимост:75|вартіст:75|=total:60|total price:90|line total:90|"
     "total amount:95|итог:60|opportunity:70|=value:60|deal value:90|budget:90"},
    {Role::kOrderTotal, kOrd,
     "=total:85|order total:100|grand total:90"},
    {Role::kQuantity, kOrd,
     "quantity:100|qty:100|количеств:100|кол во:100|=кол:80|кількіст:100|=cds:70|units:80|=шт:60|=count:60|pieces:70|"
     "=pcs:70"},
    {Role::kUnitPrice, kOrd,
     "unit price:100|price:85|цена:85|ціна:85|цена за:95|price each:100|item price:95|=rate:50"},
    {Role::kStatus, kOrd,
     "status:90|статус:90|financial status:100|payment status:95|order status:100|статус заказ:100|статус оплат:95|"
     "статус замовлен:100|fulfillment status:50|статус доставк:50|delivery status:50|shipping status:50|состояни:70|"
     "=state:60|=стан:70"},
    {Role::kDocType, kOrd,
     "тип операц:100|вид операц:100|тип документ:100|вид документ:100|признак расчет:100|ознак розрахунк:100|"
     "operation type:100|transaction type:100|document type:100|doc type:100|event type:80|=type:50|=тип:50|=kind:50|"
     "=вид:50|=операция:70|=операція:70"},
    {Role::kProduct, kOrd,
     "product:90|product name:100|продукт:90|товар:90|наименовани товар:100|назв товар:100|номенклатур:95|"
     "=наименование:70|=назва:50|item:70|item name:100|lineitem name:100|lineitem sku:85|sku:80|артикул:80|"
     "stock code:75|product code:80|код товар:80|description:80|услуг:70|послуг:70|=позиция:70|goods:80|=title:50"},
    {Role::kChannel, kAll,
     "=channel:100|=канал:100|=источник:95|=джерело:95|channel:95|канал:95|source:85|источник:90|джерел:90|"
     "utm source:85|lead source:95|источник привлеч:100|канал привлеч:100|acquisition:90|referr:60|=medium:50|"
     "utm medium:60|канал продаж:100|sales channel:100|источник сделк:100|джерело залуч:100|канал залуч:100"},
    {Role::kCampaign, kAll,
     "campaign:100|utm campaign:100|кампани:100|кампані:100|=utm:60|promo:50"},
    {Role::kManager, kAll,
     "=manager:100|=менеджер:100|=ответственный:100|=відповідальний:100|=responsible:100|manager:95|менеджер:95|"
     "ответствен:95|відповідальн:95|responsible:95|owner:85|deal owner:95|assigned:85|sales rep:95|salesperson:95|"
     "seller:70|продавец:80|продавц:80|кассир:60|касир:60|сотрудник:60|співробітник:60|=employee:60|agent:60|"
     "=user:40|=автор:40"},
    {Role::kRegion, kAll,
     "region:95|регион:95|регіон:95|country:90|страна:90|країна:90|city:85|город:85|місто:85|област:85|территори:80|"
     "територі:80|location:60"},
    {Role::kFirstContact, kCus,
     "first contact:100|первый контакт:100|перший контакт:100|дат регистрац:100|регистрац:90|registration date:100|"
     "registration:90|registered:90|signup:90|sign up:90|дат привлеч:100|customer since:95|first seen:90|"
     "дат первого:90|первое обращ:90|дат реєстрац:100|реєстрац:90|дат залуч:100|дат созд:70|дат створ:70|created:60|"
     "=дата:50|=date:50|дат:40|date:40"},
    {Role::kDealId, kDeals,
     "deal id:100|=deal:75|deal number:100|lead id:95|=lead:60|opportunity id:95|record id:80|id сделк:100|"
     "номер сделк:100|код сделк:100|=сделка:75|id лид:90|=лид:60|id угод:100|номер угод:100|=угода:75|=id:60|"
     "=номер:55|=no:50"},
    {Role::kStage, kDeals,
     "stage:95|deal stage:100|dealstage:100|этап:95|стади:95|етап:95|стаді:95|=статус:75|=status:75|status:60|"
     "статус:60|статус сделк:85|статус угод:85|статус лид:85|lead status:85|=state:60|=состояние:60|=стан:60"},
    {Role::kDealStatus, kSnp,
     "=status:50|status:45|=статус:50|статус:45|outcome:90|результат:85|=итог:60|won lost:90|=won:70|is won:80|"
     "=result:80"},
    {Role::kStageTime, kEvt,
     "entered at:100|entered:90|дат переход:100|время переход:100|дат перевод:90|moved at:95|changed at:90|"
     "change date:90|stage date:90|дат этап:90|дат етап:90|дат измен:80|дат смен:90|дат зміни:80|дат событ:90|"
     "event time:90|event date:90|timestamp:80|=date:70|=дата:70|дат:60|date:60|время:60|=time:60|datetime:70|"
     "updated at:70|modified:70|created at:50|дат созд:50|дат створ:50"},
    {Role::kCreated, kSnp,
     "created:90|create date:95|created at:95|date created:95|created date:95|deal created:100|дат созд:100|"
     "создан:85|дат створ:100|створен:85|opened:80|open date:80|дат открыт:90|дат начал:70|start date:70|=дата:50|"
     "=date:50"},
    {Role::kClosed, kSnp,
     "closed:90|close date:95|closed at:95|closed date:95|close time:90|won time:80|дат закрыт:100|закрыт:80|"
     "дат заверш:90|дат закритт:100|закритт:80|дат окончан:70|end date:60|expected close:0"},
    {Role::kPipeline, kDeals,
     "воронк:100|pipeline:100|funnel:90|направлен:85|напрям:85|=category:60|=категория:60|категори сделк:85"},
    {Role::kLostReason, kDeals,
     "причин отказ:100|причин провал:100|причин проигрыш:100|причин закрыт:90|причин потер:90|lost reason:100|"
     "loss reason:100|reason lost:100|reason for loss:100|причин відмов:100|причин програш:100|=причина:80|причин:70|"
     "reason:60"},
};
// clang-format on

/// Header words that rule roles out whatever else the header says ("Сумма скидки" is no amount):
/// "=word" for a whole word, else a word prefix, separated by '|'.
struct BlockerSet {
    RoleMask roles;
    std::string_view stems;
};

// clang-format off
constexpr BlockerSet kBlockerSets[] = {
    // a date header is only a date
    {kAllRoles & ~kDateRoles,
     "дат|date|время|timestamp|datetime|=time"},
    // "Кем создана", "Created by": a person, not a date
    {kDateRoles,
     "=кем|=by"},
    // planned dates are not actual ones (Bitrix24 "Предполагаемая дата закрытия")
    {M(Role::kClosed) | M(Role::kDate),
     "предполагаем|планов|ожидаем|expected|прогноз|planned"},
    // free-text notes hold no role
    {kAllRoles,
     "дополнительн|додатков|комментар|коментар|comment|примечан|=note|=notes|remark"},
    // a contact header is only an email or a phone
    {kAllRoles & ~M(Role::kPhone),
     "phone|телефон|=тел|=tel|mobile|моб"},
    {kAllRoles & ~M(Role::kEmail),
     "mail|email|почт|пошт"},
    // names and titles are no ids
    {kIdRoles,
     "name|имя|=ім|фио|піб|назв|наимен|title|фамил|прізвищ"},
    // money that is not revenue
    {kMoneyRoles,
     "discount|скидк|знижк|refund|возврат|поверн|shipping|доставк|compare|=cost|себестоим|собіварт|margin|марж|"
     "прибыл|прибут|profit|комисс|коміс|commission|бонус|bonus|долг|борг|debt|balance|баланс|валют|currency|вероятн|"
     "probab|ймовірн|subtotal"},
    // a unit price is no total
    {M(Role::kUnitPrice),
     "total|итог|сумм|сума|amount|стоимост|вартіст"},
    // a product is no price, quantity or product group
    {M(Role::kProduct),
     "цен|price|ціна|ціни|сумм|сума|amount|стоимост|вартіст|количеств|=кол|quantity|qty|кількіст|категор|category|"
     "групп|group|=тип|=type"},
    // an attribute of the customer is not the customer
    {M(Role::kCustomerId),
     "источник|канал|source|channel|регион|region|город|city|стран|country|менеджер|manager|ответствен|статус|status|"
     "тип|type|сегмент|segment|групп|group|категор|category|тег|tag|джерел|регіон|місто|країн|адрес|address|коммент|"
     "комент|comment|сумм|количеств"},
    // an order id is no amount, status or type
    {M(Role::kOrderId),
     "amount|сумм|сума|total|price|цен|=sum|qty|quantity|status|статус|=type|=тип"},
    // order payment and delivery statuses are not deal stages
    {M(Role::kStage) | M(Role::kDealStatus),
     "financial|payment|оплат|fulfill|доставк|shipping|delivery"},
};
// clang-format on

/// Header words that hint at a table kind, with a weight in percent; stems separated by '|'.
struct HintSet {
    int group;  // kHintDeals, kHintOrders or kHintCustomers
    int weight;
    std::string_view stems;
};

// clang-format off
constexpr HintSet kHintSets[] = {
    {kHintDeals, 100,
     "сделк|deal|угод|воронк|pipeline|funnel|этап|стади|stage|етап|стаді|причин отказ|причин провал|причин відмов|"
     "lost reason|loss reason|дат переход"},
    {kHintDeals, 70,
     "lead|лид|бюджет|budget|opportunit|вероятн|probabilit|entered"},
    {kHintDeals, 50,
     "направлен"},
    {kHintOrders, 100,
     "заказ|order|замовлен|invoice|чек|receipt|lineitem|quantity|qty|количеств|кол во|кількіст|price|цена|ціна|"
     "номенклатур|товар|product|sku|артикул|регистратор|вид операц|тип операц|тип документ|вид документ|"
     "признак расчет|financial"},
    {kHintOrders, 70,
     "payment|оплат|доставк|shipping|fulfill|оформлен|покупател|покупець|покупц|контрагент|purchase"},
    {kHintOrders, 50,
     "=sales|=cds|stock|кассир|discount|скидк|продаж|transaction"},
    {kHintCustomers, 100,
     "регистрац|registr|signup|sign up|привлечен|first contact|первый контакт|перший контакт|реєстрац|залучен|"
     "customer since|first seen"},
};
// clang-format on

/// Calls fn for each '|'-separated part of a list.
template <class Fn>
void ForEachPart(std::string_view list, Fn fn) {
    size_t start = 0;
    while (start <= list.size()) {
        size_t end = list.find('|', start);
        if (end == std::string_view::npos) end = list.size();
        if (end > start) fn(list.substr(start, end - start));
        start = end + 1;
    }
}

}  // namespace

const std::vector<HeaderRule>& Rules() {
    static const std::vector<HeaderRule> rules = [] {
        std::vector<HeaderRule> out;
        for (const RuleSet& set : kRuleSets) {
            ForEachPart(set.patterns, [&](std::string_view part) {
                const size_t colon = part.rfind(':');
                int percent = 0;
                for (const char c : part.substr(colon + 1)) percent = percent * 10 + (c - '0');
                out.push_back(HeaderRule{part.substr(0, colon), set.role, percent / 100.0, set.kinds});
            });
        }
        return out;
    }();
    return rules;
}

const std::vector<Blocker>& Blockers() {
    static const std::vector<Blocker> blockers = [] {
        std::vector<Blocker> out;
        for (const BlockerSet& set : kBlockerSets) {
            ForEachPart(set.stems, [&](std::string_view stem) { out.push_back(Blocker{stem, set.roles}); });
        }
        return out;
    }();
    return blockers;
}

const std::vector<KindHint>& KindHints() {
    static const std::vector<KindHint> hints = [] {
        std::vector<KindHint> out;
        for (const HintSet& set : kHintSets) {
            ForEachPart(set.stems, [&](std::string_view stem) {
                out.push_back(KindHint{stem, set.group, set.weight / 100.0});
            });
        }
        return out;
    }();
    return hints;
}

RoleMask AllowedRoles(TableKind kind) {
    switch (kind) {
        case TableKind::kOrders:
            return M(Role::kCustomerId) | M(Role::kCustomerName) | M(Role::kEmail) | M(Role::kPhone) | M(Role::kDate) |
                   M(Role::kOrderId) | M(Role::kAmount) | M(Role::kOrderTotal) | M(Role::kQuantity) |
                   M(Role::kUnitPrice) | M(Role::kStatus) | M(Role::kDocType) | M(Role::kChannel) | M(Role::kManager) |
                   M(Role::kProduct) | M(Role::kRegion) | M(Role::kCampaign);
        case TableKind::kDealEvents:
            return M(Role::kDealId) | M(Role::kStage) | M(Role::kStageTime) | M(Role::kManager) | M(Role::kAmount) |
                   M(Role::kPipeline) | M(Role::kChannel) | M(Role::kLostReason) | M(Role::kCampaign) |
                   M(Role::kRegion);
        case TableKind::kDealSnapshot:
            return M(Role::kDealId) | M(Role::kStage) | M(Role::kCreated) | M(Role::kClosed) | M(Role::kDealStatus) |
                   M(Role::kManager) | M(Role::kAmount) | M(Role::kPipeline) | M(Role::kChannel) |
                   M(Role::kLostReason) | M(Role::kCampaign) | M(Role::kRegion);
        case TableKind::kCustomers:
            return M(Role::kCustomerId) | M(Role::kCustomerName) | M(Role::kEmail) | M(Role::kPhone) |
                   M(Role::kFirstContact) | M(Role::kChannel) | M(Role::kRegion) | M(Role::kManager) |
                   M(Role::kCampaign);
        case TableKind::kUnknown:
            break;
    }
    return 0;
}

}  // namespace crm::role_rules
