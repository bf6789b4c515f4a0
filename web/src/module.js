// Loading the WebAssembly module in a page, a worker or Node. The module is built by scripts/build
// into web/dist/ (crm_engine.mjs + crm_engine.wasm).

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

let modulePromise = null;

/**
 * Instantiates the module once per realm (page, worker or Node process) and returns it.
 * @param {{moduleUrl?: string, factory?: function, wasmUrl?: string, wasmBinary?: Uint8Array}} [options]
 *   moduleUrl: where crm_engine.mjs is (default: ../dist/ next to this file); factory: its default export,
 *   when a bundler has imported it already; wasmUrl: the .wasm; wasmBinary: the .wasm bytes (skips fetching).
 */
export function loadModule(options = {}) {
  if (!modulePromise) modulePromise = instantiate(options);
  return modulePromise;
}

async function instantiate(options) {
  // Resolved only when needed: a bundled worker from a blob: URL has no base to resolve it against.
  const moduleUrl = () => options.moduleUrl || new URL('../dist/crm_engine.mjs', import.meta.url).href;
  const createCrmModule = options.factory || (await import(/* webpackIgnore: true */ moduleUrl())).default;
  const settings = {};
  if (options.wasmBinary) {
    settings.wasmBinary = options.wasmBinary;
    // No URL is needed then; this also keeps the glue from resolving one against a blob: or file: base.
    settings.locateFile = (file) => file;
  } else if (isNode) {
    // Node 20's fetch cannot read file: URLs; hand the bytes over instead.
    const { readFile } = await import('node:fs/promises');
    const wasmUrl = options.wasmUrl || new URL('crm_engine.wasm', moduleUrl());
    settings.wasmBinary = await readFile(wasmUrl instanceof URL ? wasmUrl : new URL(wasmUrl));
  } else if (options.wasmUrl) {
    settings.locateFile = () => options.wasmUrl;
  }
  return createCrmModule(settings);
}
