#include "core/ingest/role_guess.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace crm {
namespace {

// One export as it arrives: a header line and sample rows, fields separated by '|', and the kind and
// roles a person reading the file would assign ("header=role; ..."; every other column has no role).
struct ExportCase {
    std::string_view name;
    std::string_view header;
    std::vector<std::string_view> rows;
    TableKind kind;
    std::string_view roles;
};

std::vector<std::string> Split(std::string_view text, char separator) {
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        const size_t end = text.find(separator, start);
        out.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return out;
        start = end + 1;
    }
}

std::string Trim(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return std::string(text);
}

// "ID=dealId; Бюджет=amount" -> {"ID": dealId, "Бюджет": amount}
std::map<std::string, Role> ParseRoles(std::string_view roles) {
    std::map<std::string, Role> out;
    for (const std::string& pair : Split(roles, ';')) {
        const size_t eq = pair.rfind('=');
        if (eq == std::string::npos) continue;
        const std::optional<Role> role = RoleFromName(Trim(std::string_view(pair).substr(eq + 1)));
        EXPECT_TRUE(role.has_value()) << "bad role in test table: " << pair;
        out[Trim(std::string_view(pair).substr(0, eq))] = role.value_or(Role::kNone);
    }
    return out;
}

struct Prepared {
    std::vector<std::string> headers;
    std::vector<ColumnProfile> profiles;
};

Prepared Prepare(const ExportCase& c) {
    Prepared p;
    p.headers = Split(c.header, '|');
    std::vector<std::vector<std::string>> cells(p.headers.size());
    for (std::string_view row : c.rows) {
        const std::vector<std::string> fields = Split(row, '|');
        EXPECT_EQ(fields.size(), p.headers.size()) << c.name << ": row '" << row << "'";
        for (size_t i = 0; i < cells.size(); ++i) cells[i].push_back(i < fields.size() ? fields[i] : "");
    }
    for (const std::vector<std::string>& column : cells) {
        const std::vector<std::string_view> views(column.begin(), column.end());
        p.profiles.push_back(ProfileColumn(views));
    }
    return p;
}

void ExpectRoles(const ExportCase& c, const Prepared& p, const TableGuess& guess) {
    const std::map<std::string, Role> expected = ParseRoles(c.roles);
    for (const auto& [header, role] : expected) {
        EXPECT_NE(std::find(p.headers.begin(), p.headers.end(), header), p.headers.end())
            << c.name << ": test table names a missing column '" << header << "'";
    }
    ASSERT_EQ(guess.columns.size(), p.headers.size()) << c.name;
    for (size_t i = 0; i < p.headers.size(); ++i) {
        const auto it = expected.find(p.headers[i]);
        const Role want = it == expected.end() ? Role::kNone : it->second;
        const ColumnGuess& got = guess.columns[i];
        EXPECT_EQ(RoleName(got.role), RoleName(want))
            << c.name << ": column '" << p.headers[i] << "' (" << got.evidence << ")";
        if (got.role != Role::kNone) {
            EXPECT_GT(got.confidence, 0.0) << c.name << ": " << p.headers[i];
            EXPECT_LE(got.confidence, 1.0) << c.name << ": " << p.headers[i];
            if (got.evidence.rfind("header ", 0) == 0) {
                EXPECT_NE(got.evidence.find("'" + p.headers[i] + "'"), std::string::npos)
                    << c.name << ": evidence of '" << p.headers[i] << "': " << got.evidence;
            }
        }
    }
}

const ExportCase kExports[] = {
    {"amoCRM leads (ru)",
     "ID|Название сделки|Бюджет|Ответственный|Дата создания|Дата закрытия|Статус|Воронка|Теги|Источник|Контакт|"
     "Компания|Причина отказа",
     {"1001|Поставка оборудования|150 000|Иванова Анна|12.03.2024 10:15|20.03.2024 17:40|Успешно реализовано|Продажи|"
      "опт|Сайт|Петр Смирнов|ООО Ромашка|",
      "1002|Заявка с сайта|45 000|Петров Олег|13.03.2024 09:02||Переговоры|Продажи||Яндекс.Директ|Мария Кузнецова||",
      "1003|Консультация|0|Иванова Анна|13.03.2024 11:30|15.03.2024 12:00|Закрыто и не реализовано|Продажи|розница|"
      "Звонок|Игорь Волков||Дорого",
      "1004|Повторная покупка|82 500|Сидорова Елена|14.03.2024 16:45||Принимают решение|Повторные||Сайт|Анна Белова|"
      "ИП Белова|",
      "1005|Тендер|1 200 000|Петров Олег|15.03.2024 08:00|29.03.2024 18:00|Закрыто и не реализовано|Продажи|тендер|"
      "Рекомендация|Сергей Орлов|АО Вектор|Выбрали конкурента"},
     TableKind::kDealSnapshot,
     "ID=dealId; Бюджет=amount; Ответственный=manager; Дата создания=created; Дата закрытия=closed; Статус=stage; "
     "Воронка=pipeline; Источник=channel; Причина отказа=lostReason"},

    {"Bitrix24 deals (ru)",
     "ID|Название|Стадия сделки|Сумма|Валюта|Ответственный|Дата создания|Дата изменения|Источник|Контакт|Компания|"
     "Направление",
     {"245|Сделка #245|Новая|12000.00|RUB|Алексей Смирнов|01.04.2024 09:00:00|02.04.2024 10:00:00|Веб-сайт|"
      "Ольга Новикова||Общее",
      "246|Сделка #246|Подготовка документов|56000.00|RUB|Мария Петрова|01.04.2024 11:20:00|05.04.2024 15:30:00|Звонок|"
      "Денис Соколов|ООО Сфера|Общее",
      "247|Сделка #247|Сделка успешна|8900.50|RUB|Алексей Смирнов|02.04.2024 14:05:00|09.04.2024 12:00:00|"
      "Электронная почта|Ирина Морозова||Опт",
      "248|Сделка #248|Сделка провалена|30000.00|RUB|Мария Петрова|03.04.2024 16:40:00|04.04.2024 09:10:00|Веб-сайт|"
      "Павел Лебедев||Общее"},
     TableKind::kDealSnapshot,
     "ID=dealId; Стадия сделки=stage; Сумма=amount; Ответственный=manager; Дата создания=created; Источник=channel; "
     "Направление=pipeline"},

    {"stage-history log (ru)",
     "ID сделки|Этап|Дата перехода|Ответственный",
     {"501|Первичный контакт|01.02.2024 10:00|Иванова Анна", "501|Переговоры|05.02.2024 14:30|Иванова Анна",
      "502|Первичный контакт|02.02.2024 09:15|Петров Олег", "501|Успешно реализовано|12.02.2024 18:00|Иванова Анна",
      "502|Закрыто и не реализовано|06.02.2024 11:45|Петров Олег"},
     TableKind::kDealEvents,
     "ID сделки=dealId; Этап=stage; Дата перехода=stageTime; Ответственный=manager"},

    {"bench deal_stages.csv",
     "deal_id|stage|entered_at|manager",
     {"1|lead|2023-01-02T09:15:00|Alice Novak", "1|qualified|2023-01-05T11:00:00|Alice Novak",
      "2|lead|2023-01-03T10:20:30|Boris Petrov", "1|won|2023-01-20T16:45:00|Alice Novak",
      "2|lost|2023-01-09T08:00:00|Boris Petrov"},
     TableKind::kDealEvents,
     "deal_id=dealId; stage=stage; entered_at=stageTime; manager=manager"},

    {"Pipedrive deals (en)",
     "Deal - ID|Deal - Title|Deal - Stage|Deal - Value|Deal - Status|Deal - Owner|Deal - Deal created|"
     "Deal - Lost reason|Deal - Pipeline|Deal - Expected close date",
     {"17|Acme renewal|Proposal Made|12000|open|Kate Bell|2024-02-01 10:00:00||Sales|2024-03-01",
      "18|Globex pilot|Negotiations Started|5000|lost|Tom Hardy|2024-02-03 12:30:00|Price|Sales|2024-02-20",
      "19|Initech upsell|Negotiations Started|7800|won|Kate Bell|2024-02-05 09:45:00||Upsell|2024-02-28"},
     TableKind::kDealSnapshot,
     "Deal - ID=dealId; Deal - Stage=stage; Deal - Value=amount; Deal - Status=dealStatus; Deal - Owner=manager; "
     "Deal - Deal created=created; Deal - Lost reason=lostReason; Deal - Pipeline=pipeline"},

    {"HubSpot deals (en)",
     "Record ID|Deal Name|Deal Stage|Amount|Close Date|Create Date|Deal owner|Pipeline",
     {"9001|Website redesign|closedwon|4500|2024-01-30 14:00|2024-01-10 09:12|Sam Green|Sales Pipeline",
      "9002|SEO retainer|appointmentscheduled|1200||2024-01-15 11:40|Ann Fox|Sales Pipeline",
      "9003|CRM setup|closedlost|8000|2024-02-02 16:20|2024-01-18 10:05|Sam Green|Sales Pipeline"},
     TableKind::kDealSnapshot,
     "Record ID=dealId; Deal Stage=stage; Amount=amount; Close Date=closed; Create Date=created; Deal owner=manager; "
     "Pipeline=pipeline"},

    // The buyer column holds people's names and an email/phone column exists: the name is not the identity.
    {"RetailCRM orders (ru)",
     "Номер|Дата оформления|Статус|Сумма|Покупатель|Email|Телефон|Способ оплаты|Способ доставки|Менеджер|Канал продаж",
     {"10234A|05.03.2024 12:41|Выполнен|4 590,00|Смирнова Ольга|olga.s@mail.ru|+7 (916) 123-45-67|Банковская карта|"
      "Курьер|Кузнецов Д.|Интернет-магазин",
      "10235A|05.03.2024 13:02|Отменен|1 200,00|Козлов Андрей|a.kozlov@yandex.ru|89031234567|Наличные|Самовывоз|"
      "Кузнецов Д.|Интернет-магазин",
      "10236A|06.03.2024 09:18|Оплачен|12 990,50|Новикова Мария|maria.n@gmail.com|+7 925 765-43-21|Банковская карта|"
      "Почта России|Лебедева А.|Маркетплейс",
      "10237A|06.03.2024 18:55|Доставлен|780,00|Федоров Иван Петрович||+79161112233|СБП|Курьер|Лебедева А.|Телефон"},
     TableKind::kOrders,
     "Номер=orderId; Дата оформления=date; Статус=status; Сумма=amount; Покупатель=customerName; Email=email; "
     "Телефон=phone; Менеджер=manager; Канал продаж=channel"},

    // Line rows of an order leave the order-level fields empty (the order total sits on the first row).
    {"Shopify orders (en)",
     "Name|Email|Financial Status|Paid at|Fulfillment Status|Fulfilled at|Accepts Marketing|Currency|Subtotal|Shipping|"
     "Taxes|Total|Discount Code|Discount Amount|Shipping Method|Created at|Lineitem quantity|Lineitem name|"
     "Lineitem price|Lineitem compare at price|Lineitem sku|Billing Name|Phone|Source|Id|Tags|Payment Method|"
     "Refunded Amount|Vendor",
     {"#1001|jane@example.com|paid|2024-03-01 10:15:02 -0500|fulfilled|2024-03-02 09:00:00 -0500|yes|USD|58.00|5.00|"
      "4.64|67.64|SPRING10|5.80|Standard|2024-03-01 10:14:55 -0500|2|Cotton T-Shirt - M|19.00|25.00|TS-M-01|"
      "Jane Cooper|+1 555-201-3344|web|5432109876543|vip|Shopify Payments|0.00|Acme Apparel",
      "#1001|jane@example.com||||||||||||||2024-03-01 10:14:55 -0500|1|Canvas Tote|20.00||TOTE-01||||||||"
      "Acme Apparel",
      "#1002|mark@example.org|refunded|2024-03-03 14:20:11 -0500|unfulfilled||no|USD|35.00|0.00|2.80|37.80|||"
      "Express|2024-03-03 14:20:00 -0500|1|Wool Beanie|35.00||BEAN-01|Mark Lee||pos|5432109876544||Cash|37.80|"
      "Acme Apparel",
      "#1003|ann@example.net|partially_refunded|2024-03-04 08:01:00 -0500|fulfilled|2024-03-05 10:00:00 -0500|yes|USD|"
      "40.00|5.00|3.60|48.60|||Standard|2024-03-04 08:00:41 -0500|2|Canvas Tote|20.00||TOTE-01|Ann Wu|"
      "+1 555-777-1234|web|5432109876545||Shopify Payments|20.00|Acme Apparel"},
     TableKind::kOrders,
     "Name=orderId; Email=email; Financial Status=status; Created at=date; Total=orderTotal; "
     "Lineitem quantity=quantity; Lineitem name=product; Lineitem price=unitPrice; Billing Name=customerName; "
     "Phone=phone; Source=channel"},

    // A company counterparty with no email or phone column is the customer identity.
    {"1C sales register (ru)",
     "Период|Регистратор|Номенклатура|Контрагент|Количество|Сумма|Менеджер|Вид операции",
     {"15.01.2024 12:00:00|Реализация товаров и услуг 00000012 от 15.01.2024 12:00:00|Кресло офисное Комфорт|"
      "ООО \"Ромашка\"|2|25 980,00|Сидоров П.П.|Продажа",
      "15.01.2024 12:00:00|Реализация товаров и услуг 00000012 от 15.01.2024 12:00:00|Стол письменный|"
      "ООО \"Ромашка\"|1|14 500,00|Сидоров П.П.|Продажа",
      "18.01.2024 09:30:00|Реализация товаров и услуг 00000015 от 18.01.2024 09:30:00|Шкаф для документов|"
      "ИП Петров Сергей Иванович|1|18 200,00|Орлова Е.В.|Продажа",
      "22.01.2024 16:05:00|Возврат товаров от покупателя 00000002 от 22.01.2024 16:05:00|Стол письменный|"
      "ООО \"Ромашка\"|-1|-14 500,00|Сидоров П.П.|Возврат"},
     TableKind::kOrders,
     "Период=date; Регистратор=orderId; Номенклатура=product; Контрагент=customer; Количество=quantity; Сумма=amount; "
     "Менеджер=manager; Вид операции=docType"},

    {"1C documents journal (ru)",
     "Дата|Номер|Контрагент|Сумма документа|Ответственный|Тип документа",
     {"10.02.2024 10:00:00|ТД00-000101|ООО \"Вектор\"|120 000,00|Андреева М.С.|Реализация товаров и услуг",
      "11.02.2024 14:35:12|ТД00-000102|ИП Кузьмин А.А.|8 450,50|Андреева М.С.|Реализация товаров и услуг",
      "12.02.2024 09:00:00|ТД00-000007|ООО \"Вектор\"|15 000,00|Белов К.Н.|Возврат товаров от покупателя"},
     TableKind::kOrders,
     "Дата=date; Номер=orderId; Контрагент=customer; Сумма документа=amount; Ответственный=manager; "
     "Тип документа=docType"},

    // Names, but no email or phone: the client column stays the identity.
    {"Ukrainian CRM orders (uk)",
     "Клієнт|Дата замовлення|Сума|Статус|Менеджер|Джерело|Номер замовлення",
     {"Шевченко Олена|03.04.2024|1 250,00 грн|Виконано|Коваленко І.|Instagram|UA-5001",
      "Бондаренко Микола|03.04.2024|780,00 грн|Скасовано|Коваленко І.|Сайт|UA-5002",
      "Шевченко Олена|05.04.2024|2 300,00 грн|Оплачено|Ткаченко О.|Instagram|UA-5003"},
     TableKind::kOrders,
     "Клієнт=customer; Дата замовлення=date; Сума=amount; Статус=status; Менеджер=manager; Джерело=channel; "
     "Номер замовлення=orderId"},

    {"cash register / OFD export (ru)",
     "Дата/время|Тип операции|Сумма|Телефон покупателя|Номер чека",
     {"01.03.2024 10:12|Приход|1 540,00|+79161234567|145", "01.03.2024 11:47|Приход|320,50|89035554433|146",
      "02.03.2024 09:05|Возврат прихода|540,00|+79161234567|12", "02.03.2024 15:30|Приход|2 100,00||147"},
     TableKind::kOrders,
     "Дата/время=date; Тип операции=docType; Сумма=amount; Телефон покупателя=phone; Номер чека=orderId"},

    {"bench orders.csv",
     "order_id|customer_id|order_date|amount|channel|manager|status",
     {"1|17|2023-01-01|120.50|web|Alice Novak|paid", "2|5|2023-01-01|89.99|mobile_app|Boris Petrov|cancelled",
      "3|17|2023-01-02|15.00|retail|Alice Novak|refunded"},
     TableKind::kOrders,
     "order_id=orderId; customer_id=customer; order_date=date; amount=amount; channel=channel; manager=manager; "
     "status=status"},

    {"CDNOW elog",
     "masterid|sampleid|date|cds|sales",
     {"4|1|19970101|2|29.33", "4|1|19970118|2|29.73", "18|2|19970102|1|14.96", "21|3|19970101|2|26.48"},
     TableKind::kOrders,
     "masterid=customer; date=date; cds=quantity; sales=amount"},

    {"UCI Online Retail",
     "InvoiceNo|StockCode|Description|Quantity|InvoiceDate|UnitPrice|CustomerID|Country",
     {"573415|21166|COOK WITH WINE METAL SIGN |1|2011-10-30 16:17|2.08|13607|United Kingdom",
      "553156|22516|CHILDS GARDEN RAKE BLUE|1|2011-05-13 14:58|2.1|17841|United Kingdom",
      "578065|23169|CLASSIC GLASS COOKIE JAR|1|2011-11-22 15:41|8.29||United Kingdom",
      "C569532|22728|ALARM CLOCK BAKELIKE PINK|-2|2011-10-04 14:03|3.75|14911|EIRE"},
     TableKind::kOrders,
     "InvoiceNo=orderId; Description=product; Quantity=quantity; InvoiceDate=date; UnitPrice=unitPrice; "
     "CustomerID=customer; Country=region"},

    {"customers table (ru)",
     "Клиент|Дата регистрации|Источник привлечения|Регион",
     {"К-00017|12.01.2023|Яндекс.Директ|Москва", "К-00018|14.01.2023|Рекомендация|Санкт-Петербург",
      "К-00019|20.01.2023|Instagram|Казань"},
     TableKind::kCustomers,
     "Клиент=customer; Дата регистрации=firstContact; Источник привлечения=channel; Регион=region"},

    // Values alone: a customer header holding emails stays the customer; unknown headers holding emails
    // or dates become the email and (with no other date) the date.
    {"customer column holding emails",
     "Клиент|Дата|Сумма",
     {"ivan@example.com|01.03.2024|1 000", "olga@example.com|02.03.2024|2 500", "ivan@example.com|03.03.2024|700"},
     TableKind::kOrders,
     "Клиент=customer; Дата=date; Сумма=amount"},

    {"unknown headers read from values",
     "Номер заказа|Когда|Сумма|Контактные данные",
     {"A-1|2024-03-01|1000.00|ivan@example.com", "A-2|2024-03-02|250.00|olga@example.com",
      "A-3|2024-03-05|99.90|petr@example.com"},
     TableKind::kOrders,
     "Номер заказа=orderId; Когда=date; Сумма=amount; Контактные данные=email"},

    // With no id, email or phone column, the buyer's name is the best identity there is.
    {"names only",
     "Покупатель|Дата|Сумма",
     {"Иванов Иван|01.03.2024|1 000", "Петрова Ольга|02.03.2024|2 500"},
     TableKind::kOrders,
     "Покупатель=customer; Дата=date; Сумма=amount"},

    {"amoCRM leads (en interface)",
     "ID|Lead name|Budget|Responsible user|Created|Closed|Status|Pipeline|Tags|Source|Contact|Company|Loss reason",
     {"3101|Website order|12 000|Anna Ivanova|01.06.2024 10:00|05.06.2024 12:00|Closed - won|Sales|web|Site|"
      "Petr Smirnov||",
      "3102|Call request|8 000|Oleg Petrov|02.06.2024 11:30||Negotiation|Sales||Phone|Maria Kuznetsova||",
      "3103|Wholesale|95 000|Anna Ivanova|03.06.2024 09:15|10.06.2024 18:00|Closed - lost|Wholesale||Referral|"
      "Igor Volkov|Vector LLC|Too expensive"},
     TableKind::kDealSnapshot,
     "ID=dealId; Budget=amount; Responsible user=manager; Created=created; Closed=closed; Status=stage; "
     "Pipeline=pipeline; Source=channel; Loss reason=lostReason"},

    {"amoCRM leads (uk interface)",
     "ID|Назва угоди|Бюджет|Відповідальний|Дата створення|Дата закриття|Статус|Воронка|Теги|Джерело|Контакт|"
     "Компанія|Причина відмови",
     {"77|Замовлення з сайту|4 500|Олена Бойко|01.07.2024 10:00|03.07.2024 16:00|Успішно реалізовано|Продажі||Сайт|"
      "Іван Мельник||",
      "78|Дзвінок|12 000|Андрій Коваль|02.07.2024 12:10||Переговори|Продажі||Дзвінок|Ольга Савчук||",
      "79|Опт|60 000|Олена Бойко|02.07.2024 15:45|09.07.2024 11:00|Закрито і не реалізовано|Опт||Рекомендація|"
      "Петро Кравець|ТОВ Вектор|Дорого"},
     TableKind::kDealSnapshot,
     "ID=dealId; Бюджет=amount; Відповідальний=manager; Дата створення=created; Дата закриття=closed; Статус=stage; "
     "Воронка=pipeline; Джерело=channel; Причина відмови=lostReason"},

    // A bare stage log: generic date header, but deal ids repeat.
    {"bare stage log (ru)",
     "Сделка|Этап|Дата",
     {"D-1|Новая|01.02.2024", "D-1|КП отправлено|03.02.2024", "D-2|Новая|02.02.2024", "D-1|Оплачено|10.02.2024"},
     TableKind::kDealEvents,
     "Сделка=dealId; Этап=stage; Дата=stageTime"},

    // The full column set of a real Bitrix24 deal export: planned dates, Y/N flags, "created by" people,
    // comments and a second source column hold no role.
    {"Bitrix24 deals, full export (ru)",
     "ID|Название сделки|Ответственный|Стадия сделки|Сумма|Валюта|Дата начала|Предполагаемая дата закрытия|"
     "Вероятность|Тип|Источник|Дополнительно об источнике|Компания|Контакт|Комментарий|Сделка закрыта|Дата создания|"
     "Кем создана|Дата изменения|Кем изменена|Направление|UTM Source",
     {"1501|Поставка|Смирнов Алексей|Сделка успешна|45000|Рубль|01.04.2024|30.04.2024|100|Продажа|Веб-сайт|"
      "форма на главной|ООО Альфа|Иван Ершов||Да|01.04.2024 10:11:12|Смирнов Алексей|15.04.2024 18:00:00|"
      "Смирнов Алексей|Общее|yandex",
      "1502|Монтаж|Петрова Мария|Подготовка документов|120000|Рубль|02.04.2024|15.05.2024|40|Услуги|Звонок||"
      "ООО Бета|Анна Котова|перезвонить|Нет|02.04.2024 09:00:00|Петрова Мария|03.04.2024 12:00:00|Петрова Мария|"
      "Общее|",
      "1503|Аудит|Смирнов Алексей|Сделка провалена|30000|Рубль|03.04.2024|10.04.2024|0|Услуги|Веб-сайт||ИП Гамма|"
      "Олег Лис|дорого|Да|03.04.2024 14:30:00|Смирнов Алексей|09.04.2024 11:00:00|Смирнов Алексей|Услуги|google"},
     TableKind::kDealSnapshot,
     "ID=dealId; Ответственный=manager; Стадия сделки=stage; Сумма=amount; Источник=channel; "
     "Дата создания=created; Направление=pipeline"},

    {"amoCRM leads, full export (ru)",
     "ID|Название сделки|Бюджет ₽|Ответственный|Дата создания|Кем создана|Дата редактирования|Дата закрытия|Теги|"
     "Примечание|Этап сделки|Воронка|Полное имя контакта|Компания контакта|Ответственный за контакт|"
     "Мобильный телефон (контакт)|Рабочий email (контакт)|Причина отказа|utm_source|utm_campaign",
     {"20117|Сделка #20117|15 000|Ирина Лаптева|10.05.2024 12:00:00|Ирина Лаптева|12.05.2024 09:30:00|"
      "12.05.2024 09:30:00|сайт|перезвонить утром|Успешно реализовано|Основная|Виктор Соколов|ООО Лотос|"
      "Ирина Лаптева|+7 903 111-22-33|v.sokolov@lotos.ru||yandex|spring_sale",
      "20118|Сделка #20118|0|Павел Гусев|10.05.2024 13:15:00|Павел Гусев|11.05.2024 10:00:00||||Первичный контакт|"
      "Основная|Дарья Миронова||Павел Гусев|+7 916 555-44-33|||google|",
      "20119|Сделка #20119|230 000|Ирина Лаптева|11.05.2024 08:40:00|Ирина Лаптева|20.05.2024 17:45:00|"
      "20.05.2024 17:45:00|опт||Закрыто и не реализовано|Опт|Глеб Фомин|АО Сатурн|Ирина Лаптева|"
      "+7 925 000-11-22|g.fomin@saturn.ru|Нет бюджета|direct|wholesale"},
     TableKind::kDealSnapshot,
     "ID=dealId; Бюджет ₽=amount; Ответственный=manager; Дата создания=created; Дата закрытия=closed; "
     "Этап сделки=stage; Воронка=pipeline; Причина отказа=lostReason; utm_source=channel; utm_campaign=campaign"},

    // A client id next to the client's name; tax amounts are not revenue but an amount with tax is.
    {"orders with VAT columns and a client name (ru)",
     "ID клиента|Клиент|Дата|Сумма НДС|Сумма с НДС|Кол-во|Цена",
     {"C-17|Иванов Иван|01.03.2024|200,00|1 200,00|2|600,00", "C-18|Петрова Ольга|02.03.2024|50,00|300,00|1|300,00"},
     TableKind::kOrders,
     "ID клиента=customer; Клиент=customerName; Дата=date; Сумма с НДС=amount; Кол-во=quantity; Цена=unitPrice"},

    {"English generic orders with a name column and a sign-up date",
     "Order Number|Customer Name|Customer Email|Order Date|Sign-up date|Order Total|Discount|Sales Channel",
     {"5001|John Smith|john@example.com|03/15/2024|01/02/2023|120.00|10.00|Online",
      "5002|Mary Jones|mary@example.com|03/16/2024|11/20/2023|80.50|0.00|Store"},
     TableKind::kOrders,
     "Order Number=orderId; Customer Name=customerName; Customer Email=email; Order Date=date; "
     "Order Total=orderTotal; Sales Channel=channel"},
};

const ExportCase& FindExport(std::string_view name) {
    for (const ExportCase& c : kExports) {
        if (c.name == name) return c;
    }
    ADD_FAILURE() << "no export named " << name;
    return kExports[0];
}

TEST(RoleGuess, RealExportHeaderSets) {
    for (const ExportCase& c : kExports) {
        const Prepared p = Prepare(c);
        const TableGuess guess = GuessTable(p.headers, p.profiles);
        EXPECT_EQ(TableKindName(guess.kind), TableKindName(c.kind)) << c.name << ": " << guess.evidence;
        EXPECT_GE(guess.confidence, 0.5) << c.name << ": " << guess.evidence;
        EXPECT_LE(guess.confidence, 1.0) << c.name;
        EXPECT_FALSE(guess.evidence.empty()) << c.name;
        ExpectRoles(c, p, guess);
    }
}

TEST(RoleGuess, EvidenceNamesHeaderAndValues) {
    const ExportCase& retail = FindExport("RetailCRM orders (ru)");
    const Prepared p = Prepare(retail);
    const TableGuess guess = GuessTable(p.headers, p.profiles);
    const std::string& date = guess.columns[1].evidence;
    EXPECT_NE(date.find("'Дата оформления'"), std::string::npos) << date;
    EXPECT_NE(date.find("100% of values are"), std::string::npos) << date;
    const std::string& buyer = guess.columns[4].evidence;
    EXPECT_NE(buyer.find("names"), std::string::npos) << buyer;
    EXPECT_NE(guess.evidence.find("order words"), std::string::npos) << guess.evidence;
}

TEST(RoleGuess, NothingFits) {
    const ExportCase c{"no known column", "foo|bar", {"1|x", "2|y"}, TableKind::kUnknown, ""};
    const Prepared p = Prepare(c);
    const TableGuess guess = GuessTable(p.headers, p.profiles);
    EXPECT_EQ(guess.kind, TableKind::kUnknown);
    EXPECT_LT(guess.confidence, 0.5);
    ExpectRoles(c, p, guess);

    const TableGuess empty = GuessTable({}, {});
    EXPECT_EQ(empty.kind, TableKind::kUnknown);
    EXPECT_TRUE(empty.columns.empty());
}

TEST(RoleGuess, MissingProfilesCountAsEmptyColumns) {
    const std::vector<std::string> headers = {"order_id", "customer_id", "order_date", "amount"};
    const TableGuess guess = GuessTable(headers, {});
    EXPECT_EQ(guess.kind, TableKind::kOrders);
    ASSERT_EQ(guess.columns.size(), 4u);
    EXPECT_EQ(guess.columns[2].role, Role::kDate);
    EXPECT_EQ(guess.columns[3].role, Role::kAmount);
}

TEST(RoleGuess, KindChosenByTheCaller) {
    struct ForcedCase {
        std::string_view export_name;
        TableKind kind;
        std::string_view roles;
    };
    const ForcedCase cases[] = {
        // the event log read as a snapshot: no created/closed column, the timestamp has no snapshot role
        {"bench deal_stages.csv", TableKind::kDealSnapshot, "deal_id=dealId; stage=stage; manager=manager"},
        // a snapshot forced to orders: 'ID' becomes the order id, 'Статус' the status
        {"amoCRM leads (ru)", TableKind::kOrders,
         "ID=orderId; Бюджет=amount; Ответственный=manager; Дата создания=date; Статус=status; Источник=channel; "
         "Контакт=customer"},
    };
    for (const ForcedCase& f : cases) {
        ExportCase c = FindExport(f.export_name);
        c.kind = f.kind;
        c.roles = f.roles;
        const Prepared p = Prepare(c);
        const TableGuess guess = GuessTableAs(f.kind, p.headers, p.profiles);
        EXPECT_EQ(guess.kind, f.kind) << c.name;
        EXPECT_EQ(guess.evidence, "kind set by the caller");
        ExpectRoles(c, p, guess);
    }
}

}  // namespace
}  // namespace crm
