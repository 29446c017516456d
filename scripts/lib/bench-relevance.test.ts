import { describe, expect, it } from "vitest";
import { generateCorpus } from "@/lib/corpus/generate-corpus";
import { ROUTINE_ITEMS } from "@/lib/corpus/topics";
import { CLOSED_TITLES } from "@/lib/corpus/vocabulary";
import { parseMinutes } from "@/lib/minutes";
import { encodeQueryWordForms, scanWords } from "@/lib/search/danish-encoder";
import { meetingSearchDocuments } from "@/lib/search/meeting-search-documents";
import type { SearchDocument } from "@/lib/search/search-document";
import path from "node:path";
import { formatRelevance, isSampleItem, RELEVANCE_CASES, sampleMeetings, type RelevanceRow } from "./bench-relevance";

const MEETINGS = 400;

/** The open items of a small generated corpus as the search index sees them. */
function generatedDocuments(): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (const generated of generateCorpus({ meetings: MEETINGS, seed: 20240319 })) {
    const parsed = parseMinutes(generated.text);
    if (!parsed.ok) throw new Error(`${generated.fileName}: ${parsed.error.reason} (line ${parsed.error.line})`);
    docs.push(...meetingSearchDocuments(parsed.meeting, docs.length + 1));
  }
  return docs;
}

const words = (text: string) => new Set(scanWords(text).map((word) => word.term));

/** Every word typed in the relevance queries, folded as the index stores words ("hoeringssvar"). */
const QUERY_WORDS = [...new Set(RELEVANCE_CASES.flatMap((relevanceCase) => encodeQueryWordForms(relevanceCase.q).map((form) => form.typed)))];

describe("the generated corpus against the relevance queries", () => {
  const docs = generatedDocuments();
  const titles = docs.map((doc) => words(doc.title));
  const bodies = docs.map((doc) => words(doc.sections.map((section) => section.text).join("\n")));

  it("has every query word, as typed, in many generated titles and in many generated bodies", () => {
    expect(docs.length).toBeGreaterThan(MEETINGS * 5);
    expect(QUERY_WORDS.length).toBeGreaterThanOrEqual(19);
    // At this size a word in ≥ 8 titles and ≥ 8 bodies is in thousands at a million items: the
    // sample item has to be ranked above real competition, not found alone.
    const scarce = QUERY_WORDS.flatMap((word) => {
      const inTitles = titles.filter((title) => title.has(word)).length;
      const inBodies = bodies.filter((body) => body.has(word)).length;
      return inTitles >= 8 && inBodies >= 8 ? [] : [`${word}: ${inTitles} titler, ${inBodies} brødtekster`];
    });
    expect(scarce).toEqual([]);
  });

  it("leaves the routine and closed titles it repeats from the samples free of query words", () => {
    const repeated = [ROUTINE_ITEMS.agenda.title, ROUTINE_ITEMS.messages.title, ROUTINE_ITEMS.minutes.title, ...CLOSED_TITLES, "Lukket"];
    const hits = repeated.flatMap((title) => QUERY_WORDS.filter((word) => words(title).has(word)).map((word) => `${title}: ${word}`));
    expect(hits).toEqual([]);
  });
});

describe("isSampleItem", () => {
  // At 1M the generator gave Faxe three committee meetings on the sample's date, each with an item 88.
  it("tells the sample item from a generated item of the same municipality, number and date in another committee", async () => {
    const meetings = await sampleMeetings(path.join(process.cwd(), "data/samples"));
    const fleksjob = RELEVANCE_CASES.find((relevanceCase) => relevanceCase.q === "fleksjob");
    expect(fleksjob).toBeDefined();
    if (fleksjob === undefined) return;
    const sample = { municipality: "faxe", committee: "beskaeftigelses-integrationsudvalget", number: "88", date: "2023-11-06" };
    expect(isSampleItem(sample, fleksjob, meetings)).toBe(true);
    expect(isSampleItem({ ...sample, committee: "erhvervs-og-beskaeftigelsesudvalget" }, fleksjob, meetings)).toBe(false);
    expect(isSampleItem({ ...sample, number: "89" }, fleksjob, meetings)).toBe(false);
  });
});

describe("formatRelevance", () => {
  const row = (ours: number | null, postgres: number | null, postgresHits: number | null): RelevanceRow => ({
    relevanceCase: { q: "fleksjob", municipality: "faxe", number: "88" },
    ours,
    postgres,
    oursHits: 12_345,
    postgresHits,
  });

  it("prints each engine's hit count beside the ranks", () => {
    const lines = formatRelevance([row(1, 2, 12_001), row(null, 3, 9)]);
    expect(lines[0]).toMatch(/FlexSearch +PostgreSQL +hits F +hits PG$/);
    expect(lines[1]).toMatch(/fleksjob +faxe\/88 +1 +2 +12\.345 +12\.001$/);
    expect(lines[2]).toMatch(/> 1000 +3 +12\.345 +9$/);
    expect(lines.at(-2)).toMatch(/første 3: +1\/2 +2\/2$/);
  });

  it("leaves PostgreSQL's columns out when it was not asked", () => {
    const lines = formatRelevance([row(3, null, null)]);
    expect(lines[0]).toMatch(/FlexSearch +hits F$/);
    expect(lines[1]).toMatch(/fleksjob +faxe\/88 +3 +12\.345$/);
    expect(lines.join("\n")).not.toContain("PostgreSQL");
  });
});
