// The ES module API (web/src/index.js) on the bundled sample: planted counts, rejected rows, loadRows(),
// configureFile(), filters, bad requests and a memory-leak check.
// Expected values come from web/samples/expected_counts.json (counted by the generator from what it planted) and
// from the small CSV model below, which reads orders_ru.csv on its own and must first reproduce those planted
// counts before it is trusted for filtered numbers. Nothing here is copied from the engine's output.
// Run from the project root: node --test tests/js/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, loadModule, CrmEngine, CrmError } from '../../web/src/index.js';
import { warmUpFiles } from '../../web/src/warm-up.js';

const kRepo = fileURLToPath(new URL('../../', import.meta.url));
const kSamples = join(kRepo, 'web/samples');
const kOrdersBytes = readFileSync(join(kSamples, 'orders_ru.csv'));
const kDealsBytes = readFileSync(join(kSamples, 'deals_ru.csv'));
const kExpected = JSON.parse(readFileSync(join(kSamples, 'expected_counts.json'), 'utf8'));
const kOrdersFacts = kExpected['orders_ru.csv'];
const kDealsFacts = kExpected['deals_ru.csv'];
const kReasons = ['missingCustomer', 'badDate', 'badAmount', 'excludedStatus', 'duplicate'];

// ---------------------------------------------------------------------------------------------------------------
// A small independent model of orders_ru.csv (SPEC §2 as the sample README describes it).

/// RFC 4180 records of `text`: [{fields, line (1-based line of the record's start), raw (the record's text)}].
function ParseCsv(text, delimiter) {
    const records = [];
    let i = 0;
    let line = 1;
    while (i < text.length) {
        const start = i;
        const startLine = line;
        const fields = [];
        for (;;) {
            let field = '';
            if (text[i] === '"') {
                for (i++; ; i++) {
                    if (i >= text.length) throw new Error(`unterminated quote in the record of line ${startLine}`);
                    if (text[i] === '"' && text[i + 1] === '"') {
                        field += '"';
                        i++;
                    } else if (text[i] === '"') {
                        i++;
                        break;
                    } else {
                        if (text[i] === '\n') line++;
                        field += text[i];
                    }
                }
            }
            while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
            fields.push(field);
            if (text[i] === delimiter) {
                i++;
                continue;
            }
            break;
        }
        const raw = text.slice(start, i);
        if (text[i] === '\r') i++;
        if (text[i] === '\n') {
            i++;
            line++;
        }
        records.push({ fields, line: startLine, raw });
    }
    return records;
}

/// 'dd.mm.yyyy hh:mm' -> 'yyyy-mm-dd', null when it is not a real calendar date.
function ParseRuDate(text) {
    const m = /^(\d{2})\.(\d{2})\.(\d{4})(?: \d{2}:\d{2}(?::\d{2})?)?$/.exec(text.trim());
    if (!m) return null;
    const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
    if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
    return `${m[3]}-${m[2]}-${m[1]}`;
}

/// '1 234,56 руб.' -> 123456 (integer kopecks), null when it is not an amount.
function ParseRuCents(text) {
    const bare = text.replace(/\s*(руб\.|р\.)$/, '').replace(/[\s\u00a0]/g, '');
    const m = /^(-?)(\d+),(\d{2})$/.exec(bare);
    if (!m) return null;
    return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
}

/// SPEC §2 phone identity: digits only, an 11-digit number starting with 8 starts with 7.
function PhoneDigits(text) {
    const digits = text.replace(/\D/g, '');
    return digits.length === 11 && digits[0] === '8' ? `7${digits.slice(1)}` : digits;
}

const kColumns = { order: 0, date: 1, email: 3, phone: 4, amount: 5, status: 6, channel: 7, manager: 8 };
const kExcludedStatuses = new Set(Object.keys(kOrdersFacts.excludedStatusRows));

/// Default identity: e-mail (trimmed, lower-cased), else phone digits.
function DefaultCustomer(field) {
    return field('email').trim().toLowerCase() || PhoneDigits(field('phone'));
}

/// Reads the sample: {counts, used: [{order, day, cents, customer, channel, manager, status, isReturn}], rejects}.
/// Order-level fields written on an order's first line only apply to its other lines (SPEC §2).
function OrdersModel(customerOf = DefaultCustomer) {
    const text = new TextDecoder('windows-1251').decode(kOrdersBytes);
    const records = ParseCsv(text, ';').slice(1);
    const counts = { read: 0, used: 0, missingCustomer: 0, badDate: 0, badAmount: 0, excludedStatus: 0, duplicate: 0 };
    const seen = new Set();
    const firstLine = new Map();
    const used = [];
    const rejects = [];
    for (const record of records) {
        const f = record.fields;
        if (f.every((v) => v === '')) continue;  // an all-empty record is not a row
        counts.read++;
        let reason = null;
        if (seen.has(record.raw)) {
            reason = 'duplicate';
        } else {
            seen.add(record.raw);
            if (!firstLine.has(f[kColumns.order])) firstLine.set(f[kColumns.order], f);
            const first = firstLine.get(f[kColumns.order]);
            const field = (name) => f[kColumns[name]] || first[kColumns[name]];
            const day = ParseRuDate(field('date'));
            const cents = ParseRuCents(f[kColumns.amount]);
            const customer = customerOf(field);
            const status = field('status');
            if (!customer) reason = 'missingCustomer';
            else if (!day) reason = 'badDate';
            else if (cents === null) reason = 'badAmount';
            else if (cents >= 0 && kExcludedStatuses.has(status)) reason = 'excludedStatus';
            if (!reason) {
                used.push({ order: f[kColumns.order], day, cents, customer, status, channel: f[kColumns.channel],
                            manager: f[kColumns.manager], isReturn: cents < 0 });
            }
        }
        if (reason) {
            counts[reason]++;
            rejects.push({ line: record.line, reason, raw: record.raw });
        } else {
            counts.used++;
        }
    }
    return { counts, used, rejects };
}

/// Expected summary of the used rows passing `keep(row)`: purchases are distinct order ids, as-of the day after the
/// last purchase, returns netted. `lateReturns` counts passing return rows dated on or after the as-of date.
function ExpectedSummary(model, keep = () => true) {
    const rows = model.used.filter(keep);
    const purchases = rows.filter((r) => !r.isReturn);
    const returns = rows.filter((r) => r.isReturn);
    const days = purchases.map((r) => r.day).sort();
    const last = days.at(-1);
    const asOf = new Date(Date.parse(`${last}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
    const gross = purchases.reduce((s, r) => s + r.cents, 0);
    const returned = returns.reduce((s, r) => s - r.cents, 0);
    return {
        asOf,
        firstDate: days[0],
        lastPurchase: last,
        customers: new Set(purchases.map((r) => r.customer)).size,
        purchases: new Set(purchases.map((r) => r.order)).size,
        grossCents: gross,
        returnRows: returns.length,
        returnedCents: returned,
        revenueCents: gross - returned,
        lateReturns: returns.filter((r) => r.day >= asOf).length,
    };
}

const Cents = (amount) => Math.round(amount * 100);

let engine;
let model;
before(async () => {
    engine = await createEngine();
    model = OrdersModel();
});
after(() => engine?.release());

/// A fresh engine holding the two sample files.
async function SampleEngine() {
    const e = await createEngine();
    e.loadFile('orders_ru.csv', kOrdersBytes);
    e.loadFile('deals_ru.csv', kDealsBytes);
    return e;
}

// ---------------------------------------------------------------------------------------------------------------

test('the independent CSV model reproduces the planted counts (so it can be trusted for filters)', () => {
    const planted = kOrdersFacts.rows;
    assert.deepEqual(model.counts, { read: planted.read, used: planted.used, ...planted.rejected });
    const s = ExpectedSummary(model);
    const facts = kOrdersFacts.summary;
    assert.deepEqual({ asOf: s.asOf, firstDate: s.firstDate, lastPurchase: s.lastPurchase, customers: s.customers,
                       purchases: s.purchases, grossCents: s.grossCents, revenueCents: s.revenueCents,
                       returnRows: s.returnRows, returnedCents: s.returnedCents },
                     { asOf: facts.asOf, firstDate: facts.firstDate, lastPurchase: facts.lastPurchase,
                       customers: facts.customers, purchases: facts.purchases,
                       grossCents: Cents(Number(facts.purchaseRevenue)), revenueCents: Cents(Number(facts.revenue)),
                       returnRows: planted.returnRows, returnedCents: Cents(Number(planted.returnedAmount)) });
});

test('loadFile on the sample: rows accounting equals the planted counts', () => {
    engine.clear();
    const loaded = engine.loadFile('orders_ru.csv', kOrdersBytes);
    assert.equal(loaded.ok, true);
    const file = loaded.file;
    assert.equal(file.encoding, kOrdersFacts.encoding);
    assert.equal(file.delimiter, kOrdersFacts.delimiter);
    assert.equal(file.kind, 'orders');
    const planted = kOrdersFacts.rows;
    for (const rows of [file.rows, engine.describe().rows, engine.analyze({ analyses: ['summary'] }).rows]) {
        assert.equal(rows.read, planted.read);
        assert.equal(rows.used, planted.used);
        for (const reason of kReasons) assert.equal(rows.rejected[reason], planted.rejected[reason], reason);
        const rejected = Object.values(rows.rejected).reduce((s, n) => s + n, 0);
        assert.equal(rows.read, rows.used + rejected, 'rows.read == used + sum(rejected)');
        assert.equal(rows.returnRows, planted.returnRows);
        assert.equal(Cents(rows.returnedAmount), Cents(Number(planted.returnedAmount)));
        assert.deepEqual(rows.excludedStatuses, kOrdersFacts.excludedStatusRows);
    }
});

test('summary of the sample equals the planted summary', () => {
    engine.clear();
    engine.loadFile('orders_ru.csv', kOrdersBytes);
    const s = engine.analyze({ analyses: ['summary'] }).summary;
    const facts = kOrdersFacts.summary;
    assert.equal(s.asOf, facts.asOf);
    assert.equal(s.firstDate, facts.firstDate);
    assert.equal(s.lastPurchase, facts.lastPurchase);
    assert.equal(s.customers, facts.customers);
    assert.equal(s.purchases, facts.purchases);
    assert.equal(Cents(s.grossRevenue), Cents(Number(facts.purchaseRevenue)));
    // Monthly series from the model: purchases, distinct customers and first-time customers per month.
    const months = new Map();
    const firstMonth = new Map();
    for (const r of model.used.filter((u) => !u.isReturn).sort((a, b) => (a.day < b.day ? -1 : 1))) {
        const m = r.day.slice(0, 7);
        if (!firstMonth.has(r.customer)) firstMonth.set(r.customer, m);
        if (!months.has(m)) months.set(m, { orders: new Set(), customers: new Set(), fresh: new Set() });
        months.get(m).orders.add(r.order);
        months.get(m).customers.add(r.customer);
        if (firstMonth.get(r.customer) === m) months.get(m).fresh.add(r.customer);
    }
    assert.deepEqual(s.months.map((m) => [m.month, m.purchases, m.customers, m.newCustomers]),
                     [...months].map(([m, v]) => [m, v.orders.size, v.customers.size, v.fresh.size]));
});

test('summary revenue nets every return row, including the one dated on the as-of day', () => {
         engine.clear();
         engine.loadFile('orders_ru.csv', kOrdersBytes);
         const report = engine.analyze({ analyses: ['summary', 'rfm'] });
         const s = report.summary;
         // README: net revenue 9206960.52 = 9249376.74 - 42416.22 (all 17 return rows).
         assert.equal(Cents(s.revenue), Cents(Number(kOrdersFacts.summary.revenue)));
         assert.equal(s.returnRows, kOrdersFacts.rows.returnRows);
         // The late return (line 3989, -3 490,00) is netted against its customer's RFM monetary too.
         const late = model.used.filter((r) => r.isReturn && r.day >= kOrdersFacts.summary.asOf);
         assert.equal(late.length, 1);
         const net = model.used.filter((r) => r.customer === late[0].customer).reduce((sum, r) => sum + r.cents, 0);
         assert.equal(Cents(report.rfm.customers.find((c) => c.customer === late[0].customer).monetary), net);
     });

test('rejected rows carry file, line, column, value and reason of the planted rows', () => {
    engine.clear();
    engine.loadFile('orders_ru.csv', kOrdersBytes);
    const rejected = engine.rejectedRows();
    assert.equal(rejected.length, Math.min(1000, kOrdersFacts.rows.read - kOrdersFacts.rows.used));
    for (const row of rejected) assert.equal(row.file, 'orders_ru.csv');
    // Every rejected line is the model's, in file order, with the same reason.
    assert.deepEqual(rejected.map((r) => [r.line, r.reason]), model.rejects.map((r) => [r.line, r.reason]));
    // The planted rows (every reason but excludedStatus) with their column and value.
    const planted = rejected.filter((r) => r.reason !== 'excludedStatus');
    assert.equal(planted.length, kOrdersFacts.plantedRejects.length);
    planted.forEach((got, i) => {
        const want = kOrdersFacts.plantedRejects[i];
        const where = `planted reject #${i} (line ${want.line})`;
        assert.equal(got.line, want.line, where);
        assert.equal(got.reason, want.reason, where);
        if (want.column !== null) {
            assert.equal(got.columnName, want.column, where);
            // The sample's header: 'Дата оформления' is field 2, 'Сумма' field 6.
            assert.equal(got.column, { 'Дата оформления': 2, 'Сумма': 6 }[want.column], where);
        }
        if (want.value !== null) assert.equal(got.value, want.value, where);
    });
    // analyze({rejectedRows: n}) includes the same first n rows.
    const report = engine.analyze({ analyses: ['summary'], rejectedRows: 5 });
    assert.deepEqual(report.rejectedRows, rejected.slice(0, 5));
});

test('a duplicate row shows the start of its own text', () => {
    engine.clear();
    engine.loadFile('orders_ru.csv', kOrdersBytes);
    const raw = new Map(model.rejects.map((r) => [r.line, r.raw]));
    const duplicates = engine.rejectedRows().filter((r) => r.reason === 'duplicate');
    assert.equal(duplicates.length, kOrdersFacts.rows.rejected.duplicate);
    for (const d of duplicates) {
        const shown = d.value.replace(/\uFFFD$/, '');
        assert.ok(shown.length > 0 && raw.get(d.line).startsWith(shown), `line ${d.line}: '${d.value}'`);
    }
});

test('a shortened duplicate value is never cut inside a character', () => {
         engine.clear();
         engine.loadFile('orders_ru.csv', kOrdersBytes);
         const broken = engine.rejectedRows().filter((r) => r.value.includes('\uFFFD')).map((r) => r.line);
         assert.deepEqual(broken, []);
     });

test('the deal log gives the planted funnel', async () => {
    const e = await createEngine();
    try {
        e.loadFile('deals_ru.csv', kDealsBytes);
        const f = e.analyze({ analyses: ['funnel'] }).funnel;
        assert.deepEqual(f.stages, kDealsFacts.stages);
        assert.equal(f.deals, kDealsFacts.deals);
        assert.deepEqual(f.reached, kDealsFacts.reached);
        assert.deepEqual(f.skipped, kDealsFacts.skipped);
        assert.deepEqual([f.won, f.lost, f.open], [kDealsFacts.won, kDealsFacts.lost, kDealsFacts.open]);
        assert.equal(f.winRate, kDealsFacts.won / (kDealsFacts.won + kDealsFacts.lost));
        assert.equal(f.medianFirstToWonSeconds, kDealsFacts.medianFirstToWonSeconds);
        assert.equal(f.timeToWon.count, kDealsFacts.wonWithFirstStage);
        assert.deepEqual(Object.fromEntries(f.lossReasons.map((r) => [r.reason, r.deals])), kDealsFacts.lossReasons);
        assert.deepEqual(Object.fromEntries(f.byManager.map((m) => [m.manager, m.deals])), kDealsFacts.dealsByManager);
        assert.deepEqual(Object.fromEntries(f.byManager.map((m) => [m.manager, m.skipped[1]])),
                         kDealsFacts.skippedQualificationByManager);
        assert.equal(f.stalled.count, kDealsFacts.openIdleOver30Days);
        const f90 = e.analyze({ analyses: ['funnel'], funnel: { stalledDays: 90 } }).funnel;
        assert.equal(f90.stalled.count, kDealsFacts.openIdleOver90Days);
        // Filtering by manager keeps that manager's deals.
        const one = e.analyze({ analyses: ['funnel'], filters: { managers: ['Сергей Морозов'] } }).funnel;
        assert.equal(one.deals, kDealsFacts.dealsByManager['Сергей Морозов']);
        assert.equal(one.skipped[1], kDealsFacts.skippedQualificationByManager['Сергей Морозов']);
    } finally {
        e.release();
    }
});

// ---------------------------------------------------------------------------------------------------------------

/// Hand-made widget rows: 6 rows; #5 has no customer, #4 is cancelled, #6 repeats #2 exactly.
/// Used: orders 1, 2, 3 -> customers {a@x.ru (orders 1, 3: ' A@x.ru ' and 'a@x.ru' are one), b@x.ru},
/// revenue 100.00 + 250.50 + 49.50 = 400.00, first 2024-01-10, last 2024-03-20, as-of 2024-03-21.
function WidgetRows(keys, dates) {
    const k = keys;
    const people = [['Ivan', ' A@x.ru '], ['Olga', 'b@x.ru'], ['Ivan', 'a@x.ru'], ['Petr', 'c@x.ru'], ['', ''],
                    ['Olga', 'b@x.ru']];
    const amounts = [100, 250.5, 49.5, 999.99, 10, 250.5];
    const paid = [true, true, true, false, true, true];
    const ids = [1, 2, 3, 4, 5, 2];
    return ids.map((id, i) => ({
        [k.id]: id,
        [k.contact]: { [k.name]: people[i][0], [k.email]: people[i][1] },
        [k.date]: dates[i],
        [k.amount]: amounts[i],
        [k.status]: paid[i] ? k.paid : k.cancelled,
    }));
}

const kWidgetCases = [
    {
        what: 'Russian keys, nested contact object, roles guessed',
        rows: WidgetRows({ id: 'Номер', contact: 'Клиент', name: 'ФИО', email: 'Email', date: 'Дата', amount: 'Сумма',
                           status: 'Статус', paid: 'Оплачен', cancelled: 'Отменён' },
                         ['10.01.2024', '15.02.2024', '20.03.2024', '21.03.2024', '22.03.2024', '15.02.2024']),
        options: {},
    },
    {
        what: 'English keys with the roles given by the widget',
        rows: WidgetRows({ id: 'id', contact: 'contact', name: 'name', email: 'email', date: 'created_at',
                           amount: 'price', status: 'status', paid: 'paid', cancelled: 'cancelled' },
                         ['2024-01-10', '2024-02-15', '2024-03-20', '2024-03-21', '2024-03-22', '2024-02-15']),
        options: { kind: 'orders', roles: { orderId: 'id', email: 'contact.email', date: 'created_at', amount: 'price',
                                            status: 'status' } },
    },
];

test('loadRows() takes an array of objects (the CRM widget case)', async () => {
    for (const c of kWidgetCases) {
        const e = await createEngine();
        try {
            const loaded = e.loadRows('widget', c.rows, c.options);
            assert.equal(loaded.file.kind, 'orders', c.what);
            const r = e.analyze({ analyses: ['summary'] });
            assert.deepEqual({ read: r.rows.read, used: r.rows.used, missingCustomer: r.rows.rejected.missingCustomer,
                               excludedStatus: r.rows.rejected.excludedStatus, duplicate: r.rows.rejected.duplicate },
                             { read: 6, used: 3, missingCustomer: 1, excludedStatus: 1, duplicate: 1 }, c.what);
            const s = r.summary;
            assert.deepEqual([s.customers, s.purchases, Cents(s.revenue), s.firstDate, s.lastPurchase, s.asOf],
                             [2, 3, 40000, '2024-01-10', '2024-03-20', '2024-03-21'], c.what);
        } finally {
            e.release();
        }
    }
    assert.throws(() => engine.loadRows('x', { not: 'an array' }), TypeError);
});

test('loadRows() with the sample as objects gives the planted counts', async () => {
    const text = new TextDecoder('windows-1251').decode(kOrdersBytes);
    const [header, ...records] = ParseCsv(text, ';');
    const objects = records.filter((r) => r.fields.some((v) => v !== ''))
        .map((r) => Object.fromEntries(header.fields.map((name, i) => [name, r.fields[i]])));
    const e = await createEngine();
    try {
        e.loadRows('orders.json', objects);
        const r = e.analyze({ analyses: ['summary'] });
        const planted = kOrdersFacts.rows;
        assert.equal(r.rows.read, planted.read);
        assert.equal(r.rows.used, planted.used);
        for (const reason of kReasons) assert.equal(r.rows.rejected[reason], planted.rejected[reason], reason);
        assert.equal(r.summary.customers, kOrdersFacts.summary.customers);
        assert.equal(r.summary.purchases, kOrdersFacts.summary.purchases);
        assert.equal(Cents(r.summary.grossRevenue), Cents(Number(kOrdersFacts.summary.purchaseRevenue)));
    } finally {
        e.release();
    }
});

test('configureFile() changes roles without the bytes being passed again', () => {
    engine.clear();
    engine.loadFile('orders_ru.csv', kOrdersBytes);
    assert.equal(engine.analyze({ analyses: ['summary'] }).summary.customers, kOrdersFacts.summary.customers);

    // 'Телефон' as the customer id column: the id as written (trimmed), else the e-mail (SPEC §2 identity order).
    const byPhone = OrdersModel((field) => field('phone').trim() || field('email').trim().toLowerCase());
    const configured = engine.configureFile('orders_ru.csv', { roles: { customer: 'Телефон' } });
    assert.equal(configured.file.roles.customer, 'Телефон');
    let s = engine.analyze({ analyses: ['summary'] }).summary;
    const want = ExpectedSummary(byPhone);
    assert.notEqual(want.customers, kOrdersFacts.summary.customers);
    assert.equal(s.customers, want.customers);
    assert.equal(s.purchases, want.purchases);

    // Phone only (no e-mail role): rows without a phone lose their customer.
    const phoneOnly = OrdersModel((field) => field('phone').trim());
    engine.configureFile('orders_ru.csv', { roles: { customer: 'Телефон', email: null } });
    const r = engine.analyze({ analyses: ['summary'] });
    assert.equal(r.rows.used, phoneOnly.counts.used);
    assert.equal(r.rows.rejected.missingCustomer, phoneOnly.counts.missingCustomer);
    assert.equal(r.summary.customers, ExpectedSummary(phoneOnly).customers);

    // Back to the guessed roles.
    engine.configureFile('orders_ru.csv', {});
    s = engine.analyze({ analyses: ['summary'] }).summary;
    assert.equal(s.customers, kOrdersFacts.summary.customers);
    assert.throws(() => engine.configureFile('nope.csv', {}), (e) => e instanceof CrmError && e.code === 'badRequest');
});

// Filters: the model's rows passing the same filter give the expected summary.
const kFilterCases = [
    { filters: { channels: ['Сайт'] }, keep: (r) => r.channel === 'Сайт' },
    { filters: { channels: ['Instagram', 'Розница'] },
      keep: (r) => r.channel === 'Instagram' || r.channel === 'Розница' },
    { filters: { managers: ['Анна Смирнова', 'Игорь Никитин'] },
      keep: (r) => r.manager === 'Анна Смирнова' || r.manager === 'Игорь Никитин' },
    { filters: { from: '2024-01-01', to: '2024-06-30' }, keep: (r) => r.day >= '2024-01-01' && r.day <= '2024-06-30' },
    { filters: { from: '2024-03-01', channels: ['Маркетплейс'] },
      keep: (r) => r.day >= '2024-03-01' && r.channel === 'Маркетплейс' },
    { filters: { to: '2023-12-31', managers: ['Сергей Морозов'] },
      keep: (r) => r.day <= '2023-12-31' && r.manager === 'Сергей Морозов' },
    { filters: { statuses: ['Доставлен'] }, keep: (r) => r.status === 'Доставлен' },
];

test('filters change the summary as the data says', async (t) => {
    engine.clear();
    engine.loadFile('orders_ru.csv', kOrdersBytes);
    const all = ExpectedSummary(model);
    for (const c of kFilterCases) {
        const want = ExpectedSummary(model, c.keep);
        const label = JSON.stringify(c.filters);
        const s = engine.analyze({ analyses: ['summary'], filters: c.filters }).summary;
        assert.ok(want.purchases < all.purchases, `${label} keeps fewer purchases`);
        assert.deepEqual({ asOf: s.asOf, firstDate: s.firstDate, lastPurchase: s.lastPurchase, customers: s.customers,
                           purchases: s.purchases, grossCents: Cents(s.grossRevenue) },
                         { asOf: want.asOf, firstDate: want.firstDate, lastPurchase: want.lastPurchase,
                           customers: want.customers, purchases: want.purchases, grossCents: want.grossCents }, label);
        // Returns: a kept return row dated on or after the default as-of date is netted too.
        await t.test(`returns netted under ${label}`, () => {
            assert.deepEqual([s.returnRows, Cents(s.returnedAmount), Cents(s.revenue)],
                             [want.returnRows, want.returnedCents, want.revenueCents]);
        });
    }
});

test('analyze() with a bad request throws CrmError code badRequest, and the engine stays usable', () => {
    engine.clear();
    engine.loadFile('orders_ru.csv', kOrdersBytes);
    engine.loadFile('deals_ru.csv', kDealsBytes);
    const bad = [
        { analyses: ['nope'] },
        { analyses: 'rfm' },
        { unknownKey: 1 },
        { asOf: '31.12.2024' },
        { filters: { from: 'yesterday' } },
        { filters: { region: ['Москва'] } },
        { filters: { channels: 'Сайт' } },
        { rejectedRows: 5000 },
        { analyses: ['rfm'], rfm: { n: 2 } },
        { analyses: ['rfm'], rfm: { n: 11 } },
        { analyses: ['rfm'], rfm: { method: 'kmeans' } },
        { analyses: ['rfm'], rfm: { monetary: 'median' } },
        { analyses: ['rfm'], rfm: 5 },
        { analyses: ['cohorts'], cohorts: { period: 'decade' } },
        { analyses: ['cohorts'], cohorts: { weekStart: 'someday' } },
        { analyses: ['funnel'], funnel: { mode: 'loose' } },
    ];
    for (const request of bad) {
        for (const call of [(r) => engine.analyze(r), (r) => engine.analyzeText(r)]) {
            assert.throws(() => call(request), (e) => {
                assert.ok(e instanceof CrmError, JSON.stringify(request));
                assert.equal(e.code, 'badRequest', JSON.stringify(request));
                assert.ok(e.message.length > 0);
                return true;
            }, JSON.stringify(request));
        }
    }
    assert.equal(engine.analyze({ analyses: ['summary'] }).summary.customers, kOrdersFacts.summary.customers);
});

test('analyzeText() is the report analyze() gives, as JSON text', () => {
    engine.clear();
    engine.loadFile('orders_ru.csv', kOrdersBytes);
    engine.loadFile('deals_ru.csv', kDealsBytes);
    for (const request of [{}, { analyses: ['rfm'], rfm: { method: 'ntile' } }, { analyses: ['funnel'], rejectedRows: 3 }]) {
        const text = engine.analyzeText(request);
        assert.equal(typeof text, 'string');
        assert.deepEqual(JSON.parse(text), engine.analyze(request), JSON.stringify(request));
    }
});

/**
 * Runs `call` `times` times on an engine of `module` with memory growth blocked (a failed grow makes malloc
 * return 0: ABORTING_MALLOC=0), and returns how often growth was tried and how many bytes the heap lost.
 */
function MeasureLeak(module, call, times) {
    const grow = WebAssembly.Memory.prototype.grow;
    let growCalls = 0;
    let blockGrowth = false;
    // Emscripten grows memory through wasmMemory.grow() from JS, so a spy on the prototype sees every attempt.
    WebAssembly.Memory.prototype.grow = function (...args) {
        growCalls++;
        if (blockGrowth) throw new RangeError('growth blocked by the test');
        return grow.apply(this, args);
    };
    /// Bytes that can still be allocated in 4 KiB blocks without growing memory.
    const freeBytes = () => {
        const blocks = [];
        for (let p = module._malloc(4096); p; p = module._malloc(4096)) blocks.push(p);
        for (const p of blocks) module._free(p);
        return blocks.length * 4096;
    };
    try {
        const heapBefore = module.HEAPU8.length;
        const handlesBefore = module.count_emval_handles();
        blockGrowth = true;
        const freeBefore = freeBytes();
        growCalls = 0;
        for (let i = 0; i < times; i++) call();
        const callsGrowing = growCalls;
        const freeAfter = freeBytes();
        assert.equal(module.HEAPU8.length, heapBefore);
        assert.equal(module.count_emval_handles(), handlesBefore);
        return { growCalls: callsGrowing, lostBytes: freeBefore - freeAfter };
    } finally {
        WebAssembly.Memory.prototype.grow = grow;
    }
}

test('100 analyze() calls after a warm-up leak no wasm memory', async () => {
    // An engine on the realm's module instance, so that the test sees the memory the engine uses.
    const module = await loadModule();
    const e = new CrmEngine(module);
    e.loadFile('orders_ru.csv', kOrdersBytes);
    e.loadFile('deals_ru.csv', kDealsBytes);
    try {
        const request = { analyses: ['summary', 'rfm', 'cohorts', 'funnel'], filters: { from: '2023-06-01' },
                          rejectedRows: 10 };
        for (let i = 0; i < 5; i++) e.analyze(request);
        const { growCalls, lostBytes } = MeasureLeak(module, () => e.analyze(request), 100);
        assert.equal(growCalls, 0, 'analyze() tried to grow memory');
        // Allow 4 blocks of allocator noise; a leak of 164 bytes per call would show.
        assert.ok(lostBytes <= 16384, `free heap shrank by ${lostBytes} bytes`);
    } finally {
        e.release();
    }
});

test('warmUp() leaves the engine\'s files and reports as they were, and leaks no wasm memory', async () => {
    const module = await loadModule();
    const e = new CrmEngine(module);
    try {
        e.loadFile('orders_ru.csv', kOrdersBytes);
        e.loadFile('deals_ru.csv', kDealsBytes);
        const request = { analyses: ['summary', 'rfm', 'cohorts', 'funnel'], rejectedRows: 10 };
        const before = { report: e.analyze(request), described: e.describe(), rejected: e.rejectedRows() };
        assert.ok(e.warmUp() > 0);
        assert.deepEqual({ report: e.analyze(request), described: e.describe(), rejected: e.rejectedRows() }, before);
        const { lostBytes } = MeasureLeak(module, () => e.warmUp(), 3);
        assert.ok(lostBytes <= 16384, `free heap shrank by ${lostBytes} bytes over 3 warm-ups`);
    } finally {
        e.release();
    }
});

// What each warm-up file must be read as: a file the engine misread would warm up other paths than real files take.
const kWarmUpFiles = [
    { name: 'warm-up-orders.csv', format: 'csv', delimiter: ',', decimalSeparator: '.', kind: 'orders' },
    { name: 'warm-up-orders-ru.csv', format: 'csv', delimiter: ';', decimalSeparator: ',', kind: 'orders' },
    { name: 'warm-up-orders.json', format: 'json', decimalSeparator: '.', kind: 'orders' },
    { name: 'warm-up-orders.ndjson', format: 'ndjson', decimalSeparator: '.', kind: 'orders' },
    { name: 'warm-up-deals.csv', format: 'csv', delimiter: ',', kind: 'dealEvents' },
];

test('the warm-up files are read as the formats and kinds they stand for, each row used or excluded as written',
     async () => {
    const rows = 300;
    const files = warmUpFiles(rows);
    assert.deepEqual(files.map((f) => [f.name, f.kind]), kWarmUpFiles.map((c) => [c.name, c.kind]));
    for (const c of kWarmUpFiles) {
        const { text } = files.find((f) => f.name === c.name);
        const e = await createEngine();
        try {
            const { file } = e.loadFile(c.name, text);
            assert.deepEqual(Object.fromEntries(Object.keys(c).map((key) => [key, file[key]])), c);
            // Orders with the status "cancelled" are excluded by default; everything else is used.
            const cancelled = text.split('\n').filter((line) => line.includes('cancelled')).length;
            const r = e.analyze({ analyses: ['summary'] });
            assert.deepEqual({ read: r.rows.read, used: r.rows.used, excluded: r.rows.rejected.excludedStatus },
                             { read: rows, used: rows - cancelled, excluded: cancelled }, c.name);
            if (c.kind === 'orders') {
                assert.ok(cancelled > 0 && cancelled < rows / 2, `${c.name}: ${cancelled} cancelled`);
            }
        } finally {
            e.release();
        }
    }
});

// Chunks of `bytes` of the given sizes, cycling, as an async iterable (a stand-in for File.stream()).
async function* Chunks(bytes, sizes) {
    for (let at = 0, i = 0; at < bytes.length; i++) {
        const size = sizes[i % sizes.length];
        yield bytes.subarray(at, at + size);
        at += size;
    }
}

test('loadStream() in chunks of any size reads the same as loadFile()', async () => {
    engine.clear();
    const whole = engine.loadFile('orders_ru.csv', kOrdersBytes).file;
    const cases = [[1 << 20], [997], [1, 2, 3, 65536], [kOrdersBytes.length]];
    for (const sizes of cases) {
        engine.clear();
        const streamed = (await engine.loadStream('orders_ru.csv', kOrdersBytes.length, Chunks(kOrdersBytes, sizes))).file;
        assert.deepEqual(streamed, whole, `chunk sizes ${sizes}`);
    }
    const readable = new Blob([kOrdersBytes]).stream();  // a WHATWG ReadableStream, as File.stream() gives
    engine.clear();
    assert.deepEqual((await engine.loadStream('orders_ru.csv', kOrdersBytes.length, readable)).file, whole);
});

test('loadStream() with a size that does not match the stream fails clearly and the engine stays usable', async () => {
    const cases = [
        { size: kOrdersBytes.length + 5, message: /ended after 505388 of 505393 bytes/ },
        { size: kOrdersBytes.length - 5, message: /holds more than the 505383 bytes announced/ },
    ];
    for (const { size, message } of cases) {
        await assert.rejects(engine.loadStream('o.csv', size, Chunks(kOrdersBytes, [4096])),
                             (e) => e instanceof CrmError && e.code === 'badRequest' && message.test(e.message));
    }
    engine.clear();
    assert.equal(engine.loadFile('orders_ru.csv', kOrdersBytes).ok, true);
});

test('progress: bytes and rows grow to the file size and the rows read, every 65536 rows and at the end', async () => {
    // 150,000 data rows of 3 fields: progress after rows 65536 and 131072, then once at the end.
    const lines = ['customer,date,amount'];
    for (let i = 0; i < 150000; i++) lines.push(`c${i % 5000},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${i % 100}.50`);
    const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
    const calls = [];
    engine.clear();
    const loaded = await engine.loadStream('p.csv', bytes.length, Chunks(bytes, [1 << 16]), {},
                                           { onProgress: (p) => calls.push(p) });
    const reading = calls.filter((p) => p.phase === 'reading');
    const parsing = calls.filter((p) => p.phase === 'parsing');
    assert.equal(reading.length, Math.ceil(bytes.length / (1 << 16)));
    assert.equal(reading.at(-1).bytes, bytes.length);
    assert.deepEqual(parsing.map((p) => p.rows), [65536, 131072, 150000]);
    // Row 65537 starts after the header line and 65536 data lines.
    const rowStart = lines.slice(0, 65537).reduce((sum, line) => sum + line.length + 1, 0);
    assert.equal(parsing[0].bytes, rowStart - lines[65536].length - 1);
    assert.deepEqual(parsing.at(-1), { phase: 'parsing', bytes: bytes.length, totalBytes: bytes.length, rows: 150000 });
    assert.equal(loaded.file.rows.read, 150000);
    const again = [];
    engine.configureFile('p.csv', {}, { onProgress: (p) => again.push(p.rows) });
    assert.deepEqual(again, [65536, 131072, 150000]);
});

test('loadFile() reads any {size, read(position, length)} source piece by piece, again for configureFile()', () => {
    engine.clear();
    const whole = engine.loadFile('orders_ru.csv', kOrdersBytes).file;
    const reads = [];
    const source = {
        size: kOrdersBytes.length,
        read(position, length) {
            reads.push([position, length]);
            return kOrdersBytes.subarray(position, position + length);
        },
    };
    engine.clear();
    assert.deepEqual(engine.loadFile('orders_ru.csv', source).file, whole);
    // 505,388 bytes, smaller than the 1 MiB head: the first read asks for all of them.
    assert.deepEqual(reads[0], [0, kOrdersBytes.length]);
    assert.ok(reads.every(([position, length]) => position >= 0 && length > 0 && position < kOrdersBytes.length));
    const before = reads.length;
    engine.configureFile('orders_ru.csv', {});
    assert.ok(reads.length > before, 'configureFile() read the source again');
    assert.equal(reads[before][0], 0, 'from its first byte');
});

// A Blob as blobReader() sees it (slice) and a FileReaderSync over it that counts its reads (workers only in
// browsers; Node has neither, so both are stood in for here).
class FakeBlob {
    constructor(bytes, start = 0, end = bytes.length) {
        Object.assign(this, { bytes, start, end, size: end - start });
    }
    slice(start, end) {
        return new FakeBlob(this.bytes, this.start + start, this.start + Math.min(end, this.size));
    }
}

test('a Blob is read in blocks of 16 MiB whatever piece sizes the engine asks for, every byte in order and once, again after a rewind', async () => {
    const { blobReader } = await import('../../web/src/byte-readers.js');
    const kMiB = 1 << 20;
    const cases = [
        { what: 'empty', size: 0, piece: kMiB, blocks: 0 },
        { what: 'one byte', size: 1, piece: kMiB, blocks: 1 },
        { what: 'just under a block', size: 16 * kMiB - 1, piece: kMiB, blocks: 1 },
        { what: 'a block', size: 16 * kMiB, piece: kMiB, blocks: 1 },
        { what: 'a block and a byte', size: 16 * kMiB + 1, piece: kMiB, blocks: 2 },
        { what: 'pieces across blocks', size: 40 * kMiB + 123, piece: 3 * kMiB + 7, blocks: 3 },
        { what: 'pieces larger than a block', size: 40 * kMiB, piece: 20 * kMiB, blocks: 2 },
    ];
    const source = new Uint8Array(40 * kMiB + 123);
    for (let i = 0; i < source.length; i++) source[i] = (i * 2654435761) >>> 24;
    const heap = new Uint8Array(24 * kMiB);
    const saved = globalThis.FileReaderSync;
    let reads = 0, bytesRead = 0;
    globalThis.FileReaderSync = class {
        readAsArrayBuffer(blob) {
            reads++;
            bytesRead += blob.size;
            return blob.bytes.slice(blob.start, blob.end).buffer;
        }
    };
    try {
        for (const c of cases) {
            const reader = blobReader({ HEAPU8: heap }, new FakeBlob(source.subarray(0, c.size)));
            for (let pass = 0; pass < 2; pass++) {
                reads = 0;
                bytesRead = 0;
                let position = 0;
                for (let n; (n = reader.read(8, c.piece)) > 0; position += n) {
                    assert.ok(n <= c.piece, c.what);
                    assert.deepEqual(heap.subarray(8, 8 + n), source.subarray(position, position + n), `${c.what}: bytes at ${position}`);
                }
                assert.equal(position, c.size, c.what);
                assert.equal(reads, c.blocks, `${c.what}: reads of the Blob`);
                assert.equal(bytesRead, c.size, `${c.what}: bytes read from the Blob (none twice)`);
                reader.rewind();
            }
        }
    } finally {
        globalThis.FileReaderSync = saved;
    }
});

test('a source that fails to read gives CrmError readFailed, and the engine stays usable', () => {
    engine.clear();
    const failing = {
        size: 3 << 20,
        read(position, length) {
            if (position >= 1 << 20) throw new Error('NotReadableError: the file changed');
            return new Uint8Array(length).fill(0x61);  // "aaaa...": one column, no line end yet
        },
    };
    assert.throws(() => engine.loadFile('gone.csv', failing),
                  (e) => e instanceof CrmError && e.code === 'readFailed' && /the file changed/.test(e.message) &&
                         e.file === 'gone.csv');
    assert.equal(engine.loadFile('orders_ru.csv', kOrdersBytes).ok, true);
});

test('a Blob can be loaded by loadFile() only in a worker (elsewhere: loadStream)', () => {
    assert.throws(() => engine.loadFile('o.csv', new Blob([kOrdersBytes])), /only in a worker/);
});
