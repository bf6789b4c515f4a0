// The ES module API over the wasm engine: load files (bytes, text or rows), analyze with a request
// object, get plain report objects. Works the same in a page, a worker and Node.

import { blobReader, bytesReader, canReadBlobs, chunksReader, sourceReader } from './byte-readers.js';
import { CrmError } from './errors.js';
import { newInstance } from './module.js';
import { runWarmUp } from './warm-up.js';

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

/**
 * Whether the threaded build's worker has loaded the module: only then may a load hand rows to it. (Before,
 * this thread would wait for a worker that starts only once this thread is back in its event loop.)
 */
function workerReady(module) {
  const pool = module.PThread;
  return !!pool && pool.unusedWorkers.length > 0 && pool.unusedWorkers.every((worker) => worker.loaded);
}

/** One analytics session: the files loaded into it and the dataset built from them. */
export class CrmEngine {
  #module;
  #engine;
  #threadsFromBytes;  // files of this many bytes or more may use the threaded build's worker

  /** Use createEngine() rather than this constructor. */
  constructor(module, options = {}) {
    this.#module = module;
    this.#engine = new module.Engine();
    this.#threadsFromBytes = options.loadThreadsFromBytes ?? 8 * 1024 * 1024;
  }

  /** Version of the report schema this engine writes. */
  get schemaVersion() {
    return this.#module.schemaVersion;
  }

  /**
   * Loads a file (replacing one of the same name). Returns {ok, file, options}: `file` says how the
   * file was read (encoding, delimiter, kind, roles with evidence, rows accounting). The engine reads the
   * bytes piece by piece and keeps a reference to `data` (not a copy) to read it again when options change.
   * @param {string} name file name, used in messages
   * @param {Uint8Array|ArrayBuffer|string|Blob|{size: number, read: function}} data the file's bytes (or text);
   *   a Blob or File only in a worker (read slice by slice; elsewhere use loadStream(name, file.size, file.stream()));
   *   or any source {size, read(position, length) -> Uint8Array} read synchronously (e.g. a Node file descriptor)
   * @param {object} [options] {kind, roles: {role: column}, delimiter, dateOrder, excludedStatuses, dropDuplicates}
   * @param {{onProgress?: function}} [hooks] onProgress({phase, bytes, totalBytes, rows}) while the file is parsed
   * @throws {CrmError} when the file cannot be read; `error.fileReport` holds what was read.
   */
  loadFile(name, data, options = {}, hooks = {}) {
    let reader;
    if (typeof Blob !== 'undefined' && data instanceof Blob) {
      if (!canReadBlobs()) throw new TypeError('a Blob or File can be passed to loadFile() only in a worker; use loadStream(name, file.size, file.stream())');
      reader = blobReader(this.#module, data);
    } else if (data && typeof data.read === 'function' && typeof data.size === 'number') {
      reader = sourceReader(this.#module, data);
    } else {
      reader = bytesReader(this.#module, toBytes(data));
    }
    return this.#load(name, reader, options, hooks);
  }

  /**
   * Loads a file from a stream of byte chunks (File.stream(), a Node stream, any async iterable of
   * Uint8Array). The chunks are kept as they came (the engine reads them piece by piece and again when
   * options change): no whole copy of the file is made.
   * @param {string} name file name
   * @param {number} size the file's size in bytes (File.size)
   * @param {ReadableStream|AsyncIterable<Uint8Array>} stream the file's bytes, in order
   * @param {object} [options] load options, as for loadFile()
   * @param {{onProgress?: function}} [hooks] onProgress({phase: 'reading'|'parsing', bytes, totalBytes, rows})
   */
  async loadStream(name, size, stream, options = {}, hooks = {}) {
    const chunks = [];
    let written = 0;
    for await (const chunk of iterateChunks(stream)) {
      const bytes = toBytes(chunk);
      if (written + bytes.length > size) {
        throw new CrmError({ code: 'badRequest', message: `the stream of ${name} holds more than the ${size} bytes announced`, file: name });
      }
      chunks.push(bytes);
      written += bytes.length;
      hooks.onProgress?.({ phase: 'reading', bytes: written, totalBytes: size, rows: 0 });
    }
    if (written !== size) {
      throw new CrmError({ code: 'badRequest', message: `the stream of ${name} ended after ${written} of ${size} bytes`, file: name });
    }
    return this.#load(name, chunksReader(this.#module, chunks), options, hooks);
  }

  #load(name, reader, options, hooks) {
    return this.#withProgress(hooks, () => parseResult(this.#engine.load(name, reader, JSON.stringify(options))));
  }

  // Lets the next reads use the threaded build's worker once it is ready (files of #threadsFromBytes or more).
  #allowThreads() {
    if (this.#module.PThread) this.#engine.setLoadThreadsFrom(workerReady(this.#module) ? this.#threadsFromBytes : -1);
  }

  // Runs a call that reads files, forwarding the engine's progress to hooks.onProgress.
  #withProgress(hooks, call) {
    this.#allowThreads();
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

  /** Re-reads a loaded file with new options (roles, kind, ...) through what it was loaded from;
   *  hooks.onProgress as for loadFile(). */
  configureFile(name, options = {}, hooks = {}) {
    return this.#withProgress(hooks, () => parseResult(this.#engine.configure(name, JSON.stringify(options))));
  }

  /** Forgets a loaded file. */
  removeFile(name) {
    this.#allowThreads();  // the other files are read again
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

  /**
   * analyze() without parsing: the report as JSON text, for passing on (from a worker, JSON.parse on the other
   * side is cheaper than a structured clone of the object: a 1M-orders report with its 117k RFM customers
   * crosses in about half the time). Throws CrmError as analyze() does.
   */
  analyzeText(request = {}) {
    const json = this.#engine.analyze(JSON.stringify(request));
    // An error starts with "ok": false (the engine writes it first); it is thrown as analyze() would.
    if (json.startsWith('{"ok":false')) parseResult(json);
    return json;
  }

  /** Rows accounting and per-file reports of everything loaded. */
  describe() {
    return parseResult(this.#engine.describe());
  }

  /** The first rejected rows (up to 1000): [{file, line, column, columnName, value, reason}]. */
  rejectedRows() {
    return parseResult(this.#engine.rejectedRows());
  }

  /**
   * Runs small built-in files through every reader and analysis in a scratch engine object (this engine's files
   * stay as they are), so that the browser compiles the hot paths with its optimizing tier before the first real
   * file: a fresh engine's first load of 100k orders then takes about a third of the time (src/warm-up.js). Takes
   * 150-300 ms of CPU; worth it in a worker or while the page waits for a file. Returns the milliseconds it took.
   */
  warmUp() {
    return runWarmUp(this.#module, parseResult);
  }

  /** Frees the engine and its memory (the engine's own wasm instance); the object must not be used afterwards. */
  release() {
    if (this.#engine) this.#engine.delete();
    // The threaded build's worker holds the instance's shared memory: end it with the engine.
    this.#module?.PThread?.terminateAllThreads();
    this.#engine = null;
    this.#module = null;
  }
}

/**
 * Creates an engine with a wasm instance (and memory) of its own; the module is compiled on first use (the
 * threaded build: resolves once the instance's worker has loaded it).
 * @param {object} [options] see loadModule() in module.js
 */
export async function createEngine(options = {}) {
  const module = await newInstance(options);
  await workerLoaded(module);
  return new CrmEngine(module, options);
}

/**
 * Waits (up to 3 s) for the threaded build's worker to load the module, so that the first load can use it;
 * at once for the single-threaded build. Loads before it is ready run on one thread.
 */
async function workerLoaded(module) {
  for (let waited = 0; module.PThread && !workerReady(module) && waited < 3000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
