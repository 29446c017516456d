import { closeSync, fstatSync, openSync, read, readSync } from "node:fs";
import { link, open, stat, unlink } from "node:fs/promises";
import { promisify } from "node:util";
import { CorruptIndexFileError } from "../section-store";

// Closes an opened segment file's descriptor once the file object is garbage, as FileSectionStore does.
const descriptors = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
});

const readAsync = promisify(read);

/** Reads above this are not kept for reuse. */
const REUSED_BUFFER_BYTES = 1 << 20;
const COPY_CHUNK_BYTES = 8 << 20;

/**
 * Small reads (a list's header, one range of a long list: ranked-search.ts reads hundreds of
 * 100-byte slices per search) are served from blocks of this size kept in memory, rather than a
 * positioned read each: at 1M items a read costs ~3 µs, most of it the system call, and a search
 * of common words made 400–900 of them.
 */
const BLOCK_BYTES = 16 << 10;
/** Reads up to this size go through the blocks. */
const SMALL_READ_BYTES = 4 << 10;
/** Blocks kept for every open file together (32 MB), the least recently used dropped first. */
const MAX_BLOCKS = 2048;

/** The kept blocks of every file, by file id × 2^32 + block index; a Map iterates oldest first. */
const blocks = new Map<number, Buffer>();
let nextFileId = 0;

/** A kept block's bytes, reading them first when not kept; the least recently used goes when too many are. */
function keptBlock(key: number, fill: (block: Buffer) => void): Buffer {
  const kept = blocks.get(key);
  if (kept !== undefined) {
    blocks.delete(key);
    blocks.set(key, kept);
    return kept;
  }
  let block: Buffer | undefined;
  if (blocks.size >= MAX_BLOCKS) {
    const oldest = blocks.keys().next().value as number;
    block = blocks.get(oldest);
    blocks.delete(oldest);
  }
  block ??= Buffer.allocUnsafe(BLOCK_BYTES);
  fill(block);
  blocks.set(key, block);
  return block;
}

/**
 * One file of an opened segment, read with positioned reads through a descriptor kept open for
 * the object's life (the file may be renamed or unlinked meanwhile: the next export renames its
 * staging directory, a newer version removes this one). Reads past the end raise
 * CorruptIndexFileError naming the file.
 */
export class SegmentFile {
  private scratch = Buffer.allocUnsafe(1 << 16);
  private readonly id = nextFileId++;

  private constructor(
    readonly file: string,
    readonly fd: number,
    readonly size: number,
  ) {
    descriptors.register(this, fd, this);
  }

  /** Opens `file` for reading; CorruptIndexFileError naming it when it does not open. */
  static open(file: string): SegmentFile {
    let fd: number;
    try {
      fd = openSync(file, "r");
    } catch (error) {
      throw new CorruptIndexFileError(file, `does not open (${(error as Error).message})`);
    }
    return new SegmentFile(file, fd, fstatSync(fd).size);
  }

  /** Closes the descriptor now (a segment that fails to open); the object must not be read after. */
  close(): void {
    descriptors.unregister(this);
    closeSync(this.fd);
  }

  /** Bytes [start, start + length) in a reused buffer: valid until the next read. */
  read(start: number, length: number): Uint8Array {
    const block = Math.floor(start / BLOCK_BYTES);
    const at = start - block * BLOCK_BYTES;
    // Within one block of the file (else, or past its end, read as asked: a short read names the file).
    if (length <= SMALL_READ_BYTES && at + length <= BLOCK_BYTES && start + length <= this.size) {
      const blockStart = block * BLOCK_BYTES;
      const bytes = keptBlock(this.id * 2 ** 32 + block, (into) => this.readInto(into.subarray(0, Math.min(BLOCK_BYTES, this.size - blockStart)), blockStart));
      return bytes.subarray(at, at + length);
    }
    let buffer = this.scratch;
    if (length > buffer.length) {
      buffer = Buffer.allocUnsafe(length);
      if (length <= REUSED_BUFFER_BYTES) this.scratch = buffer;
    }
    const bytes = buffer.subarray(0, length);
    this.readInto(bytes, start);
    return bytes;
  }

  /** Fills `target` with the bytes from `start` on. */
  readInto(target: Uint8Array, start: number): void {
    const { length } = target;
    let read = 0;
    while (read < length) {
      const bytes = readSync(this.fd, target, read, length - read, start + read);
      if (bytes === 0) throw new CorruptIndexFileError(this.file, `ends at byte ${start + read}, expected ${start + length}`);
      read += bytes;
    }
  }

  /** As {@link readInto}, without blocking the event loop (streaming passes over whole files). */
  async readIntoAsync(target: Uint8Array, start: number): Promise<void> {
    const { length } = target;
    let read = 0;
    while (read < length) {
      const { bytesRead } = await readAsync(this.fd, target, read, length - read, start + read);
      if (bytesRead === 0) throw new CorruptIndexFileError(this.file, `ends at byte ${start + read}, expected ${start + length}`);
      read += bytesRead;
    }
  }

  /** Writes the file to `target` (a new file): a hard link when possible, else a copy. */
  async writeTo(target: string): Promise<void> {
    // A hard link when the path still names the file this object reads (the export may have
    // renamed or removed the directory since); else a copy read through the open descriptor.
    const source = fstatSync(this.fd);
    const isSource = (other: { ino: number; dev: number } | null) => other !== null && other.ino === source.ino && other.dev === source.dev;
    const existing = await stat(target).catch(() => null);
    // Writing a segment where it already lives (the directory it was opened from, maybe renamed).
    if (isSource(existing)) return;
    if (existing !== null) await unlink(target);
    if (isSource(await stat(this.file).catch(() => null))) {
      try {
        await link(this.file, target);
        return;
      } catch {
        // Another file system: copy.
      }
    }
    const handle = await open(target, "w");
    try {
      const chunk = Buffer.allocUnsafe(Math.min(COPY_CHUNK_BYTES, Math.max(1, this.size)));
      for (let position = 0; position < this.size; ) {
        const length = Math.min(chunk.length, this.size - position);
        this.readInto(chunk.subarray(0, length), position);
        await handle.write(chunk, 0, length);
        position += length;
      }
    } finally {
      await handle.close();
    }
  }
}
