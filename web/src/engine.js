// The ES module API over the wasm engine: load files (bytes, text or rows), analyze with a request
// object, get plain report objects. Works the same in a page, a worker and Node.

import { CrmError } from './errors.js';
import { loadModule } from './module.js';

const encoder = new TextEncoder();

function toBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === 'string') return encoder.encode(data);
  throw new TypeError('file data must be a Uint8Array, an ArrayBuffer or a string');
}

// Chunks of a WHATWG ReadableStream (no async iteration in every browser) or of any async iterable.
async function* iterateChunks(stream) {
  if (stream && typeof stream.getReader === 'function') {
    const reader = stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  } else {
    yield* stream;
  }
}

function parseResult(json) {
  const value = JSON.parse(json);
  if (value && value.ok === false) throw new CrmError(value.error, value.file || null);
  if (value && value.error && value.ok === undefined) throw new CrmError(value.error);
  return value;
}

/** One analytics session: the files loaded into it and the dataset built from them. */
export class CrmEngine {
  #module;
  #engine;

  /** Use createEngine() rather than this constructor. */
  constructor(module) {
    this.#module = module;
    this.#engine = new module.Engine();
  }

  /** Version of the report schema this engine writes. */
  get schemaVersion() {
    return this.#module.schemaVersion;
  }

  /**
   * Loads a file (replacing one of the same name). Returns {ok, file, options}: `file` says how the
   * file was read (encoding, delimiter, kind, roles with evidence, rows accounting).
   * @param {string} name file name, used in messages
   * @param {Uint8Array|ArrayBuffer|string} data the file's bytes (or text)
   * @param {object} [options] {kind, roles: {role: column}, delimiter, dateOrder, excludedStatuses, dropDuplicates}
   * @param {{onProgress?: function}} [hooks] onProgress({phase, bytes, totalBytes, rows}) while the file is parsed
   * @throws {CrmError} when the file cannot be read; `error.fileReport` holds what was read.
   */
  loadFile(name, data, options = {}, hooks = {}) {
    const bytes = toBytes(data);
    const address = this.#reserve(name, bytes.length);
    // Read HEAPU8 after reserve(): growing memory replaces the view.
    this.#module.HEAPU8.set(bytes, address);
    return this.#loadPending(name, options, hooks);
  }

  /**
   * Loads a file from a stream of byte chunks (File.stream(), a Node stream, any async iterable of
   * Uint8Array) written straight into the engine's buffer: no whole copy of the file in JS memory.
   * @param {string} name file name
   * @param {number} size the file's size in bytes (File.size)
   * @param {ReadableStream|AsyncIterable<Uint8Array>} stream the file's bytes, in order
   * @param {object} [options] load options, as for loadFile()
   * @param {{onProgress?: function}} [hooks] onProgress({phase: 'reading'|'parsing', bytes, totalBytes, rows})
   */
  async loadStream(name, size, stream, options = {}, hooks = {}) {
    const address = this.#reserve(name, size);
    let written = 0;
    for await (const chunk of iterateChunks(stream)) {
      const bytes = toBytes(chunk);
      if (written + bytes.length > size) {
        throw new CrmError({ code: 'badRequest', message: `the stream of ${name} holds more than the ${size} bytes announced`, file: name });
      }
      this.#module.HEAPU8.set(bytes, address + written);
      written += bytes.length;
      hooks.onProgress?.({ phase: 'reading', bytes: written, totalBytes: size, rows: 0 });
    }
    if (written !== size) {
      throw new CrmError({ code: 'badRequest', message: `the stream of ${name} ended after ${written} of ${size} bytes`, file: name });
    }
    return this.#loadPending(name, options, hooks);
  }

  #reserve(name, size) {
    const address = this.#engine.reserve(size);
    if (!address && size) {
      throw new CrmError({ code: 'outOfMemory', message: `out of memory: ${name} (${size} bytes) does not fit in this tab's memory`, file: name });
    }
    return address;
  }

  #loadPending(name, options, hooks) {
    return this.#withProgress(hooks, () => parseResult(this.#engine.loadPending(name, JSON.stringify(options))));
  }

  // Runs a call that reads files, forwarding the engine's progress to hooks.onProgress.
  #withProgress(hooks, call) {
    const onProgress = hooks.onProgress;
    if (!onProgress) return call();
    this.#engine.setProgress((bytes, totalBytes, rows) => onProgress({ phase: 'parsing', bytes, totalBytes, rows }));
    try {
      return call();
    } finally {
      this.#engine.setProgress(undefined);
    }
  }

  /** Loads rows already in the page (an array of objects, as a CRM widget has them) as a JSON table. */
  loadRows(name, rows, options = {}) {
    if (!Array.isArray(rows)) throw new TypeError('rows must be an array of objects');
    return this.loadFile(name, JSON.stringify(rows), options);
  }

  /** Re-reads a loaded file with new options (roles, kind, ...), without the caller reading it again;
   *  hooks.onProgress as for loadFile(). */
  configureFile(name, options = {}, hooks = {}) {
    return this.#withProgress(hooks, () => parseResult(this.#engine.configure(name, JSON.stringify(options))));
  }

  /** Forgets a loaded file. */
  removeFile(name) {
    return parseResult(this.#engine.remove(name));
  }

  /** Forgets every file. */
  clear() {
    this.#engine.clear();
  }

  /**
   * Runs analyses and returns the report object (docs/report-schema.md).
   * @param {object} [request] {analyses, asOf, filters, rfm, cohorts, funnel, rejectedRows}
   */
  analyze(request = {}) {
    return parseResult(this.#engine.analyze(JSON.stringify(request)));
  }

  /** Rows accounting and per-file reports of everything loaded. */
  describe() {
    return parseResult(this.#engine.describe());
  }

  /** The first rejected rows (up to 1000): [{file, line, column, columnName, value, reason}]. */
  rejectedRows() {
    return parseResult(this.#engine.rejectedRows());
  }

  /** Frees the engine's memory; the object must not be used afterwards. */
  release() {
    if (this.#engine) this.#engine.delete();
    this.#engine = null;
  }
}

/**
 * Creates an engine (instantiating the wasm module on first use).
 * @param {object} [options] see loadModule() in module.js
 */
export async function createEngine(options = {}) {
  const module = await loadModule(options);
  return new CrmEngine(module);
}
