import { describe, expect, it } from "vitest";
import { ExportCache } from "./export-cache";

/** A computation that finishes when told to, counting how often it was started. */
function gate(value: string | null) {
  let release = () => {};
  const started = { count: 0 };
  const compute = () => {
    started.count += 1;
    return new Promise<string | null>((resolve) => (release = () => resolve(value)));
  };
  return { compute, started, release: () => release() };
}

describe("ExportCache", () => {
  // /api/search/csv built 2,000 snippets for every request (issue 12).
  it("computes an export once per index, for concurrent and later requests alike", async () => {
    const cache = new ExportCache({ maxEntries: 4, maxRunning: 2 });
    const index = {};
    const csv = gate("a;b");
    const first = cache.get(index, "q=fleksjob", csv.compute);
    const second = cache.get(index, "q=fleksjob", csv.compute);
    csv.release();
    expect(await Promise.all([first, second])).toEqual(["a;b", "a;b"]);
    expect(await cache.get(index, "q=fleksjob", csv.compute)).toBe("a;b");
    expect(csv.started.count).toBe(1);
    // A new index is a new scope: the export is made again from it.
    const fresh = gate("c;d");
    const again = cache.get({}, "q=fleksjob", fresh.compute);
    fresh.release();
    expect(await again).toBe("c;d");
  });

  it("computes at most maxRunning different exports at once and answers the rest busy", async () => {
    const cache = new ExportCache({ maxEntries: 4, maxRunning: 2 });
    const index = {};
    const [a, b, c] = [gate("a"), gate("b"), gate("c")];
    const running = [cache.get(index, "a", a.compute), cache.get(index, "b", b.compute)];
    expect(await cache.get(index, "c", c.compute)).toBe("busy");
    expect(c.started.count).toBe(0);
    a.release();
    b.release();
    expect(await Promise.all(running)).toEqual(["a", "b"]);
    const later = cache.get(index, "c", c.compute);
    c.release();
    expect(await later).toBe("c");
  });

  it("keeps at most maxEntries exports, the least recently used going first, and never a refusal", async () => {
    const cache = new ExportCache({ maxEntries: 2, maxRunning: 1 });
    const index = {};
    let computed = 0;
    const compute = (value: string | null) => async () => {
      computed += 1;
      return value;
    };
    await cache.get(index, "1", compute("1"));
    await cache.get(index, "2", compute("2"));
    await cache.get(index, "1", compute("1"));
    await cache.get(index, "3", compute("3"));
    expect(computed).toBe(3);
    await cache.get(index, "1", compute("1"));
    expect(computed).toBe(3);
    await cache.get(index, "2", compute("2"));
    expect(computed).toBe(4);
    expect(await cache.get(index, "refused", compute(null))).toBeNull();
    expect(await cache.get(index, "refused", compute(null))).toBeNull();
    expect(computed).toBe(6);
  });

  it("forgets a failed computation so the next request tries again", async () => {
    const cache = new ExportCache({ maxEntries: 2, maxRunning: 1 });
    const index = {};
    await expect(cache.get(index, "x", () => Promise.reject(new Error("index gone")))).rejects.toThrow("index gone");
    expect(await cache.get(index, "x", async () => "x")).toBe("x");
  });
});
