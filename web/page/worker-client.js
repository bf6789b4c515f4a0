// The page's side of the worker (worker.js): promise calls, progress, cancel, and a memory guard.
// The client remembers what was loaded so that a cancelled or crashed worker is replaced by a new one
// holding the same files.

import { CrmError } from '../src/errors.js';

/** Engine memory needed per byte of input. Files are read piece by piece and never held whole; measured wasm
 *  memory for 1M orders: CSV 1.8×, JSON 0.7×; 650k deal events 2.6× (small files pay the fixed ~34 MB). */
const MEMORY_PER_INPUT_BYTE = 2.5;
/** wasm32 can address 4 GiB; the engine is built with that maximum. */
const WASM_MEMORY_LIMIT = 4 * 1024 ** 3;

// Where the worker comes from: the single-file build inlines its source (globalThis.CRM_WORKER_SOURCE) as a
// classic script, since Chromium refuses module workers from blob: URLs in a page opened from file://.
function defaultWorker() {
  if (globalThis.CRM_WORKER_SOURCE) {
    const url = URL.createObjectURL(new Blob([globalThis.CRM_WORKER_SOURCE], { type: 'text/javascript' }));
    return { url, type: 'classic' };
  }
  return { url: new URL('./worker.js', import.meta.url).href, type: 'module' };
}

function cancelledError() {
  return new CrmError({ code: 'cancelled', message: 'cancelled' });
}

/**
 * Starts the worker (and the wasm module in it) and returns the client; see the methods below.
 * @param {{workerUrl?: string|URL}} [options]
 */
export function createWorkerClient(options = {}) {
  return new WorkerClient(options.workerUrl ? { url: String(options.workerUrl), type: 'module' } : defaultWorker());
}

/** Calls into the engine worker; every method returns a promise and rejects with CrmError. */
export class WorkerClient {
  #source;  // {url, type: 'module'|'classic'}
  #worker = null;
  #nextId = 1;
  #pending = new Map();  // id -> {resolve, reject, onProgress}
  #files = [];           // [{name, source, options, size, rows}] in load order, for replay after a restart
  #restarting = null;

  constructor(source) {
    this.#source = source;
    /** Resolves {schemaVersion} once the wasm module is ready. */
    this.ready = this.#start();
  }

  /** The files loaded so far: [{name, size, options}]. */
  get files() {
    return this.#files.map(({ name, size, options }) => ({ name, size, options }));
  }

  #start() {
    this.#worker = new Worker(this.#source.url, { type: this.#source.type });
    this.#worker.onmessage = (event) => this.#receive(event.data);
    this.#worker.onerror = (event) => {
      event.preventDefault?.();
      this.#failAll(new CrmError({ code: 'internal', message: `the engine worker failed: ${event.message || 'unknown error'}` }));
    };
    return this.#call('init', []);
  }

  #receive(message) {
    const entry = this.#pending.get(message.id);
    if (!entry) return;
    if (message.progress) {
      entry.onProgress?.(message.progress);
      return;
    }
    this.#pending.delete(message.id);
    if (message.ok) entry.resolve('json' in message ? JSON.parse(message.json) : message.result);
    else entry.reject(new CrmError(message.error.fields, message.error.fileReport));
  }

  #failAll(error) {
    for (const entry of this.#pending.values()) entry.reject(error);
    this.#pending.clear();
  }

  #call(method, args, onProgress, transfer = []) {
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      this.#pending.set(id, { resolve, reject, onProgress });
      this.#worker.postMessage({ id, method, args }, transfer);
    });
  }

  // Calls after any restart in progress; an outOfMemory failure replaces the worker (its memory never shrinks).
  async #engineCall(method, args, onProgress) {
    if (this.#restarting) await this.#restarting;
    try {
      return await this.#call(method, args, onProgress);
    } catch (error) {
      if (error.code === 'outOfMemory') await this.#restart();
      throw error;
    }
  }

  // A fresh worker with the remembered files loaded again.
  #restart() {
    this.#worker.terminate();
    this.#failAll(cancelledError());
    this.#restarting = (async () => {
      this.ready = this.#start();
      await this.ready;
      const files = this.#files;
      this.#files = [];
      for (const file of files) {
        try {
          await this.#call(file.rows ? 'loadRows' : 'loadFile', [file.name, file.rows || file.source, file.options]);
          this.#files.push(file);
        } catch {
          // A file that no longer loads is left out; its error was shown when it was first loaded.
        }
      }
    })().finally(() => {
      this.#restarting = null;
    });
    return this.#restarting;
  }

  #remember(entry) {
    this.#files = this.#files.filter((f) => f.name !== entry.name);
    this.#files.push(entry);
  }

  /**
   * Loads a file, streamed into the worker in chunks when it is a File or Blob (never read whole here).
   * @param {string} name file name
   * @param {File|Blob|Uint8Array|ArrayBuffer|string} source
   * @param {object} [options] load options (docs/request-schema.md)
   * @param {{onProgress?: function}} [hooks] onProgress({phase, bytes, totalBytes, rows})
   */
  async loadFile(name, source, options = {}, hooks = {}) {
    const size = source?.size ?? source?.byteLength ?? source?.length ?? 0;
    const result = await this.#engineCall('loadFile', [name, source, options], hooks.onProgress);
    this.#remember({ name, source, options: result.options || options, size });
    return result;
  }

  /** Loads rows already in the page (array of objects) as a JSON table. */
  async loadRows(name, rows, options = {}) {
    const result = await this.#engineCall('loadRows', [name, rows, options]);
    this.#remember({ name, rows, options: result.options || options, size: 0 });
    return result;
  }

  /** Re-reads a loaded file with new options (roles, kind, ...); the file is not read again. */
  async configureFile(name, options = {}, hooks = {}) {
    const result = await this.#engineCall('configureFile', [name, options], hooks.onProgress);
    const file = this.#files.find((f) => f.name === name);
    if (file) file.options = result.options || options;
    return result;
  }

  /** Forgets a file. */
  async removeFile(name) {
    const result = await this.#engineCall('removeFile', [name]);
    this.#files = this.#files.filter((f) => f.name !== name);
    return result;
  }

  /** Forgets every file. */
  async clear() {
    this.#files = [];
    return this.#engineCall('clear', []);
  }

  /** Runs an analysis request; resolves the report. */
  analyze(request = {}) {
    return this.#engineCall('analyze', [request]);
  }

  /** Rows accounting and per-file reports of everything loaded. */
  describe() {
    return this.#engineCall('describe', []);
  }

  /** The first rejected rows (up to 1000). */
  rejectedRows() {
    return this.#engineCall('rejectedRows', []);
  }

  /** Stops whatever runs: its promise rejects with code 'cancelled'; the files loaded before stay loaded. */
  cancel() {
    return this.#restart();
  }

  /**
   * Memory guard: whether a file of `byteSize` bytes is likely to fit next to what is loaded.
   * @returns {{ok: boolean, needBytes: number, limitBytes: number}}
   */
  fits(byteSize) {
    const loaded = this.#files.reduce((sum, f) => sum + f.size, 0);
    const needBytes = Math.ceil((loaded + byteSize) * MEMORY_PER_INPUT_BYTE);
    const deviceBytes = (globalThis.navigator?.deviceMemory || 8) * 1024 ** 3 / 2;
    const limitBytes = Math.min(WASM_MEMORY_LIMIT, deviceBytes);
    return { ok: needBytes <= limitBytes, needBytes, limitBytes };
  }

  /** Stops the worker for good. */
  terminate() {
    this.#worker.terminate();
    this.#failAll(cancelledError());
  }
}
