// Loading the WebAssembly module in a page, a worker or Node. The module is built by scripts/build
// into web/dist/ (crm_engine.mjs + crm_engine.wasm). It is compiled once per realm; every engine gets an
// instance of its own (its own memory, given back when the engine is released and collected).

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

let compiledPromise = null;
let modulePromise = null;

/**
 * Whether to take the threaded build (crm_engine_mt.mjs: a load's rows go into the dataset on a second thread
 * while the next ones are read). It needs a cross-origin-isolated page or worker (SharedArrayBuffer); Node,
 * pages from file:// and pages served without COOP/COEP headers take the single-threaded build. By default
 * ('auto') it is taken with at least 4 cores: on 2, the second thread competes with the browser's own
 * compiler and page threads, and measured slower for files of a few MB (docs/performance.md).
 */
function useThreads(options) {
  const threads = options.threads ?? 'auto';
  if (threads === false || isNode || options.factory || options.wasmBinary) return false;
  if (globalThis.crossOriginIsolated !== true || typeof SharedArrayBuffer !== 'function') return false;
  return threads === true || (globalThis.navigator?.hardwareConcurrency ?? 1) >= 4;
}

/**
 * Instantiates the module once per realm (page, worker or Node process) and returns that instance.
 * @param {{moduleUrl?: string, factory?: function, wasmUrl?: string, wasmBinary?: Uint8Array,
 *   threads?: boolean|'auto', threadedModuleUrl?: string, loadThreadsFromBytes?: number}} [options]
 *   moduleUrl: where crm_engine.mjs is (default: ../dist/ next to this file); factory: its default export,
 *   when a bundler has imported it already; wasmUrl: the .wasm (default: next to crm_engine.mjs);
 *   wasmBinary: the .wasm bytes (skips fetching); threads: the threaded build ('auto', the default: in a
 *   cross-origin-isolated page with 4 or more cores; true: in any cross-origin-isolated page; false: never),
 *   found at threadedModuleUrl (default: crm_engine_mt.mjs next to crm_engine.mjs, with its .wasm and
 *   .worker.js) and taken only when neither factory nor wasmBinary is given; loadThreadsFromBytes (createEngine):
 *   files of this many bytes or more use the second thread (default 8 MiB). The options of the first call in
 *   a realm decide the build for all its engines.
 */
export function loadModule(options = {}) {
  if (!modulePromise) modulePromise = newInstance(options);
  return modulePromise;
}

/**
 * A new instance of the module, with a memory of its own, from the module compiled once per realm
 * (compiled on first use, with the options of loadModule()).
 */
export async function newInstance(options = {}) {
  const { factory, compiled, threaded, blobUrl } = await compile(options);
  return new Promise((resolve, reject) => {
    const settings = {
      // The glue would fetch and compile the .wasm itself; hand it the compiled module instead (the
      // threaded glue hands it on to its worker).
      instantiateWasm(imports, receiveInstance) {
        WebAssembly.instantiate(compiled, imports).then((instance) => receiveInstance(instance, compiled), reject);
        return {};
      },
    };
    if (threaded) {
      // The glue was imported from a blob: URL (fetched once); its worker imports it from there too.
      settings.mainScriptUrlOrBlob = blobUrl;
      // The glue warns when this thread waits for the worker, which a load does by design (briefly, for the
      // rows the worker is given): not worth a console message.
      settings.printErr = (text) => {
        if (!/^Blocking on the main thread/.test(text)) console.warn(text);
      };
    } else {
      settings.locateFile = (file) => file;
    }
    Promise.resolve(factory(settings)).then(resolve, reject);
  });
}

function compile(options) {
  if (!compiledPromise) {
    compiledPromise = compileModule(options);
    compiledPromise.catch(() => { compiledPromise = null; });  // a failed load may be retried
  }
  return compiledPromise;
}

async function compileModule(options) {
  const threaded = useThreads(options);
  // Resolved only when needed: a bundled worker from a blob: URL has no base to resolve it against.
  const singleUrl = () => options.moduleUrl || new URL('../dist/crm_engine.mjs', import.meta.url).href;
  const moduleUrl = threaded
    ? () => options.threadedModuleUrl || new URL('crm_engine_mt.mjs', singleUrl()).href
    : singleUrl;
  const wasmUrl = threaded
    ? () => new URL('crm_engine_mt.wasm', moduleUrl()).href
    : () => options.wasmUrl || new URL('crm_engine.wasm', moduleUrl()).href;
  if (threaded) {
    // The threaded glue is imported twice: here and by its worker. Fetched once and imported from a blob: URL
    // by both, it is not downloaded twice (nor twice in a page that loads without an HTTP cache).
    // The glue finds its worker script and .wasm relative to import.meta.url, which a blob: URL cannot be a
    // base for: it gets the URL it came from instead.
    const [glue, compiled] = await Promise.all([fetchText(moduleUrl()), compileUrl(wasmUrl())]);
    const located = glue.replaceAll('import.meta.url', JSON.stringify(moduleUrl()));
    const blobUrl = URL.createObjectURL(new Blob([located], { type: 'text/javascript' }));
    const factory = (await import(/* webpackIgnore: true */ blobUrl)).default;
    return { factory, compiled, threaded, blobUrl };
  }
  // The glue is imported while the .wasm downloads and compiles.
  const [factory, compiled] = await Promise.all([
    options.factory || import(/* webpackIgnore: true */ moduleUrl()).then((glue) => glue.default),
    compileWasm(options, wasmUrl),
  ]);
  return { factory, compiled, threaded };
}

async function compileWasm(options, wasmUrl) {
  if (options.wasmBinary) return WebAssembly.compile(options.wasmBinary);
  if (isNode) {
    // Node 20's fetch cannot read file: URLs; read the bytes instead.
    const { readFile } = await import('node:fs/promises');
    return WebAssembly.compile(await readFile(new URL(wasmUrl())));
  }
  return compileUrl(wasmUrl());
}

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load the analytics engine: ${url} (HTTP ${response.status})`);
  return response;
}

async function fetchText(url) {
  return (await fetchOk(url)).text();
}

async function compileUrl(url) {
  const response = await fetchOk(url);
  return WebAssembly.compileStreaming && /wasm/.test(response.headers.get('content-type') || '')
    ? WebAssembly.compileStreaming(response)
    : WebAssembly.compile(await response.arrayBuffer());
}
