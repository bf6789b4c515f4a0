// Loading the WebAssembly module in a page, a worker or Node. The module is built by scripts/build
// into web/dist/ (crm_engine.mjs + crm_engine.wasm). It is compiled once per realm; every engine gets an
// instance of its own (its own memory, given back when the engine is released and collected).

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

let compiledPromise = null;
let modulePromise = null;

/**
 * Instantiates the module once per realm (page, worker or Node process) and returns that instance.
 * @param {{moduleUrl?: string, factory?: function, wasmUrl?: string, wasmBinary?: Uint8Array}} [options]
 *   moduleUrl: where crm_engine.mjs is (default: ../dist/ next to this file); factory: its default export,
 *   when a bundler has imported it already; wasmUrl: the .wasm (default: next to crm_engine.mjs);
 *   wasmBinary: the .wasm bytes (skips fetching).
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
  const { factory, compiled } = await compile(options);
  return new Promise((resolve, reject) => {
    const settings = {
      // The glue would fetch and compile the .wasm itself; hand it the compiled module instead.
      instantiateWasm(imports, receiveInstance) {
        WebAssembly.instantiate(compiled, imports).then((instance) => receiveInstance(instance, compiled), reject);
        return {};
      },
      locateFile: (file) => file,
    };
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
  // Resolved only when needed: a bundled worker from a blob: URL has no base to resolve it against.
  const moduleUrl = () => options.moduleUrl || new URL('../dist/crm_engine.mjs', import.meta.url).href;
  const factory = options.factory || (await import(/* webpackIgnore: true */ moduleUrl())).default;
  const wasmUrl = () => options.wasmUrl || new URL('crm_engine.wasm', moduleUrl()).href;
  let compiled;
  if (options.wasmBinary) {
    compiled = await WebAssembly.compile(options.wasmBinary);
  } else if (isNode) {
    // Node 20's fetch cannot read file: URLs; read the bytes instead.
    const { readFile } = await import('node:fs/promises');
    compiled = await WebAssembly.compile(await readFile(new URL(wasmUrl())));
  } else {
    const response = await fetch(wasmUrl());
    if (!response.ok) throw new Error(`cannot load the analytics engine: ${wasmUrl()} (HTTP ${response.status})`);
    compiled = WebAssembly.compileStreaming && /wasm/.test(response.headers.get('content-type') || '')
      ? await WebAssembly.compileStreaming(response)
      : await WebAssembly.compile(await response.arrayBuffer());
  }
  return { factory, compiled };
}
