// The page's Web Worker: owns the wasm engine, so parsing and analysis never block the tab.
// Messages in: {id, method, args}; out: {id, progress} while a file is read, then {id, ok, result | json | error}
// (json: a report as JSON text, which worker-client.js parses).
// worker-client.js is the other side.

import createCrmModule from '../dist/crm_engine.mjs';
import { CrmEngine } from '../src/engine.js';
import { loadModule } from '../src/module.js';

let enginePromise = null;

// The wasm bytes: inlined by the single-file build (self.CRM_WASM_BASE64), else fetched from next to
// this script while the page loads.
async function wasmBinary() {
  if (self.CRM_WASM_BASE64) {
    const text = atob(self.CRM_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }
  const response = await fetch(new URL('crm_engine.wasm', self.location.href));
  if (!response.ok) throw new Error(`cannot load the analytics engine (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

function engine() {
  if (!enginePromise) {
    enginePromise = wasmBinary()
      .then((bytes) => loadModule({ factory: createCrmModule, wasmBinary: bytes }))
      .then((module) => {
        const e = new CrmEngine(module);
        // While the page waits for a file, the engine's hot paths are compiled with the browser's optimizing
        // tier (src/warm-up.js): a first file of 100k orders then reaches its report about 60 ms sooner (of
        // 370-430). Messages that arrive meanwhile wait.
        setTimeout(() => {
          try {
            e.warmUp();
          } catch (error) {
            console.warn('analytics engine warm-up failed:', error);
          }
        }, 0);
        return e;
      });
  }
  return enginePromise;
}

/** A result passed on as the JSON text it is parsed from (worker-client.js parses it): cheaper than a structured
 *  clone of the object for large reports. */
class JsonText {
  constructor(text) {
    this.text = text;
  }
}

// Each method takes the message's args and a progress callback; results are plain JSON-able objects or JsonText.
const methods = {
  async init() {
    const e = await engine();
    return { schemaVersion: e.schemaVersion };
  },
  async loadFile(e, progress, name, source, options) {
    // A File is read slice by slice where it lies (FileReaderSync), now and at every re-read.
    return e.loadFile(name, source, options, { onProgress: progress });
  },
  async loadRows(e, progress, name, rows, options) {
    return e.loadRows(name, rows, options);
  },
  async configureFile(e, progress, name, options) {
    return e.configureFile(name, options, { onProgress: progress });
  },
  async removeFile(e, progress, name) {
    return e.removeFile(name);
  },
  async clear(e) {
    e.clear();
    return { ok: true };
  },
  async analyze(e, progress, request) {
    return new JsonText(e.analyzeText(request));
  },
  async describe(e) {
    return e.describe();
  },
  async rejectedRows(e) {
    return e.rejectedRows();
  },
};

// An error as plain fields (CrmError fields survive; anything else becomes an internal error).
function errorFields(error) {
  if (error && error.name === 'CrmError') {
    return {
      fields: {
        code: error.code, message: error.reason, text: error.message, file: error.file, line: error.line,
        column: error.column, expected: error.expected,
      },
      fileReport: error.fileReport,
    };
  }
  const outOfMemory = error instanceof RangeError && /memory/i.test(String(error.message));
  return {
    fields: {
      code: outOfMemory ? 'outOfMemory' : 'internal',
      message: outOfMemory ? 'out of memory: the data does not fit in this tab\'s memory' : String(error?.message || error),
    },
    fileReport: null,
  };
}

self.onmessage = async (event) => {
  const { id, method, args = [] } = event.data;
  // Progress at most every 50 ms: enough for a smooth bar, few messages.
  let lastProgress = 0;
  const progress = (value) => {
    const now = performance.now();
    if (now - lastProgress < 50 && value.bytes < value.totalBytes) return;
    lastProgress = now;
    self.postMessage({ id, progress: value });
  };
  try {
    const call = methods[method];
    if (!call) throw new Error(`unknown worker method ${method}`);
    const result = method === 'init' ? await call() : await call(await engine(), progress, ...args);
    self.postMessage(result instanceof JsonText ? { id, ok: true, json: result.text } : { id, ok: true, result });
  } catch (error) {
    self.postMessage({ id, ok: false, error: errorFields(error) });
  }
};
