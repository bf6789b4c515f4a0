// Engine: our C++ -> WebAssembly module, through its public ES module API only (web/src/index.js):
// createEngine(options) -> engine.loadFile(name, bytes) -> engine.analyze(request) -> report ->
// engine.release(). The module's files (web/dist/crm_engine.mjs + crm_engine.wasm) are served by
// the harness under /crm/ (run.mjs mounts ../web/dist there by default) and loaded by URL at run
// time; only the API's JS is bundled into this adapter by esbuild.
//
// The module is compiled and instantiated in setup() (the page-ready time). Each engine has its own wasm
// instance and memory; one engine serves the runs of one cell (workload x format x size), as an app keeps
// its engine: every run clears it, loads the file's bytes (read piece by piece, never copied whole),
// analyzes and shapes the report with common.js. The next cell releases it and starts a new one.
import { createEngine, loadModule } from '../../web/src/index.js';
import { w1Result, w2Result, w3Result, STAGES, COHORT_OFFSETS } from './common.js';

export const meta = {
  name: 'crmwasm',
  label: 'our C++/wasm module',
  package: null,
  version: null,
  inputs: { orders: ['csv', 'json', 'ndjson'], deal_stages: ['csv'] },
};

let moduleOptions = null;

export async function setup(ctx = {}) {
  const base = (ctx.baseUrl ?? location.origin) + (ctx.crmPrefix ?? '/crm/');
  moduleOptions = { moduleUrl: base + 'crm_engine.mjs', wasmUrl: base + 'crm_engine.wasm' };
  // --crm-threads: the threaded build for every file, whatever the cores (by default the API takes it with 4
  // cores or more, for files of 8 MiB or more).
  if (ctx.crmThreads) Object.assign(moduleOptions, { threads: true, loadThreadsFromBytes: 0 });
  const module = await loadModule(moduleOptions);  // fetch + compile + instantiate, once per page
  meta.version = `report schema ${module.schemaVersion}`;
}

// The request of each workload; includeFiles:false skips the per-file reports nobody reads here.
const REQUESTS = {
  W1: { analyses: ['rfm'], rfm: { method: 'ntile', n: 5, includeCustomers: false }, includeFiles: false },
  W2: { analyses: ['cohorts'], cohorts: { period: 'month', maxOffsets: COHORT_OFFSETS }, includeFiles: false },
  W3: { analyses: ['funnel'], funnel: { stages: STAGES }, includeFiles: false },
};

/** 'YYYY-MM' -> year*12 + month0 (the month index common.js uses). */
function monthIndex(label) {
  return +label.slice(0, 4) * 12 + +label.slice(5, 7) - 1;
}

function w1FromReport(rfm) {
  const g = rfm.grid;
  const cells = [];
  for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 5; j++) {
      const n = g.count[i][j];
      if (!n) continue;
      // revenue is the cell's exact sum in currency units (sum of cents / 100), meanM a mean of integers
      cells.push({ r: i + 1, f: j + 1, n, cents: Math.round(g.revenue[i][j] * 100), msum: Math.round(g.meanM[i][j] * n) });
    }
  }
  const result = w1Result(rfm.asOf, cells);
  if (result.customers !== rfm.customerCount) throw new Error(`rfm grid holds ${result.customers} customers, report says ${rfm.customerCount}`);
  return result;
}

function w2FromReport(c) {
  const triples = [];
  for (let i = 0; i < c.cohorts.length; i++) {
    const row = c.active[i], cm = monthIndex(c.cohorts[i]);
    for (let k = 0; k < Math.min(row.length, COHORT_OFFSETS); k++) {
      if (row[k]) triples.push({ cm, k, n: row[k] });    // null (unobservable) and 0 cells stay 0
    }
  }
  return w2Result(triples);
}

function w3FromReport(f) {
  return w3Result({
    reached: f.reached, deals: f.deals, lostDeals: f.lost,
    wonWithLead: f.timeToWon?.count ?? 0, medianSeconds: f.medianFirstToWonSeconds,
  });
}

let current = null;  // {cell, engine}

async function engineFor(cell) {
  if (current?.cell === cell) {
    current.engine.clear();
    return current.engine;
  }
  if (current) {
    // A new cell (its warm-up run, which is not measured): release the previous cell's engine and give the
    // browser a moment to take its memory back (wasm memory is freed by the garbage collector, not at once).
    current.engine.release();
    current = null;
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  current = { cell, engine: await createEngine(moduleOptions) };
  return current.engine;
}

export async function run(workload, bytes) {
  const engine = await engineFor(`${workload.fileKey} ${workload.id}`);
  const name = workload.input === 'deal_stages' ? 'deal_stages.csv' : `orders.${workload.format}`;
  engine.loadFile(name, bytes);
  const report = engine.analyze(REQUESTS[workload.id]);
  engine.clear();  // the file's bytes are not referenced past the run
  switch (workload.id) {
    case 'W1': return w1FromReport(report.rfm);
    case 'W2': return w2FromReport(report.cohorts);
    case 'W3': return w3FromReport(report.funnel);
    default: throw new Error(`unknown workload ${workload.id}`);
  }
}

export async function teardown() {
  current?.engine.release();
  current = null;
}
