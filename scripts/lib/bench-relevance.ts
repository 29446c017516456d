import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { parseMinutes } from "@/lib/minutes";
import { slugify, slugifyMunicipality } from "@/lib/text/slugify";
import { searchItems } from "@/lib/search/query";
import type { SearchIndex } from "@/lib/search/search-index";
import { DEFAULT_SEARCH_PARAMS, type SearchParams } from "@/lib/search/search-params";
import { searchPostgres } from "./bench-postgres";

/** A sample item that a query must find, from lib/search/relevance.test.ts. */
export interface RelevanceCase {
  q: string;
  municipality: string;
  number: string;
}

/** The relevance table's queries: each names the sample item it is about. */
export const RELEVANCE_CASES: readonly RelevanceCase[] = [
  { q: "Ukraine", municipality: "lemvig", number: "2" },
  { q: "fleksjob", municipality: "faxe", number: "88" },
  { q: "sygedagpenge", municipality: "varde", number: "3" },
  { q: "touchskærme", municipality: "vejle", number: "95" },
  { q: "negativ social kontrol", municipality: "vejen", number: "2" },
  { q: "hoeringssvar", municipality: "vejle", number: "92" },
  { q: "Ankestyrelsen klager", municipality: "vejle", number: "94" },
  { q: "klagesager", municipality: "vejle", number: "94" },
  { q: "Banebryderne", municipality: "faxe", number: "84" },
  { q: "nøgletal", municipality: "faxe", number: "90" },
  { q: "Fritidspas", municipality: "vejen", number: "6" },
  { q: "budgetopfølgning", municipality: "vejen", number: "9" },
  { q: "ukrainere", municipality: "lemvig", number: "2" },
  { q: "jobafklaring", municipality: "varde", number: "3" },
  { q: "Bæredygtighed ESG", municipality: "vejen", number: "1" },
];

/** How deep the table looks for the sample item; deeper ranks print as "> RANK_DEPTH". */
export const RANK_DEPTH = 1000;

/**
 * One row: the sample item's 1-based rank in each engine (null: not within {@link RANK_DEPTH}) and
 * how many items each engine found for the query, so a rank is read against its competition
 * (`postgresHits` null: PostgreSQL was not asked, as in bench:relevance).
 */
export interface RelevanceRow {
  relevanceCase: RelevanceCase;
  ours: number | null;
  postgres: number | null;
  oursHits: number;
  postgresHits: number | null;
}

/**
 * Committee slug and meeting date of each sample municipality's minutes, to tell its items from
 * generated ones: the generator writes meetings of the same municipality on the same date too
 * (at 1M, three Faxe committees met on 2023-11-06, each with an item 88).
 */
export async function sampleMeetings(samplesDir: string): Promise<Map<string, { committee: string; date: string }>> {
  const meetings = new Map<string, { committee: string; date: string }>();
  for (const file of await readdir(samplesDir)) {
    const parsed = parseMinutes(await readFile(path.join(samplesDir, file), "utf8"));
    if (parsed.ok) meetings.set(slugifyMunicipality(parsed.meeting.municipality), { committee: slugify(parsed.meeting.committee), date: parsed.meeting.date });
  }
  return meetings;
}

/** What tells one agenda item from another in both engines' hits. */
export interface ItemKey {
  municipality: string;
  committee: string;
  number: string;
  date: string;
}

/** True when `hit` is the sample item `relevanceCase` names, given {@link sampleMeetings}. */
export function isSampleItem(hit: ItemKey, relevanceCase: RelevanceCase, meetings: ReadonlyMap<string, { committee: string; date: string }>): boolean {
  const meeting = meetings.get(relevanceCase.municipality);
  return (
    meeting !== undefined &&
    hit.municipality === relevanceCase.municipality &&
    hit.committee === meeting.committee &&
    hit.number === relevanceCase.number &&
    hit.date === meeting.date
  );
}

/** The rank of each case's sample item among both engines' hits. */
export async function measureRelevance(index: SearchIndex, client: pg.Client | null, samplesDir: string): Promise<RelevanceRow[]> {
  const meetings = await sampleMeetings(samplesDir);
  const rows: RelevanceRow[] = [];
  for (const relevanceCase of RELEVANCE_CASES) {
    const params: SearchParams = { ...DEFAULT_SEARCH_PARAMS, q: relevanceCase.q };
    const isTarget = (hit: ItemKey) => isSampleItem(hit, relevanceCase, meetings);
    const oursResult = searchItems(index, params, RANK_DEPTH);
    const ours = oursResult.hits.findIndex((hit) =>
      isTarget({ municipality: hit.municipalitySlug, committee: hit.committeeSlug, number: hit.number, date: hit.date }),
    );
    const postgresResult = client === null ? null : await searchPostgres(client, params, RANK_DEPTH);
    const postgres = postgresResult === null ? -1 : postgresResult.hits.findIndex(isTarget);
    rows.push({
      relevanceCase,
      ours: ours < 0 ? null : ours + 1,
      postgres: postgres < 0 ? null : postgres + 1,
      oursHits: oursResult.total,
      postgresHits: postgresResult === null ? null : postgresResult.total,
    });
  }
  return rows;
}

/** How many rows have the sample item within the first `depth` hits of the engine. */
export function countWithin(rows: readonly RelevanceRow[], engine: "ours" | "postgres", depth: number): number {
  return rows.filter((row) => row[engine] !== null && (row[engine] ?? Infinity) <= depth).length;
}

/**
 * The table as printed lines: per query the sample item's rank and the number of hits in each
 * engine, then the counts of sample items first, in the first 3 and in the first 20. PostgreSQL's
 * columns are left out when no row has its figures.
 */
export function formatRelevance(rows: readonly RelevanceRow[]): string[] {
  const hasPostgres = rows.some((row) => row.postgresHits !== null);
  const rank = (value: number | null) => (value === null ? `> ${RANK_DEPTH}` : String(value));
  const columns = (ours: string, postgres: string) => (hasPostgres ? `${ours.padStart(10)} ${postgres.padStart(10)}` : ours.padStart(10));
  const hits = (value: number | null) => (value === null ? "" : value.toLocaleString("da-DK"));
  const lines = [`${"Forespørgsel".padEnd(28)} ${"eksempelpunkt".padEnd(13)} ${columns("FlexSearch", "PostgreSQL")}   ${columns("hits F", "hits PG")}`];
  for (const row of rows) {
    const target = `${row.relevanceCase.municipality}/${row.relevanceCase.number}`;
    lines.push(
      `${row.relevanceCase.q.padEnd(28)} ${target.padEnd(13)} ${columns(rank(row.ours), rank(row.postgres))}   ${columns(hits(row.oursHits), hits(row.postgresHits))}`,
    );
  }
  for (const depth of [1, 3, 20]) {
    const label = depth === 1 ? "først" : `blandt de første ${depth}`;
    const count = (engine: "ours" | "postgres") => `${countWithin(rows, engine, depth)}/${rows.length}`;
    lines.push(`${`Eksempelpunktet ${label}:`.padEnd(42)} ${columns(count("ours"), count("postgres"))}`);
  }
  return lines;
}
