// The page's interactions end to end: drill-downs from chart clicks, the widget demo host, the settings
// file, progress and cancel on a large file, and the memory guard.
// Run from the project root after scripts/build: node --test tests/e2e/

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, openPage, settled, root, repoFile, nodeReport, screenshot } from './harness.mjs';
import { createEngine } from '../../web/src/index.js';
import { buildRequest, DEFAULT_PARAMS, DEFAULT_FILTERS } from '../../web/page/lib/request.js';

let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

const sample = [
  { name: 'orders_ru.csv', bytes: repoFile('web/samples/orders_ru.csv') },
  { name: 'deals_ru.csv', bytes: repoFile('web/samples/deals_ru.csv') },
];

async function loadSample(page) {
  await page.getByTestId('sample-button').first().click();
  await settled(page);
  await page.waitForFunction(() => document.querySelector('crm-analytics').report);
}

async function openTab(page, id) {
  await page.getByTestId(`tab-${id}`).click();
  await settled(page);
  await page.waitForSelector(`[data-testid="tabpanel"][data-tab="${id}"] [data-testid^="chart-"][data-ready]`);
}

/** Clicks the first mark of a chart's rect layer and returns the rows of the drill panel's CSV export. */
async function drillFirstMark(page, chartId, markClass = 'mark-rect') {
  // Near the mark's corner: the centre may hold the cell's text label.
  await page.locator(`[data-testid="chart-${chartId}"] g.${markClass} path`).first().click({ position: { x: 3, y: 3 } });
  await page.waitForSelector('[data-testid="drill-panel"][data-state="ready"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv-drill').click()]);
  const text = readFileSync(await download.path(), 'utf8');
  await page.getByTestId('drill-close').click();
  return text.slice(1).split('\r\n').filter((line) => line !== '').slice(1);
}

function pageReport(page) {
  return page.evaluate(() => JSON.parse(JSON.stringify(document.querySelector('crm-analytics').report)));
}

test('drill-down: clicking an RFM cell, a cohort cell and a funnel stage lists the customers or deals behind it', async () => {
  const { page, context } = await openPage(env.browser, env.url);
  await loadSample(page);
  const report = await pageReport(page);

  await openTab(page, 'rfm');
  // The first cell drawn is R=1, F=1.
  const rfmRows = await drillFirstMark(page, 'rfmGrid');
  assert.equal(rfmRows.length, report.rfm.grid.count[0][0]);
  assert.equal(rfmRows.length, report.rfm.customers.filter((c) => c.r === 1 && c.f === 1).length);

  await openTab(page, 'cohorts');
  // The first cell drawn is the first cohort at offset 0: every customer of that cohort.
  const cohortRows = await drillFirstMark(page, 'cohortHeatmap');
  assert.equal(cohortRows.length, report.cohorts.active[0][0]);
  assert.equal(cohortRows.length, report.cohorts.sizes[0]);
  // Keyboard path: the cohort table's row button lists the whole cohort.
  await page.getByTestId('row-cohortMatrix').nth(1).press('Enter');
  await page.waitForSelector('[data-testid="drill-panel"][data-state="ready"]');
  const [whole] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv-drill').click()]);
  const wholeRows = readFileSync(await whole.path(), 'utf8').slice(1).split('\r\n').filter((l) => l !== '').slice(1);
  assert.equal(wholeRows.length, report.cohorts.sizes[1]);
  await page.getByTestId('drill-close').click();

  await openTab(page, 'funnel');
  // The first bar is the first stage: every deal reached it.
  const stageRows = await drillFirstMark(page, 'funnelBars');
  assert.equal(stageRows.length, report.funnel.reached[0]);
  await screenshot(page, 'drill-funnel-1280');
  await context.close();
});

test('the widget demo host passes rows from JavaScript to <crm-analytics> and gets the engine report', async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Record what the host hands to the element, to compute the same report in Node.
  await ctx.addInitScript(() => {
    window.handedRows = [];
    customElements.whenDefined('crm-analytics').then(() => {
      const proto = customElements.get('crm-analytics').prototype;
      const loadRows = proto.loadRows;
      proto.loadRows = function record(name, rows, options) {
        window.handedRows.push({ name, rows: JSON.parse(JSON.stringify(rows)), options: options || {} });
        return loadRows.call(this, name, rows, options);
      };
    });
  });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.url}demo-host.html`);
  await page.waitForSelector('crm-analytics[data-state="ready"]', { timeout: 30000 });
  await page.getByTestId('host-send').click();
  await settled(page);
  await page.waitForFunction(() => document.querySelector('crm-analytics').report?.funnel);
  const report = await pageReport(page);
  assert.ok(report.funnel.deals > 0, 'the widget shows the host\'s deals');
  assert.equal(report.rows.read, report.rows.used + report.rows.rejectedTotal);
  // The last rows handed over per name are what the widget holds: Node's engine must give the same numbers.
  const handed = new Map((await page.evaluate(() => window.handedRows)).map((h) => [h.name, h]));
  assert.ok(handed.size >= 1);
  const engine = await createEngine();
  try {
    for (const h of handed.values()) engine.loadRows(h.name, h.rows, h.options);
    const expected = engine.analyze(buildRequest(DEFAULT_PARAMS, DEFAULT_FILTERS));
    assert.deepEqual(report.rows, expected.rows);
    assert.deepEqual(report.summary, expected.summary);
    assert.deepEqual(report.funnel.reached, expected.funnel.reached);
  } finally {
    engine.release();
  }
  await screenshot(page, 'demo-host-1280');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('settings: saved as a small JSON file without data, loaded back they restore parameters, filters and language', async () => {
  const { page, context } = await openPage(env.browser, env.url);
  await loadSample(page);
  await page.getByTestId('param-rfm-method').selectOption('ntile');
  await settled(page);
  await page.evaluate(() => document.querySelector('crm-analytics').setFilters({ channels: ['Сайт'] }));
  await settled(page);
  await page.getByTestId('lang-select').selectOption('uk');
  await settled(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('settings-save').click()]);
  const text = readFileSync(await download.path(), 'utf8');
  const settings = JSON.parse(text);
  assert.equal(settings.language, 'uk');
  assert.equal(settings.params.rfm.method, 'ntile');
  assert.deepEqual(settings.filters.channels, ['Сайт']);
  // No data: no customer's e-mail or phone, no amounts from the file.
  assert.doesNotMatch(text, /@|79\d{9}/);
  assert.ok(text.length < 4000, `settings file is small (${text.length} bytes)`);
  await context.close();

  const second = await openPage(env.browser, env.url);
  await loadSample(second.page);
  const dir = join(root, 'tests', 'out', 'e2e');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'settings.json');
  writeFileSync(path, text);
  await second.page.getByTestId('settings-input').setInputFiles(path);
  // The file is read before the element gets busy: wait for the language it sets, then for the analysis.
  await second.page.waitForFunction(() => document.querySelector('crm-analytics').getAttribute('lang') === 'uk');
  await settled(second.page);
  await second.page.waitForFunction(() => document.querySelector('crm-analytics').report?.rfm?.method === 'ntile');
  const report = await pageReport(second.page);
  const expected = await nodeReport(sample, { rfm: { method: 'ntile', n: 5, monetary: 'total' }, filters: { channels: ['Сайт'] } });
  assert.equal(report.rfm.method, 'ntile');
  assert.deepEqual(report.rfm.grid, expected.rfm.grid);
  assert.deepEqual(report.summary, expected.summary);
  assert.equal(await second.page.evaluate(() => document.querySelector('crm-analytics').getAttribute('lang')), 'uk');
  await second.context.close();
});

/** A large orders CSV (about 27 MB) written once under tests/out/. */
function largeFile() {
  const dir = join(root, 'tests', 'out', 'e2e');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'large_orders.csv');
  const lines = ['order_id,customer_id,order_date,amount,channel'];
  for (let i = 0; i < 600000; i++) {
    lines.push(`${100000 + i},C${i % 40000},2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${(i % 997) + 0.5},web`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

test('a large file shows progress in rows and MB, and cancel stops it while the files loaded before stay', async () => {
  const path = largeFile();
  const { page, context } = await openPage(env.browser, env.url);
  await loadSample(page);
  const before = await pageReport(page);
  await page.getByTestId('file-input').setInputFiles(path);
  await page.waitForFunction(() => {
    const p = document.querySelector('crm-analytics').progress;
    return p && p.bytes > 0;
  }, null, { polling: 20, timeout: 30000 });
  const progressText = await page.getByTestId('progress').textContent();
  assert.match(progressText, /MB/);
  await page.getByTestId('cancel').click();
  await settled(page);
  const after = await pageReport(page);
  assert.deepEqual(after.files.map((f) => f.name).sort(), ['deals_ru.csv', 'orders_ru.csv']);
  assert.deepEqual(after.summary, before.summary);

  // Loaded to the end, the same file is counted exactly.
  await page.getByTestId('file-input').setInputFiles(path);
  await settled(page);
  const loaded = await pageReport(page);
  assert.equal(loaded.files.find((f) => f.name === 'large_orders.csv').rows.read, 600000);
  await context.close();
});

test('memory guard: a file that cannot fit is refused with a plain message and the page stays usable', async () => {
  const context = await env.browser.newContext();
  // A device with very little memory: 1 MB for the engine.
  await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'deviceMemory', { get: () => 1 / 512 }));
  const page = await context.newPage();
  await page.goto(env.url);
  await page.waitForSelector('crm-analytics[data-state="ready"]');
  await page.getByTestId('file-input').setInputFiles(join(root, 'web/samples/orders_ru.csv'));
  await settled(page);
  const message = await page.getByTestId('error-region').textContent();
  assert.match(message, /orders_ru\.csv/);
  assert.match(message, /too large|memory/i);
  await page.getByTestId('file-input').setInputFiles(join(root, 'tests/data/e2e/shopify_orders.json'));
  await settled(page);
  const report = await pageReport(page);
  assert.equal(report.files[0].name, 'shopify_orders.json');
  await context.close();
});
