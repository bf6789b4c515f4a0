// Agreement on ../shared/bench/gen.py data (100k orders): the engine's RFM grid, cohort matrix and funnel equal the
// independent DuckDB SQL reference (tests/js/sql_reference.mjs), integers exactly and other numbers to 1e-9
// relative; the NTILE grid reproduces W1 of ../shared/bench/ref.py; orders.csv, orders.json and orders.ndjson give
// identical reports.
// The generated data and ref.py's output are cached in tests/out/bench-100k/ (git-ignored), so reruns are fast.
// CRM_BENCH_DIR overrides where gen.py and ref.py are (default: ../shared/bench next to the project).
// Run from the project root: node --test tests/js/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { createEngine } from '../../web/src/index.js';
import { cohortReference, funnelReference, kFunnelStages, rfmReference } from './sql_reference.mjs';
import { AssertClose } from './compare.mjs';

const kRepo = fileURLToPath(new URL('../../', import.meta.url));
const kBenchDir = process.env.CRM_BENCH_DIR ?? resolve(kRepo, '../shared/bench');
const kHaveBench = existsSync(join(kBenchDir, 'gen.py')) && existsSync(join(kBenchDir, 'ref.py'));
const kSkip = kHaveBench ? false : `no gen.py/ref.py in ${kBenchDir} (set CRM_BENCH_DIR)`;
const kOrders = 100000;
const kDataDir = join(kRepo, 'tests/out', `bench-${kOrders / 1000}k`);
const kFiles = ['orders.csv', 'orders.json', 'orders.ndjson', 'deal_stages.csv'];
const kRfmVariants = [['quantile', 5], ['quantile', 3], ['quantile', 10], ['ntile', 5]];


/// gen.py's files for kOrders orders, generated once into kDataDir (through a temporary directory, so that an
/// interrupted run never leaves half a data set) and regenerated when gen.py or ref.py changes; ref.py's output is
/// cached next to them.
function BenchData() {
    const hash = createHash('sha256');
    for (const script of ['gen.py', 'ref.py']) hash.update(readFileSync(join(kBenchDir, script)));
    const stamp = JSON.stringify({ orders: kOrders, scripts: hash.digest('hex') });
    const stampPath = join(kDataDir, 'stamp.json');
    const complete = existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp &&
                     kFiles.every((f) => existsSync(join(kDataDir, f)));
    if (!complete) {
        const tmp = `${kDataDir}.tmp-${process.pid}`;
        rmSync(tmp, { recursive: true, force: true });
        mkdirSync(join(kRepo, 'tests/out'), { recursive: true });
        execFileSync('python3', [join(kBenchDir, 'gen.py'), '--orders', String(kOrders), '--out', tmp],
                     { stdio: ['ignore', 'ignore', 'pipe'] });
        writeFileSync(join(tmp, 'stamp.json'), stamp);
        rmSync(kDataDir, { recursive: true, force: true });
        renameSync(tmp, kDataDir);
    }
    const refPath = join(kDataDir, 'ref.json');
    if (!existsSync(refPath)) {
        const text = execFileSync('python3', [join(kBenchDir, 'ref.py'), kDataDir], { encoding: 'utf8' });
        writeFileSync(`${refPath}.${process.pid}`, text);
        renameSync(`${refPath}.${process.pid}`, refPath);
    }
    return JSON.parse(readFileSync(refPath, 'utf8'));
}

let ref;               // ref.py's {W1, W2, W3}
const engines = {};    // format -> engine holding orders.<format> (and, for csv, deal_stages.csv)
const reports = {};    // format -> {rfm: {variant -> rfm}, cohorts, summary, rows}

/// The reports the tests compare, for one orders file format.
function Reports(engine) {
    const out = { rfm: {} };
    for (const [method, n] of kRfmVariants) {
        const r = engine.analyze({ analyses: ['summary', 'rfm'], includeFiles: false, rfm: { method, n } });
        out.rfm[`${method}${n}`] = r.rfm;
        out.summary = r.summary;
        out.rows = r.rows;
    }
    out.cohorts = engine.analyze({ analyses: ['cohorts'], includeFiles: false }).cohorts;
    return out;
}

before(async () => {
    if (!kHaveBench) return;
    ref = BenchData();
    for (const format of ['csv', 'json', 'ndjson']) {
        const engine = await createEngine();
        engines[format] = engine;
        const loaded = engine.loadFile(`orders.${format}`, readFileSync(join(kDataDir, `orders.${format}`)));
        assert.equal(loaded.file.format, format);
        assert.equal(loaded.file.kind, 'orders');
        reports[format] = Reports(engine);
    }
    engines.csv.loadFile('deal_stages.csv', readFileSync(join(kDataDir, 'deal_stages.csv')));
});

after(() => {
    for (const engine of Object.values(engines)) engine.release();
});

test('RFM grid and breakpoints equal the SQL reference (quantile n = 5, 3, 10; ntile n = 5)', { skip: kSkip },
     async () => {
         for (const [method, n] of kRfmVariants) {
             const want = await rfmReference(join(kDataDir, 'orders.csv'), { method, n });
             const got = reports.csv.rfm[`${method}${n}`];
             assert.equal(got.method, method);
             assert.equal(got.n, n);
             AssertClose({ asOf: got.asOf, customers: got.customerCount,
                           breakpoints: method === 'quantile' ? got.breakpoints : null,
                           count: got.grid.count, meanMonetary: got.grid.meanMonetary, meanM: got.grid.meanM },
                         { asOf: want.asOf, customers: want.customers, breakpoints: want.breakpoints,
                           count: want.grid.count, meanMonetary: want.grid.meanMonetary, meanM: want.grid.meanM },
                         `rfm ${method} n=${n}`);
         }
     });

test('the NTILE grid reproduces W1 of ref.py', { skip: kSkip }, () => {
    const got = reports.csv.rfm.ntile5;
    const w1 = ref.W1;
    AssertClose({ asOf: got.asOf, customers: got.customerCount, count: got.grid.count,
                  meanMonetary: got.grid.meanMonetary, meanM: got.grid.meanM },
                { asOf: w1.asOf, customers: w1.customers, count: w1.count, meanMonetary: w1.meanMonetary,
                  meanM: w1.meanM }, 'W1');
});

test('cohort matrix equals the SQL reference (active exact; retention and revenue to 1e-9)', { skip: kSkip },
     async () => {
         const want = await cohortReference(join(kDataDir, 'orders.csv'));
         const got = reports.csv.cohorts;
         assert.equal(got.period, 'month');
         AssertClose({ cohorts: got.cohorts, sizes: got.sizes, active: got.active, retention: got.retention,
                       revenue: got.revenue }, want, 'cohorts');
         // W2 of ref.py: the same counts, with 0 where a month is past the data (k < 24).
         assert.deepEqual(got.cohorts, ref.W2.cohorts);
         assert.deepEqual(got.active.map((row) => Array.from({ length: 24 }, (_, k) => row[k] ?? 0)), ref.W2.matrix);
     });

const kFunnelKeys = ['stages', 'deals', 'reached', 'skipped', 'stepConversion', 'won', 'lost', 'open', 'winRate',
                     'medianFirstToWonSeconds'];
const Pick = (funnel) => Object.fromEntries(kFunnelKeys.map((k) => [k, funnel[k]]));

test('funnel equals the SQL reference, with the stage order given and inferred', { skip: kSkip }, async () => {
    const want = await funnelReference(join(kDataDir, 'deal_stages.csv'));
    const given = engines.csv.analyze({ analyses: ['funnel'], funnel: { stages: kFunnelStages } }).funnel;
    assert.equal(given.order, 'given');
    AssertClose(Pick(given), want, 'funnel, stages given');
    const inferred = engines.csv.analyze({ analyses: ['funnel'] }).funnel;
    assert.equal(inferred.order, 'inferred');
    AssertClose(Pick(inferred), want, 'funnel, stages inferred');
    // W3 of ref.py: reached, step conversion and median lead-to-won.
    const w3 = ref.W3;
    AssertClose({ stages: given.stages, deals: given.deals, reached: given.reached,
                  conversion: given.stepConversion.slice(1), median: given.medianFirstToWonSeconds },
                { stages: w3.stages, deals: w3.deals, reached: w3.reached, conversion: w3.conversion,
                  median: w3.medianLeadToWonSeconds }, 'W3');
});

test('orders.csv, orders.json and orders.ndjson give identical reports', { skip: kSkip }, () => {
    assert.equal(reports.csv.rows.read, kOrders);
    for (const format of ['json', 'ndjson']) {
        for (const key of ['rows', 'summary', 'cohorts']) {
            assert.ok(isDeepStrictEqual(reports[format][key], reports.csv[key]), `${key} of orders.${format}`);
        }
        for (const variant of Object.keys(reports.csv.rfm)) {
            assert.ok(isDeepStrictEqual(reports[format].rfm[variant], reports.csv.rfm[variant]),
                      `rfm ${variant} of orders.${format}`);
        }
    }
});
