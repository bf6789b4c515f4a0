// The Node CLI (web/cli.mjs): help, one report per command with only the requested analysis, CSV main tables,
// --param / --as-of / --filter / --roles / --out, and clean errors (one line, no stack trace, exit codes).
// Expected counts come from web/samples/expected_counts.json (planted by the sample generator).
// Run from the project root: node --test tests/js/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const kRepo = fileURLToPath(new URL('../../', import.meta.url));
const kCli = join(kRepo, 'web/cli.mjs');
const kOrders = join(kRepo, 'web/samples/orders_ru.csv');
const kDeals = join(kRepo, 'web/samples/deals_ru.csv');
const kFacts = JSON.parse(readFileSync(join(kRepo, 'web/samples/expected_counts.json'), 'utf8'));
const kOrdersFacts = kFacts['orders_ru.csv'];
const kDealsFacts = kFacts['deals_ru.csv'];
const kAnalyses = ['rfm', 'cohorts', 'funnel'];

/// Runs the CLI: {code, stdout, stderr}.
function Cli(args) {
    return new Promise((resolve) => {
        execFile(process.execPath, [kCli, ...args], { cwd: kRepo, maxBuffer: 64 << 20, encoding: 'utf8' },
                 (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
    });
}

let work;
const runs = {};
// Every invocation the tests look at, run up front two at a time (each spends most of its time in wasm).
const kRuns = (dir) => ({
    help: ['--help'],
    summary: ['summary', kOrders],
    rfm: ['rfm', kOrders],
    cohorts: ['cohorts', kOrders],
    funnel: ['funnel', kDeals],
    summaryCsv: ['summary', kOrders, '--format', 'csv'],
    rfmCsv: ['rfm', kOrders, '--format', 'csv'],
    cohortsCsv: ['cohorts', kOrders, '--format', 'csv'],
    funnelCsv: ['funnel', kDeals, '--format', 'csv'],
    ntileAsOf: ['rfm', kOrders, '--param', 'method=ntile', '--param', 'n=3', '--as-of', '2024-07-01',
                '--out', join(dir, 'as_of.json')],
    filterRoles: ['summary', kOrders, '--filter', 'channels=Сайт,Instagram', '--filter', 'from=2024-01-01',
                  '--roles', join(dir, 'roles.json')],
    badFile: ['rfm', join(kRepo, 'tests/data/bad/truncated.json')],
    binaryFile: ['summary', join(kRepo, 'tests/data/bad/binary.csv')],
    missingFile: ['summary', join(dir, 'no_such_file.csv')],
    unknownOption: ['rfm', kOrders, '--colour', 'red'],
    unknownReport: ['segments', kOrders],
    badParam: ['rfm', kOrders, '--param', 'n=42'],
});

before(async () => {
    work = mkdtempSync(join(tmpdir(), 'crm-cli-'));
    writeFileSync(join(work, 'roles.json'), JSON.stringify({ customer: 'Телефон' }));
    const queue = Object.entries(kRuns(work));
    const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) runs[next[0]] = await Cli(next[1]);
    };
    await Promise.all([worker(), worker()]);
});
after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
});

function Json(name) {
    const run = runs[name];
    assert.equal(run.code, 0, `${name}: exit ${run.code}, stderr: ${run.stderr}`);
    return JSON.parse(run.stdout);
}

test('--help lists the reports and the options and exits 0', () => {
    const { code, stdout } = runs.help;
    assert.equal(code, 0);
    for (const word of ['summary', 'rfm', 'cohorts', 'funnel', '--as-of', '--roles', '--param', '--filter', '--format',
                        '--out', '--kind', '--rejected', '--help']) {
        assert.ok(stdout.includes(word), `--help mentions ${word}`);
    }
});

test('each report prints valid JSON with schemaVersion, rows, files, summary and only its own analysis', () => {
    for (const name of ['summary', ...kAnalyses]) {
        const report = Json(name);
        assert.match(report.schemaVersion, /^1\.\d+/, name);
        for (const key of ['rows', 'files', 'summary']) assert.ok(key in report, `${name} has ${key}`);
        for (const other of kAnalyses) assert.equal(other in report, other === name, `${name} report and key ${other}`);
        const rejected = Object.values(report.rows.rejected).reduce((s, n) => s + n, 0);
        assert.equal(report.rows.read, report.rows.used + rejected, `${name}: read == used + sum(rejected)`);
    }
    assert.equal(Json('summary').rows.read, kOrdersFacts.rows.read);
    assert.equal(Json('summary').summary.customers, kOrdersFacts.summary.customers);
    assert.equal(Json('rfm').rfm.customers.length, kOrdersFacts.summary.customers);
    assert.deepEqual(Json('funnel').funnel.reached, kDealsFacts.reached);
    assert.deepEqual(Json('funnel').files.map((f) => f.name), ['deals_ru.csv']);
});

test('--format csv prints the main table', () => {
    const lines = (name) => {
        assert.equal(runs[name].code, 0, runs[name].stderr);
        assert.ok(runs[name].stdout.endsWith('\r\n'), `${name} ends with CRLF`);
        return runs[name].stdout.slice(0, -2).split('\r\n');
    };
    const summary = lines('summaryCsv');
    assert.equal(summary[0], 'month,revenue,purchases,customers,newCustomers');
    // The sample's purchases run from 2023-01 to 2024-12: 24 months.
    assert.equal(summary.length, 1 + 24);
    assert.match(summary[1], /^2023-01,/);
    const rfm = lines('rfmCsv');
    assert.equal(rfm[0], 'customer,recency,frequency,monetary,r,f,m,segment');
    assert.equal(rfm.length, 1 + kOrdersFacts.summary.customers);
    const cohorts = lines('cohortsCsv');
    assert.equal(cohorts[0], `cohort,size,${Array.from({ length: 24 }, (_, k) => `k${k}`).join(',')}`);
    assert.match(cohorts[1], /^2023-01,\d+,1,/);
    const funnel = lines('funnelCsv');
    assert.equal(funnel[0],
                 'stage,reached,skipped,stepConversion,overallConversion,dropOff,medianDaysInStage,p90DaysInStage');
    assert.deepEqual(funnel.slice(1).map((line) => line.split(',').slice(0, 3)),
                     kDealsFacts.stages.map((stage, s) => [stage, String(kDealsFacts.reached[s]),
                                                           String(kDealsFacts.skipped[s])]));
});

test('--param sets analysis parameters, --as-of is honoured, --out writes the report to a file', () => {
    assert.equal(Json('rfm').rfm.method, 'quantile');
    assert.equal(Json('rfm').rfm.n, 5);
    assert.equal(runs.ntileAsOf.code, 0, runs.ntileAsOf.stderr);
    assert.equal(runs.ntileAsOf.stdout, '');
    const report = JSON.parse(readFileSync(join(work, 'as_of.json'), 'utf8'));
    assert.equal(report.rfm.method, 'ntile');
    assert.equal(report.rfm.n, 3);
    assert.equal(report.rfm.grid.count.length, 3);
    assert.equal(report.summary.asOf, '2024-07-01');
    assert.equal(report.rfm.asOf, '2024-07-01');
    assert.ok(report.summary.lastPurchase <= '2024-06-30', report.summary.lastPurchase);
    assert.ok(report.summary.purchases < kOrdersFacts.summary.purchases);
});

test('--filter and --roles reach the engine', () => {
    const report = Json('filterRoles');
    assert.ok(report.summary.firstDate >= '2024-01-01', report.summary.firstDate);
    assert.ok(report.summary.purchases < kOrdersFacts.summary.purchases);
    assert.equal(report.files[0].roles.customer, 'Телефон');
    assert.equal(report.files[0].columns.find((c) => c.name === 'Телефон').overridden, true);
});

test('a bad file exits non-zero with one line "error: file:line:col: ..." and no stack trace', () => {
    const kBad = [['badFile', 'error: truncated.json:4:85: '], ['binaryFile', 'error: binary.csv:1:1: ']];
    for (const [name, prefix] of kBad) {
        const { code, stdout, stderr } = runs[name];
        assert.notEqual(code, 0, name);
        assert.equal(stdout, '', name);
        const lines = stderr.trimEnd().split('\n');
        assert.equal(lines.length, 1, `${name}: ${stderr}`);
        assert.ok(lines[0].startsWith(prefix), `${name}: ${lines[0]}`);
        assert.ok(!/^\s+at /m.test(stderr), `${name}: stack trace on stderr`);
    }
    const missing = runs.missingFile;
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /^error: .*no_such_file\.csv/);
    assert.ok(!/^\s+at /m.test(missing.stderr));
});

test('usage errors exit 2; a bad parameter exits non-zero with the parameter named', () => {
    for (const name of ['unknownOption', 'unknownReport']) {
        assert.equal(runs[name].code, 2, name);
        assert.match(runs[name].stderr, /^error: /, name);
        assert.ok(!/^\s+at /m.test(runs[name].stderr), name);
    }
    assert.match(runs.unknownOption.stderr, /--colour/);
    assert.notEqual(runs.badParam.code, 0);
    assert.match(runs.badParam.stderr, /^error: .*\bn\b/);
    assert.ok(!/^\s+at /m.test(runs.badParam.stderr));
});
