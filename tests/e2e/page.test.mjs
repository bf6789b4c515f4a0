// The page end to end in Chromium: the sample and uploaded exports draw exactly the engine's numbers,
// roles / filters / parameters change results as the engine says, exports download the right content,
// every language is complete, a bad file leaves the page working, and screenshots of every tab.
// Run from the project root after scripts/build: node --test tests/e2e/

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, openPage, settled, nodeReport, screenshot, chartData, root, repoFile } from './harness.mjs';
import { buildRequest, DEFAULT_PARAMS, DEFAULT_FILTERS } from '../../web/page/lib/request.js';
import en from '../../web/page/i18n/en.js';
import ru from '../../web/page/i18n/ru.js';
import uk from '../../web/page/i18n/uk.js';

const sample = [
  { name: 'orders_ru.csv', bytes: repoFile('web/samples/orders_ru.csv') },
  { name: 'deals_ru.csv', bytes: repoFile('web/samples/deals_ru.csv') },
];
const shopifyPath = join(root, 'tests/data/e2e/shopify_orders.json');
const ordersPath = join(root, 'web/samples/orders_ru.csv');
const TABS = ['overview', 'rfm', 'cohorts', 'funnel'];

let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

const byTestId = (page, id) => page.getByTestId(id);

async function loadSample(page) {
  await byTestId(page, 'sample-button').first().click();
  await settled(page);
  await page.waitForFunction(() => document.querySelector('crm-analytics').report);
}

async function openTab(page, id) {
  await byTestId(page, `tab-${id}`).click();
  await settled(page);
}

/** Waits until the charts of the open tab are drawn and returns their ids. */
async function drawnCharts(page, ids) {
  await page.waitForFunction((wanted) => {
    const views = document.querySelector('crm-analytics').views;
    return wanted.every((id) => views.has(id));
  }, ids, { timeout: 30000 });
  return ids;
}

function pageReport(page) {
  return page.evaluate(() => JSON.parse(JSON.stringify(document.querySelector('crm-analytics').report)));
}

/** Checks that every chart of every tab draws the report's numbers. */
async function checkChartsAgainst(page, report) {
  await openTab(page, 'overview');
  await drawnCharts(page, ['overviewRevenue']);
  const months = await chartData(page, 'overviewRevenue');
  assert.deepEqual(months.map((m) => [m.month, m.revenue]), report.summary.months.map((m) => [m.month, m.revenue]));

  await openTab(page, 'rfm');
  await drawnCharts(page, ['rfmGrid', 'rfmSegments']);
  const cells = await chartData(page, 'rfmGrid');
  assert.equal(cells.length, report.rfm.n * report.rfm.n);
  for (const cell of cells) assert.equal(cell.count, report.rfm.grid.count[cell.r - 1][cell.f - 1], `RFM cell ${cell.r},${cell.f}`);
  const segments = await chartData(page, 'rfmSegments');
  const expectedSegments = new Map(report.rfm.segments.map((s) => [s.name, s.customers]));
  for (const s of segments) assert.equal(s.customers, expectedSegments.get(s.segment), s.segment);

  await openTab(page, 'cohorts');
  await drawnCharts(page, ['cohortHeatmap', 'cohortLtv']);
  const heat = await chartData(page, 'cohortHeatmap');
  const c = report.cohorts;
  const expectedCells = [];
  c.cohorts.forEach((cohort, i) => c.retention[i].forEach((v, k) => { if (v !== null) expectedCells.push([cohort, k, v]); }));
  assert.deepEqual(heat.map((h) => [h.cohort, h.offset, h.value]).sort(), expectedCells.sort());

  if (report.funnel) {
    await openTab(page, 'funnel');
    await drawnCharts(page, ['funnelBars', 'funnelTimeInStage', 'funnelSkippedHeatmap', 'funnelBreakdown']);
    const bars = await chartData(page, 'funnelBars');
    assert.deepEqual(bars.map((b) => [b.stage, b.reached]), report.funnel.stages.map((s, i) => [s, report.funnel.reached[i]]));
    const skipped = await chartData(page, 'funnelSkippedHeatmap');
    const skippedTotal = skipped.reduce((sum, row) => sum + row.skipped, 0);
    assert.equal(skippedTotal, report.funnel.byManager.reduce((sum, m) => sum + m.skipped.reduce((a, b) => a + b, 0), 0));
  }
}

/** The numbers both reports must share (the page's report against the engine's in Node). */
function headline(report) {
  return {
    rows: report.rows,
    summary: { ...report.summary },
    rfmGrid: report.rfm?.grid.count,
    rfmMethod: report.rfm?.method,
    cohorts: report.cohorts && { labels: report.cohorts.cohorts, active: report.cohorts.active, revenue: report.cohorts.revenue },
    funnel: report.funnel && { stages: report.funnel.stages, reached: report.funnel.reached, skipped: report.funnel.skipped },
  };
}

test('the sample: every tab draws the numbers of the engine report for the same files', async () => {
  const { page, context, errors } = await openPage(env.browser, env.url);
  await loadSample(page);
  const report = await pageReport(page);
  const expected = await nodeReport(sample, buildRequest(DEFAULT_PARAMS, DEFAULT_FILTERS));
  assert.deepEqual(headline(report), headline(expected));
  await checkChartsAgainst(page, report);
  assert.deepEqual(errors, []);
  await context.close();
});

test('screenshots of every tab at 1280 and 390 px', async () => {
  for (const width of [1280, 390]) {
    const { page, context } = await openPage(env.browser, env.url, { width, height: width > 500 ? 900 : 844 });
    await screenshot(page, `empty-${width}`);
    await loadSample(page);
    for (const tab of TABS) {
      await openTab(page, tab);
      await page.waitForTimeout(300);
      await screenshot(page, `${tab}-${width}`);
    }
    // Nothing may stick out sideways on the phone: the document is no wider than the viewport.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the page is ${overflow}px wider than the viewport at ${width}px`);
    await context.close();
  }
});

test('uploads: a Windows-1251 ;-delimited Russian export and a JSON export are read and drawn as the engine says', async () => {
  const { page, context } = await openPage(env.browser, env.url);
  await byTestId(page, 'file-input').setInputFiles([ordersPath, shopifyPath]);
  await settled(page);
  await page.waitForFunction(() => document.querySelector('crm-analytics').report);
  const report = await pageReport(page);
  const files = [
    { name: 'orders_ru.csv', bytes: readFileSync(ordersPath) },
    { name: 'shopify_orders.json', bytes: readFileSync(shopifyPath) },
  ];
  const expected = await nodeReport(files, buildRequest(DEFAULT_PARAMS, DEFAULT_FILTERS));
  assert.deepEqual(headline(report), headline(expected));
  const described = Object.fromEntries(report.files.map((f) => [f.name, f]));
  assert.equal(described['orders_ru.csv'].encoding, 'windows-1251');
  assert.equal(described['orders_ru.csv'].delimiter, ';');
  assert.equal(described['shopify_orders.json'].format, 'json');
  const cards = await byTestId(page, 'file-card').allTextContents();
  assert.ok(cards.some((text) => text.includes('windows-1251')), 'the file card says how the file was read');
  await checkChartsAgainst(page, report);
  await context.close();
});

test('a changed role, a filter and the RFM method change the results as the engine says', async () => {
  const { page, context } = await openPage(env.browser, env.url);
  await loadSample(page);

  // Role: the phone column no longer identifies customers, so phone-only customers are rejected.
  await page.locator('[data-testid="file-card"][data-file="orders_ru.csv"] [data-testid="file-details"] summary').click();
  const phoneSelect = page.locator('[data-testid="role-select"][data-file="orders_ru.csv"][data-column="Телефон"]');
  assert.equal(await phoneSelect.inputValue(), 'phone');
  await phoneSelect.selectOption('none');
  await settled(page);
  const afterRole = await pageReport(page);
  const roleExpected = await nodeReport(sample, buildRequest(DEFAULT_PARAMS, DEFAULT_FILTERS),
                                        { 'orders_ru.csv': { roles: { phone: null } } });
  assert.deepEqual(headline(afterRole).rows, headline(roleExpected).rows);
  assert.ok(afterRole.rows.rejected.missingCustomer > 0);

  // Filter: one channel.
  const channel = (await page.evaluate(() => document.querySelector('crm-analytics').report.files[0].roles.channel));
  assert.ok(channel, 'the sample has a channel column');
  await page.evaluate(() => document.querySelector('crm-analytics').setFilters({ channels: ['Сайт'] }));
  await settled(page);
  const afterFilter = await pageReport(page);
  const filterExpected = await nodeReport(sample, buildRequest(DEFAULT_PARAMS, { ...DEFAULT_FILTERS, channels: ['Сайт'] }),
                                          { 'orders_ru.csv': { roles: { phone: null } } });
  assert.deepEqual(afterFilter.summary, filterExpected.summary);
  assert.ok(afterFilter.summary.customers < afterRole.summary.customers);

  // RFM method, through the page's own control.
  await byTestId(page, 'param-rfm-method').selectOption('ntile');
  await settled(page);
  const afterMethod = await pageReport(page);
  const params = { ...DEFAULT_PARAMS, rfm: { ...DEFAULT_PARAMS.rfm, method: 'ntile' } };
  const methodExpected = await nodeReport(sample, buildRequest(params, { ...DEFAULT_FILTERS, channels: ['Сайт'] }),
                                          { 'orders_ru.csv': { roles: { phone: null } } });
  assert.equal(afterMethod.rfm.method, 'ntile');
  assert.deepEqual(afterMethod.rfm.grid, methodExpected.rfm.grid);
  await openTab(page, 'rfm');
  await drawnCharts(page, ['rfmGrid']);
  const cells = await chartData(page, 'rfmGrid');
  for (const cell of cells) assert.equal(cell.count, methodExpected.rfm.grid.count[cell.r - 1][cell.f - 1]);
  await context.close();
});

async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), byTestId(page, testId).first().click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

test('exports: segment list and table as CSV (BOM; ; and decimal comma in Russian), charts as PNG and SVG', async () => {
  const { page, context } = await openPage(env.browser, env.url);
  await loadSample(page);
  await openTab(page, 'rfm');
  await drawnCharts(page, ['rfmGrid']);

  const csvButtons = await page.getByTestId(/^export-csv-/).evaluateAll((els) => els.map((e) => e.dataset.testid));
  assert.ok(csvButtons.length >= 2, `RFM tab has tables with CSV export (${csvButtons})`);
  const english = await download(page, csvButtons[0]);
  const text = english.bytes.toString('utf8');
  assert.equal(text.charCodeAt(0), 0xfeff, 'UTF-8 BOM');
  assert.ok(text.split('\r\n')[0].includes(','), 'comma-delimited in English');

  const segmentExport = csvButtons.find((id) => /segment|customers/i.test(id)) || csvButtons.at(-1);
  const segmentCsv = (await download(page, segmentExport)).bytes.toString('utf8');
  assert.ok(segmentCsv.split('\r\n').length > 2, 'the segment list has rows');

  const png = await download(page, 'export-png-rfmGrid');
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  const svg = await download(page, 'export-svg-rfmGrid');
  assert.match(svg.bytes.toString('utf8'), /<svg[\s>]/);

  await byTestId(page, 'lang-select').selectOption('ru');
  await settled(page);
  const russian = (await download(page, csvButtons[0])).bytes.toString('utf8');
  assert.equal(russian.charCodeAt(0), 0xfeff);
  const header = russian.slice(1).split('\r\n')[0];
  assert.ok(header.includes(';'), `semicolon-delimited in Russian: ${header}`);
  assert.match(russian, /\d,\d/, 'decimal comma in Russian');
  await context.close();
});

/** Every visible text, label, title and placeholder in the element's shadow root (and its drill panel). */
function uiTexts(page) {
  return page.evaluate(() => {
    const texts = [];
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement;
        if (parent && !parent.closest('svg, .vega-embed, table tbody, [data-data]') && node.textContent.trim()) texts.push(node.textContent.trim());
        return;
      }
      if (node.nodeType === Node.ELEMENT_NODE) {
        for (const attr of ['aria-label', 'title', 'placeholder']) if (node.getAttribute(attr)) texts.push(node.getAttribute(attr));
      }
      for (const child of node.shadowRoot ? [...node.shadowRoot.childNodes, ...node.childNodes] : node.childNodes) walk(child);
    };
    walk(document.querySelector('crm-analytics'));
    return texts;
  });
}

test('Russian and Ukrainian: no English UI text remains on any tab', async () => {
  const { page, context } = await openPage(env.browser, env.url);
  await loadSample(page);
  for (const [lang, dictionary] of [['ru', ru], ['uk', uk]]) {
    await byTestId(page, 'lang-select').selectOption(lang);
    await settled(page);
    // English values that the language translates differently (short or shared words like "RFM" are allowed).
    const english = new Set(Object.entries(en).filter(([key, value]) => dictionary[key] !== value && value.length > 3 &&
                                                                  !value.includes('{')).map(([, value]) => value));
    for (const tab of TABS) {
      await openTab(page, tab);
      const leftovers = (await uiTexts(page)).filter((text) => english.has(text));
      assert.deepEqual(leftovers, [], `${lang}, tab ${tab}: untranslated texts`);
    }
    assert.equal(await page.evaluate(() => document.querySelector('crm-analytics').getAttribute('lang')), lang);
  }
  await context.close();
});

test('a bad file shows the engine message with file, line and column; the next good file works', async () => {
  const { page, context } = await openPage(env.browser, env.url);
  await byTestId(page, 'file-input').setInputFiles([join(root, 'tests/data/bad/unterminated_quote.csv')]);
  await settled(page);
  const message = await byTestId(page, 'error-region').textContent();
  assert.match(message, /unterminated_quote\.csv:\d+:\d+/);
  await byTestId(page, 'file-input').setInputFiles([ordersPath]);
  await settled(page);
  const report = await pageReport(page);
  assert.equal(report.files.find((f) => f.name === 'orders_ru.csv').kind, 'orders');
  assert.ok(report.summary.customers > 0);
  await context.close();
});
