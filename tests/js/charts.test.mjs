// The Vega-Lite spec module (web/src/charts/): every builder, every measure and grouping, compiled with vega-lite and
// run headlessly in Vega with the expression interpreter (no eval, as under the page's CSP). The data each view
// draws (`view.data('table')`) is checked against numbers read straight from the report — a real one built by the
// engine from the sample files, and small hand-made ones whose expected rows are written out by hand.
// Run from the project root: node --test tests/js/charts.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { createEngine } from '../../web/src/index.js';
import * as charts from '../../web/src/charts/index.js';

// vega, vega-lite and vega-interpreter live in web/node_modules (ES modules only): resolve them from there.
const requireFromWeb = createRequire(new URL('../../web/package.json', import.meta.url));
const importFromWeb = (name) => import(pathToFileURL(requireFromWeb.resolve(name)).href);
const { compile } = await importFromWeb('vega-lite');
const vega = await importFromWeb('vega');
const { expressionInterpreter } = await importFromWeb('vega-interpreter');

const { LABELS_RU, LABELS_UK, DEFAULT_LABELS } = charts;

// ---------------------------------------------------------------------------------------------------------------
// The real report: the engine on the two sample files.

const kWasm = new URL('../../web/dist/crm_engine.wasm', import.meta.url);
assert.ok(existsSync(kWasm), 'web/dist/crm_engine.wasm is missing: build the wasm module first (scripts/build)');
const kSamples = new URL('../../web/samples/', import.meta.url);
const engine = await createEngine();
engine.loadFile('orders_ru.csv', readFileSync(new URL('orders_ru.csv', kSamples)));
engine.loadFile('deals_ru.csv', readFileSync(new URL('deals_ru.csv', kSamples)));
const kReport = engine.analyze({});

// ---------------------------------------------------------------------------------------------------------------
// Rendering helpers.

/** Compiles a spec and runs it in a headless Vega view with the AST interpreter: {view, rows, raw, svg, warnings}. */
async function render(spec) {
    const warnings = [];
    // `width: 'container'` listens to window resizes; Node has no window (a browser does).
    const kNodeOnly = 'Can not resolve event source: window';
    const logger = {
        level() { return this; },
        warn: (...args) => { if (args.join(' ') !== kNodeOnly) warnings.push(args.join(' ')); },
        error: (...args) => warnings.push(`error: ${args.join(' ')}`),
        info() {},
        debug() {},
    };
    const compiled = compile(spec, { logger });
    const view = new vega.View(vega.parse(compiled.spec, null, { ast: true }), {
        renderer: 'none', expr: expressionInterpreter, logger,
    });
    await view.runAsync();
    const raw = view.data('table');
    const rows = raw.map((row) => JSON.parse(JSON.stringify(row)));
    const svg = await view.toSVG();
    view.finalize();
    return { view, raw, rows, svg, warnings };
}

/** Runs `fn` with the Function constructor and eval replaced by throwing stand-ins (what a no-eval CSP does). */
async function withoutEval(fn) {
    const savedFunction = globalThis.Function;
    const savedEval = globalThis.eval;
    globalThis.Function = function Function() { throw new EvalError('the Function constructor was called'); };
    globalThis.eval = () => { throw new EvalError('eval was called'); };
    try {
        return await fn();
    } finally {
        globalThis.Function = savedFunction;
        globalThis.eval = savedEval;
    }
}

/** The texts an SVG shows (the content of its <text> elements, entities decoded). */
function svgTexts(svg) {
    const decode = (text) => text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"')
        .replaceAll('&#39;', "'").replaceAll('&amp;', '&');
    return new Set([...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1])));
}

/** The keys of a drawn row whose value is null or undefined (must be none: unobservable cells are left out). */
function nullKeys(row) {
    return Object.keys(row).filter((key) => row[key] === null || row[key] === undefined);
}

function sum(values) {
    return values.reduce((total, value) => total + value, 0);
}

/** A drawn cohort row as {cohort, offset, value, partial}. */
function cellOf(row) {
    return { cohort: row.cohort, offset: row.offset, value: row.value, partial: row.partial === true };
}

/** The non-null cells of a cohort matrix, in cohort then offset order, as {cohort, offset, value, partial}. */
function observableCells(cohorts, matrix) {
    const out = [];
    cohorts.cohorts.forEach((cohort, i) => {
        matrix[i].forEach((value, k) => {
            if (value !== null) out.push({ cohort, offset: k, value, partial: cohorts.partialOffsets[i] === k });
        });
    });
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Every builder and option on the real report. `check(rows)` compares the drawn rows with the report; `keys` are
// the drill keys every datum must carry; `ruTitle` is an axis or legend title the Russian SVG must show.

const rfm = kReport.rfm;
const cohorts = kReport.cohorts;
const funnel = kReport.funnel;
const summary = kReport.summary;

function checkCohortHeatmap(measure) {
    return (rows) => {
        assert.deepEqual(rows.map(cellOf), observableCells(cohorts, cohorts[measure]));
        for (const row of rows) {
            const i = cohorts.cohorts.indexOf(row.cohort);
            assert.equal(row.size, cohorts.sizes[i], `size of ${row.cohort}`);
            if (measure === 'active') continue;
            assert.equal(row.active, cohorts.active[i][row.offset], `active ${row.cohort}/${row.offset}`);
        }
        // Every cohort's partial cell is flagged once (the sample's last month is partial).
        assert.equal(rows.filter((r) => r.partial).length, cohorts.partialOffsets.filter((k) => k !== null).length);
    };
}

const kRealCases = [
    {
        name: 'overviewRevenue draws one bar per month with the month revenue, purchases and customers',
        id: 'overviewRevenue', options: {}, keys: ['month'], ruTitle: LABELS_RU.revenue,
        check(rows) {
            assert.deepEqual(rows, summary.months.map((m) => ({ ...m })));
            assert.ok(Math.abs(sum(rows.map((r) => r.revenue)) - summary.revenue) < 0.005, 'monthly revenue adds up');
            assert.equal(sum(rows.map((r) => r.purchases)), summary.purchases);
        },
    },
    ...charts.RFM_GRID_MEASURES.map((measure) => ({
        name: `rfmGrid (${measure}) draws all n×n cells whose counts add up to the customer count`,
        id: 'rfmGrid', options: { measure }, keys: ['r', 'f'], ruTitle: LABELS_RU.frequencyScore,
        check(rows) {
            assert.equal(rows.length, rfm.n * rfm.n);
            assert.equal(sum(rows.map((r) => r.count)), rfm.customerCount);
            for (const row of rows) {
                const at = (matrix) => matrix[row.r - 1][row.f - 1];
                assert.equal(row.count, at(rfm.grid.count), `count R${row.r}F${row.f}`);
                assert.equal(row.revenue, at(rfm.grid.revenue), `revenue R${row.r}F${row.f}`);
                assert.equal(row.meanMonetary, at(rfm.grid.meanMonetary) ?? undefined, `mean R${row.r}F${row.f}`);
                assert.equal('meanMonetary' in row, row.count > 0, `mean iff customers in R${row.r}F${row.f}`);
            }
            // The sample has tied frequency breakpoints: F = 2 and 3 are unused, so those columns are drawn empty.
            assert.deepEqual(rfm.unusedScores.f, [2, 3]);
            assert.ok(rows.filter((r) => r.f === 2 || r.f === 3).every((r) => r.count === 0));
        },
    })),
    {
        name: 'rfmSegments draws every segment in report order with customers, shares and translated names',
        id: 'rfmSegments', options: {}, keys: ['segment'], ruTitle: LABELS_RU.share,
        check(rows) {
            assert.deepEqual(rows.map((r) => r.segment), rfm.segments.map((s) => s.name));
            assert.equal(sum(rows.map((r) => r.customers)), rfm.customerCount);
            rows.forEach((row, i) => {
                const s = rfm.segments[i];
                assert.equal(row.customers, s.customers);
                assert.equal(row.share, s.share);
                assert.equal(row.revenueShare, s.revenueShare);
                assert.equal(row.meanMonetary, s.meanMonetary ?? undefined, s.name);
            });
            assert.equal(rows.find((r) => r.segment === 'Champions').label, LABELS_RU.segmentChampions);
            assert.equal(rows.find((r) => r.segment === "Can't lose them").label, LABELS_RU.segmentCantLoseThem);
        },
    },
    ...charts.COHORT_MEASURES.map((measure) => ({
        name: `cohortHeatmap (${measure}) draws exactly the non-null cells of the matrix and flags partial ones`,
        id: 'cohortHeatmap', options: { measure }, keys: ['cohort', 'offset'], ruTitle: LABELS_RU.offsetMonth,
        check: checkCohortHeatmap(measure),
    })),
    {
        name: 'cohortLtv draws one point per non-null cumulative revenue per customer',
        id: 'cohortLtv', options: {}, keys: ['cohort', 'offset'], ruTitle: LABELS_RU.cumulativeRevenuePerCustomer,
        check(rows) {
            assert.deepEqual(rows.map(cellOf), observableCells(cohorts, cohorts.cumulativeRevenuePerCustomer));
        },
    },
    {
        name: 'funnelBars draws the deals reached per stage in stage order with conversions and drop-off',
        id: 'funnelBars', options: {}, keys: ['stage', 'stageIndex'], ruTitle: LABELS_RU.reached,
        check(rows) {
            assert.deepEqual(rows.map((r) => r.stage), funnel.stages);
            assert.deepEqual(rows.map((r) => r.stageIndex), funnel.stages.map((_, s) => s));
            assert.deepEqual(rows.map((r) => r.reached), funnel.reached);
            assert.deepEqual(rows.map((r) => r.skipped), funnel.skipped);
            assert.deepEqual(rows.map((r) => r.stepConversion ?? null), funnel.stepConversion);
            assert.deepEqual(rows.map((r) => r.dropOff ?? null), funnel.dropOff);
            assert.equal('stepConversion' in rows[0], false, 'no step conversion into the first stage');
            assert.equal('dropOff' in rows.at(-1), false, 'no drop-off after the last stage');
        },
    },
    {
        name: 'funnelTimeInStage draws the median and p90 days of each timed stage',
        id: 'funnelTimeInStage', options: {}, keys: ['stage', 'stageIndex'], ruTitle: LABELS_RU.days,
        check(rows) {
            assert.deepEqual(rows.map((r) => [r.stage, r.count, r.stillIn, r.medianDays, r.p90Days]),
                funnel.timeInStage.map((t) => [t.stage, t.count, t.stillIn, t.medianDays, t.p90Days]));
            assert.deepEqual(rows.map((r) => r.stageIndex), rows.map((r) => funnel.stages.indexOf(r.stage)));
        },
    },
    {
        name: 'funnelSkippedHeatmap draws manager × stage skips that add up to the funnel skipped counts',
        id: 'funnelSkippedHeatmap', options: {}, keys: ['manager', 'stage'], ruTitle: LABELS_RU.manager,
        check(rows) {
            assert.equal(rows.length, funnel.byManager.length * funnel.stages.length);
            funnel.stages.forEach((stage, s) => {
                const drawn = rows.filter((r) => r.stage === stage).map((r) => r.skipped);
                assert.equal(sum(drawn), funnel.skipped[s], stage);
            });
            for (const row of rows) {
                const m = funnel.byManager.find((g) => g.manager === row.manager);
                assert.equal(row.skipped, m.skipped[row.stageIndex]);
                assert.equal(row.reached, m.reached[row.stageIndex]);
            }
        },
    },
    ...Object.entries(charts.FUNNEL_BREAKDOWNS).map(([by, key]) => ({
        name: `funnelBreakdown (by ${by}) draws won/lost/open deals per group that add up to all deals`,
        id: 'funnelBreakdown', options: { by }, keys: [by], ruTitle: LABELS_RU[by],
        check(rows) {
            assert.deepEqual(rows.map((r) => [r[by], r.deals, r.won, r.lost, r.open, r.winRate ?? null]),
                funnel[key].map((g) => [g[by], g.deals, g.won, g.lost, g.open, g.winRate]));
            assert.equal(sum(rows.map((r) => r.deals)), funnel.deals);
            for (const row of rows) assert.equal(row.won + row.lost + row.open, row.deals, row[by]);
        },
    })),
];

test('the real-report cases cover every chart and every measure and grouping', () => {
    const covered = new Set(kRealCases.map((c) => `${c.id}:${c.options.measure ?? c.options.by ?? ''}`));
    for (const [id, chart] of Object.entries(charts.CHARTS)) {
        for (const option of chart.measures ?? chart.by ?? ['']) {
            assert.ok(covered.has(`${id}:${option}`), `${id}:${option}`);
        }
    }
});

test('every chart draws exactly the report numbers, without nulls, and renders in Russian', async () => {
    for (const c of kRealCases) {
        const spec = charts.buildChart(c.id, kReport, { ...c.options, locale: 'ru' });
        const { raw, rows, svg, warnings } = await render(spec);
        assert.deepEqual(warnings, [], `${c.name}: vega-lite/vega warnings`);
        assert.ok(rows.length > 0, `${c.name}: draws something`);
        for (const row of raw) {
            assert.deepEqual(nullKeys(row), [], `${c.name}: null fields in ${JSON.stringify(row)}`);
            for (const key of c.keys) assert.ok(key in row, `${c.name}: drill key ${key} in ${JSON.stringify(row)}`);
        }
        c.check(rows);
        assert.ok(svg.startsWith('<svg'), `${c.name}: SVG`);
        assert.ok(svgTexts(svg).has(c.ruTitle), `${c.name}: Russian title '${c.ruTitle}' in the SVG`);
    }
});

test('specs compiled with the AST interpreter run with eval and the Function constructor disabled', async () => {
    // The guard works: Vega's default expression compiler needs the Function constructor.
    const probe = compile(charts.rfmGrid(rfm)).spec;
    await assert.rejects(withoutEval(async () => new vega.View(vega.parse(probe), { renderer: 'none' }).runAsync()),
        EvalError);
    for (const c of kRealCases) {
        const spec = charts.buildChart(c.id, kReport, c.options);
        const { rows } = await withoutEval(() => render(spec));
        assert.ok(rows.length > 0, c.name);
    }
});

test('specs are plain JSON: a JSON round trip changes nothing', () => {
    for (const c of kRealCases) {
        for (const locale of charts.LOCALES) {
            const spec = charts.buildChart(c.id, kReport, { ...c.options, locale });
            assert.deepEqual(JSON.parse(JSON.stringify(spec)), spec, `${c.name} (${locale})`);
            assert.equal(spec.data.name, 'table', c.name);
            assert.ok(Array.isArray(spec.datasets.table), c.name);
        }
    }
});

test('every title a spec shows comes from the chosen locale label table', () => {
    const tables = { en: DEFAULT_LABELS, ru: LABELS_RU, uk: LABELS_UK };
    for (const [locale, table] of Object.entries(tables)) {
        const known = new Set(Object.values(table));
        for (const c of kRealCases) {
            const spec = charts.buildChart(c.id, kReport, { ...c.options, locale });
            const titles = [];
            JSON.stringify(spec, (key, value) => {
                if ((key === 'title' || key === 'description') && typeof value === 'string') titles.push(value);
                return value;
            });
            assert.ok(titles.length > 0, c.name);
            for (const title of titles) assert.ok(known.has(title), `${c.name} (${locale}): ${title}`);
        }
    }
});

// ---------------------------------------------------------------------------------------------------------------
// Hand-made reports: every expected row written out by hand.

const kSmallCohorts = {
    period: 'month', by: 'firstPurchase', asOf: '2024-03-20', lastPeriod: '2024-03', partialLastPeriod: true,
    cohorts: ['2024-01', '2024-02', '2024-03'], sizes: [4, 2, 5], offsets: 3,
    eligible: [[4, 4, 4], [2, 2, null], [5, null, null]],
    active: [[4, 1, 2], [2, 1, null], [5, null, null]],
    retention: [[1, 0.25, 0.5], [1, 0.5, null], [1, null, null]],
    retentionOrLater: [[1, 0.5, 0.5], [1, 0.5, null], [1, null, null]],
    retentionCumulative: [[1, 0.25, 0.5], [1, 0.5, null], [1, null, null]],
    revenue: [[400, 50.5, 120], [300, 0, null], [900, null, null]],
    cumulativeRevenuePerCustomer: [[100, 112.63, 142.63], [150, 150, null], [180, null, null]],
    partialOffsets: [2, 1, 0],
};

const kSmallRfm = {
    method: 'quantile', n: 3, customerCount: 6,
    grid: {
        count: [[2, 0, 0], [0, 1, 0], [0, 0, 3]],
        meanMonetary: [[50, null, null], [null, 200, null], [null, null, 1000.5]],
        meanM: [[1, null, null], [null, 2, null], [null, null, 3]],
        revenue: [[100, 0, 0], [0, 200, 0], [0, 0, 3001.5]],
    },
    segments: [
        { name: 'Champions', customers: 3, share: 0.5, revenue: 3001.5, revenueShare: 0.9,
            meanRecency: 2, meanFrequency: 4, meanMonetary: 1000.5 },
        { name: 'Need attention', customers: 0, share: 0, revenue: 0, revenueShare: 0,
            meanRecency: null, meanFrequency: null, meanMonetary: null },
        { name: 'My own segment', customers: 3, share: 0.5, revenue: 300, revenueShare: 0.1,
            meanRecency: 90, meanFrequency: 1, meanMonetary: 100 },
    ],
};

// A snapshot funnel: skips are unknowable (null); Bob has no closed deal, so no win rate.
const kSmallFunnel = {
    mode: 'reached', source: 'snapshot', stages: ['lead', 'deal', 'won'], deals: 12,
    reached: [12, 4, 1], skipped: null, stepConversion: [null, 1 / 3, 0.25], overallConversion: [1, 1 / 3, 1 / 12],
    dropOff: [8, 3, null], won: 1, lost: 5, open: 6,
    timeInStage: [
        { stage: 'lead', count: 10, stillIn: 8, medianDays: 2.5, p90Days: 6 },
        { stage: 'deal', count: 0, stillIn: 3, medianDays: null, p90Days: null },
    ],
    byManager: [
        { manager: 'Ann', deals: 10, won: 1, lost: 5, open: 4, winRate: 1 / 6, reached: [10, 4, 1], skipped: null },
        { manager: 'Bob', deals: 2, won: 0, lost: 0, open: 2, winRate: null, reached: [2, 0, 0], skipped: null },
    ],
    byPipeline: [], bySource: [],
};

const kHandCases = [
    {
        name: 'cohortHeatmap retention: six observable cells, nulls left out, the last month partial in every cohort',
        build: () => charts.cohortHeatmap(kSmallCohorts, { measure: 'retention', locale: 'en' }),
        rows: [
            { cohort: '2024-01', offset: 0, size: 4, value: 1, active: 4 },
            { cohort: '2024-01', offset: 1, size: 4, value: 0.25, active: 1 },
            { cohort: '2024-01', offset: 2, size: 4, value: 0.5, active: 2, partial: true },
            { cohort: '2024-02', offset: 0, size: 2, value: 1, active: 2 },
            { cohort: '2024-02', offset: 1, size: 2, value: 0.5, active: 1, partial: true },
            { cohort: '2024-03', offset: 0, size: 5, value: 1, active: 5, partial: true },
        ],
        svgTexts: ['Months since first purchase', 'Cohort', '25%', '50%'],
        // Colour spans offsets ≥ 1: max(0.25, 0.5, 0.5) = 0.5; offset 0 (100%) is clamped to the darkest.
        spec: (spec) => assert.deepEqual(spec.layer[0].encoding.color.scale, { domain: [0, 0.5], clamp: true }),
    },
    {
        name: 'cohortHeatmap active: no duplicate active field, cohorts and offsets in report order',
        build: () => charts.cohortHeatmap(kSmallCohorts, { measure: 'active', locale: 'uk' }),
        rows: [
            { cohort: '2024-01', offset: 0, size: 4, value: 4 },
            { cohort: '2024-01', offset: 1, size: 4, value: 1 },
            { cohort: '2024-01', offset: 2, size: 4, value: 2, partial: true },
            { cohort: '2024-02', offset: 0, size: 2, value: 2 },
            { cohort: '2024-02', offset: 1, size: 2, value: 1, partial: true },
            { cohort: '2024-03', offset: 0, size: 5, value: 5, partial: true },
        ],
        svgTexts: [LABELS_UK.offsetMonth, LABELS_UK.cohort],
        spec(spec) {
            assert.deepEqual(spec.encoding.y.scale.domain, ['2024-01', '2024-02', '2024-03']);
            assert.equal(spec.encoding.y.sort, null);
            assert.deepEqual(spec.encoding.x.scale.domain, [0, 1, 2]);
        },
    },
    {
        name: 'cohortLtv: cumulative revenue per customer of the observable cells',
        build: () => charts.cohortLtv(kSmallCohorts, { locale: 'ru' }),
        rows: [
            { cohort: '2024-01', offset: 0, size: 4, value: 100 },
            { cohort: '2024-01', offset: 1, size: 4, value: 112.63 },
            { cohort: '2024-01', offset: 2, size: 4, value: 142.63, partial: true },
            { cohort: '2024-02', offset: 0, size: 2, value: 150 },
            { cohort: '2024-02', offset: 1, size: 2, value: 150, partial: true },
            { cohort: '2024-03', offset: 0, size: 5, value: 180, partial: true },
        ],
        svgTexts: [LABELS_RU.cumulativeRevenuePerCustomer, LABELS_RU.offsetMonth],
    },
    {
        name: 'rfmGrid: 3×3 cells including empty ones, whose mean monetary is left out',
        build: () => charts.rfmGrid(kSmallRfm, { locale: 'en' }),
        rows: [
            { r: 1, f: 1, count: 2, revenue: 100, meanMonetary: 50, meanM: 1 },
            { r: 1, f: 2, count: 0, revenue: 0 },
            { r: 1, f: 3, count: 0, revenue: 0 },
            { r: 2, f: 1, count: 0, revenue: 0 },
            { r: 2, f: 2, count: 1, revenue: 200, meanMonetary: 200, meanM: 2 },
            { r: 2, f: 3, count: 0, revenue: 0 },
            { r: 3, f: 1, count: 0, revenue: 0 },
            { r: 3, f: 2, count: 0, revenue: 0 },
            { r: 3, f: 3, count: 3, revenue: 3001.5, meanMonetary: 1000.5, meanM: 3 },
        ],
        svgTexts: ['Recency score (R)', 'Frequency score (F)'],
        spec(spec) {
            assert.deepEqual(spec.encoding.y.scale.domain, [3, 2, 1], 'R = 3 on top');
            assert.deepEqual(spec.encoding.x.scale.domain, [1, 2, 3]);
        },
    },
    {
        name: 'rfmSegments: empty segment without means, unknown segment names shown as they are',
        build: () => charts.rfmSegments(kSmallRfm, { locale: 'ru' }),
        rows: [
            { segment: 'Champions', label: 'Чемпионы', customers: 3, share: 0.5, revenue: 3001.5, revenueShare: 0.9,
                meanRecency: 2, meanFrequency: 4, meanMonetary: 1000.5 },
            { segment: 'Need attention', label: 'Требуют внимания', customers: 0, share: 0, revenue: 0,
                revenueShare: 0 },
            { segment: 'My own segment', label: 'My own segment', customers: 3, share: 0.5, revenue: 300,
                revenueShare: 0.1, meanRecency: 90, meanFrequency: 1, meanMonetary: 100 },
        ],
        svgTexts: ['Чемпионы', 'Доля клиентов', 'Доля выручки'],
    },
    {
        name: 'funnelBars (snapshot): no skipped field, labels "reached · step %" and drop-off in Russian format',
        build: () => charts.funnelBars(kSmallFunnel, { locale: 'ru' }),
        rows: [
            { stage: 'lead', stageIndex: 0, reached: 12, overallConversion: 1, dropOff: 8 },
            { stage: 'deal', stageIndex: 1, reached: 4, stepConversion: 1 / 3, overallConversion: 1 / 3, dropOff: 3 },
            { stage: 'won', stageIndex: 2, reached: 1, stepConversion: 0.25, overallConversion: 1 / 12 },
        ],
        // 1/3 -> '.1%' -> 33,3%; 0.25 -> 25,0%; drop-offs 8 and 3 with a minus sign.
        svgTexts: ['12', '4 · 33,3%', '1 · 25,0%', '\u22128', '\u22123', LABELS_RU.reached],
        spec: (spec) => assert.deepEqual(spec.encoding.y.scale.domain, ['lead', 'deal', 'won']),
    },
    {
        name: 'funnelTimeInStage: a stage nobody was timed in keeps its counts but no days',
        build: () => charts.funnelTimeInStage(kSmallFunnel, { locale: 'en' }),
        rows: [
            { stage: 'lead', stageIndex: 0, count: 10, stillIn: 8, medianDays: 2.5, p90Days: 6 },
            { stage: 'deal', stageIndex: 1, count: 0, stillIn: 3 },
        ],
        svgTexts: ['Days', 'Median, days', '90th percentile, days'],
    },
    {
        name: 'funnelSkippedHeatmap (snapshot): skips are unknowable, so nothing is drawn',
        build: () => charts.funnelSkippedHeatmap(kSmallFunnel, { locale: 'en' }),
        rows: [],
        svgTexts: ['Manager', 'Stage'],
        spec: () => assert.equal(charts.CHARTS.funnelSkippedHeatmap.available(kSmallFunnel), false),
    },
    {
        name: 'funnelBreakdown: a manager without closed deals has no win rate; win rate printed rounded',
        build: () => charts.funnelBreakdown(kSmallFunnel, { by: 'manager', locale: 'en' }),
        rows: [
            { manager: 'Ann', deals: 10, won: 1, lost: 5, open: 4, winRate: 1 / 6 },
            { manager: 'Bob', deals: 2, won: 0, lost: 0, open: 2 },
        ],
        // 1/6 -> '.0%' -> 17%.
        svgTexts: ['17%', 'Won', 'Lost', 'Open', 'Deals'],
    },
];

test('hand-made reports give the hand-written rows', async () => {
    for (const c of kHandCases) {
        const spec = c.build();
        const { rows, svg, warnings } = await render(spec);
        assert.deepEqual(rows, c.rows, c.name);
        assert.deepEqual(warnings, [], `${c.name}: warnings`);
        const shown = svgTexts(svg);
        for (const text of c.svgTexts) assert.ok(shown.has(text), `${c.name}: '${text}' in the SVG`);
        c.spec?.(spec);
    }
});

// ---------------------------------------------------------------------------------------------------------------
// Locales, labels, theme, size and options.

test('localeConfig gives the d3 separators and month names of each locale', () => {
    const cases = [
        { locale: 'en', decimal: '.', thousands: ',', month: 'March', shortMonth: 'Jan' },
        { locale: 'ru', decimal: ',', thousands: '\u00a0', month: 'март', shortMonth: 'янв' },
        { locale: 'uk', decimal: ',', thousands: '\u00a0', month: 'березень', shortMonth: 'січ' },
        { locale: 'ru-RU', decimal: ',', thousands: '\u00a0', month: 'март', shortMonth: 'янв' },
        { locale: 'uk_UA', decimal: ',', thousands: '\u00a0', month: 'березень', shortMonth: 'січ' },
        { locale: 'de', decimal: '.', thousands: ',', month: 'March', shortMonth: 'Jan' },
        { locale: undefined, decimal: '.', thousands: ',', month: 'March', shortMonth: 'Jan' },
    ];
    for (const c of cases) {
        const { number, time } = charts.localeConfig(c.locale);
        assert.equal(number.decimal, c.decimal, String(c.locale));
        assert.equal(number.thousands, c.thousands, String(c.locale));
        assert.deepEqual(number.grouping, [3], String(c.locale));
        assert.deepEqual(number.currency, ['', ''], `${c.locale}: no currency symbol`);
        assert.equal(time.months[2], c.month, String(c.locale));
        assert.equal(time.shortMonths[0], c.shortMonth, String(c.locale));
        assert.equal(time.months.length, 12);
        assert.equal(time.days.length, 7);
    }
});

test('numbers and months on the axes follow the locale', async () => {
    const cases = [
        { locale: 'en', texts: ['100,000', 'Jan 2024', 'Revenue', 'Month'] },
        { locale: 'ru', texts: ['100\u00a0000', 'янв 2024', 'Выручка', 'Месяц'] },
        { locale: 'uk', texts: ['100\u00a0000', 'січ 2024', 'Виручка', 'Місяць'] },
    ];
    for (const c of cases) {
        const { svg } = await render(charts.overviewRevenue(summary, { locale: c.locale }));
        const shown = svgTexts(svg);
        for (const text of c.texts) assert.ok(shown.has(text), `${c.locale}: ${JSON.stringify(text)} in the SVG`);
    }
});

test('label tables: Russian and Ukrainian translate every English key, and labelsFor picks the table', () => {
    const english = Object.keys(DEFAULT_LABELS).sort();
    for (const [name, table] of [['ru', LABELS_RU], ['uk', LABELS_UK]]) {
        assert.deepEqual(Object.keys(table).sort(), english, `${name}: same keys`);
        for (const [key, text] of Object.entries(table)) {
            assert.ok(typeof text === 'string' && text.length > 0, `${name}.${key}`);
        }
    }
    const cases = [
        ['en', DEFAULT_LABELS], ['ru', LABELS_RU], ['uk', LABELS_UK], ['ru-RU', LABELS_RU], ['fr', DEFAULT_LABELS],
    ];
    for (const [locale, table] of cases) assert.equal(charts.labelsFor(locale), table, locale);
    // Every chart's title key exists.
    for (const [id, chart] of Object.entries(charts.CHARTS)) assert.ok(chart.title in DEFAULT_LABELS, id);
});

test('options.labels override single titles on top of the locale', () => {
    const spec = charts.rfmGrid(rfm, { locale: 'ru', labels: { frequencyScore: 'F!' } });
    assert.equal(spec.encoding.x.title, 'F!');
    assert.equal(spec.encoding.y.title, LABELS_RU.recencyScore);
});

test('segment label keys are derived from the segment names', () => {
    const cases = [
        ['Champions', 'segmentChampions'], ["Can't lose them", 'segmentCantLoseThem'],
        ['About to sleep', 'segmentAboutToSleep'], ['Potential loyalists', 'segmentPotentialLoyalists'],
    ];
    for (const [name, key] of cases) {
        assert.equal(charts.segmentLabelKey(name), key, name);
        assert.ok(key in DEFAULT_LABELS, key);
    }
});

test('options.theme deep-merges over the default theme without changing it', () => {
    const theme = {
        axis: { labelColor: '#ff0000' }, range: { category: ['#000000'] }, view: { stroke: '#cccccc' },
        legend: { orient: null },
    };
    const spec = charts.funnelBars(funnel, { theme, locale: 'ru' });
    const config = spec.config;
    assert.equal(config.axis.labelColor, '#ff0000', 'overridden');
    assert.equal(config.axis.labelFont, charts.DEFAULT_THEME.axis.labelFont, 'kept from the default');
    assert.deepEqual(config.range.category, ['#000000'], 'arrays replace');
    assert.deepEqual(config.range.heatmap, charts.DEFAULT_THEME.range.heatmap, 'siblings kept');
    assert.equal(config.view.stroke, '#cccccc');
    assert.equal(config.legend.orient, null, 'null sets null');
    assert.equal(config.locale.number.decimal, ',', 'the locale is part of the config');
    assert.equal(charts.DEFAULT_THEME.axis.labelColor, '#4b5563', 'the default theme is unchanged');
    assert.match(charts.DEFAULT_THEME.font, /^system-ui/);
    assert.ok(!/url\(|@import|https?:/.test(JSON.stringify(charts.DEFAULT_THEME)), 'no web font or remote resource');
});

test('width is the container with autosize fit unless options.width is a number', () => {
    const cases = [
        { options: {}, width: 'container', autosize: { type: 'fit', contains: 'padding' } },
        { options: { width: 'container' }, width: 'container', autosize: { type: 'fit', contains: 'padding' } },
        { options: { width: 390 }, width: 390, autosize: undefined },
    ];
    for (const c of cases) {
        for (const [id, chart] of Object.entries(charts.CHARTS)) {
            const spec = chart.build(kReport[chart.analysis], c.options);
            assert.equal(spec.width, c.width, `${id} ${JSON.stringify(c.options)}`);
            assert.deepEqual(spec.autosize, c.autosize, `${id} ${JSON.stringify(c.options)}`);
            assert.equal(typeof spec.height, 'number', id);
        }
    }
    assert.equal(charts.rfmGrid(rfm, { height: 123 }).height, 123);
});

test('an unknown measure or grouping is a RangeError naming the choices', () => {
    const cases = [
        () => charts.rfmGrid(rfm, { measure: 'revenue' }),
        () => charts.cohortHeatmap(cohorts, { measure: 'eligibility' }),
        () => charts.funnelBreakdown(funnel, { by: 'region' }),
        () => charts.buildChart('pie', kReport),
    ];
    for (const build of cases) assert.throws(build, RangeError);
});

test('buildChart returns null when the report lacks the analysis, and availability follows the data', () => {
    assert.equal(charts.buildChart('funnelBars', { summary }), null);
    assert.ok(charts.buildChart('funnelBars', kReport).datasets.table.length > 0);
    for (const [id, chart] of Object.entries(charts.CHARTS)) {
        assert.equal(chart.available(kReport[chart.analysis]), true, `${id} on the sample`);
        assert.equal(chart.available(undefined), false, `${id} without data`);
    }
});

test('every builder accepts an empty or missing report part and draws nothing', async () => {
    for (const [id, chart] of Object.entries(charts.CHARTS)) {
        for (const part of [undefined, {}]) {
            const { rows } = await render(chart.build(part, { width: 300 }));
            assert.deepEqual(rows, [], `${id} on ${JSON.stringify(part)}`);
        }
    }
});
