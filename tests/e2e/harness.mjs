// Shared pieces of the page's end-to-end tests: the built page served on a free port, Debian's Chromium
// driven by playwright-core, a log of every request the browser makes, and the report the engine
// computes in Node for the same files (what the page must draw).

import { chromium } from '../../web/node_modules/playwright-core/index.mjs';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../web/serve.mjs';
import { createEngine } from '../../web/src/index.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const screenshotDir = join(root, 'tests', 'out', 'e2e');
export const singleFile = join(root, 'web', 'dist', 'crm-analytics.html');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

/** Reads a file of the repository. */
export function repoFile(path) {
  return readFileSync(join(root, path));
}

/** Starts the static server and a browser; returns {browser, url, close()}. */
export async function startBrowser() {
  const { server, url } = await serve(0);
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  return {
    browser,
    url,
    async close() {
      await browser.close();
      server.close();
    },
  };
}

/**
 * Opens a page in a fresh context and records every request: {url, afterReady}. Waits until the
 * element says it is ready (data-state="ready"); `markReady()` is called then.
 * @returns {{context, page, requests, element}}
 */
export async function openPage(browser, url, { width = 1280, height = 900, locale = 'en-US', offline = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale, acceptDownloads: true });
  if (offline) await context.setOffline(true);
  const requests = [];
  let ready = false;
  context.on('request', (request) => requests.push({ url: request.url(), afterReady: ready }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForSelector('crm-analytics[data-state="ready"]', { timeout: 30000 });
  await page.waitForLoadState('load');
  ready = true;
  return { context, page, requests, errors };
}

/** Waits until the element is idle again after an action (busy → ready or error). */
export async function settled(page) {
  await page.waitForFunction(() => {
    const el = document.querySelector('crm-analytics');
    return el && (el.dataset.state === 'ready' || el.dataset.state === 'error');
  }, null, { timeout: 60000 });
}

/** The report the engine computes in Node for these files and this request (the page must agree). */
export async function nodeReport(files, request = {}, options = {}) {
  const engine = await createEngine();
  try {
    for (const file of files) engine.loadFile(file.name, file.bytes, options[file.name] || {});
    return engine.analyze(request);
  } finally {
    engine.release();
  }
}

/** Saves a screenshot as a test artifact (tests/out/e2e/<name>.png). */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** The data drawn by a chart: `view.data('table')` of the Vega view the element registered under `id`. */
export function chartData(page, id) {
  return page.evaluate((chartId) => {
    const view = document.querySelector('crm-analytics').views.get(chartId);
    return view ? view.data('table').map((row) => ({ ...row })) : null;
  }, id);
}
