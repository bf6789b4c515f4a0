// Readers the engine pulls a file's bytes through, one piece at a time, straight into its own memory
// (crm::ByteSource on the C++ side, wasm/bindings.cpp). The bytes stay where they are (an array, a list of
// chunks, a File on disk): wasm memory never holds a whole file, and the engine reads a file again through
// its reader when roles change or another file is removed.

// A reader: {size, read(address, capacity) -> bytes copied (0 at the end, -1 on error), rewind(), error()}.
// `onRewind` is told when the engine starts reading the file again.
function makeReader(module, size, copyAt, onRewind = () => {}) {
  let position = 0;
  let message = '';
  return {
    size,
    read(address, capacity) {
      const n = Math.min(capacity, size - position);
      if (n <= 0) return 0;
      try {
        const piece = copyAt(position, n);
        // The memory is looked up at every call: the engine may have grown it since the last one (in the
        // threaded build possibly on its other thread, which the glue's HEAPU8 does not follow at once).
        const heap = module.wasmMemory ? new Uint8Array(module.wasmMemory.buffer) : module.HEAPU8;
        heap.set(piece, address);
        position += piece.length;
        return piece.length;
      } catch (error) {
        message = String(error?.message || error);
        return -1;
      }
    },
    rewind() {
      position = 0;
      onRewind();
    },
    error() {
      return message;
    },
  };
}

/** A reader over bytes in memory. */
export function bytesReader(module, bytes) {
  return makeReader(module, bytes.length, (position, n) => bytes.subarray(position, position + n));
}

/** A reader over a list of chunks (Uint8Array) that together make the file. */
export function chunksReader(module, chunks) {
  const starts = [];
  let size = 0;
  for (const chunk of chunks) {
    starts.push(size);
    size += chunk.length;
  }
  let index = 0;  // the chunk the last piece came from: pieces are read in order
  return makeReader(module, size, (position, n) => {
    if (index >= chunks.length || position < starts[index]) index = 0;
    while (position >= starts[index] + chunks[index].length) index += 1;
    const offset = position - starts[index];
    return chunks[index].subarray(offset, Math.min(chunks[index].length, offset + n));
  });
}

/** True where a Blob (a File) can be read synchronously, slice by slice: in a worker. */
export function canReadBlobs() {
  return typeof FileReaderSync !== 'undefined';
}

/** Bytes a Blob reader takes from the Blob at once (the engine asks for 1 MiB pieces). */
const BLOB_BLOCK_BYTES = 16 << 20;

/**
 * A reader over a Blob or File, read with FileReaderSync (workers only) in blocks of 16 MiB that the engine's
 * pieces are cut from: each read of a File is a round trip to the browser process, and reading 1M orders (54 MB)
 * in 1 MiB slices took Chromium 270-340 ms, in 16 MiB slices 98-171 ms. A piece ends at its block's end (a short
 * read: the engine asks again for the rest), so no byte is read twice. The block is let go once its last byte is
 * read, or at a rewind.
 */
export function blobReader(module, blob) {
  const sync = new FileReaderSync();
  let block = null;
  let blockStart = 0;
  return makeReader(module, blob.size, (position, n) => {
    if (!block || position < blockStart || position >= blockStart + block.length) {
      block = new Uint8Array(sync.readAsArrayBuffer(blob.slice(position, position + Math.max(n, BLOB_BLOCK_BYTES))));
      blockStart = position;
    }
    const offset = position - blockStart;
    const piece = block.subarray(offset, Math.min(block.length, offset + n));
    if (offset + piece.length >= block.length) block = null;  // its bytes are copied into wasm memory before the next read
    return piece;
  }, () => {
    block = null;
  });
}

/** A reader over any random-access source {size, read(position, length) -> Uint8Array} (a Node file, ...). */
export function sourceReader(module, source) {
  return makeReader(module, source.size, (position, n) => source.read(position, n));
}
