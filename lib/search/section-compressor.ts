import { Worker } from "node:worker_threads";

/**
 * The worker's source, plain JavaScript (it runs alike under tsx, Vitest and Next): compresses
 * batches of texts as section-store.ts's encodeSections does (raw deflate with the preset
 * dictionary; "" stays empty) and sends back one transferred buffer and each text's byte length.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { deflateRawSync } = require("node:zlib");
const options = { level: workerData.level, dictionary: Buffer.from(workerData.dictionary) };
parentPort.on("message", (texts) => {
  const parts = texts.map((text) => (text === "" ? Buffer.alloc(0) : deflateRawSync(Buffer.from(text, "utf8"), options)));
  const lengths = parts.map((part) => part.length);
  const bytes = new Uint8Array(lengths.reduce((sum, length) => sum + length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  parentPort.postMessage({ bytes, lengths }, [bytes.buffer]);
});
`;

/** Texts a batch gathers before it goes to the worker: one message per ~256 KB, not one per item. */
const BATCH_CHARS = 256 << 10;
/** Batches at the worker before {@link SectionCompressor.add} makes its caller wait. */
const MAX_BATCHES_IN_FLIGHT = 8;

/**
 * Compresses texts on a worker thread, in order, while the caller's thread goes on: a full build
 * encodes an item's terms while the item before is compressed (the compression, mostly setting
 * the dictionary, was a fifth of a build). `onCompressed` receives each text's bytes in the order
 * the texts were added.
 */
export class SectionCompressor {
  private readonly worker: Worker;
  private batch: string[] = [];
  private batchChars = 0;
  private inFlight = 0;
  private failure: Error | null = null;
  private waiters: Array<() => void> = [];

  constructor(level: number, dictionary: Buffer, onCompressed: (bytes: Buffer) => void) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { level, dictionary: new Uint8Array(dictionary) } });
    // Referenced only while it compresses: a build that fails half-way must not keep the process
    // alive for it, and one waiting for its bytes must not see the process exit meanwhile.
    this.worker.unref();
    this.worker.on("message", ({ bytes, lengths }: { bytes: Uint8Array; lengths: number[] }) => {
      let offset = 0;
      for (const length of lengths) {
        onCompressed(Buffer.from(bytes.buffer, bytes.byteOffset + offset, length));
        offset += length;
      }
      if (--this.inFlight === 0) this.worker.unref();
      this.wake();
    });
    this.worker.on("error", (error) => {
      this.failure ??= new Error(`The section compressor's worker failed: ${error.message}`, { cause: error });
      this.wake();
    });
    // A worker that stops with batches unanswered (killed, or exited without an error) fails the build, not hangs it.
    this.worker.on("exit", (code) => {
      if (this.inFlight > 0) this.failure ??= new Error(`The section compressor's worker stopped (exit code ${code}) with ${this.inFlight} batch(es) unanswered`);
      this.wake();
    });
  }

  /** Queues a text; resolves at once unless the worker is behind, then when it caught up. */
  add(text: string): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    this.batch.push(text);
    this.batchChars += text.length;
    if (this.batchChars >= BATCH_CHARS) this.send();
    if (this.inFlight < MAX_BATCHES_IN_FLIGHT) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Compresses what is queued, waits for every text's bytes and stops the worker. */
  async finish(): Promise<void> {
    try {
      this.send();
      while (this.inFlight > 0 && this.failure === null) await new Promise<void>((resolve) => this.waiters.push(resolve));
      if (this.failure !== null) throw this.failure;
    } finally {
      await this.worker.terminate();
    }
  }

  /** Stops the worker without waiting for what it compresses. */
  async abandon(): Promise<void> {
    await this.worker.terminate();
  }

  private send(): void {
    if (this.batch.length === 0) return;
    this.worker.postMessage(this.batch);
    if (this.inFlight++ === 0) this.worker.ref();
    this.batch = [];
    this.batchChars = 0;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
