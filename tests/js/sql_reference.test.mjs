// Proves the SQL reference (sql_reference.mjs) before the engine is compared with it:
// 1. hand-computed small cases (expected values worked out in the comments, not copied from any output);
// 2. on gen.py data, agreement with ../shared/bench/ref.py's W1 (NTILE RFM grid), W2 (cohort counts) and W3 (funnel).
// Run from the project root: node --test tests/js/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cohortReference, duckdbQuantileBreakpoints, funnelReference, rfmReference } from './sql_reference.mjs';
import { AssertClose } from './compare.mjs';

const kBenchDir = process.env.CRM_BENCH_DIR ?? fileURLToPath(new URL('../../../shared/bench/', import.meta.url));
const kHaveBench = existsSync(join(kBenchDir, 'gen.py')) && existsSync(join(kBenchDir, 'ref.py'));


let work;
before(() => {
    work = mkdtempSync(join(tmpdir(), 'crm-sqlref-'));
});
after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------
// Hand-computed small cases.
// Paid orders (as-of = last paid date 2024-12-31 + 1 = 2025-01-01; cancelled/refunded rows are ignored even when
// later or larger):
//   c1: 2024-11-01 30.00, 2024-12-01 20.00, 2024-12-30 10.00 -> recency 2,   F 3, M 6000 cents
//   c2: 2024-12-31 5.50  (refunded 2024-10-01 1000.00 ignored)  -> recency 1,   F 1, M 550
//   c3: 2024-06-01 100.00, 2024-07-01 100.01                    -> recency 184 (Jul..Dec = 31+31+30+31+30+31), F 2, M 20001
//   c4: 2024-01-01 1.00                                         -> recency 366 (2024 is a leap year), F 1, M 100
//   c5: 2024-12-01 40.00, 2024-12-15 0.99, 2024-12-20 9.01      -> recency 12,  F 3, M 5000
//   c6: only a cancelled order -> not a customer. c1's cancelled 2025-01-05 order does not move the as-of date.
const kSmallOrders = `order_id,customer_id,order_date,amount,channel,manager,status
1,4,2024-01-01,1.00,web,Alice Novak,paid
2,3,2024-06-01,100.00,web,Alice Novak,paid
3,3,2024-07-01,100.01,phone,Alice Novak,paid
4,2,2024-10-01,1000.00,web,James O'Neil,refunded
5,1,2024-11-01,30.00,web,Alice Novak,paid
6,1,2024-12-01,20.00,retail,Alice Novak,paid
7,5,2024-12-01,40.00,web,Alice Novak,paid
8,5,2024-12-15,0.99,web,Alice Novak,paid
9,5,2024-12-20,9.01,web,Alice Novak,paid
10,1,2024-12-30,10.00,web,Alice Novak,paid
11,2,2024-12-31,5.50,web,James O'Neil,paid
12,6,2024-12-31,999.00,web,Alice Novak,cancelled
13,1,2025-01-05,70.00,web,Alice Novak,cancelled
`;

test('RFM quantile scoring, hand-computed (n = 3, N = 5: h = 4k/3 -> 1 + 1/3 and 2 + 2/3)', async () => {
    const path = join(work, 'small_orders.csv');
    writeFileSync(path, kSmallOrders);
    const got = await rfmReference(path, { method: 'quantile', n: 3 });
    // recency sorted [1, 2, 12, 184, 366]: q1 = 2 + (12-2)/3 = 16/3, q2 = 12 + 2(184-12)/3 = 380/3
    // frequency sorted [1, 1, 2, 3, 3]:    q1 = 1 + 1/3 = 4/3,        q2 = 2 + 2/3 = 8/3
    // monetary cents [100, 550, 5000, 6000, 20001]: q1 = 550 + 4450/3 = 2033.33.. -> 20.333.. units,
    //                                                q2 = 5000 + 2000/3 = 5666.66.. -> 56.666.. units
    // R = 3 - #{rec > q}: c2 (1) 3, c1 (2) 3, c5 (12) 2, c3 (184) 1, c4 (366) 1
    // F = 1 + #{f > q}:   c2 1, c4 1, c3 2, c1 3, c5 3
    // M = 1 + #{m > q}:   c4 1, c2 1, c5 2, c1 3, c3 3
    // cells [R-1][F-1]: c1 [2][2] 60.00 M3; c2 [2][0] 5.50 M1; c3 [0][1] 200.01 M3; c4 [0][0] 1.00 M1; c5 [1][2] 50.00 M2
    AssertClose(got, {
        asOf: '2025-01-01',
        customers: 5,
        breakpoints: { recency: [16 / 3, 380 / 3], frequency: [4 / 3, 8 / 3], monetary: [6100 / 300, 17000 / 300] },
        grid: {
            count: [[1, 1, 0], [0, 0, 1], [1, 0, 1]],
            meanMonetary: [[1.0, 200.01, null], [null, null, 50.0], [5.5, null, 60.0]],
            meanM: [[1, 3, null], [null, null, 2], [1, null, 3]],
        },
    }, 'quantile n=3');
});

test('RFM NTILE scoring, hand-computed (n = 3 on 5 customers: buckets of 2, 2, 1)', async () => {
    const path = join(work, 'small_orders.csv');
    writeFileSync(path, kSmallOrders);
    const got = await rfmReference(path, { method: 'ntile', n: 3 });
    // R by recency DESC: c4 366, c3 184 | c5 12, c1 2 | c2 1       -> c4 1, c3 1, c5 2, c1 2, c2 3
    // F by frequency ASC, id ASC: c2 1, c4 1 | c3 2, c1 3 | c5 3   -> c2 1, c4 1, c3 2, c1 2, c5 3
    // M by monetary ASC: c4 100, c2 550 | c5 5000, c1 6000 | c3 20001 -> c4 1, c2 1, c5 2, c1 2, c3 3
    // cells: c1 [1][1] 60.00 M2; c2 [2][0] 5.50 M1; c3 [0][1] 200.01 M3; c4 [0][0] 1.00 M1; c5 [1][2] 50.00 M2
    AssertClose(got, {
        asOf: '2025-01-01',
        customers: 5,
        breakpoints: null,
        grid: {
            count: [[1, 1, 0], [0, 1, 1], [1, 0, 0]],
            meanMonetary: [[1.0, 200.01, null], [null, 60.0, 50.0], [5.5, null, null]],
            meanM: [[1, 3, null], [null, 2, 2], [1, null, null]],
        },
    }, 'ntile n=3');
});

test('cohorts, hand-computed (gaps between cohort months, nulls after the last paid month)', async () => {
    const path = join(work, 'small_orders.csv');
    writeFileSync(path, kSmallOrders);
    const got = await cohortReference(path);
    // first paid months: c4 2024-01, c3 2024-06, c1 2024-11, c2 and c5 2024-12 (c2's refunded 2024-10 row is not a
    // purchase); offsets 0..11 (2024-01..2024-12); a cohort starting in month c has cells up to k = 2024-12 - c.
    const z = (count) => Array(count).fill(0);
    const nul = (count) => Array(count).fill(null);
    AssertClose(got, {
        cohorts: ['2024-01', '2024-06', '2024-11', '2024-12'],
        sizes: [1, 1, 1, 2],
        active: [[1, ...z(11)], [1, 1, ...z(5), ...nul(5)], [1, 1, ...nul(10)], [2, ...nul(11)]],
        retention: [[1, ...z(11)], [1, 1, ...z(5), ...nul(5)], [1, 1, ...nul(10)], [1, ...nul(11)]],
        // 2024-11 cohort: Nov 30.00, Dec 20.00 + 10.00; 2024-12 cohort: 40.00 + 0.99 + 9.01 + 5.50 = 55.50
        revenue: [[1.0, ...z(11)], [100.0, 100.01, ...z(5), ...nul(5)], [30.0, 30.0, ...nul(10)], [55.5, ...nul(11)]],
    }, 'cohorts');
});

// d1 full path (lead twice: the earliest counts), lead 01-01 00:00 -> won 01-11 00:00 = 864000 s
// d2 lead -> proposal (skips qualified) -> lost
// d3 created at negotiation -> won (skips lead, qualified, proposal; no lead, so not in the median)
// d4 lead -> qualified -> proposal -> qualified (backward move changes nothing), open
// d5 lead only, open
// d6 lead 02-01 08:00:00 -> qualified -> won 02-03 08:00:30 (skips proposal, negotiation) = 2 d + 30 s = 172830 s
// d7 lead -> lost -> won (won wins over lost), lead 03-01 00:00 -> won 03-02 00:00 = 86400 s
const kSmallDeals = `deal_id,stage,entered_at,manager
1,lead,2024-01-01T00:00:00,A
1,qualified,2024-01-02T00:00:00,A
1,lead,2024-01-02T12:00:00,A
1,proposal,2024-01-03T00:00:00,A
1,negotiation,2024-01-05T00:00:00,A
1,won,2024-01-11T00:00:00,A
2,lead,2024-01-03T00:00:00,B
2,proposal,2024-01-04T00:00:00,B
2,lost,2024-01-09T00:00:00,B
3,negotiation,2024-01-10T00:00:00,B
3,won,2024-01-20T00:00:00,B
4,lead,2024-01-12T00:00:00,A
4,qualified,2024-01-13T00:00:00,A
4,proposal,2024-01-14T00:00:00,A
4,qualified,2024-01-15T00:00:00,A
5,lead,2024-01-16T00:00:00,A
6,lead,2024-02-01T08:00:00,B
6,qualified,2024-02-02T00:00:00,B
6,won,2024-02-03T08:00:30,B
7,lead,2024-03-01T00:00:00,A
7,lost,2024-03-01T12:00:00,A
7,won,2024-03-02T00:00:00,A
`;

test('funnel, hand-computed (skips, creation at a later stage, backward move, lost then won)', async () => {
    const path = join(work, 'small_deals.csv');
    writeFileSync(path, kSmallDeals);
    const got = await funnelReference(path);
    // max rank: d1 4, d2 2, d3 4, d4 2, d5 0, d6 4, d7 4
    // reached: >=0: 7; >=1: all but d5 = 6; >=2: 6; >=3: d1 d3 d6 d7 = 4; >=4: 4
    // skipped: lead {d3}; qualified {d2, d3, d7}; proposal {d3, d6, d7}; negotiation {d6, d7}; won none
    // won {d1, d3, d6, d7} = 4; lost without won {d2} = 1; open {d4, d5} = 2; win rate 4 / 5
    // lead -> won seconds: d7 86400, d6 172830, d1 864000 -> median 172830
    AssertClose(got, {
        stages: ['lead', 'qualified', 'proposal', 'negotiation', 'won'],
        deals: 7,
        reached: [7, 6, 6, 4, 4],
        skipped: [1, 3, 3, 2, 0],
        stepConversion: [null, 6 / 7, 1, 4 / 6, 1],
        won: 4,
        lost: 1,
        open: 2,
        winRate: 0.8,
        medianFirstToWonSeconds: 172830,
    }, 'funnel');
});

// ---------------------------------------------------------------------------------------------------------------
// Agreement with ../shared/bench/ref.py on gen.py data.
const kBenchSkip = kHaveBench ? false : `no gen.py/ref.py in ${kBenchDir} (set CRM_BENCH_DIR)`;
let bench;

function BenchData() {
    if (!bench) {
        const dir = join(work, 'gen2000');
        execFileSync('python3', [join(kBenchDir, 'gen.py'), '--orders', '2000', '--out', dir, '--no-json'],
                     { stdio: ['ignore', 'ignore', 'pipe'] });
        const ref = JSON.parse(execFileSync('python3', [join(kBenchDir, 'ref.py'), dir], { encoding: 'utf8' }));
        bench = { orders: join(dir, 'orders.csv'), deals: join(dir, 'deal_stages.csv'), ref };
    }
    return bench;
}

test('NTILE RFM grid equals W1 of ref.py', { skip: kBenchSkip }, async () => {
    const { orders, ref } = BenchData();
    const got = await rfmReference(orders, { method: 'ntile', n: 5 });
    const w1 = ref.W1;
    AssertClose({ asOf: got.asOf, customers: got.customers, ...got.grid },
                { asOf: w1.asOf, customers: w1.customers, count: w1.count, meanMonetary: w1.meanMonetary,
                  meanM: w1.meanM }, 'W1');
});

test('quantile RFM: exact breakpoints agree with DuckDB quantile_cont, every customer in the grid', { skip: kBenchSkip },
     async () => {
         const { orders, ref } = BenchData();
         for (const n of [3, 5, 7, 10]) {
             const got = await rfmReference(orders, { method: 'quantile', n });
             AssertClose(got.breakpoints, await duckdbQuantileBreakpoints(orders, n), `breakpoints n=${n}`);
             assert.equal(got.asOf, ref.W1.asOf);
             assert.equal(got.grid.count.flat().reduce((s, c) => s + c, 0), ref.W1.customers, `grid total n=${n}`);
             for (const [name, bp] of Object.entries(got.breakpoints)) {
                 assert.equal(bp.length, n - 1, `${name} breakpoints n=${n}`);
                 for (let k = 1; k < bp.length; k++) assert.ok(bp[k - 1] <= bp[k], `${name} ascending n=${n}`);
             }
         }
     });

test('cohort active counts equal W2 of ref.py (k < 24, null where W2 has 0 past the data)', { skip: kBenchSkip },
     async () => {
         const { orders, ref } = BenchData();
         const got = await cohortReference(orders);
         const w2 = ref.W2;
         assert.deepEqual(got.cohorts, w2.cohorts);
         const ours = got.active.map((row) => Array.from({ length: 24 }, (_, k) => row[k] ?? 0));
         AssertClose(ours, w2.matrix, 'W2 matrix');
         AssertClose(got.sizes, w2.matrix.map((r) => r[0]), 'sizes');
         // gen.py's window is 2023-01..2024-12: 24 offsets; a cell is null exactly when its month is after 2024-12.
         const month = (s) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1;
         const lastMonth = month('2024-12');
         got.active.forEach((row, i) => {
             assert.equal(row.length, 24, `width of row ${i}`);
             row.forEach((v, k) => assert.equal(v === null, month(got.cohorts[i]) + k > lastMonth, `null at [${i}][${k}]`));
         });
         got.retention.forEach((row, i) => row.forEach((v, k) => {
             assert.equal(v, got.active[i][k] === null ? null : got.active[i][k] / got.sizes[i]);
         }));
     });

test('funnel deals, reached, conversion and median lead-to-won equal W3 of ref.py', { skip: kBenchSkip }, async () => {
    const { deals, ref } = BenchData();
    const got = await funnelReference(deals);
    const w3 = ref.W3;
    AssertClose({ stages: got.stages, deals: got.deals, reached: got.reached, conversion: got.stepConversion.slice(1),
                  median: got.medianFirstToWonSeconds },
                { stages: w3.stages, deals: w3.deals, reached: w3.reached, conversion: w3.conversion,
                  median: w3.medianLeadToWonSeconds }, 'W3');
    // W3's lostDeals counts every deal with a lost event; ours leaves out those that were also won.
    assert.ok(got.lost <= w3.lostDeals);
    assert.equal(got.won, got.reached[4]);
    assert.equal(got.won + got.lost + got.open, got.deals);
});
