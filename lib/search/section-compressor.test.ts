import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SectionCompressor } from "./section-compressor";

describe("SectionCompressor", () => {
  it("fails what waits for its bytes, not hangs it, when its worker stops with batches unanswered", async () => {
    const compressor = new SectionCompressor(6, Buffer.alloc(0), () => {});
    // Incompressible text, four batches of a megabyte: tens of milliseconds of work for the worker.
    for (let batch = 0; batch < 4; batch++) await compressor.add(randomBytes(768 << 10).toString("base64"));
    const finishing = compressor.finish();
    await compressor.abandon();
    await expect(finishing).rejects.toThrow(/^The section compressor's worker stopped \(exit code \d+\) with [1-4] batch\(es\) unanswered$/u);
  });

  it("fails with the worker's error when it throws", async () => {
    const compressor = new SectionCompressor(99, Buffer.alloc(0), () => {});
    await compressor.add("text");
    await expect(compressor.finish()).rejects.toThrow(/^The section compressor's worker failed: .*"options\.level" is out of range/u);
  });
});
