#include "core/ingest/role_guess.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>

#include "core/ingest/text.h"
#include "core/ingest/vocabulary.h"

namespace crm {
namespace {

// ---------------------------------------------------------------------------------------------
// Vocabulary. Headers are normalized (camelCase split, "№" read as "номер", case folded, runs of
// punctuation read as one space) and matched against patterns of two forms:
//   "=words"  the whole header equals `words`;
//   "stems"   each stem is the start of consecutive header words ("дат оформл" ~ "дата оформления").
// For one role the most specific matching rule wins (exact before stems, then the longer pattern),
// so a longer rule with a low score can override a short generic one ("дат регистрац" -> no order date).
// ---------------------------------------------------------------------------------------------

using KindBits = uint8_t;
constexpr KindBits Bit(TableKind kind) { return static_cast<KindBits>(1u << static_cast<int>(kind)); }
constexpr KindBits kOrd = Bit(TableKind::kOrders);
constexpr KindBits kEvt = Bit(TableKind::kDealEvents);
constexpr KindBits kSnp = Bit(TableKind::kDealSnapshot);
constexpr KindBits kCus = Bit(TableKind::kCustomers);
constexpr KindBits kDeals = kEvt | kSnp;
constexpr KindBits kAll = kOrd | kDeals | kCus;

using RoleMask = uint32_t;
constexpr RoleMask M(Role role) { return RoleMask{1} << static_cast<int>(role); }

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

constexpr RoleMask kDateRoles =
    M(Role::kDate) | M(Role::kStageTime) | M(Role::kCreated) | M(Role::kClosed) | M(Role::kFirstContact);
constexpr RoleMask kMoneyRoles = M(Role::kAmount) | M(Role::kOrderTotal) | M(Role::kUnitPrice);
constexpr RoleMask kIdRoles = M(Role::kCustomerId) | M(Role::kOrderId) | M(Role::kDealId);
constexpr RoleMask kAllRoles = (RoleMask{1} << kRoleCount) - 1;

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

constexpr int kHintDeals = 0;
constexpr int kHintOrders = 1;
constexpr int kHintCustomers = 2;

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

constexpr std::string_view kHintNames[] = {"deal", "order", "customer"};

/// One header rule, one blocker, one kind hint: the tables above, unpacked once.
struct HeaderRule {
    std::string_view pattern;
    Role role;
    double score;
    KindBits kinds;
};

struct Blocker {
    std::string_view stem;
    RoleMask roles;
};

struct KindHint {
    std::string_view stem;
    int group;
    double weight;
};

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

/// Roles a table kind may hold.
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

// ---------------------------------------------------------------------------------------------
// Header matching.
// ---------------------------------------------------------------------------------------------

/// One header, normalized and split into words, with its match against every rule.
struct Header {
    std::string raw;
    std::string normalized;
    std::vector<std::string> words;
    std::vector<int> ranks;  // MatchRank of each Rules() entry (-1: no match)
};

int MatchRank(const Header& h, std::string_view pattern);

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLowerOrDigit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

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
    const std::vector<HeaderRule>& rules = Rules();
    h.ranks.reserve(rules.size());
    for (const HeaderRule& rule : rules) h.ranks.push_back(MatchRank(h, rule.pattern));
    return h;
}

bool StartsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

/// True when the pattern's stems start consecutive header words.
bool StemsMatch(const Header& h, std::string_view pattern) {
    std::vector<std::string_view> stems;
    size_t start = 0;
    while (start < pattern.size()) {
        size_t end = pattern.find(' ', start);
        if (end == std::string_view::npos) end = pattern.size();
        stems.push_back(pattern.substr(start, end - start));
        start = end + 1;
    }
    if (stems.empty() || stems.size() > h.words.size()) return false;
    for (size_t i = 0; i + stems.size() <= h.words.size(); ++i) {
        bool all = true;
        for (size_t j = 0; j < stems.size() && all; ++j) all = StartsWith(h.words[i + j], stems[j]);
        if (all) return true;
    }
    return false;
}

/// Specificity of a pattern match, or -1 when it does not match: exact matches first, then longer patterns.
int MatchRank(const Header& h, std::string_view pattern) {
    if (pattern[0] == '=') return h.normalized == pattern.substr(1) ? 1000 + static_cast<int>(pattern.size()) : -1;
    return StemsMatch(h, pattern) ? static_cast<int>(pattern.size()) : -1;
}

bool WordMatches(const Header& h, std::string_view stem) {
    const bool exact = stem[0] == '=';
    if (exact) stem.remove_prefix(1);
    for (const std::string& w : h.words) {
        if (exact ? w == stem : StartsWith(w, stem)) return true;
    }
    return false;
}

/// Tax words: "Сумма НДС" is no revenue, but "Сумма с НДС" / "Сума без ПДВ" / "Total incl. tax" is.
constexpr std::string_view kTaxWords[] = {"ндс", "пдв", "налог", "податок", "tax", "=vat"};
constexpr std::string_view kWithWords[] = {"=с", "=з", "=без", "incl", "excl", "=with", "=without", "=net", "=gross"};

/// Roles a header rules out (blockers).
RoleMask BlockedRoles(const Header& h) {
    RoleMask blocked = 0;
    bool tax = false, with = false;
    for (std::string_view w : kTaxWords) tax = tax || WordMatches(h, w);
    for (std::string_view w : kWithWords) with = with || WordMatches(h, w);
    if (tax && !with) blocked |= kMoneyRoles;
    for (const Blocker& b : Blockers()) {
        if ((blocked & b.roles) != b.roles && WordMatches(h, b.stem)) blocked |= b.roles;
    }
    return blocked;
}

/// The header's score for a role in a kind (most specific rule), 0 when no rule matches.
struct HeaderMatch {
    double score = 0;
    bool matched = false;  // some rule matched, even with score 0
};

HeaderMatch MatchHeader(const Header& h, Role role, TableKind kind, RoleMask blocked) {
    HeaderMatch best;
    if (blocked & M(role)) return best;
    int best_rank = -1;
    const std::vector<HeaderRule>& rules = Rules();
    for (size_t i = 0; i < rules.size(); ++i) {
        const HeaderRule& rule = rules[i];
        if (rule.role != role || (rule.kinds & Bit(kind)) == 0) continue;
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
    if (M(role) & kDateRoles) {
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
    if (M(role) & kIdRoles) {
        why = p.distinct == p.non_empty && !p.distinct_capped ? "values are unique" : "values repeat";
        return 1.0;
    }
    why = DistinctValues(p);
    return 1.0;
}

/// True when a date or number role meets values with no digit at all ("Да"/"Нет" in Bitrix24's
/// "Сделка закрыта"): such a column cannot hold the role whatever its header says.
bool ValuesContradict(Role role, const ColumnProfile& p) {
    const bool typed = (M(role) & (kDateRoles | kMoneyRoles)) || role == Role::kQuantity;
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
    if ((M(role) & kDateRoles) && role != Role::kClosed && DatesSpeakForThemselves(p) && p.Share(p.dates) >= 0.9) {
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
        if ((allowed & M(role)) == 0) continue;
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
            if (role == Role::kCustomerId && (allowed & M(Role::kCustomerName)) && p.non_empty > 0 &&
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
