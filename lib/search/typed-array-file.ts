import { open, unlink, writeFile } from "node:fs/promises";
import { CorruptIndexFileError } from "./section-store";

/**
 * Raw typed-array files of an exported index (segments, facet columns, orders): the machine's
 * little-endian bytes, read into fresh aligned buffers with their length checked.
 */

/** A file's bytes in a fresh, aligned ArrayBuffer, checked to hold `count` elements of `width` bytes (any count when null). */
export async function readArray(file: string, width: number, count: number | null): Promise<ArrayBuffer> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    throw new CorruptIndexFileError(file, `does not open (${(error as Error).message})`);
  }
  try {
    const { size } = await handle.stat();
    if (count !== null && size !== count * width) throw new CorruptIndexFileError(file, `${size} bytes, expected ${count} × ${width}`);
    const bytes = new Uint8Array(new ArrayBuffer(size));
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(bytes, read, size - read, read);
      if (bytesRead === 0) throw new CorruptIndexFileError(file, `ends at byte ${read}, expected ${size}`);
      read += bytesRead;
    }
    return bytes.buffer;
  } finally {
    await handle.close();
  }
}

export async function writeArray(file: string, values: Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array): Promise<void> {
  await writeFresh(file, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

/** Writes a new file at `file`: an existing one is unlinked first, as it may be a hard link into another version. */
export async function writeFresh(file: string, bytes: Uint8Array | string): Promise<void> {
  await unlink(file).catch(() => undefined);
  await writeFile(file, bytes);
}
