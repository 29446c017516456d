import { describe, expect, it } from "vitest";
import { formatMemoryGrowth, formatSignedMb, sampleMemory } from "./bench-memory";

const MB = 1024 * 1024;

describe("formatMemoryGrowth", () => {
  it("adds the heap's and the off-heap growth, ArrayBuffers shown as part of the latter, not counted twice", () => {
    const before = { heapUsed: 100 * MB, external: 10 * MB, arrayBuffers: 8 * MB, rss: 300 * MB };
    const after = { heapUsed: 97 * MB, external: 250 * MB, arrayBuffers: 246 * MB, rss: 560 * MB };
    expect(formatMemoryGrowth(before, after)).toBe("heap -3 MB, uden for heap +240 MB (heraf ArrayBuffers +238 MB), i alt +237 MB; RSS 560 MB (før 300 MB)");
  });

  it("signs whole megabytes, with no negative zero", () => {
    expect(formatSignedMb(12.4 * MB)).toBe("+12 MB");
    expect(formatSignedMb(-2.6 * MB)).toBe("-3 MB");
    expect(formatSignedMb(-0.2 * MB)).toBe("0 MB");
    expect(formatSignedMb(0)).toBe("0 MB");
  });

  it("samples this process, ArrayBuffers within external", () => {
    const sample = sampleMemory();
    expect(sample.heapUsed).toBeGreaterThan(0);
    expect(sample.arrayBuffers).toBeLessThanOrEqual(sample.external);
  });
});
