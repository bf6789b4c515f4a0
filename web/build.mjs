// Builds the page into web/dist/page/ (plain files for any static server) and the single self-contained
// file web/dist/crm-analytics.html (module, worker, wasm, Vega and the sample inlined; works from file://).
// Needs web/dist/crm_engine.{mjs,wasm} from scripts/build. Usage: node web/build.mjs

import { build } from 'esbuild';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGE_CSP, SINGLE_FILE_CSP } from './build-csp.mjs';

const web = dirname(fileURLToPath(import.meta.url));
const dist = join(web, 'dist');
const out = join(dist, 'page');

// `import x from 'sample:orders_ru.csv'` → the gzip of web/samples/orders_ru.csv as a Uint8Array.
const samplePlugin = {
  name: 'sample',
  setup(b) {
    b.onResolve({ filter: /^sample:/ }, (args) => ({ path: join(web, 'samples', args.path.slice(7)), namespace: 'sample' }));
    b.onLoad({ filter: /.*/, namespace: 'sample' }, async (args) => ({
      contents: gzipSync(await readFile(args.path), { level: 9 }),
      loader: 'binary',
    }));
  },
};

const common = {
  bundle: true,
  format: 'esm',
  minify: true,
  target: ['chrome110', 'firefox115', 'safari16'],
  loader: { '.css': 'text' },
  plugins: [samplePlugin],
  legalComments: 'none',
  external: ['node:*'],
  logLevel: 'warning',
};

async function bundle(entry, outfile, extra = {}) {
  const target = outfile ? { outfile } : { write: false };
  const result = await build({ ...common, entryPoints: [join(web, entry)], ...target, ...extra });
  return outfile ? null : result.outputFiles[0].text;
}

function withCsp(html, csp) {
  return html.replace('%CSP%', csp);
}

// Text safe inside an inline <script>: no "</script" or "<!--" can end or confuse the element.
function inlineScriptText(code) {
  return code.replaceAll('</script', '<\\/script').replaceAll('<!--', '<\\!--');
}

async function buildPage() {
  await mkdir(out, { recursive: true });
  await Promise.all([
    bundle('page/main.js', join(out, 'app.js')),
    bundle('page/worker.js', join(out, 'worker.js')),
    bundle('page/demo-host.js', join(out, 'demo-host.js')),
    copyFile(join(dist, 'crm_engine.wasm'), join(out, 'crm_engine.wasm')),
  ]);
  for (const name of ['index.html', 'demo-host.html']) {
    const html = await readFile(join(web, 'page', name), 'utf8');
    await writeFile(join(out, name), withCsp(html, PAGE_CSP));
  }
}

async function buildSingleFile() {
  const [app, worker, wasm, html] = await Promise.all([
    bundle('page/main.js'),
    // A classic script: Chromium refuses module workers from blob: URLs in a page opened from file://.
    bundle('page/worker.js', null, { format: 'iife', define: { 'import.meta.url': 'self.location.href' } }),
    readFile(join(dist, 'crm_engine.wasm')),
    readFile(join(web, 'page', 'index.html'), 'utf8'),
  ]);
  const workerSource = `self.CRM_WASM_BASE64=${JSON.stringify(wasm.toString('base64'))};\n${worker}`;
  const boot = `globalThis.CRM_WORKER_SOURCE=${JSON.stringify(workerSource)};`;
  const scripts = `<script>${inlineScriptText(boot)}</script>\n<script type="module">${inlineScriptText(app)}</script>`;
  const tag = '<script type="module" src="app.js"></script>';
  if (!html.includes(tag)) throw new Error(`index.html has no ${tag} to inline`);
  const single = withCsp(html, SINGLE_FILE_CSP).replace(tag, () => scripts);
  await writeFile(join(dist, 'crm-analytics.html'), single);
  return single.length;
}

await buildPage();
const bytes = await buildSingleFile();
console.log(`page: ${out}/index.html; single file: ${join(dist, 'crm-analytics.html')} (${(bytes / 1e6).toFixed(2)} MB)`);
