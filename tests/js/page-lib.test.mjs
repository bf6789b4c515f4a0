// The page's pure helpers (web/page/lib/): table sorting, stage reordering, role edits, the analysis request,
// filter values and drill-down tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moveItem, nextSort, sortRows } from '../../web/page/lib/sort.js';
import { changeRole, rolesByColumn } from '../../web/page/lib/roles.js';
import { buildRequest, normalizeParams, parseNumberList, thresholdsFromBreakpoints } from '../../web/page/lib/request.js';
import { filterValues } from '../../web/page/lib/dimensions.js';
import { columnKind, drillTable, rfmCustomers } from '../../web/page/lib/drill.js';

test('rows sort by number, by text in the page locale, empty cells last', () => {
    const rows = [{ v: 10 }, { v: null }, { v: 2 }, { v: '' }, { v: 33 }, { v: 2 }];
    const get = (r) => r.v;
    assert.deepEqual(sortRows(rows, get, 'asc').map(get), [2, 2, 10, 33, null, '']);
    assert.deepEqual(sortRows(rows, get, 'desc').map(get), [33, 10, 2, 2, null, '']);
    const names = [{ v: 'Яна' }, { v: 'анна' }, { v: 'Борис' }, { v: 'item 10' }, { v: 'item 9' }];
    // The Russian collation puts Cyrillic before Latin, ignores case and compares digits as numbers.
    assert.deepEqual(sortRows(names, get, 'asc', 'ru-RU').map(get), ['анна', 'Борис', 'Яна', 'item 9', 'item 10']);
    // Stable: equal values keep their order.
    const tied = [{ v: 1, id: 'a' }, { v: 1, id: 'b' }, { v: 0, id: 'c' }];
    assert.deepEqual(sortRows(tied, get, 'desc').map((r) => r.id), ['a', 'b', 'c']);
    assert.notEqual(sortRows(rows, get), rows, 'a copy');
});

test('clicking a header sorts ascending, then descending', () => {
    const cases = [
        { current: null, key: 'a', next: { key: 'a', direction: 'asc' } },
        { current: { key: 'a', direction: 'asc' }, key: 'a', next: { key: 'a', direction: 'desc' } },
        { current: { key: 'a', direction: 'desc' }, key: 'a', next: { key: 'a', direction: 'asc' } },
        { current: { key: 'a', direction: 'desc' }, key: 'b', next: { key: 'b', direction: 'asc' } },
    ];
    for (const c of cases) assert.deepEqual(nextSort(c.current, c.key), c.next, JSON.stringify(c));
});

test('stages move up and down within the list', () => {
    const list = ['lead', 'qualified', 'proposal', 'won'];
    const cases = [
        { index: 1, delta: -1, out: ['qualified', 'lead', 'proposal', 'won'] },
        { index: 1, delta: 1, out: ['lead', 'proposal', 'qualified', 'won'] },
        { index: 0, delta: -1, out: list },
        { index: 3, delta: 1, out: list },
        { index: 7, delta: -1, out: list },
    ];
    for (const c of cases) assert.deepEqual(moveItem(list, c.index, c.delta), c.out, JSON.stringify(c));
});

test('a role edit names the column and clears the roles it had', () => {
    const current = { customer: 'Email', date: 'Дата', amount: 'Сумма', channel: 'Канал' };
    const cases = [
        // Channel column gets no role: its old role is removed.
        { overrides: {}, column: 'Канал', role: 'none', out: { channel: null } },
        // Email becomes the phone: customer no longer points at it.
        { overrides: {}, column: 'Email', role: 'email', out: { customer: null, email: 'Email' } },
        // A new column for the date: the old date column just loses it (the engine moves the role).
        { overrides: {}, column: 'Создан', role: 'date', out: { date: 'Создан' } },
        // Earlier overrides are kept; one naming the same column is cleared.
        { overrides: { manager: 'Канал' }, column: 'Канал', role: 'region', out: { manager: null, channel: null, region: 'Канал' } },
        // Choosing the role it already has changes nothing but says so.
        { overrides: {}, column: 'Сумма', role: 'amount', out: { amount: 'Сумма' } },
    ];
    for (const c of cases) assert.deepEqual(changeRole(c.overrides, current, c.column, c.role), c.out, JSON.stringify(c));
});

test('each column shows its role', () => {
    const report = {
        columns: [{ name: 'A', role: 'customer' }, { name: 'B', role: 'none' }, { name: 'C' }],
        roles: { customer: 'A', date: 'C' },
    };
    assert.deepEqual(rolesByColumn(report), { A: 'customer', B: 'none', C: 'date' });
    assert.deepEqual(rolesByColumn(null), {});
});

test('the request holds only what the engine should not decide', () => {
    const defaults = buildRequest({}, {});
    assert.deepEqual(defaults, {
        rfm: { method: 'quantile', n: 5, monetary: 'total' },
        cohorts: { period: 'month', by: 'firstPurchase' },
        funnel: { mode: 'reached' },
    });
    const full = buildRequest(
        { rfm: { method: 'fixed', n: 3 }, funnel: { mode: 'strict', stages: ['a', 'b'] }, asOf: '2024-05-01' },
        { from: '2024-01-01', to: '', channels: ['Сайт'], managers: [], statuses: ['Новый'], pipelines: [] },
        { analyses: ['cohorts'], drill: { cohort: '2024-01', offset: 2 } });
    assert.deepEqual(full, {
        rfm: { method: 'fixed', n: 3, monetary: 'total' },
        cohorts: { period: 'month', by: 'firstPurchase' },
        funnel: { mode: 'strict', stages: ['a', 'b'] },
        asOf: '2024-05-01',
        filters: { from: '2024-01-01', channels: ['Сайт'], statuses: ['Новый'] },
        analyses: ['cohorts'],
        drill: { cohort: '2024-01', offset: 2 },
    });
    // Thresholds go with the fixed method only.
    const thresholds = { recency: [30, 90], frequency: [1, 3], monetary: [1000, 5000] };
    assert.deepEqual(buildRequest({ rfm: { method: 'fixed', n: 3, thresholds } }, {}).rfm, { method: 'fixed', n: 3, monetary: 'total', thresholds });
    assert.deepEqual(buildRequest({ rfm: { method: 'ntile', n: 3, thresholds } }, {}).rfm, { method: 'ntile', n: 3, monetary: 'total' });
    assert.equal(normalizeParams({ rfm: { n: '7' } }).rfm.n, 7);
    assert.equal(normalizeParams({ rfm: { n: 2 } }).rfm.n, 5);
    assert.equal(normalizeParams({ funnel: { stages: [] } }).funnel.stages, null);
});

test('threshold fields read numbers and start from the quantile breakpoints', () => {
    const cases = [
        { text: '30 90 180', out: [30, 90, 180] },
        { text: ' 1,5; 2,25  3 ', out: [1.5, 2.25, 3] },
        { text: '10.5 20', out: [10.5, 20] },
        { text: '', out: [] },
        { text: '30 ninety', out: null },
    ];
    for (const c of cases) assert.deepEqual(parseNumberList(c.text), c.out, JSON.stringify(c.text));
    // The sample's quantile breakpoints (n = 5): recency/frequency rounded to whole numbers, money to cents.
    const breakpoints = { recency: [36.6, 115, 261.8, 408.4], frequency: [1, 1, 1, 3], monetary: [1383.424, 3529.2, 6823.6, 14568.2] };
    assert.deepEqual(thresholdsFromBreakpoints(breakpoints, 5), { recency: [37, 115, 262, 408], frequency: [1, 1, 1, 3], monetary: [1383.42, 3529.2, 6823.6, 14568.2] });
    assert.equal(thresholdsFromBreakpoints(breakpoints, 4), null, 'n - 1 values are needed');
    assert.equal(thresholdsFromBreakpoints(null, 5), null, 'NTILE has no breakpoints');
});

test('filter values come from describe().dimensions, else from the report', () => {
    const described = { dimensions: { channels: ['Сайт', 'Avito'], managers: [{ value: 'Bob', rows: 3 }, { value: 'Ann', rows: 1 }], statuses: [], pipelines: null } };
    const report = { funnel: { bySource: [{ source: 'Звонок' }], byManager: [{ manager: 'Zoe' }], byPipeline: [{ pipeline: 'Опт' }] } };
    // The engine's order (most rows first) is kept; a list the engine does not give comes from the report.
    assert.deepEqual(filterValues(described, report), { channels: ['Сайт', 'Avito'], managers: ['Bob', 'Ann'], statuses: [], pipelines: ['Опт'] });
    const groups = { funnel: { bySource: [{ source: 'Сайт' }, { source: 'Avito' }], byManager: [], byPipeline: [] } };
    assert.deepEqual(filterValues({}, groups), { channels: ['Avito', 'Сайт'], managers: [], statuses: [], pipelines: [] });
    assert.deepEqual(filterValues(null, null), { channels: [], managers: [], statuses: [], pipelines: [] });
});

test('drill-downs list the customers or deals behind a mark', () => {
    const rfm = { customers: [{ customer: 'a', r: 5, f: 1, segment: 'New' }, { customer: 'b', r: 5, f: 2, segment: 'New' }, { customer: 'c', r: 1, f: 1, segment: 'Lost' }] };
    assert.deepEqual(rfmCustomers(rfm, { r: 5, f: 1 }).map((c) => c.customer), ['a']);
    assert.deepEqual(rfmCustomers(rfm, { r: '5', f: '2' }).map((c) => c.customer), ['b']);
    assert.deepEqual(rfmCustomers(rfm, { segment: 'New' }).map((c) => c.customer), ['a', 'b']);
    assert.deepEqual(rfmCustomers(null, { segment: 'New' }), []);
    const table = drillTable({ columns: ['customer', 'purchases', 'share', 'firstPurchase'], rows: [['x', 2, 0.5, '2024-01-02'], ['y', 1, null, '2024-02-03']] }, (n) => n.toUpperCase());
    assert.deepEqual(table.columns.map((c) => [c.label, c.kind]), [['CUSTOMER', 'text'], ['PURCHASES', 'integer'], ['SHARE', 'number'], ['FIRSTPURCHASE', 'date']]);
    assert.deepEqual(table.rows[1], { 0: 'y', 1: 1, 2: null, 3: '2024-02-03' });
    // Rows may also come as objects keyed by column name.
    assert.deepEqual(drillTable({ columns: ['deal', 'status'], rows: [{ deal: '7', status: 'won' }] }, String).rows, [{ 0: '7', 1: 'won' }]);
    assert.equal(columnKind('mystery', [['2024-01-01']], 0), 'date');
    assert.equal(columnKind('mystery', [[null], ['x']], 0), 'text');
});
