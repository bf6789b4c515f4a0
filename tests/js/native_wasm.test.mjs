// The native build (build/native/tools/crm_native) and the wasm module under Node write byte-identical report JSON
// for the sample files, one request per analysis, a filtered request, a bad request and every bad input file.
// The wasm side is called through the raw Embind class (module.Engine), so the JSON text is compared as written,
// before any JSON.parse. Skipped, with a message, when the native tool has not been built.
// Run from the project root: node --test tests/js/
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModule } from '../../web/src/index.js';
import { bytesReader } from '../../web/src/byte-readers.js';

const kRepo = fileURLToPath(new URL('../../', import.meta.url));
const kNative = join(kRepo, 'build/native/tools/crm_native');
const kSkip = existsSync(kNative) ? false : `${kNative} does not exist: build it with scripts/build`;
const kOrders = join(kRepo, 'web/samples/orders_ru.csv');
const kDeals = join(kRepo, 'web/samples/deals_ru.csv');
const kBadDir = join(kRepo, 'tests/data/bad');

const kCases = [
    { files: [kOrders, kDeals], request: {} },
    { files: [kOrders, kDeals], request: { analyses: ['summary'], rejectedRows: 100 } },
    { files: [kOrders], request: { analyses: ['rfm'] } },
    { files: [kOrders], request: { analyses: ['rfm'], rfm: { method: 'ntile', n: 4, monetary: 'mean' } } },
    { files: [kOrders], request: { analyses: ['cohorts'] } },
    { files: [kOrders], request: { analyses: ['cohorts'], cohorts: { period: 'week' } } },
    { files: [kDeals], request: { analyses: ['funnel'] } },
    { files: [kDeals], request: { analyses: ['funnel'], funnel: { mode: 'strict', stalledDays: 60 } } },
    { files: [kOrders, kDeals],
      request: { filters: { from: '2024-01-01', channels: ['Сайт'], managers: ['Анна Смирнова'] },
                 asOf: '2024-12-01' } },
    { files: [kOrders], request: { analyses: ['nope'] } },
];

/// {code, stdout, stderr} of the native tool.
function Native(args) {
    return new Promise((resolve) => {
        execFile(kNative, args, { maxBuffer: 64 << 20, encoding: 'utf8' },
                 (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
    });
}

/// Asserts a === b, showing where two long texts first differ rather than both texts.
function AssertSameText(a, b, what) {
    if (a === b) return;
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    const near = (t) => JSON.stringify(t.slice(Math.max(0, i - 60), i + 60));
    assert.fail(`${what}: texts differ at offset ${i} (lengths ${a.length}, ${b.length})\n` +
                `  native: ${near(a)}\n  wasm:   ${near(b)}`);
}

let module = null;
const engines = [];
after(() => {
    for (const e of engines) e.delete();
});

/// A raw Embind engine with `paths` loaded as the native tool loads them (file name = base name, options "").
/// Returns {engine, loadErrors: [raw JSON text of each failed load]}.
async function WasmEngine(paths) {
    module ??= await loadModule();
    const engine = new module.Engine();
    engines.push(engine);
    const loadErrors = [];
    for (const path of paths) {
        const loaded = engine.load(basename(path), bytesReader(module, readFileSync(path)), '');
        if (loaded.startsWith('{"ok":false')) loadErrors.push(loaded);
    }
    return { engine, loadErrors };
}

test('native and wasm reports are byte-identical', { skip: kSkip }, async () => {
    for (const c of kCases) {
        const request = JSON.stringify(c.request);
        const label = `${c.files.map((f) => basename(f)).join(' ')} ${request}`;
        const native = await Native([...c.files, '--request', request]);
        const { engine, loadErrors } = await WasmEngine(c.files);
        assert.deepEqual(loadErrors, [], label);
        const wasm = engine.analyze(request);
        assert.ok(native.stdout.endsWith('\n'), label);
        AssertSameText(native.stdout.slice(0, -1), wasm, label);
        assert.equal(native.code, wasm.startsWith('{"ok":false') ? 1 : 0, label);
        JSON.parse(wasm);  // and it is JSON
    }
});

test('native and wasm report the same load error for every bad input', { skip: kSkip }, async () => {
    for (const file of readdirSync(kBadDir).filter((f) => f !== 'README.md').sort()) {
        const path = join(kBadDir, file);
        const native = await Native([path, '--request', '{}']);
        const { loadErrors } = await WasmEngine([path]);
        assert.equal(loadErrors.length, 1, file);
        assert.equal(native.code, 1, file);
        AssertSameText(native.stderr, `${loadErrors[0]}\n`, file);
    }
});
