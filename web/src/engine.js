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
   * @throws {CrmError} when the file cannot be read; `error.fileReport` holds what was read.
   */
  loadFile(name, data, options = {}) {
    const bytes = toBytes(data);
    const address = this.#engine.reserve(bytes.length);
    if (!address && bytes.length) throw new CrmError({ code: 'outOfMemory', message: 'out of memory: the file does not fit in memory', file: name });
    // Read HEAPU8 after reserve(): growing memory replaces the view.
    this.#module.HEAPU8.set(bytes, address);
    return parseResult(this.#engine.loadPending(name, JSON.stringify(options)));
  }

  /** Loads rows already in the page (an array of objects, as a CRM widget has them) as a JSON table. */
  loadRows(name, rows, options = {}) {
    if (!Array.isArray(rows)) throw new TypeError('rows must be an array of objects');
    return this.loadFile(name, JSON.stringify(rows), options);
  }

  /** Re-reads a loaded file with new options (roles, kind, ...), without the caller reading it again. */
  configureFile(name, options = {}) {
    return parseResult(this.#engine.configure(name, JSON.stringify(options)));
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
