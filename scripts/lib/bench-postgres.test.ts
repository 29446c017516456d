import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { SAMPLES_DIR } from "@/lib/ingest/test-fixtures";
import { DEFAULT_SEARCH_PARAMS } from "@/lib/search/search-params";
import { PEER_VERSION, preparePostgresPeer, searchPostgres, toTsQuery } from "./bench-postgres";

describe("toTsQuery", () => {
  it.each([
    ["fleksjob", "'fleksjob':*"],
    ["Ankestyrelsen klager", "'ankestyrelsen':* & 'klager':*"],
    ['"negativ social kontrol"', "('negativ':* <1> 'social':* <1> 'kontrol':*)"],
    // The stop word keeps its place, as in PostgreSQL's tsvector positions.
    ['"tages til efterretning"', "('tages':* <2> 'efterretning':*)"],
    ["Høringssvar -budget", "'hoeringssvar':* & !'budget':*"],
    ["og i at", null],
  ])("%s → %s", (q, expected) => {
    expect(toTsQuery(q)).toBe(expected);
  });
});

/** One open item of the samples with its municipality and committee and every text our index searches but "meta". */
interface OpenItem {
  municipality: string;
  municipalitySlug: string;
  committee: string;
  committeeSlug: string;
  texts: string;
}

describe("the PostgreSQL peer on the samples", () => {
  let db: TestDatabase;
  let client: pg.Client;
  let openItems: OpenItem[];
  const log: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const summary = await ingestFiles(db.prisma, [SAMPLES_DIR]);
    expect(summary.failed).toBe(0);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const rows = await client.query<OpenItem>(`
      SELECT mu.name AS municipality, mu.slug AS "municipalitySlug", c.name AS committee, c.slug AS "committeeSlug",
             concat_ws(E'\\n', a.title, a.decision, (SELECT string_agg(s.text, E'\\n') FROM "Section" s WHERE s."itemId" = a.id)) AS texts
      FROM "AgendaItem" a JOIN "Meeting" m ON m.id = a."meetingId" JOIN "Committee" c ON c.id = m."committeeId"
      JOIN "Municipality" mu ON mu.id = c."municipalityId" WHERE NOT a.closed`);
    openItems = rows.rows;
    expect(await preparePostgresPeer(client, (message) => log.push(message))).toBe(true);
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  /** The peer's total for `q` within one municipality (and committee). */
  const total = async (q: string, kommune: string, udvalg: string[] = []) =>
    (await searchPostgres(client, { ...DEFAULT_SEARCH_PARAMS, q, kommune: [kommune], udvalg })).total;

  it("finds every open item of a municipality by the municipality's name, also items whose texts never name it", async () => {
    const municipalities = [...new Set(openItems.map((item) => item.municipalitySlug))];
    expect(municipalities).toHaveLength(5);
    // The case this guards: an item found by its municipality name only (FlexSearch's "meta" field).
    const namedOnlyInMeta = openItems.filter((item) => !item.texts.toLowerCase().includes(item.municipality.toLowerCase()));
    expect(namedOnlyInMeta.length).toBeGreaterThan(0);
    for (const slug of municipalities) {
      const items = openItems.filter((item) => item.municipalitySlug === slug);
      expect(await total(items[0]?.municipality ?? "", slug)).toBe(items.length);
    }
  });

  it("finds every open item of a committee by the committee's name", async () => {
    const committees = [...new Map(openItems.map((item) => [`${item.municipalitySlug}/${item.committeeSlug}`, item])).values()];
    expect(committees.length).toBeGreaterThanOrEqual(5);
    for (const committee of committees) {
      const count = openItems.filter((item) => item.municipalitySlug === committee.municipalitySlug && item.committeeSlug === committee.committeeSlug).length;
      expect(await total(committee.committee, committee.municipalitySlug, [`${committee.municipalitySlug}/${committee.committeeSlug}`])).toBe(count);
    }
  });

  it("keeps a bench_fts of its own definition and rebuilds one of another (an older kept database's)", async () => {
    expect(await preparePostgresPeer(client, () => {})).toBe(false);
    // The definition before the municipality name was indexed: title, decision and sections only, no version comment.
    await client.query(`DROP TABLE bench_fts`);
    await client.query(`
      CREATE TABLE bench_fts AS
      SELECT a.id, a.title, a.decision, '' AS body,
             setweight(to_tsvector('danish', bench_fold(a.title)), 'A') || setweight(to_tsvector('danish', bench_fold(coalesce(a.decision, ''))), 'B') AS tsv
      FROM "AgendaItem" a WHERE NOT a.closed`);
    await client.query(`CREATE INDEX bench_fts_tsv ON bench_fts USING GIN (tsv)`);
    const vejen = openItems.filter((item) => item.municipalitySlug === "vejen");
    expect(vejen.length).toBeGreaterThan(0);
    expect(await total("Vejen", "vejen")).toBeLessThan(vejen.length);

    const rebuildLog: string[] = [];
    expect(await preparePostgresPeer(client, (message) => rebuildLog.push(message))).toBe(true);
    expect(rebuildLog.join("\n")).toContain("anden definition");
    expect(await total("Vejen", "vejen")).toBe(vejen.length);
    const comment = await client.query<{ comment: string }>(`SELECT obj_description('bench_fts'::regclass, 'pg_class') AS comment`);
    expect(comment.rows[0]?.comment).toBe(`bench peer ${PEER_VERSION}`);
    const indexes = await client.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'bench_fts' ORDER BY indexname`);
    expect(indexes.rows.map((row) => row.indexname)).toEqual(["bench_fts_pkey", "bench_fts_tsv"]);
  });
});
