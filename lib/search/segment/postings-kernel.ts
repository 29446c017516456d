import { SCORE_RESOLUTION } from "../index-config";
import { POSTINGS_KERNEL_WASM } from "./postings-kernel-wasm";
import { CODE_RANGE, codeSlot } from "./segment-format";

/**
 * The WebAssembly pass of a search's hottest loop (postings-kernel.wat: why), with the
 * per-item float columns it writes living in its memory. A search's strength and score columns
 * come from {@link kernelColumns}; accumulate-list.ts adds a stored list to a strength column
 * through the kernel whose memory holds it ({@link kernelOf}), and through its JavaScript loop
 * otherwise. Either way the column ends bit for bit the same (postings-kernel.test.ts).
 */

/** Entries of the gain and damage tables: codes past CODE_RANGE read entry 511 (gain 0, damage). */
const TABLE_ENTRIES = 512;
const GAINS = 0;
const DAMAGE = GAINS + TABLE_ENTRIES * Float64Array.BYTES_PER_ELEMENT;
const COLUMNS = DAMAGE + TABLE_ENTRIES * Int32Array.BYTES_PER_ELEMENT;
const PAGE_BYTES = 65_536;
/** Bytes after a copied list, each 0x80: a read past its end takes the varint path, which stops at the end. */
const PADDING = 2;

interface KernelExports {
  strengthPass(at: number, end: number, count: number, gains: number, damage: number, strength: number, size: number): number;
  lastOrdinal: WebAssembly.Global;
  damage: WebAssembly.Global;
}

/** How a pass ended: where (in the list's own bytes), its damage flags and its last ordinal, as accumulate-list.ts's loops report them. */
export interface KernelPassEnd {
  end: number;
  damage: number;
  lastOrdinal: number;
}

let compiled: WebAssembly.Module | null = null;

function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(Buffer.from(POSTINGS_KERNEL_WASM, "base64"));
  return compiled;
}

/** One instance of the kernel with its memory: two float columns of `size` items and a scratch area for one list. */
export class PostingsKernel {
  /** The two columns (a search's strength and score), views of the kernel's memory. */
  readonly columns: readonly [Float32Array, Float32Array];
  private readonly exports: KernelExports;
  private readonly bytes: Uint8Array;
  private readonly gains: Float64Array;
  private readonly scratch: number;
  private readonly scratchBytes: number;

  constructor(readonly size: number) {
    const columnBytes = size * Float32Array.BYTES_PER_ELEMENT;
    this.scratch = COLUMNS + 2 * columnBytes;
    // Room for a list of `size` postings of up to four bytes each (a list of every item with
    // long gaps or codes is longer, and is left to the JavaScript loop).
    this.scratchBytes = 4 * Math.max(size, 4_096);
    const pages = Math.ceil((this.scratch + this.scratchBytes + PADDING) / PAGE_BYTES);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const instance = new WebAssembly.Instance(kernelModule(), { kernel: { memory } });
    this.exports = instance.exports as unknown as KernelExports;
    const buffer = memory.buffer;
    this.bytes = new Uint8Array(buffer);
    this.gains = new Float64Array(buffer, GAINS, TABLE_ENTRIES);
    const damage = new Int32Array(buffer, DAMAGE, TABLE_ENTRIES);
    for (let code = 0; code < TABLE_ENTRIES; code++) damage[code] = code < CODE_RANGE && codeSlot(code) < SCORE_RESOLUTION ? 0 : -1;
    this.columns = [new Float32Array(buffer, COLUMNS, size), new Float32Array(buffer, COLUMNS + columnBytes, size)];
    kernels.set(buffer, this);
  }

  /** True when a list of `length` bytes fits the scratch area. */
  fits(length: number): boolean {
    return length <= this.scratchBytes;
  }

  /**
   * Adds `gains[code]` to `strength[ordinal]` for the `count` postings in `bytes` [at, end)
   * (a column of this kernel; the list must {@link fits}), as accumulate-list.ts's strengthPass
   * does; returns how the pass ended, its end in `bytes`' own positions.
   */
  strengthPass(bytes: Uint8Array, at: number, end: number, count: number, gains: Float64Array, strength: Float32Array): KernelPassEnd {
    const length = end - at;
    this.bytes.set(bytes.subarray(at, end), this.scratch);
    this.bytes.fill(0x80, this.scratch + length, this.scratch + length + PADDING);
    this.gains.set(gains.subarray(0, Math.min(gains.length, CODE_RANGE)));
    const stopped = this.exports.strengthPass(this.scratch, this.scratch + length, count, GAINS, DAMAGE, strength.byteOffset, strength.length);
    return { end: at + (stopped - this.scratch), damage: this.exports.damage.value as number, lastOrdinal: this.exports.lastOrdinal.value as number };
  }
}

const kernels = new WeakMap<ArrayBufferLike, PostingsKernel>();

/** The kernel whose memory holds `column`, if any. */
export function kernelOf(column: Float32Array): PostingsKernel | undefined {
  return kernels.get(column.buffer);
}
