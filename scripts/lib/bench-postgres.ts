import { createHash } from "node:crypto";
import type pg from "pg";
import { LEAD_SECTION_KINDS } from "@/lib/search/index-config";
import { scanWords } from "@/lib/search/danish-encoder";
import type { SearchParams } from "@/lib/search/search-params";

/**
 * The PostgreSQL peer of the search benchmark, built as a PostgreSQL engineer would build it for
 * the same question: the texts folded exactly as our index folds them (æ→ae, ø→oe, å→aa, other
 * accents off with the `unaccent` extension) in one tsvector of the fields our index searches,
 * weighted as our index weighs them, with a GIN index, every word
 * of the query a prefix (`:*`) of a stemmed word, and one statement per search that returns the
 * page's 20 hits, their headlines and the total (`count(*) OVER ()`).
 */

/** One search as the peer answers it. */
export interface PostgresResult {
  total: number;
  hits: Array<{ municipality: string; committee: string; number: string; date: string }>;
}

const MB = 1024 * 1024;

/**
 * ts_rank's weights for D, C, B, A: the index's BM25F field weights (lib/search/index-config.ts:
 * title and decision 8, "meta" 2, "lead" 1.5, "body" 1) scaled to PostgreSQL's default for D, so
 * a word in the title outranks the same word in the case description as much as in our index.
 */
const RANK_WEIGHTS = "{0.1, 0.15, 0.2, 0.8}";

const FOLD_FUNCTION_SQL = `
    CREATE OR REPLACE FUNCTION bench_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
    $$ SELECT public.unaccent('public.unaccent'::regdictionary, replace(replace(replace(lower($1), 'æ', 'ae'), 'ø', 'oe'), 'å', 'aa')) $$`;

const leadKinds = [...LEAD_SECTION_KINDS].sort().map((kind) => `'${kind}'`).join(", ");

// The fields our index searches (fieldTexts in lib/search/search-index.ts), each under the
// weight letter RANK_WEIGHTS gives it: A title and decision, B "meta" (case number, committee
// and municipality name: "kommune" finds every item of a kommune, as ours does), C the sections
// of kind resumé, indstilling and beslutning ("lead"), D every other section ("body").
// `body` keeps every section in order for ts_headline.
const PEER_TABLE_SQL = `
    CREATE TABLE bench_fts AS
    SELECT a.id,
           a.title,
           a.decision,
           coalesce(s.body, '') AS body,
           setweight(to_tsvector('danish', bench_fold(a.title)), 'A')
             || setweight(to_tsvector('danish', bench_fold(coalesce(a.decision, ''))), 'A')
             || setweight(to_tsvector('danish', bench_fold(concat_ws(' ', a."caseNumber", c.name, mu.name))), 'B')
             || setweight(to_tsvector('danish', bench_fold(coalesce(s.lead, ''))), 'C')
             || setweight(to_tsvector('danish', bench_fold(coalesce(s.rest, ''))), 'D') AS tsv
    FROM "AgendaItem" a
    JOIN "Meeting" m ON m.id = a."meetingId"
    JOIN "Committee" c ON c.id = m."committeeId"
    JOIN "Municipality" mu ON mu.id = c."municipalityId"
    LEFT JOIN (
      SELECT "itemId",
             string_agg(text, E'\\n' ORDER BY position) AS body,
             string_agg(text, E'\\n' ORDER BY position) FILTER (WHERE kind::text IN (${leadKinds})) AS lead,
             string_agg(text, E'\\n' ORDER BY position) FILTER (WHERE kind::text NOT IN (${leadKinds})) AS rest
      FROM "Section" GROUP BY "itemId") s
      ON s."itemId" = a.id
    WHERE NOT a.closed`;

const PEER_INDEX_SQL = [
  `CREATE INDEX bench_fts_tsv ON bench_fts USING GIN (tsv)`,
  `ALTER TABLE bench_fts ADD PRIMARY KEY (id)`,
];

/**
 * The peer's definition version: a hash of the statements that build bench_fts and of the
 * rank weights, stored as the table's comment. A kept database whose bench_fts carries another
 * comment (an older definition) gets the table and its GIN index rebuilt.
 */
export const PEER_VERSION = createHash("sha256")
  .update([FOLD_FUNCTION_SQL, PEER_TABLE_SQL, ...PEER_INDEX_SQL, RANK_WEIGHTS].join("\n"))
  .digest("hex")
  .slice(0, 12);

/**
 * Creates `unaccent`, an IMMUTABLE folding function (unaccent() itself is only STABLE, so it
 * cannot feed an index), and the table `bench_fts`: open items with their weighted tsvector
 * under a GIN index, commented with {@link PEER_VERSION}. Does nothing when the table exists with
 * this version; rebuilds it when its version differs. Returns whether it (re)built the table.
 */
export async function preparePostgresPeer(client: pg.Client, log: (message: string) => void): Promise<boolean> {
  await client.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
  await client.query(`CREATE EXTENSION IF NOT EXISTS pg_prewarm`);
  await client.query(FOLD_FUNCTION_SQL);
  const found = await client.query<{ comment: string | null }>(
    `SELECT obj_description(c.oid, 'pg_class') AS comment FROM pg_class c WHERE c.relname = 'bench_fts' AND c.relkind = 'r'`,
  );
  const existing = found.rows[0];
  if (existing !== undefined && existing.comment === peerComment()) return false;
  if (existing !== undefined) {
    log(`PostgreSQL: bench_fts har en anden definition (${existing.comment ?? "ingen version"}, nu ${peerComment()}): bygges om med sit GIN-indeks`);
    await client.query(`DROP TABLE bench_fts`);
  }
  const started = performance.now();
  await client.query(PEER_TABLE_SQL);
  for (const statement of PEER_INDEX_SQL) await client.query(statement);
  await client.query(`COMMENT ON TABLE bench_fts IS '${peerComment()}'`);
  await client.query(`ANALYZE bench_fts`);
  log(`PostgreSQL: bench_fts ${PEER_VERSION} (foldet som indekset; titel, beslutning, sagsnr./udvalg/kommune og afsnit vægtet som indeksets felter; GIN) bygget på ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

function peerComment(): string {
  return `bench peer ${PEER_VERSION}`;
}

/** Bytes of everything a search reads: bench_fts with its indexes and the tables it joins. */
export async function peerDataBytes(client: pg.Client): Promise<number> {
  const result = await client.query<{ bytes: string }>(`
    SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c
    WHERE c.relname IN ('bench_fts', 'AgendaItem', 'Meeting', 'Committee', 'Municipality') AND c.relkind = 'r'`);
  return Number(result.rows[0]?.bytes ?? 0);
}

/**
 * shared_buffers for the peer: everything a search reads plus a quarter, at least 128 MB and at
 * most a quarter of the machine's memory (PostgreSQL's own advice for a dedicated server).
 */
export function sharedBuffersFor(dataBytes: number, machineBytes: number): number {
  return Math.round(Math.max(128 * MB, Math.min(dataBytes * 1.25, machineBytes / 4)) / MB) * MB;
}

/**
 * work_mem for the peer's sessions: `count(*) OVER ()` keeps every hit row (about 100 bytes) in a
 * tuplestore before the top 20 are taken; this keeps a search of every item in memory.
 */
export function workMemFor(items: number): number {
  return Math.max(64 * MB, Math.ceil((items * 200) / MB) * MB);
}

/** Loads bench_fts, its GIN index and the joined tables into shared buffers (pg_prewarm); returns blocks read. */
export async function prewarmPeer(client: pg.Client): Promise<number> {
  const result = await client.query<{ blocks: string }>(`
    SELECT sum(pg_prewarm(c.oid))::bigint AS blocks FROM pg_class c
    WHERE c.relname IN ('bench_fts', 'bench_fts_tsv', 'bench_fts_pkey', 'AgendaItem', 'AgendaItem_pkey', 'Meeting', 'Meeting_pkey',
                        'Committee', 'Committee_pkey', 'Municipality', 'Municipality_pkey')`);
  return Number(result.rows[0]?.blocks ?? 0);
}

/**
 * The tsquery text of a search's `q`, asking what our index answers: every word a prefix of a
 * (folded, stemmed) word, "phrases" adjacent, `-word` excluded; stop words dropped as ours drops
 * them. Null when nothing searchable remains.
 */
export function toTsQuery(q: string): string | null {
  const parts: string[] = [];
  for (const match of q.matchAll(/(-?)["“”„]([^"“”„]*)["“”„]?|(-?)([^\s"“”„]+)/g)) {
    const isPhrase = match[2] !== undefined;
    const isExcluded = (isPhrase ? match[1] : match[3]) === "-";
    // Stop words are dropped but keep their place: PostgreSQL counts them in a tsvector's
    // positions, so "tages til efterretning" is 'tages' <2> 'efterretning'.
    const words = scanWords((isPhrase ? match[2] : match[4]) ?? "");
    let joined = "";
    let previous = -1;
    words.forEach((word, position) => {
      if (word.isStopWord) return;
      const lexeme = `'${word.term.replaceAll("'", "''")}':*`;
      joined = previous < 0 ? lexeme : `${joined} ${isPhrase ? `<${position - previous}>` : "&"} ${lexeme}`;
      previous = position;
    });
    if (joined === "") continue;
    if (joined.includes(" ")) joined = `(${joined})`;
    parts.push(isExcluded ? `!${joined}` : joined);
  }
  return parts.length === 0 ? null : parts.join(" & ");
}

/** WHERE clause and arguments for the text and the filters; $1 is the tsquery text. */
function whereClause(params: SearchParams, tsquery: string): { where: string; args: unknown[] } {
  const args: unknown[] = [tsquery];
  const clauses = ["f.tsv @@ to_tsquery('danish', $1)"];
  if (params.kommune.length > 0) {
    args.push(params.kommune);
    clauses.push(`mu.slug = ANY($${args.length})`);
  }
  if (params.udvalg.length > 0) {
    args.push(params.udvalg);
    clauses.push(`(mu.slug || '/' || c.slug) = ANY($${args.length})`);
  }
  if (params.aar.length > 0) {
    args.push(params.aar.map(Number));
    clauses.push(`extract(year FROM m.date)::int = ANY($${args.length})`);
  }
  if (params.udfald.length > 0) {
    args.push(params.udfald);
    clauses.push(`a.outcome::text = ANY($${args.length})`);
  }
  return { where: clauses.join(" AND "), args };
}

/**
 * One search in one statement: the first `limit` hits by ts_rank (or date), the total over all
 * hits, and headlines for those hits only.
 */
export async function searchPostgres(client: pg.Client, params: SearchParams, limit = 20): Promise<PostgresResult> {
  const tsquery = toTsQuery(params.q);
  if (tsquery === null) return { total: 0, hits: [] };
  const { where, args } = whereClause(params, tsquery);
  args.push(limit);
  const isNewest = params.sort === "nyeste";
  const innerOrder = isNewest ? "m.date DESC, f.id" : "rank DESC, m.date DESC, f.id";
  const outerOrder = isNewest ? "page.date DESC, page.id" : "page.rank DESC, page.date DESC, page.id";
  const result = await client.query<{ municipality: string; committee: string; number: string; date: string; total: string }>(
    `WITH page AS (
       SELECT f.id, mu.slug AS municipality, c.slug AS committee, a.number, m.date,
              ts_rank('${RANK_WEIGHTS}', f.tsv, to_tsquery('danish', $1)) AS rank, count(*) OVER () AS total
       FROM bench_fts f
       JOIN "AgendaItem" a ON a.id = f.id
       JOIN "Meeting" m ON m.id = a."meetingId"
       JOIN "Committee" c ON c.id = m."committeeId"
       JOIN "Municipality" mu ON mu.id = c."municipalityId"
       WHERE ${where}
       ORDER BY ${innerOrder} LIMIT $${args.length})
     SELECT page.municipality, page.committee, page.number, to_char(page.date, 'YYYY-MM-DD') AS date, page.total,
            ts_headline('danish', bench_fold(coalesce(f.decision, '') || E'\\n' || f.body), to_tsquery('danish', $1)) AS snippet
     FROM page JOIN bench_fts f ON f.id = page.id
     ORDER BY ${outerOrder}`,
    args,
  );
  return { total: Number(result.rows[0]?.total ?? 0), hits: result.rows };
}
