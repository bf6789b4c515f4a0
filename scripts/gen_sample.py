#!/usr/bin/env python3
"""Deterministic generator of the bundled sample data (Python 3 stdlib only, fixed seed).

Writes into web/samples/ (or --out DIR):
  orders_ru.csv         RetailCRM/1C-style order-line export: Windows-1251, ';', CRLF, Russian headers,
                        dd.mm.yyyy hh:mm dates, '1 234,56 руб.' amounts, multi-line orders whose order-level
                        fields are written on the first line only, messy e-mails and phones, planted faults.
  deals_ru.csv          amoCRM-style deal stage-change log: UTF-8 with BOM, ',', LF, dd.mm.yyyy hh:mm:ss.
  expected_counts.json  what was planted, counted here from the generator's own records (not by any parser):
                        the test expectations for reading the sample.
  README.md             what the files contain, the planted quirks and the same counts.

Same code => byte-identical files. Usage: python3 scripts/gen_sample.py [--out DIR]
"""
import argparse
import datetime as dt
import json
import os
import random
import sys
import time

SEED = 20240611

# ---------------------------------------------------------------------------------------------------------------
# Shared vocabulary

MANAGERS = ["Анна Смирнова", "Дмитрий Козлов", "Екатерина Волкова", "Сергей Морозов", "Ольга Лебедева",
            "Игорь Никитин"]
MANAGER_W = [1.3, 1.2, 1.0, 1.0, 0.8, 0.7]

# ---------------------------------------------------------------------------------------------------------------
# Orders

ORDER_START = dt.date(2023, 1, 1)
ORDER_LAST_PURCHASE_DAY = dt.date(2024, 12, 30)   # purchases end here; a cancelled order and a return follow later
TRAP_DAY = dt.date(2024, 12, 31)

ORDERS_HEADER = ["Номер заказа", "Дата оформления", "Клиент", "Email", "Телефон", "Сумма", "Статус",
                 "Канал продаж", "Менеджер", "Товар", "Количество", "Регион"]
COL = {name: i for i, name in enumerate(ORDERS_HEADER)}

PAID_STATUSES = ["Выполнен", "Доставлен", "Оплачен"]
PAID_STATUS_W = [0.70, 0.17, 0.13]
EXCLUDED_STATUSES = ["Отменён", "Отменен покупателем", "Возврат"]
EXCLUDED_P = 0.11                                   # share of orders with an excluded status
EXCLUDED_STATUS_W = [0.50, 0.32, 0.18]
RETURN_STATUS = "Возврат"                           # also the status of the separate negative return rows

CHANNELS = ["Сайт", "Instagram", "Телефон", "Маркетплейс", "Розница"]
CHANNEL_W = [0.42, 0.16, 0.12, 0.20, 0.10]

REGIONS = ["Москва", "Санкт-Петербург", "Екатеринбург", "Новосибирск", "Казань", "Нижний Новгород", "Краснодар",
           "Самара", "Пермь", "Челябинск", "Ростов-на-Дону", "Воронеж"]
REGION_W = [0.30, 0.16, 0.07, 0.06, 0.06, 0.05, 0.06, 0.05, 0.04, 0.04, 0.06, 0.05]

# (product name, price in kopecks); two names need CSV quoting (an embedded '"' and an embedded ';').
PRODUCTS = [
    ('Крем для рук "Бархатные ручки" 50 мл', 34900), ("Шампунь восстанавливающий 250 мл", 54900),
    ("Бальзам для волос 200 мл", 49900), ("Гель для душа «Морской бриз» 400 мл", 39900),
    ("Мыло ручной работы «Лаванда»", 29000), ("Набор полотенец 3 шт; хлопок", 249000),
    ("Полотенце махровое 70x140", 119000), ("Халат банный женский", 389000), ("Плед флисовый 150x200", 179000),
    ("Свеча ароматическая «Ваниль»", 69000), ("Диффузор ароматический 100 мл", 129000),
    ("Постельное бельё 1,5-спальное", 459000), ("Постельное бельё евро", 589000), ("Подушка 50x70", 149000),
    ("Одеяло всесезонное 172x205", 399000), ("Кружка керамическая 350 мл", 59000),
    ("Набор бокалов 4 шт", 189000), ("Скатерть льняная 140x180", 279000), ("Коврик для ванной", 89000),
    ("Органайзер для косметики", 99000), ("Сыворотка для лица 30 мл", 129900), ("Маска тканевая, 5 шт", 44900),
    ("Скраб для тела 200 мл", 64900), ("Подарочный сертификат 3000", 300000),
    ("Подарочный сертификат 5000", 500000), ("Ёлочная игрушка «Шар» 8 см", 34000),
    ("Гирлянда светодиодная 5 м", 149000), ("Новогодний набор «Уют»", 349000),
]
# New Year goods sell mostly in November and December.
SEASONAL_PRODUCTS = {"Ёлочная игрушка «Шар» 8 см", "Гирлянда светодиодная 5 м", "Новогодний набор «Уют»"}

# Relative order intensity by month (Jan..Dec): 8 March bump, Black Friday and New Year peaks.
MONTH_W = [0.75, 0.85, 1.10, 0.85, 0.80, 0.75, 0.75, 0.80, 0.95, 1.00, 1.65, 2.10]
GROWTH_2024 = 1.35

MALE_FIRST = ["Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл",
              "Михаил", "Никита", "Матвей", "Роман", "Егор", "Иван", "Павел", "Владимир", "Николай", "Олег",
              "Евгений"]
FEMALE_FIRST = ["Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Екатерина",
                "Юлия", "Анастасия", "Дарья", "Ксения", "Виктория", "Полина", "Алина", "Марина", "Людмила",
                "Вера", "Софья"]
MALE_LAST = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков",
             "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов",
             "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв",
             "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов",
             "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв"]
PATRONYMIC_BASE = ["Александров", "Сергеев", "Иванов", "Андреев", "Дмитриев", "Николаев", "Владимиров",
                   "Михайлов", "Петров", "Викторов"]
EMAIL_DOMAINS = ["mail.ru", "yandex.ru", "gmail.com", "bk.ru", "list.ru", "inbox.ru", "ya.ru", "rambler.ru"]
EMAIL_DOMAIN_W = [0.34, 0.24, 0.18, 0.07, 0.05, 0.05, 0.04, 0.03]

TRANSLIT = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
            "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
            "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
            "ь": "", "э": "e", "ю": "yu", "я": "ya"}

BAD_DATES = ["32.13.2024 10:15", "вчера", "31.02.2024 12:00", "2024.15.03", "00.00.0000 00:00"]
BAD_AMOUNTS = ["договорная", "#ЗНАЧ!", "уточнить", "договорная"]
N_MISSING_CUSTOMER = 7
N_DUPLICATES = 41
N_RETURN_ROWS = 16                                 # plus the trap return row on TRAP_DAY


def cumulative(weights):
    total = float(sum(weights))
    acc, out = 0.0, []
    for w in weights:
        acc += w / total
        out.append(acc)
    out[-1] = 1.0
    return out


def pick(rng, items, cum):
    u = rng.random()
    for item, c in zip(items, cum):
        if u < c:
            return item
    return items[-1]


def translit(s):
    return "".join(TRANSLIT.get(ch, ch) for ch in s.lower())


def fmt_kopecks(kop, rng):
    """'1 234,56' with a space, a no-break space or no thousands separator, sometimes ' руб.' or ' р.'."""
    sign = "-" if kop < 0 else ""
    kop = abs(kop)
    rub, k = divmod(kop, 100)
    u = rng.random()
    sep = " " if u < 0.62 else ("\u00a0" if u < 0.80 else "")
    digits = str(rub)
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    v = rng.random()
    suffix = "" if v < 0.72 else (" руб." if v < 0.92 else " р.")
    return "%s%s,%02d%s" % (sign, sep.join(groups), k, suffix)


def fmt_money(kop):
    """Currency units with two decimals for the README and the JSON (exact: from integer kopecks)."""
    sign = "-" if kop < 0 else ""
    return "%s%d.%02d" % (sign, abs(kop) // 100, abs(kop) % 100)


def fmt_dt_min(t):
    return t.strftime("%d.%m.%Y %H:%M")


def csv_field(s, delim):
    if any(c in s for c in (delim, '"', "\r", "\n")):
        return '"' + s.replace('"', '""') + '"'
    return s


class Customer:
    def __init__(self, cid, rng, used_emails, used_phones):
        self.cid = cid
        female = rng.random() < 0.62
        self.first = rng.choice(FEMALE_FIRST if female else MALE_FIRST)
        last = rng.choice(MALE_LAST)
        self.last = last + "а" if female else last
        pat = rng.choice(PATRONYMIC_BASE)
        self.patronymic = pat + ("на" if female else "ич")
        u = rng.random()
        self.has_email = u < 0.82
        self.has_phone = (not self.has_email) or rng.random() < 0.70
        self.email = None
        if self.has_email:
            f, l = translit(self.first), translit(self.last)
            forms = [f + "." + l, l + "." + f, f[0] + "." + l, f + l, l + f[0], f + "_" + l]
            base = rng.choice(forms)
            if rng.random() < 0.35:
                base += str(rng.randint(1970, 2005) if rng.random() < 0.5 else rng.randint(1, 99))
            domain = pick(rng, EMAIL_DOMAINS, cumulative(EMAIL_DOMAIN_W))
            email = base + "@" + domain
            n = 2
            while email in used_emails:
                email = "%s%d@%s" % (base, n, domain)
                n += 1
            used_emails.add(email)
            self.email = email
        self.phone = None                           # 10 national digits, '9xxxxxxxxx'
        if self.has_phone:
            while True:
                p = "9" + "".join(str(rng.randint(0, 9)) for _ in range(9))
                if p not in used_phones:
                    used_phones.add(p)
                    break
            self.phone = p
        self.region = pick(rng, REGIONS, cumulative(REGION_W))
        self.manager = pick(rng, MANAGERS, cumulative(MANAGER_W))

    def key(self):
        """SPEC §2 identity: e-mail (trimmed, lower-cased), else phone digits with a leading 7."""
        return self.email if self.email else "7" + self.phone

    def name_variant(self, rng):
        u = rng.random()
        if u < 0.40:
            return "%s %s" % (self.last, self.first)
        if u < 0.65:
            return "%s %s" % (self.first, self.last)
        if u < 0.80:
            return "%s %s %s" % (self.last, self.first, self.patronymic)
        if u < 0.88:
            return "%s %s." % (self.last, self.first[0])
        if u < 0.94:
            return ("%s %s %s" % (self.last, self.first, self.patronymic)).upper()
        return "%s %s" % (self.first.lower(), self.last.lower())

    def email_variant(self, rng):
        e = self.email
        u = rng.random()
        if u < 0.55:
            out = e
        elif u < 0.75:
            local, domain = e.split("@")
            out = ".".join(p[:1].upper() + p[1:] for p in local.split(".")) + "@" + domain.capitalize()
        elif u < 0.85:
            out = e.upper()
        else:
            out = e
        v = rng.random()
        if v < 0.12:
            out = " " + out + " "
        elif v < 0.18:
            out = out + " "
        return out

    def phone_variant(self, rng):
        p = self.phone
        a, b, c, d = p[0:3], p[3:6], p[6:8], p[8:10]
        forms = ["+7 (%s) %s-%s-%s" % (a, b, c, d), "8 %s %s %s %s" % (a, b, c, d), "8%s" % p, "+7%s" % p,
                 "8(%s)%s-%s-%s" % (a, b, c, d), "+7 %s %s-%s-%s" % (a, b, c, d), "7%s" % p]
        return forms[min(int(rng.random() ** 1.3 * len(forms)), len(forms) - 1)]


def month_weight(d):
    return MONTH_W[d.month - 1] * (GROWTH_2024 if d.year == 2024 else 1.0)


def random_time(rng, day):
    # shop hours with an evening peak
    h = min(23, max(7, int(rng.gauss(15.5, 4.0))))
    return dt.datetime(day.year, day.month, day.day, h, rng.randint(0, 59))


def gen_customers(rng, n):
    used_emails, used_phones = set(), set()
    return [Customer(i + 1, rng, used_emails, used_phones) for i in range(n)]


def customer_plan(rng):
    """(segment, number of intended orders, mean gap in days)."""
    u = rng.random()
    if u < 0.54:
        return "once", 1, 0.0
    if u < 0.83:
        return "occasional", rng.randint(2, 5), 85.0
    if u < 0.96:
        return "regular", rng.randint(5, 12), 40.0
    return "loyal", rng.randint(11, 28), 22.0


def sample_day(rng, lo, hi, max_w):
    """A day in [lo, hi] drawn with the month/growth weights (rejection sampling)."""
    span = (hi - lo).days
    while True:
        d = lo + dt.timedelta(days=rng.randint(0, span))
        if rng.random() * max_w < month_weight(d):
            return d


def gen_order_skeletons(rng, customers):
    """Orders as dicts {t, cust, channel, manager, status}, for every customer, unsorted."""
    max_w = max(MONTH_W) * GROWTH_2024
    ch_cum = cumulative(CHANNEL_W)
    paid_cum = cumulative(PAID_STATUS_W)
    excl_cum = cumulative(EXCLUDED_STATUS_W)
    last_day = ORDER_LAST_PURCHASE_DAY
    orders = []
    for c in customers:
        seg, k, gap = customer_plan(rng)
        hi = dt.date(2023, 9, 30) if seg == "loyal" else last_day
        first = sample_day(rng, ORDER_START, hi, max_w)
        days = [first]
        d = first
        while len(days) < k:
            # next purchase after an exponential gap, thinned by season (busy months keep more candidates)
            d = d + dt.timedelta(days=1 + int(rng.expovariate(1.0 / gap)))
            if d > last_day:
                break
            if rng.random() * max_w < month_weight(d) * 2.2:
                days.append(d)
        fav_channel = pick(rng, CHANNELS, ch_cum)
        for d in days:
            ch = fav_channel if rng.random() < 0.7 else pick(rng, CHANNELS, ch_cum)
            mgr = c.manager if rng.random() < 0.8 else pick(rng, MANAGERS, cumulative(MANAGER_W))
            if ch == "Маркетплейс" and rng.random() < 0.5:
                mgr = ""
            if rng.random() < EXCLUDED_P:
                status = pick(rng, EXCLUDED_STATUSES, excl_cum)
            else:
                status = pick(rng, PAID_STATUSES, paid_cum)
            orders.append({"t": random_time(rng, d), "cust": c, "channel": ch, "manager": mgr, "status": status})
    return orders


def gen_lines(rng, order):
    """[(product, qty, kopecks)] with distinct products (so no two lines of an order are byte-identical)."""
    u = rng.random()
    n = 1 if u < 0.64 else (2 if u < 0.84 else (3 if u < 0.95 else 4))
    month = order["t"].month
    names = [p for p in PRODUCTS if month in (11, 12) or p[0] not in SEASONAL_PRODUCTS]
    if month in (11, 12):
        names = names + [p for p in PRODUCTS if p[0] in SEASONAL_PRODUCTS] * 3
    chosen = []
    while len(chosen) < n:
        p = rng.choice(names)
        if p not in chosen:
            chosen.append(p)
    lines = []
    for name, price in chosen:
        qty = 1 if rng.random() < 0.78 else rng.randint(2, 4)
        kop = price * qty
        if rng.random() < 0.18:
            kop = int(round(kop * rng.choice([0.9, 0.85, 0.95, 0.93])))   # discounts give odd kopecks
        lines.append((name, qty, kop))
    return lines


def build_orders(rng):
    """All order lines in file order plus the ground truth needed for the expectations."""
    customers = gen_customers(rng, 975)
    orders = gen_order_skeletons(rng, customers)
    for o in orders:
        o["lines"] = gen_lines(rng, o)
        o["kind"] = "order"
    # walk-in retail sales with no customer data at all: rejected as "missing customer"
    max_w = max(MONTH_W) * GROWTH_2024
    for _ in range(N_MISSING_CUSTOMER):
        d = sample_day(rng, ORDER_START, ORDER_LAST_PURCHASE_DAY, max_w)
        o = {"t": random_time(rng, d), "cust": None, "channel": "Розница", "manager": rng.choice(MANAGERS),
             "status": "Выполнен", "kind": "missing_customer"}
        o["lines"] = [gen_lines(rng, o)[0]]
        orders.append(o)
    orders.sort(key=lambda o: (o["t"], o["cust"].cid if o["cust"] else 0))
    for i, o in enumerate(orders):
        o["number"] = str(10001 + i)

    # bad dates and bad amounts: single-line paid orders of customers (one fault per row)
    candidates = [o for o in orders if o["kind"] == "order" and len(o["lines"]) == 1 and o["status"] in PAID_STATUSES]
    picked = rng.sample(candidates, len(BAD_DATES) + len(BAD_AMOUNTS))
    picked.sort(key=lambda o: o["number"])
    for o, bad in zip(picked[:len(BAD_DATES)], BAD_DATES):
        o["kind"], o["bad_date"] = "bad_date", bad
    for o, bad in zip(picked[len(BAD_DATES):], BAD_AMOUNTS):
        o["kind"], o["bad_amount"] = "bad_amount", bad

    # return rows: a line of an earlier paid order comes back 3..30 days later, as its own negative row
    paid = [o for o in orders if o["kind"] == "order" and o["status"] in PAID_STATUSES
            and o["t"].date() <= ORDER_LAST_PURCHASE_DAY - dt.timedelta(days=31)]
    returns = []
    for o in sorted(rng.sample(paid, N_RETURN_ROWS), key=lambda o: o["number"]):
        line = rng.choice(o["lines"])
        t = o["t"] + dt.timedelta(days=rng.randint(3, 30), minutes=rng.randint(0, 600))
        returns.append(make_return(o, line, t))
    # traps dated after the last purchase: neither may move the as-of date
    december = [o for o in orders if o["kind"] == "order" and o["status"] in PAID_STATUSES
                and o["t"].date() >= dt.date(2024, 12, 1)]
    src = december[len(december) // 2]
    returns.append(make_return(src, src["lines"][0], dt.datetime(2024, 12, 31, 11, 5)))
    trap_cust = december[len(december) // 3]["cust"]
    trap = {"t": dt.datetime(2024, 12, 31, 18, 40), "cust": trap_cust, "channel": "Сайт",
            "manager": trap_cust.manager, "status": "Отменён", "kind": "order", "number": str(10001 + len(orders))}
    trap["lines"] = gen_lines(rng, trap)
    orders.extend(returns)
    orders.append(trap)
    orders.sort(key=lambda o: (o["t"], o["number"]))
    return orders


def make_return(o, line, t):
    name, qty, kop = line
    return {"t": t, "cust": o["cust"], "channel": o["channel"], "manager": o["manager"], "status": RETURN_STATUS,
            "kind": "return", "number": "В-" + o["number"], "lines": [(name, qty, -kop)], "returns": o["number"]}


def order_rows(rng, o):
    """Field lists of an order's lines; order-level fields only on the first line."""
    rows = []
    c = o["cust"]
    for i, (name, qty, kop) in enumerate(o["lines"]):
        f = [""] * len(ORDERS_HEADER)
        f[COL["Номер заказа"]] = o["number"]
        f[COL["Сумма"]] = fmt_kopecks(kop, rng)
        f[COL["Канал продаж"]] = o["channel"]
        f[COL["Менеджер"]] = o["manager"]
        f[COL["Товар"]] = name
        f[COL["Количество"]] = str(qty)
        f[COL["Регион"]] = c.region if c else ""
        if i == 0:
            f[COL["Дата оформления"]] = fmt_dt_min(o["t"])
            f[COL["Статус"]] = o["status"]
            if c is not None:
                f[COL["Клиент"]] = c.name_variant(rng)
                if c.has_email:
                    f[COL["Email"]] = c.email_variant(rng)
                    if c.has_phone and rng.random() < 0.6:
                        f[COL["Телефон"]] = c.phone_variant(rng)
                else:
                    f[COL["Телефон"]] = c.phone_variant(rng)
            if "bad_date" in o:
                f[COL["Дата оформления"]] = o["bad_date"]
            if "bad_amount" in o:
                f[COL["Сумма"]] = o["bad_amount"]
        rows.append({"fields": f, "order": o, "line": i, "kop": kop})
    return rows


def write_orders(rng, orders, path):
    rows = []
    for o in orders:
        rows.extend(order_rows(rng, o))
    # exact duplicates: a copy of a line of a paid order, right after the original
    eligible = [i for i, r in enumerate(rows) if r["order"]["kind"] == "order"
                and r["order"]["status"] in PAID_STATUSES]
    dup_at = set(rng.sample(eligible, N_DUPLICATES))
    # all-empty records (';;;…', not rows at all, SPEC §2): one between two orders mid-file, one at the end
    order_ends = [i for i in range(len(rows) // 4, len(rows) - 1) if rows[i + 1]["line"] == 0]
    empty_after = {rng.choice(order_ends), len(rows) - 1}
    records = []
    for i, r in enumerate(rows):
        records.append(dict(r, dup=False))
        if i in dup_at:
            records.append(dict(r, dup=True))
        if i in empty_after:
            records.append({"fields": [""] * len(ORDERS_HEADER), "empty": True})
    lines = [";".join(ORDERS_HEADER)]
    for r in records:
        lines.append(";".join(csv_field(x, ";") for x in r["fields"]))
    data = ("\r\n".join(lines) + "\r\n").encode("cp1251")
    with open(path, "wb") as f:
        f.write(data)
    # 1-based physical line of each record (no field spans lines): header is line 1
    for n, r in enumerate(records):
        r["file_line"] = n + 2
    return records, len(data)


def orders_expectations(records):
    """Counts from the planted truth: each record's fate per SPEC §2 defaults."""
    rejected = {"missingCustomer": 0, "badDate": 0, "badAmount": 0, "excludedStatus": 0, "duplicate": 0}
    excluded_by_status = {s: 0 for s in EXCLUDED_STATUSES}
    excluded_orders = {s: 0 for s in EXCLUDED_STATUSES}
    planted = []
    read = used = return_rows = 0
    returned_kop = purchase_kop = 0
    purchases = set()
    customer_keys = set()
    dates = []
    first_line = {}
    for r in records:
        if r.get("empty"):
            continue
        read += 1
        o = r["order"]
        f = r["fields"]
        if r["dup"]:
            rejected["duplicate"] += 1
            planted.append({"line": r["file_line"], "reason": "duplicate", "column": None, "value": None,
                            "duplicateOfLine": r["file_line"] - 1})
            continue
        if o["kind"] == "missing_customer":
            rejected["missingCustomer"] += 1
            planted.append({"line": r["file_line"], "reason": "missingCustomer", "column": None, "value": ""})
            continue
        if o["kind"] == "bad_date":
            rejected["badDate"] += 1
            planted.append({"line": r["file_line"], "reason": "badDate", "column": "Дата оформления",
                            "value": f[COL["Дата оформления"]]})
            continue
        if o["kind"] == "bad_amount":
            rejected["badAmount"] += 1
            planted.append({"line": r["file_line"], "reason": "badAmount", "column": "Сумма",
                            "value": f[COL["Сумма"]]})
            continue
        if o["kind"] == "return":
            used += 1
            return_rows += 1
            returned_kop += -r["kop"]
            continue
        if o["status"] in EXCLUDED_STATUSES:
            rejected["excludedStatus"] += 1
            excluded_by_status[o["status"]] += 1
            if r["line"] == 0:
                excluded_orders[o["status"]] += 1
            continue
        used += 1
        purchase_kop += r["kop"]
        purchases.add(o["number"])
        customer_keys.add(o["cust"].key())
        dates.append(o["t"].date())
        first_line.setdefault(o["number"], r["file_line"])
    assert read == used + sum(rejected.values())
    last_purchase = max(dates)
    return {
        "rows": {
            "read": read, "used": used, "rejected": rejected, "returnRows": return_rows,
            "returnedAmount": fmt_money(returned_kop),
        },
        "excludedStatusRows": excluded_by_status,
        "excludedStatusOrders": excluded_orders,
        "cancelledOrders": excluded_orders["Отменён"] + excluded_orders["Отменен покупателем"],
        "emptyRecordsSkipped": sum(1 for r in records if r.get("empty")),
        "summary": {
            "firstDate": min(dates).isoformat(), "lastPurchase": last_purchase.isoformat(),
            "asOf": (last_purchase + dt.timedelta(days=1)).isoformat(),
            "customers": len(customer_keys), "purchases": len(purchases),
            "purchaseRevenue": fmt_money(purchase_kop), "revenue": fmt_money(purchase_kop - returned_kop),
        },
        "plantedRejects": planted,
    }


# ---------------------------------------------------------------------------------------------------------------
# Deals

DEAL_STAGES = ["Первичный контакт", "Квалификация", "Коммерческое предложение", "Переговоры",
               "Успешно реализовано"]
LOST_STAGE = "Закрыто и не реализовано"
LOSS_REASONS = ["Дорого", "Выбрали конкурента", "Нет бюджета", "Не отвечает"]
LOSS_REASON_W = [0.33, 0.27, 0.18, 0.22]
PIPELINES = ["Продажи", "Опт, дилеры"]             # the second needs quoting in a ',' file
PIPELINE_W = [0.76, 0.24]
SOURCES = ["Сайт", "Instagram", "Звонок", "Рекомендация", "Авито", "Выставка"]
SOURCE_W = [0.38, 0.17, 0.16, 0.12, 0.12, 0.05]
SKIP_QUALIFICATION_P = {"Игорь Никитин": 0.45, "Сергей Морозов": 0.25}   # others: 0.04
ADVANCE_P = [0.72, 0.66, 0.62, 0.58]
MEAN_DWELL_DAYS = [2.0, 5.0, 9.0, 12.0]
DEALS_HEADER = ["ID сделки", "Этап", "Дата перехода", "Ответственный", "Воронка", "Источник", "Причина отказа"]
N_DEALS = 1200
DEAL_START = dt.datetime(2023, 1, 1)
DEAL_END = dt.datetime(2024, 12, 31, 23, 59, 59)


def work_time(rng, t):
    """Moves a timestamp into working hours (9:00-19:59) of the same or the next day, random seconds."""
    if t.hour < 9:
        t = t.replace(hour=9 + rng.randint(0, 2))
    elif t.hour >= 20:
        t = (t + dt.timedelta(days=1)).replace(hour=9 + rng.randint(0, 3))
    return t.replace(minute=rng.randint(0, 59), second=rng.randint(0, 59))


def gen_deals(rng):
    max_w = max(MONTH_W) * GROWTH_2024
    span = int((DEAL_END - DEAL_START).total_seconds()) - 7 * 86400
    deal_id = 14205000
    deals = []
    for _ in range(N_DEALS):
        deal_id += rng.randint(1, 37)
        while True:
            t0 = DEAL_START + dt.timedelta(seconds=rng.randint(0, span))
            if rng.random() * max_w < month_weight(t0.date()):
                break
        deals.append({"id": deal_id, "t0": work_time(rng, t0),
                      "manager": pick(rng, MANAGERS, cumulative(MANAGER_W)),
                      "pipeline": pick(rng, PIPELINES, cumulative(PIPELINE_W)),
                      "source": pick(rng, SOURCES, cumulative(SOURCE_W))})
    deals.sort(key=lambda d: d["t0"])            # ids grow with creation time, like a CRM sequence
    for d, i in zip(deals, sorted(x["id"] for x in deals)):
        d["id"] = i
    events = []
    for d in deals:
        u = rng.random()
        s = 0 if u < 0.955 else (2 if u < 0.985 else 3)
        d["created_at_later_stage"] = s > 0
        d["backward"] = False
        t = d["t0"]
        ev = [(t, DEAL_STAGES[s], "")]
        outcome = None
        while s < 4:
            t = work_time(rng, t + dt.timedelta(seconds=int(rng.expovariate(1.0 / (MEAN_DWELL_DAYS[s] * 86400)))
                                                + rng.randint(600, 7200)))
            if t > DEAL_END:
                break
            if s == 3 and not d["backward"] and rng.random() < 0.07:
                s = 2                                   # back to the proposal for a new offer
                d["backward"] = True
                ev.append((t, DEAL_STAGES[s], ""))
                continue
            if rng.random() < ADVANCE_P[s]:
                if s == 0 and rng.random() < SKIP_QUALIFICATION_P.get(d["manager"], 0.04):
                    s = 2
                elif s == 2 and rng.random() < 0.03:
                    s = 4
                else:
                    s += 1
                ev.append((t, DEAL_STAGES[s], ""))
            else:
                if rng.random() < 0.78:
                    outcome = "lost"
                    ev.append((t, LOST_STAGE, pick(rng, LOSS_REASONS, cumulative(LOSS_REASON_W))))
                break                                   # lost, or stalls in an open stage
        if s == 4:
            outcome = "won"
        d["outcome"] = outcome or "open"
        d["events"] = ev
        for t, stage, reason in ev:
            events.append((t, d["id"], stage, reason, d))
    events.sort(key=lambda e: (e[0], e[1]))
    return deals, events


def write_deals(events, path):
    out = [",".join(DEALS_HEADER)]
    for t, deal_id, stage, reason, d in events:
        f = [str(deal_id), stage, t.strftime("%d.%m.%Y %H:%M:%S"), d["manager"], d["pipeline"], d["source"], reason]
        out.append(",".join(csv_field(x, ",") for x in f))
    data = ("\ufeff" + "\n".join(out) + "\n").encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    if not n:
        return None
    return float(xs[n // 2]) if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def deals_expectations(deals, events):
    rank = {s: i for i, s in enumerate(DEAL_STAGES)}
    n = len(DEAL_STAGES)
    reached = [0] * n
    skipped = [0] * n
    skipped_qual_by_manager = {m: 0 for m in MANAGERS}
    deals_by_manager = {m: 0 for m in MANAGERS}
    durations = []
    last_event = max(e[0] for e in events)
    stalled30 = stalled90 = 0
    for d in deals:
        ranks = {rank[s] for _, s, _ in d["events"] if s in rank}
        top = max(ranks)
        for s in range(n):
            if top >= s:
                reached[s] += 1
            if top > s and s not in ranks:
                skipped[s] += 1
        deals_by_manager[d["manager"]] += 1
        if top > 1 and 1 not in ranks:
            skipped_qual_by_manager[d["manager"]] += 1
        if d["outcome"] == "won" and 0 in ranks:
            first = min(t for t, s, _ in d["events"] if s == DEAL_STAGES[0])
            won = min(t for t, s, _ in d["events"] if s == DEAL_STAGES[-1])
            durations.append(int((won - first).total_seconds()))
        if d["outcome"] == "open":
            idle = (last_event - d["events"][-1][0]).total_seconds() / 86400
            stalled30 += idle > 30
            stalled90 += idle > 90
    won = sum(d["outcome"] == "won" for d in deals)
    lost = sum(d["outcome"] == "lost" for d in deals)
    reasons = {r: 0 for r in LOSS_REASONS}
    for d in deals:
        for _, s, r in d["events"]:
            if s == LOST_STAGE:
                reasons[r] += 1
    return {
        "rows": len(events), "deals": len(deals), "stages": DEAL_STAGES, "lostStage": LOST_STAGE,
        "reached": reached, "skipped": skipped, "won": won, "lost": lost, "open": len(deals) - won - lost,
        "winRate": won / (won + lost),
        "createdAtLaterStage": sum(d["created_at_later_stage"] for d in deals),
        "backwardMoves": sum(d["backward"] for d in deals),
        "lossReasons": reasons,
        "dealsByManager": deals_by_manager,
        "skippedQualificationByManager": skipped_qual_by_manager,
        "medianFirstToWonSeconds": median(durations), "wonWithFirstStage": len(durations),
        "lastEvent": last_event.strftime("%Y-%m-%d %H:%M:%S"),
        "openIdleOver30Days": stalled30, "openIdleOver90Days": stalled90,
    }


# ---------------------------------------------------------------------------------------------------------------
# README

README = """# Sample data

Generated by `scripts/gen_sample.py` (Python 3 stdlib, fixed seed {seed}; rerunning it rewrites these files
byte for byte). Fictional people, e-mails and phones. The counts below are counted by the generator from what it
planted, not by any parser; the same numbers are in `expected_counts.json`, which the tests use.

## orders_ru.csv — a RetailCRM / 1C style order-line export

* Windows-1251, `;` delimiter, CRLF line ends, no BOM, {orders_bytes} bytes, header + {order_records} records.
* Header: `{orders_header}`.
* One record per order line; {orders} orders ({multi} of them with 2–4 lines), customers from 2023-01 to 2024-12
  with repeat buyers and many one-off buyers, and November/December peaks.
* Order-level fields (`Дата оформления`, `Клиент`, `Email`, `Телефон`, `Статус`) are written on an order's first
  line only; the following lines of the order carry the same `Номер заказа` and leave them empty.
  `Сумма` is the line total.
* Dates `dd.mm.yyyy hh:mm`. Amounts with a decimal comma and a space, a no-break space (0xA0) or no thousands
  separator, sometimes followed by ` руб.` or ` р.` (`1 234,56`, `12 500,00 руб.`, `-1 200,00`). The ruble sign
  `₽` cannot be written in Windows-1251, so it does not occur here.
* Customers have no id column: identity is the e-mail (trimmed, lower-cased), else the phone (digits, leading 8
  → 7), as SPEC §2 says. Every customer with an e-mail has it on each of their orders; the others always have a
  phone. Both are written messily (` Ivan.Petrov@Mail.ru `, `IVAN.PETROV@MAIL.RU`, `+7 (912) 345-67-89`,
  `8 912 345 67 89`, `89123456789`, `+79123456789`), and `Клиент` varies (`Петров Иван`, `Иван Петров`,
  `ПЕТРОВ ИВАН ИВАНОВИЧ`, `Петров И.`), so a name-based identity would split people.
* Two product names need CSV quoting: one holds `"` (written `""`), one holds `;`.

### Planted quirks and their counts

| what | count |
|---|---|
| records read (`rows.read`; header and all-empty records not counted) | {read} |
| rows used (`rows.used`) | {used} |
| exact duplicate lines (byte-identical copy right after the original) | {duplicate} |
| missing customer (walk-in sales: no name, e-mail or phone) | {missingCustomer} |
| unparseable date (`{bad_dates}`) | {badDate} |
| unparseable amount (`{bad_amounts}`) | {badAmount} |
| rows of orders with an excluded status | {excludedStatus} |
| &nbsp;&nbsp;by status: {excl_rows} | |
| cancelled orders (`Отменён` + `Отменен покупателем`) | {cancelled} |
| whole orders returned (status `Возврат`, positive amounts: excluded) | {returned_orders} |
| return rows (own number `В-<order>`, negative amount, status `Возврат`) | {returnRows} |
| amount returned | {returnedAmount} |
| all-empty records `;;;;;;;;;;;` (not rows, SPEC §2) | {empty} |

`rows.read = rows.used + Σ rejected`: {read} = {used} + {rejected_sum}.

Return rows versus returned orders: an order whose own status is `Возврат` and whose amounts are positive is a
returned order (excluded status). A separate row with a negative amount is a return row (SPEC §2): used, never a
purchase, netted against its customer's revenue, even though its status also reads `Возврат`. Every return row's
customer bought before. One return row (31.12.2024) and one cancelled order (31.12.2024) come after the last
purchase, so the as-of date must come from purchases only.

Expected summary with the default settings: first purchase {firstDate}, last purchase {lastPurchase},
as-of {asOf}, {customers} customers, {purchases} purchases, purchase revenue {purchaseRevenue},
net revenue {revenue} (after returns). `expected_counts.json` lists every planted rejected row with its line
(1-based, header = line 1), column and value.

## deals_ru.csv — an amoCRM style deal stage log

* UTF-8 with BOM, `,` delimiter, LF line ends, {deals_bytes} bytes, header + {deal_rows} records, one per stage
  change, sorted by time.
* Header: `{deals_header}`; timestamps `dd.mm.yyyy hh:mm:ss`.
* Stages in order: {stages}; the lost outcome `{lost_stage}` carries a `Причина отказа`
  ({reasons}). The pipeline `Опт, дилеры` is quoted because it holds a comma.
* {deals} deals: {won} won, {lost} lost, {open} open (win rate {win_rate:.4f}).
* Reached per stage (a deal reached a stage if it has an event there or later): {reached}.
* Skipped per stage (reached a later stage without an event there): {skipped}. Some managers skip
  `Квалификация` far more often: {skip_by_manager} (deals per manager: {deals_by_manager}).
* {created_later} deals were created directly at a later stage; {backward} deals moved back from `Переговоры` to
  `Коммерческое предложение` once.
* Open deals idle (no stage change) for more than 30 / 90 days before the last event of the file
  ({last_event}): {idle30} / {idle90}.
* Median time from `Первичный контакт` to `Успешно реализовано` over the {won_with_first} won deals that have
  both events: {median} s.
"""


def write_readme(path, exp, orders_bytes, deals_bytes):
    o, d = exp["orders_ru.csv"], exp["deals_ru.csv"]
    r = o["rows"]
    text = README.format(
        seed=SEED, orders_bytes=orders_bytes, order_records=r["read"] + o["emptyRecordsSkipped"],
        orders_header=";".join(ORDERS_HEADER), orders=o["orders"], multi=o["multiLineOrders"],
        read=r["read"], used=r["used"], bad_dates="`, `".join(dict.fromkeys(BAD_DATES)),
        bad_amounts="`, `".join(dict.fromkeys(BAD_AMOUNTS)),
        excl_rows=", ".join("`%s` %d" % kv for kv in o["excludedStatusRows"].items()),
        cancelled=o["cancelledOrders"], returned_orders=o["excludedStatusOrders"][RETURN_STATUS],
        empty=o["emptyRecordsSkipped"], rejected_sum=" + ".join(str(v) for v in r["rejected"].values()),
        returnRows=r["returnRows"], returnedAmount=r["returnedAmount"], **r["rejected"], **o["summary"],
        deals_bytes=deals_bytes, deal_rows=d["rows"], deals_header=",".join(DEALS_HEADER),
        stages=" → ".join("`%s`" % s for s in d["stages"]), lost_stage=d["lostStage"],
        reasons=", ".join("`%s` %d" % kv for kv in d["lossReasons"].items()),
        deals=d["deals"], won=d["won"], lost=d["lost"], open=d["open"], win_rate=d["winRate"],
        reached=d["reached"], skipped=d["skipped"],
        skip_by_manager=", ".join("%s %d" % kv for kv in d["skippedQualificationByManager"].items()),
        deals_by_manager=", ".join("%s %d" % kv for kv in d["dealsByManager"].items()),
        created_later=d["createdAtLaterStage"], backward=d["backwardMoves"], last_event=d["lastEvent"],
        idle30=d["openIdleOver30Days"], idle90=d["openIdleOver90Days"], won_with_first=d["wonWithFirstStage"],
        median=d["medianFirstToWonSeconds"])
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(here, "..", "web", "samples"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    t0 = time.time()

    rng = random.Random(SEED)
    orders = build_orders(rng)
    records, orders_bytes = write_orders(rng, orders, os.path.join(a.out, "orders_ru.csv"))
    oexp = orders_expectations(records)
    real = [o for o in orders if o["kind"] != "return"]
    oexp["orders"] = len(real)
    oexp["multiLineOrders"] = sum(1 for o in real if len(o["lines"]) > 1)

    rng_d = random.Random(SEED + 1)
    deals, events = gen_deals(rng_d)
    deals_bytes = write_deals(events, os.path.join(a.out, "deals_ru.csv"))
    dexp = deals_expectations(deals, events)

    exp = {"generator": "scripts/gen_sample.py", "seed": SEED,
           "orders_ru.csv": {"encoding": "windows-1251", "delimiter": ";", "lineEnd": "CRLF", **oexp},
           "deals_ru.csv": {"encoding": "utf-8-bom", "delimiter": ",", "lineEnd": "LF", **dexp}}
    with open(os.path.join(a.out, "expected_counts.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1)
        f.write("\n")
    write_readme(os.path.join(a.out, "README.md"), exp, orders_bytes, deals_bytes)

    r = oexp["rows"]
    print("orders_ru.csv: %d records read, %d used, rejected %s, %d return rows (%s), %d cancelled orders"
          % (r["read"], r["used"], json.dumps(r["rejected"]), r["returnRows"], r["returnedAmount"],
             oexp["cancelledOrders"]))
    print("  %s" % json.dumps(oexp["summary"], ensure_ascii=False))
    print("deals_ru.csv: %d rows, %d deals, %d won, %d lost, %d open, reached %s, skipped %s"
          % (dexp["rows"], dexp["deals"], dexp["won"], dexp["lost"], dexp["open"], dexp["reached"],
             dexp["skipped"]))
    print("wrote %s in %.2fs" % (os.path.normpath(a.out), time.time() - t0), file=sys.stderr)


if __name__ == "__main__":
    main()
