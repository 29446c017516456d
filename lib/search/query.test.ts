import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "./build-index";
import { applyIndexDelta } from "./index-delta";
import { parseQuery } from "./parse-query";
import { SearchTooBroadError, searchItems } from "./query";
import { MAX_SNIPPET_LENGTH } from "./snippet";
import type { SearchDocument } from "./search-document";
import type { SearchIndex } from "./search-index";
import { DEFAULT_SEARCH_PARAMS, type SearchParams } from "./search-params";
import { generateSearchDocuments } from "./synthetic-documents";
import { testDocument } from "./test-documents";

function doc(id: number, fields: Partial<SearchDocument>): SearchDocument {
  return testDocument(id, {
    url: `/vejen/arbejdsmarkedsudvalget/2024-03-19/punkt-${id}`,
    outcome: "approved",
    committee: "Arbejdsmarkedsudvalget",
    committeeSlug: "arbejdsmarkedsudvalget",
    ...fields,
  });
}

const section = (text: string, kind: SearchDocument["sections"][number]["kind"] = "sagsfremstilling") => ({ kind, heading: "Sagsfremstilling", text });

const docs: SearchDocument[] = [
  doc(1, { title: "Handleplan mod negativ social kontrol", decision: "Godkendt.", sections: [section("Planen styrker indsatsen mod negativ social kontrol og æresrelaterede konflikter.")] }),
  doc(2, { title: "Orientering om kontrol", sections: [section("Social indsats. Negativ udvikling i kontrol med sager.")] }),
  doc(3, { title: "Farlige stoffer <script>alert('x')</script>", sections: [section(`Teksten har <script>alert("fleksjob")</script> & "citater" og fleksjob.`)] }),
  doc(4, { title: "Fleksjob i Vejen", decision: "Udvalget godkendte fleksjobområdets budget.", date: "2023-01-05", outcome: "noted", sections: [section("Baggrund om ukrainske flygtninge og fleksjob.")] }),
  doc(5, { title: "Status på ukrainske flygtninge", date: "2024-05-01", sections: [section("Fleksjob nævnes i bilaget.", "bilag")] }),
  doc(6, { title: "Sag om Åbenrå", caseNumber: "15.00.00-A00-28-23", kleGroup: "15", sections: [section("Får og geder. Sagsnr. 24/3579.")] }),
  doc(7, { title: "Far til fire", sections: [section("Intet om dyr.")] }),
];
const index = buildSearchIndex(docs);
const search = (params: Partial<SearchParams>) => searchItems(index, { ...DEFAULT_SEARCH_PARAMS, ...params });
const numbers = (params: Partial<SearchParams>) => search(params).hits.map((hit) => hit.number);

describe("searchItems", () => {
  it("ANDs words across fields", () => {
    expect(numbers({ q: "fleksjob ukrainske" }).sort()).toEqual(["4", "5"]);
  });

  it("verifies quoted phrases against the stored text", () => {
    expect(numbers({ q: "negativ social kontrol" }).sort()).toEqual(["1", "2"]);
    expect(numbers({ q: '"negativ social kontrol"' })).toEqual(["1"]);
    expect(numbers({ q: "„negativ social kontrol“" })).toEqual(["1"]);
  });

  it("excludes -terms and -\"phrases\"", () => {
    expect(numbers({ q: "fleksjob -ukrainske" }).sort()).toEqual(["3"]);
    expect(numbers({ q: 'kontrol -"negativ social kontrol"' })).toEqual(["2"]);
  });

  it("ranks a title match above a body match", () => {
    expect(numbers({ q: "fleksjob" })[0]).toBe("4");
  });

  it("sorts by date with sort=nyeste", () => {
    expect(numbers({ q: "fleksjob", sort: "nyeste" })).toEqual(["5", "3", "4"]);
  });

  it("restricts to one field with felt", () => {
    expect(numbers({ q: "fleksjob", felt: "titel" })).toEqual(["4"]);
    expect(numbers({ q: "fleksjob", felt: "beslutning" })).toEqual(["4"]);
    expect(numbers({ q: "fleksjob", felt: "bilag" })).toEqual(["5"]);
  });

  it("stops a phrase restricted to a section kind before reading more items' texts than allowed", () => {
    const params: SearchParams = { ...DEFAULT_SEARCH_PARAMS, q: '"ukrainske flygtninge"', felt: "sagsfremstilling" };
    // Items 4 and 5 hold the pair; only item 4 holds both words in a case description, and its text is read.
    expect(searchItems(index, params, 20, false, null, 1).hits.map((hit) => hit.number)).toEqual(["4"]);
    expect(() => searchItems(index, params, 20, false, null, 0)).toThrow(SearchTooBroadError);
    // Over all fields the pairs answer a two-word phrase without reading any text.
    expect(searchItems(index, { ...params, felt: null }, 20, false, null, 0).total).toBe(2);
  });

  it("finds case numbers as typed and keeps får apart from far", () => {
    expect(numbers({ q: "15.00.00-A00-28-23" })).toEqual(["6"]);
    expect(numbers({ q: "24/3579" })).toEqual(["6"]);
    expect(numbers({ q: "får" })).toEqual(["6"]);
    // "far" is a prefix of "Farlige" (item 3), never of "får".
    expect(numbers({ q: "far" }).sort()).toEqual(["3", "7"]);
    expect(numbers({ q: "Aabenraa" })).toEqual(["6"]);
  });

  it("gives snippets as plain-text runs with the matched words marked, never as HTML", () => {
    const hit = search({ q: "fleksjob" }).hits.find((h) => h.number === "3");
    expect(hit?.snippet).toEqual([
      { text: 'Teksten har <script>alert("', match: false },
      { text: "fleksjob", match: true },
      { text: '")</script> & "citater" og ', match: false },
      { text: "fleksjob", match: true },
      { text: ".", match: false },
    ]);
    expect(hit?.title).toBe("Farlige stoffer <script>alert('x')</script>");
  });

  it("cuts a snippet from text where nothing matched", () => {
    const hit = search({ q: "farlige" }).hits[0];
    expect(hit?.snippet).toEqual([{ text: 'Teksten har <script>alert("fleksjob")</script> & "citater" og fleksjob.', match: false }]);
  });

  // A 1 MB "word" made a 1 MB API answer and a 2.1 MB /soeg page (issue 12).
  it.each([
    ["a matched word", `Indledning ${"fleksjob".repeat(125_000)} slut.`, "fleksjob"],
    ["a word before the match", `${"x".repeat(1_000_000)} om fleksjob`, "fleksjob"],
    ["text where nothing matched", "y".repeat(1_000_000), "kæmpe"],
  ])("keeps the snippet of %s within MAX_SNIPPET_LENGTH", (_, text, q) => {
    const huge = buildSearchIndex([doc(1, { title: "Kæmpe fleksjob", sections: [section(text)] })]);
    const [hit] = searchItems(huge, { ...DEFAULT_SEARCH_PARAMS, q }).hits;
    expect(hit).toBeDefined();
    const length = (hit?.snippet ?? []).reduce((sum, run) => sum + run.text.length, 0);
    expect(length).toBeGreaterThan(100);
    expect(length).toBeLessThanOrEqual(MAX_SNIPPET_LENGTH + 1);
    expect(hit?.snippet.at(-1)?.text.endsWith("…")).toBe(true);
  });

  it("browses by date with filters and no text; nothing asked is empty", () => {
    const browse = search({ udfald: ["noted"] });
    expect(browse.hits.map((hit) => hit.number)).toEqual(["4"]);
    expect(browse.isEmpty).toBe(false);
    const empty = search({});
    expect(empty).toMatchObject({ total: 0, isEmpty: true, hits: [] });
    expect(search({ q: "og i" })).toMatchObject({ total: 0, isEmpty: false });
  });

  it("counts facets for the current query and labels them", () => {
    const result = search({ q: "fleksjob" });
    expect(result.facets.aar).toEqual([
      { value: "2024", label: "2024", count: 2 },
      { value: "2023", label: "2023", count: 1 },
    ]);
    expect(result.facets.udfald).toContainEqual({ value: "noted", label: "Taget til efterretning", count: 1 });
    expect(search({ q: "Åbenrå" }).facets.emne).toEqual([{ value: "15", label: "Arbejdsmarked og beskæftigelsesindsats", count: 1 }]);
  });

  it("keeps Vejen's and Varde's same-named committees apart in the udvalg facet", () => {
    const committee = { committee: "Udvalget for arbejdsmarked og integration", committeeSlug: "udvalget-for-arbejdsmarked-og-integration" };
    const twoTowns = buildSearchIndex([
      doc(1, { ...committee, title: "Fleksjob i Vejen" }),
      doc(2, { ...committee, title: "Fleksjob i Varde", municipality: "Varde Kommune", municipalitySlug: "varde" }),
    ]);
    const result = searchItems(twoTowns, { ...DEFAULT_SEARCH_PARAMS, q: "fleksjob" });
    expect(result.facets.udvalg.sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { value: "varde/udvalget-for-arbejdsmarked-og-integration", label: "Udvalget for arbejdsmarked og integration (Varde)", count: 1 },
      { value: "vejen/udvalget-for-arbejdsmarked-og-integration", label: "Udvalget for arbejdsmarked og integration (Vejen)", count: 1 },
    ]);
    expect(result.hits.map((hit) => hit.committeeSlug)).toEqual(["udvalget-for-arbejdsmarked-og-integration", "udvalget-for-arbejdsmarked-og-integration"]);
    const vejenOnly = searchItems(twoTowns, { ...DEFAULT_SEARCH_PARAMS, q: "fleksjob", udvalg: ["vejen/udvalget-for-arbejdsmarked-og-integration"] });
    expect(vejenOnly.hits.map((hit) => hit.municipalitySlug)).toEqual(["vejen"]);
  });

  it("returns an empty page past the end with the total", () => {
    expect(search({ q: "fleksjob", side: 5 })).toMatchObject({ total: 3, page: 5, hits: [] });
  });
});

describe("filtering a search's own hits in place", () => {
  it("filters by phrases and exclusions as before, and leaves the index's own orders alone", () => {
    const byDate = Array.from(index.byDateDesc);
    const queries = ['"negativ social kontrol"', '"negativ social kontrol" -æresrelaterede', "fleksjob -ukrainske", '"ukrainske flygtninge"', "-fleksjob", '"social kontrol" felt=sagsfremstilling'];
    const first = queries.map((q) => search({ q }).hits.map((hit) => hit.number));
    expect(first[0]).toEqual(["1"]);
    expect(first[1]).toEqual([]);
    expect(first[2]).toEqual(["3"]);
    expect(new Set(first[3])).toEqual(new Set(["4", "5"]));
    // Searched again, in another order: each answers as the first time, and the browse order is untouched.
    const again = [...queries].reverse().map((q) => search({ q }).hits.map((hit) => hit.number)).reverse();
    expect(again).toEqual(first);
    expect(searchItems(index, { ...DEFAULT_SEARCH_PARAMS, q: "-fleksjob" }, 20, true).total).toBe(docs.length - 3);
    expect(Array.from(index.byDateDesc)).toEqual(byDate);
  });
});

describe("exclusions", () => {
  it("drop exactly the items the excluded word or phrase finds, from bitmaps or postings alike, deltas and removed items included", () => {
    const corpus = generateSearchDocuments(300, 31);
    // Every term and pair with a bitmap, and none.
    const withBitmaps = buildSearchIndex(corpus, undefined, undefined, undefined, { bitmapMinShare: 1e9 });
    const without = buildSearchIndex(corpus, undefined, undefined, undefined, { bitmapMinShare: 1e-9 });
    const municipality = corpus[0]?.municipalitySlug ?? "";
    // Replaces the municipality's items: they stay in the segment as removed, the new ones in the delta.
    const added = generateSearchDocuments(30, 32).map((item, i) => ({ ...item, id: 9000 + i, municipalitySlug: municipality, url: `/${municipality}/x/2024-01-0${1 + (i % 9)}/punkt-${i}` }));
    for (const built of [withBitmaps, without]) applyIndexDelta(built, { paths: [`/${municipality}`], docs: added, basis: { changeWatermark: 1, readAtMs: 0 } });
    const bitmapped = (index: SearchIndex) => Array.from({ length: index.segments.terms.termCount }, (_, position) => index.segments.ranges.bitmap(position)).filter((bitmap) => bitmap !== null).length;
    expect(bitmapped(withBitmaps)).toBeGreaterThan(100);
    expect(bitmapped(without)).toBe(0);
    expect(withBitmaps.segments.pairRanges.bitmap(0)).not.toBeNull();

    // Runs of adjacent words of the items' texts (old and new), the first one cut short now and then.
    const texts = [...corpus, ...added].map((item) => item.sections[0]?.text ?? "");
    const run = (length: number) =>
      fc.tuple(fc.nat(texts.length - 1), fc.nat(), fc.boolean()).map(([at, start, cut]) => {
        const words = (texts[at] ?? "").split(/\s+/).filter((word) => word.length > 3);
        const from = words.length > length ? start % (words.length - length) : 0;
        const picked = words.slice(from, from + length);
        return picked.map((word, k) => (k === 0 && cut ? word.slice(0, 4) : word)).join(" ") || "budget";
      });
    // Stop words alone exclude nothing: such a query asks for nothing.
    const excluded = fc.oneof(run(1), run(2).map((phrase) => `"${phrase}"`), run(3).map((phrase) => `"${phrase}"`)).filter((minus) => parseQuery(`-${minus}`).excluded.length > 0);
    const urls = (index: SearchIndex, q: string) => new Set(searchItems(index, { ...DEFAULT_SEARCH_PARAMS, q }, index.size, true).hits.map((hit) => hit.url));
    let dropped = 0;
    fc.assert(
      fc.property(fc.option(run(1), { freq: 4 }), excluded, (word, minus) => {
        // A stop word alone finds nothing, but beside an exclusion it asks for nothing.
        const kept = word !== null && parseQuery(word).required.length > 0 ? word : null;
        for (const index of [withBitmaps, without]) {
          // Only an exclusion: every published item (an empty search with emptyMeansAll) but those.
          const all = urls(index, kept ?? "");
          const found = urls(index, minus);
          const expected = [...all].filter((url) => !found.has(url)).sort();
          expect([...urls(index, `${kept ?? ""} -${minus}`)].sort()).toEqual(expected);
          dropped += all.size - expected.length;
        }
      }),
      { numRuns: 80 },
    );
    expect(dropped).toBeGreaterThan(1000);
  });
});
