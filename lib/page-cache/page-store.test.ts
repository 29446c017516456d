import { describe, expect, it } from "vitest";
import { PageStore } from "./page-store";

const page = (bytes: number) => ({ status: 200, headers: {}, body: Buffer.alloc(bytes), storedAt: 0 });

describe("PageStore", () => {
  it("evicts the least recently used pages once over its budget", () => {
    const store = new PageStore(3 * 2048);
    store.set("a", page(1000));
    store.set("b", page(1000));
    store.set("c", page(1000));
    expect(store.size).toBe(3);
    store.get("a");
    store.set("d", page(1000));
    expect(store.get("b")).toBeUndefined();
    expect(store.get("a")).toBeDefined();
    expect(store.get("d")).toBeDefined();
    expect(store.bytes).toBeLessThanOrEqual(store.maxBytes);
  });

  it("replaces a page under the same key and accounts its size once", () => {
    const store = new PageStore(1_000_000);
    store.set("a", page(500));
    const after = store.bytes;
    store.set("a", page(500));
    expect(store.bytes).toBe(after);
    expect(store.size).toBe(1);
  });

  it("never keeps a page larger than the whole budget", () => {
    const store = new PageStore(4096);
    store.set("big", page(10_000));
    expect(store.size).toBe(0);
    expect(store.bytes).toBe(0);
  });

  it("deletes the pages a predicate selects", () => {
    const store = new PageStore(1_000_000);
    for (const key of ["/a", "/a/b", "/c"]) store.set(key, page(10));
    expect(store.deleteWhere((key) => key.startsWith("/a"))).toBe(2);
    expect(store.get("/c")).toBeDefined();
    expect(store.size).toBe(1);
  });
});
