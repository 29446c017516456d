import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "./build-index";
import { applyIndexDelta } from "./index-delta";
import type { SearchIndex } from "./search-index";
import { generateSearchDocuments } from "./synthetic-documents";
import { heldUrls, holdsUrl, ordinalsUnder, urlOrder } from "./url-order";

/** The URL order a fresh sort gives: by URL, equal URLs by ordinal. */
function sortedFresh(index: SearchIndex): number[] {
  const urls = Array.from({ length: index.size }, (_, ordinal) => index.items.url.get(ordinal));
  return Array.from({ length: index.size }, (_, ordinal) => ordinal).sort((a, b) => (urls[a]! < urls[b]! ? -1 : urls[a]! > urls[b]! ? 1 : a - b));
}

function meetingOf(url: string): string {
  return url.slice(0, url.lastIndexOf("/"));
}

describe("the URL order", () => {
  it("stays what a fresh sort gives while deltas replace pages, and finds exactly the URLs held", () => {
    const index = buildSearchIndex(generateSearchDocuments(400, 5));
    const urls = Array.from(index.items.url.values());
    expect(Array.from(urlOrder(index))).toEqual(sortedFresh(index));
    for (const url of urls) expect(holdsUrl(index, url), url).toBe(true);
    expect(holdsUrl(index, meetingOf(urls[0]!))).toBe(false);
    expect(holdsUrl(index, `${urls[0]!}0`)).toBe(false);
    expect(holdsUrl(index, "")).toBe(false);

    // Replace three meetings: one with the same items (equal URLs at new ordinals), one emptied, one with new items.
    const [same, emptied, renamed] = [meetingOf(urls[3]!), meetingOf(urls[10]!), meetingOf(urls[20]!)];
    const sameDocs = generateSearchDocuments(400, 5).filter((doc) => meetingOf(doc.url) === same);
    expect(sameDocs.length).toBeGreaterThan(0);
    const renamedDocs = generateSearchDocuments(3, 9).map((doc, i) => ({ ...doc, url: `${renamed}/ny-${i}` }));
    applyIndexDelta(index, { paths: [same, emptied], docs: sameDocs, basis: { changeWatermark: 1, readAtMs: 0 } });
    applyIndexDelta(index, { paths: [renamed], docs: renamedDocs, basis: { changeWatermark: 2, readAtMs: 0 } });

    expect(Array.from(urlOrder(index))).toEqual(sortedFresh(index));
    for (const doc of sameDocs) expect(holdsUrl(index, doc.url), doc.url).toBe(true);
    for (const url of urls.filter((url) => meetingOf(url) === emptied || meetingOf(url) === renamed)) expect(holdsUrl(index, url), url).toBe(false);
    for (const doc of renamedDocs) expect(holdsUrl(index, doc.url)).toBe(true);
    // Asked once or for every URL, by search or by a set, the answers agree.
    const asked = [...urls, ...renamedDocs.map((doc) => doc.url), `${urls[0]!}0`];
    const bySearch = heldUrls(index, 1);
    const bySet = heldUrls(index, index.size);
    for (const url of asked) expect([url, bySearch(url), bySet(url)]).toEqual([url, holdsUrl(index, url), holdsUrl(index, url)]);
    expect(Array.from(ordinalsUnder(index, renamed)).map((ordinal) => index.items.url.get(ordinal))).toEqual(
      expect.arrayContaining(renamedDocs.map((doc) => doc.url)),
    );
  });
});
