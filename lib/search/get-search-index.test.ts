import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { temporaryDirectories } from "@/lib/test-support/temporary-directories";
import { buildSearchIndex } from "./build-index";
import { followSearchIndex, forgetSearchIndex, getSearchIndex } from "./get-search-index";
import { appendIndexDelta, exportSearchIndex, readSearchIndexManifest } from "./index-store";
import { searchItems } from "./query";
import type { SearchDocument } from "./search-document";
import type { SearchIndex } from "./search-index";
import { DEFAULT_SEARCH_PARAMS } from "./search-params";
import { generateSearchDocuments } from "./synthetic-documents";

const directories = temporaryDirectories("follow-search-index-", forgetSearchIndex);

const followed: Array<() => void> = [];
afterEach(() => {
  for (const stop of followed.splice(0)) stop();
});

/** A clock that never advances: getSearchIndex's own timed manifest check never runs. */
const frozen = () => 0;

/** Generous: the watch fires in milliseconds, but the machine may be loaded. */
const WAIT_MS = 20_000;

/** A meeting's worth of documents carrying `word`, on a page of their own. */
function newMeeting(word: string, meetingPath: string, count = 3): SearchDocument[] {
  return generateSearchDocuments(count, 99).map((doc, i) => ({
    ...doc,
    id: 1_000_000 + i,
    url: `${meetingPath}/punkt-${i + 1}`,
    title: `${doc.title} ${word}`,
  }));
}

function hitsFor(index: SearchIndex, word: string): number {
  return searchItems(index, { ...DEFAULT_SEARCH_PARAMS, q: word }).total;
}

async function appendMeeting(dir: string, word: string, meetingPath: string): Promise<void> {
  const manifest = await readSearchIndexManifest(dir);
  const last = manifest.deltas.at(-1)?.basis ?? manifest.basis;
  await appendIndexDelta(dir, manifest, {
    paths: [meetingPath],
    docs: newMeeting(word, meetingPath),
    basis: { changeWatermark: last.changeWatermark + 1, readAtMs: Date.now() },
  });
}

describe("followSearchIndex", () => {
  it("loads the index at once and applies a new delta when its manifest is written, with no search asking", async () => {
    const dir = directories.create();
    await exportSearchIndex(buildSearchIndex(generateSearchDocuments(40, 1)), dir);
    const messages: string[] = [];
    const follow = followSearchIndex(dir, (message) => messages.push(message));
    followed.push(follow.stop);
    const index = await follow.loaded;
    expect(index).not.toBeNull();
    if (index === null) return;
    expect(index.appliedDeltas).toBe(0);
    expect(hitsFor(index, "friskhedabc")).toBe(0);

    await appendMeeting(dir, "friskhedabc", "/vejen/byraadet/2099-01-01");
    // Nothing calls getSearchIndex: only the watch can apply the delta.
    await vi.waitFor(() => expect(index.appliedDeltas).toBe(1), { timeout: WAIT_MS, interval: 20 });
    expect(hitsFor(index, "friskhedabc")).toBe(3);
    expect(await getSearchIndex(dir, frozen)).toBe(index);
    expect(messages.some((message) => /applied 1 delta\(s\), 3 item\(s\)/.test(message))).toBe(true);
  });

  it("applies every delta of a burst of writes, in order, none left behind", async () => {
    const dir = directories.create();
    await exportSearchIndex(buildSearchIndex(generateSearchDocuments(40, 2)), dir);
    const follow = followSearchIndex(dir, () => {});
    followed.push(follow.stop);
    const index = await follow.loaded;
    if (index === null) throw new Error("the followed index did not load");
    const words = ["qzxalfa", "qzxbeta", "qzxgamma", "qzxdelta"];
    for (const [i, word] of words.entries()) await appendMeeting(dir, word, `/vejen/byraadet/2099-01-0${i + 1}`);
    await vi.waitFor(() => expect(index.appliedDeltas).toBe(words.length), { timeout: WAIT_MS, interval: 20 });
    for (const word of words) expect(hitsFor(index, word)).toBe(3);
  });

  it("loads a newly exported version in the background, with no search asking", async () => {
    const dir = directories.create();
    const first = buildSearchIndex(generateSearchDocuments(30, 3));
    await exportSearchIndex(first, dir);
    const follow = followSearchIndex(dir, () => {});
    followed.push(follow.stop);
    expect((await follow.loaded)?.version).toBe(first.version);

    const second = buildSearchIndex(generateSearchDocuments(45, 4));
    await exportSearchIndex(second, dir);
    await vi.waitFor(async () => expect((await getSearchIndex(dir, frozen)).version).toBe(second.version), { timeout: WAIT_MS, interval: 20 });
    expect((await getSearchIndex(dir, frozen)).size).toBe(45);
  });

  it("loads the first version exported after it started on an empty folder", async () => {
    const dir = path.join(directories.create(), "search");
    const follow = followSearchIndex(dir, () => {});
    followed.push(follow.stop);
    expect(await follow.loaded).toBeNull();

    const index = buildSearchIndex(generateSearchDocuments(20, 5));
    await exportSearchIndex(index, dir);
    await vi.waitFor(async () => expect((await getSearchIndex(dir, frozen)).version).toBe(index.version), { timeout: WAIT_MS, interval: 20 });
  });
});

describe("getSearchIndex", () => {
  it("rejects with its own module's error class when it joined a load another copy of the module started", async () => {
    const dir = directories.create();
    vi.resetModules();
    const other = await import("./get-search-index");
    const otherStore = await import("./index-store");
    vi.resetModules();
    const ours = await import("./get-search-index");
    const ourStore = await import("./index-store");
    expect(ourStore.SearchIndexNotFoundError).not.toBe(otherStore.SearchIndexNotFoundError);

    // Started by the other copy (the server's), joined by this one (a route's bundle) on the state both share.
    const started = other.getSearchIndex(dir);
    const joined = ours.getSearchIndex(dir);
    await expect(started).rejects.toBeInstanceOf(otherStore.SearchIndexNotFoundError);
    await expect(joined).rejects.toBeInstanceOf(ourStore.SearchIndexNotFoundError);
    await expect(joined).rejects.toThrow(/npm run index/);
  });
});
