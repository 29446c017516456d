import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { recordPageChange } from "@/lib/ingest/page-changes";
import { watchPageChanges } from "./change-feed";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

async function waitFor<T>(read: () => T, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = read();
    if (done(value) || Date.now() - started > timeoutMs) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("watchPageChanges", () => {
  it("reports committed changes made after it started, once, and nothing rolled back", async () => {
    await db.prisma.$transaction((tx) => recordPageChange(tx, "/vejen/before-start"));
    const seen: string[][] = [];
    const feed = await watchPageChanges(db.prisma, (paths) => seen.push(paths), { intervalMs: 25 });
    try {
      await db.prisma.$transaction(async (tx) => {
        await recordPageChange(tx, "/vejen/byraadet/2024-03-19");
        await recordPageChange(tx, "/vejen/byraadet/2024-03-19");
        await recordPageChange(tx, "/varde");
      });
      await expect(
        db.prisma.$transaction(async (tx) => {
          await recordPageChange(tx, "/faxe/rolled-back");
          throw new Error("rollback");
        }),
      ).rejects.toThrow("rollback");
      await waitFor(() => seen.length, (n) => n > 0);
      await new Promise((r) => setTimeout(r, 150));
      expect(seen).toEqual([["/vejen/byraadet/2024-03-19", "/varde"]]);

      await db.prisma.$transaction((tx) => recordPageChange(tx, "/lemvig"));
      await waitFor(() => seen.length, (n) => n > 1);
      expect(seen.at(-1)).toEqual(["/lemvig"]);
    } finally {
      feed.stop();
    }
  });

  it("misses no change when transactions commit out of the order they wrote their rows", async () => {
    const seen: string[] = [];
    const feed = await watchPageChanges(db.prisma, (paths) => seen.push(...paths), { intervalMs: 20 });
    try {
      let commitFirst = () => {};
      const held = new Promise<void>((resolve) => (commitFirst = resolve));
      // The first transaction writes its row, then is slow to commit (a big document).
      const first = db.prisma.$transaction(async (tx) => {
        await recordPageChange(tx, "/faxe/slow");
        await held;
      });
      await new Promise((r) => setTimeout(r, 50));
      // A second one writes and commits meanwhile; the feed polls all along.
      const second = db.prisma.$transaction((tx) => recordPageChange(tx, "/lemvig/fast"));
      await new Promise((r) => setTimeout(r, 200));
      commitFirst();
      await Promise.all([first, second]);
      await waitFor(() => seen.length, (n) => n >= 2, 2000);
      expect(seen.sort()).toEqual(["/faxe/slow", "/lemvig/fast"]);
    } finally {
      feed.stop();
    }
  });

  it("keeps polling after a failed read and reports the error", async () => {
    const errors: unknown[] = [];
    const seen: string[][] = [];
    let failNext = true;
    const flaky = new Proxy(db.prisma, {
      get(target, property, receiver) {
        if (property !== "pageChange") return Reflect.get(target, property, receiver);
        const delegate = target.pageChange;
        return {
          findFirst: delegate.findFirst.bind(delegate),
          findMany: (...args: Parameters<typeof delegate.findMany>) => {
            if (failNext) {
              failNext = false;
              return Promise.reject(new Error("connection lost"));
            }
            return delegate.findMany(...args);
          },
        };
      },
    });
    const feed = await watchPageChanges(flaky, (paths) => seen.push(paths), { intervalMs: 25, onError: (e) => errors.push(e) });
    try {
      await db.prisma.$transaction((tx) => recordPageChange(tx, "/vejle"));
      await waitFor(() => seen.length, (n) => n > 0);
      expect(errors).toHaveLength(1);
      expect(seen).toEqual([["/vejle"]]);
    } finally {
      feed.stop();
    }
  });
});
