import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { temporaryDirectories } from "@/lib/test-support/temporary-directories";
import { buildSearchIndex, itemTerms } from "./build-index";
import { applyIndexDelta } from "./index-delta";
import { FIELD_INDEX, INDEXED_FIELDS } from "./index-config";
import { exportSearchIndex, importSearchIndex } from "./index-store";
import { generateSearchDocuments } from "./synthetic-documents";
import { termFrequencies, termPostings } from "./index-postings";
import { codeCount, codeField, MAX_STORED_COUNT, TermFrequencyBuilder, type TermFrequencies } from "./term-frequencies";
import type { SearchIndex } from "./search-index";

const directories = temporaryDirectories("term-frequencies-");

/** "ordinal/field/term" → count, for every stored repeat. */
function flatten(frequencies: TermFrequencies): Map<string, number> {
  const flat = new Map<string, number>();
  for (const [term, { ordinals, codes }] of frequencies) {
    for (let i = 0; i < ordinals.length; i++) {
      if (i > 0) expect(ordinals[i] ?? 0).toBeGreaterThanOrEqual(ordinals[i - 1] ?? 0);
      flat.set(`${ordinals[i]}/${codeField(codes[i] ?? 0)}/${term}`, codeCount(codes[i] ?? 0));
    }
  }
  return flat;
}

/** "ordinal/field/term" → count for every posting of the index (either part) whose field repeats the term, ordinals outside `skip` only. */
function indexedRepeats(index: SearchIndex, skip: Uint8Array | null = null): Map<string, number> {
  const repeats = new Map<string, number>();
  for (const term of termFrequencies(index).keys()) {
    for (const field of INDEXED_FIELDS) {
      for (const { ordinals, counts } of termPostings(index, term, field)) {
        ordinals.forEach((ordinal, i) => {
          if ((counts[i] ?? 1) >= 2 && skip?.[ordinal] !== 1) repeats.set(`${ordinal}/${FIELD_INDEX.get(field)}/${term}`, counts[i] ?? 1);
        });
      }
    }
  }
  return repeats;
}

/** The repeats a fresh count of the index's stored texts finds, ordinals outside `skip` only. */
function recount(index: SearchIndex, skip: Uint8Array | null = null): Map<string, number> {
  const expected = new Map<string, number>();
  for (let ordinal = 0; ordinal < index.size; ordinal++) {
    if (skip?.[ordinal] === 1) continue;
    for (const { field, terms } of itemTerms(index, ordinal).fields) {
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, count] of counts) {
        if (count >= 2) expected.set(`${ordinal}/${FIELD_INDEX.get(field)}/${term}`, Math.min(count, MAX_STORED_COUNT));
      }
    }
  }
  return expected;
}

const word = fc.constantFrom("a", "b", "c", "ab", "abc", "d");

describe("term frequencies", () => {
  it("stores exactly the terms a field repeats, with their counts, for any terms", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.array(word, { maxLength: 40 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (items) => {
        const builder = new TermFrequencyBuilder();
        const expected = new Map<string, number>();
        items.forEach((fields, ordinal) =>
          fields.forEach((terms, field) => {
            builder.addField(ordinal, field, terms);
            for (const term of new Set(terms)) {
              const count = terms.filter((t) => t === term).length;
              if (count >= 2) expected.set(`${ordinal}/${field}/${term}`, Math.min(count, MAX_STORED_COUNT));
            }
          }),
        );
        const frequencies: TermFrequencies = new Map();
        builder.appendTo(frequencies);
        expect(flatten(frequencies)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("caps a count at MAX_STORED_COUNT", () => {
    const builder = new TermFrequencyBuilder();
    builder.addField(0, 3, Array.from({ length: 100 }, () => "budget"));
    const frequencies: TermFrequencies = new Map();
    builder.appendTo(frequencies);
    expect(flatten(frequencies)).toEqual(new Map([["0/3/budget", MAX_STORED_COUNT]]));
  });

  it("holds what the items' texts repeat after a build, an export and import, and a delta", async () => {
    const docs = generateSearchDocuments(150, 7);
    const index = buildSearchIndex(docs.slice(0, 120));
    const built = indexedRepeats(index);
    expect(built.size).toBeGreaterThan(500);
    expect(built).toEqual(recount(index));

    const dir = directories.create();
    await exportSearchIndex(index, dir);
    const loaded = await importSearchIndex(dir);
    expect(indexedRepeats(loaded)).toEqual(built);

    // Replace the first item's page and add 30 items: the appended ones are counted like built ones.
    const first = docs[0];
    expect(first).toBeDefined();
    const meeting = first!.url.split("/").slice(0, 4).join("/");
    const replaced = { ...first!, title: "Budget budget budget", id: 999_999 };
    const moved = docs.slice(120).map((doc) => ({ ...doc, url: `${meeting}/punkt-${doc.number}` }));
    applyIndexDelta(loaded, { paths: [meeting], docs: [replaced, ...moved], basis: { changeWatermark: 1, readAtMs: 0 } });
    expect(loaded.removed?.[0]).toBe(1);
    expect(loaded.size).toBe(151);
    expect(indexedRepeats(loaded, loaded.removed)).toEqual(recount(loaded, loaded.removed));
    expect(indexedRepeats(loaded).get(`120/${FIELD_INDEX.get("title")}/budget`)).toBe(3);
  });
});
