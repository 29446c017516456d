import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { makeTempDir, vejenWithClosedBody, writeFixture } from "@/lib/ingest/test-fixtures";
import { parseMinutes } from "@/lib/minutes";

const MARKER = "HTML-LUKKET-9182";

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The Vejen sample as a municipality's site might serve it: one element per line, item headings as <h2>, hostile extras. */
function vejenAsHtml(): string {
  const lines = vejenWithClosedBody(MARKER).split("\n").filter((line) => line.trim() !== "");
  const body = lines
    .map((line) => (/^Punkt \d+:/.test(line) ? `<h2 onclick="stjaelData()">${escapeHtml(line)}</h2>` : `<p class="MsoNormal"><span>${escapeHtml(line)}</span></p>`))
    .join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><title>Referat</title><script>alert("head")</script></head>
<body><script>document.write("SCRIPT-TEKST")</script><style>.x{}</style><p><a href="javascript:stjaelData()">&nbsp;</a></p>${body}</body></html>`;
}

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.drop();
});

describe("ingesting .html minutes", () => {
  it("parses a saved minutes page like its text, closed item as number and title, no markup or closed text stored", async () => {
    const dir = makeTempDir();
    writeFixture(dir, "vejen-referat.html", vejenAsHtml());
    const summary = await ingestFiles(db.prisma, [dir]);
    expect(summary).toMatchObject({ discovered: 1, ok: 1, failed: 0, skipped: 0 });

    const expected = parseMinutes(vejenWithClosedBody(MARKER));
    if (!expected.ok) throw new Error("the text sample must parse");
    const items = await db.prisma.agendaItem.findMany({ orderBy: { position: "asc" }, include: { sections: true } });
    expect(items.length).toBe(expected.meeting.items.length);
    expect(items.map((item) => [item.number, item.title, item.closed])).toEqual(expected.meeting.items.map((item) => [item.number, item.title, item.closed]));
    expect(items.find((item) => item.closed)).toMatchObject({ title: "Eventuelt", sections: [] });
    expect(items.filter((item) => item.decision !== null).length).toBeGreaterThan(5);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const columns = await client.query<{ table_name: string; column_name: string }>(`
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' AND data_type IN ('text', 'character varying', 'jsonb', 'ARRAY')`);
      expect(columns.rows.length).toBeGreaterThan(10);
      for (const { table_name, column_name } of columns.rows) {
        for (const needle of [MARKER, "SCRIPT-TEKST", "stjaelData", "alert", "<script", "MsoNormal"]) {
          const found = await client.query(
            `SELECT count(*)::int AS n FROM ${client.escapeIdentifier(table_name)} WHERE ${client.escapeIdentifier(column_name)}::text LIKE $1`,
            [`%${needle}%`],
          );
          expect({ table_name, column_name, needle, n: found.rows[0].n }).toEqual({ table_name, column_name, needle, n: 0 });
        }
      }
    } finally {
      await client.end();
    }
  });
});
