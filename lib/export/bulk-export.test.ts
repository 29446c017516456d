import { createHash } from "node:crypto";
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { makeTempDir, SAMPLES_DIR, VEJEN_SAMPLE, vejenWithClosedBody, writeFixture } from "@/lib/ingest/test-fixtures";
import { CPR_REPLACEMENT, findCprNumbers } from "@/lib/privacy/redact-cpr";
import { cprParagraph } from "@/lib/privacy/test-documents";
import { OUTCOME_LABELS } from "@/lib/text/outcome-labels";
import { serveExportFile } from "./serve-export";
import { validateDataPackage } from "./test-frictionless";
import { writeBulkFiles, type BulkResource, type ExportSummary } from "./write-bulk-files";

const SITE = "https://referater.example.dk";
const MARKER = "EKSPORTLUKKETMARKOER4Z";

let db: TestDatabase;
let dir: string;
let summary: ExportSummary;
let resources: BulkResource[];

beforeAll(async () => {
  db = await createTestDatabase();
  await ingestFiles(db.prisma, [SAMPLES_DIR]);
  const vejenDir = makeTempDir("export-");
  writeFixture(vejenDir, path.basename(VEJEN_SAMPLE), vejenWithClosedBody(MARKER, cprParagraph()));
  expect((await ingestFiles(db.prisma, [vejenDir])).updated).toBe(1);
  dir = makeTempDir("export-out-");
  summary = await writeBulkFiles(db.prisma, dir, SITE);
  resources = (JSON.parse(readFileSync(path.join(dir, "datapackage.json"), "utf8")) as { resources: BulkResource[] }).resources;
});
afterAll(() => db.drop());

const readJsonLines = (file: string) =>
  gunzipSync(readFileSync(path.join(dir, file)))
    .toString("utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const readCsv = (file: string) => parse(readFileSync(path.join(dir, file)), { columns: true }) as Array<Record<string, string>>;

async function databaseItems(municipalitySlug?: string) {
  return db.prisma.agendaItem.findMany({
    where: municipalitySlug ? { meeting: { committee: { municipality: { slug: municipalitySlug } } } } : {},
    orderBy: [{ meeting: { committee: { municipality: { slug: "asc" } } } }, { meetingId: "asc" }, { position: "asc" }],
    include: { meeting: { include: { committee: { include: { municipality: true } } } } },
  });
}

describe("npm run export: bulk files", () => {
  it("writes JSON Lines and CSV per municipality and for Denmark, described by datapackage.json", () => {
    expect(summary.meetings).toBe(5);
    expect(resources.map((r) => r.path).sort()).toEqual(
      ["danmark", "faxe", "lemvig", "varde", "vejen", "vejle"].flatMap((stem) => [`${stem}.csv`, `${stem}.jsonl.gz`]).sort(),
    );
    for (const resource of resources) {
      const bytes = readFileSync(path.join(dir, resource.path));
      expect(resource.bytes, resource.path).toBe(bytes.length);
      expect(resource.hash, resource.path).toBe(`sha256:${createHash("sha256").update(bytes).digest("hex")}`);
    }
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("validates against its datapackage.json with Frictionless (datapackage-js, tableschema-js)", async () => {
    const { problems, rowsChecked, resourcesChecked } = await validateDataPackage(dir);
    expect(problems).toEqual([]);
    expect(resourcesChecked).toBe(12);
    // Every CSV row of the six files, and every JSON Lines record.
    expect(rowsChecked).toBe(2 * summary.items + 2 * summary.meetings);
    const descriptor = JSON.parse(readFileSync(path.join(dir, "datapackage.json"), "utf8")) as { licenses: Array<{ name: string; path: string }> };
    expect(descriptor.licenses.map((license) => license.name)).toEqual(["other-pd", "CC0-1.0"]);
  });

  it("fails the Frictionless check when a column is added, renamed or changes type without the descriptor", async () => {
    const original = readFileSync(path.join(dir, "vejen.csv"), "utf8");
    const [header = "", ...lines] = original.split("\n");
    const tamperings: Record<string, string> = {
      renamed: [header.replace("meeting_date", "date"), ...lines].join("\n"),
      added: [`${header},extra`, ...lines.map((line) => (line === "" ? line : `${line},x`))].join("\n"),
      dropped: [header.replace(/,url$/, ""), ...lines.map((line) => line.replace(/,https:[^,]*$/, ""))].join("\n"),
      retyped: original.replace(/,2024-03-19,/g, ",19.03.2024,"),
    };
    expect(tamperings.retyped).not.toBe(original);
    for (const [kind, csv] of Object.entries(tamperings)) {
      const copy = makeTempDir(`export-${kind}-`);
      cpSync(dir, copy, { recursive: true });
      writeFileSync(path.join(copy, "vejen.csv"), csv);
      // The descriptor's bytes and hash follow the file, so only the schema can catch the change.
      const descriptorFile = path.join(copy, "datapackage.json");
      const descriptor = JSON.parse(readFileSync(descriptorFile, "utf8")) as { resources: BulkResource[] };
      const resource = descriptor.resources.find((entry) => entry.path === "vejen.csv");
      expect(resource).toBeDefined();
      if (resource) {
        resource.bytes = Buffer.byteLength(csv);
        resource.hash = `sha256:${createHash("sha256").update(csv).digest("hex")}`;
      }
      writeFileSync(descriptorFile, JSON.stringify(descriptor));
      const { problems } = await validateDataPackage(copy);
      expect(problems.length, kind).toBeGreaterThan(0);
      expect(problems.every((problem) => problem.startsWith("vejen.csv")), `${kind}: ${problems.join("; ")}`).toBe(true);
    }
  });

  it("round-trips every agenda item through the CSV and the JSON Lines against the database", async () => {
    const items = await databaseItems();
    const rows = readCsv("danmark.csv");
    expect(rows.length).toBe(items.length);
    items.forEach((item, index) => {
      const row = rows[index];
      expect(row?.municipality).toBe(item.meeting.committee.municipality.name);
      expect(row?.item_number).toBe(item.number);
      expect(row?.title).toBe(item.title);
      expect(row?.public).toBe(item.closed ? "false" : "true");
      expect(row?.decision).toBe(item.closed ? "" : (item.decision ?? ""));
      expect(row?.outcome).toBe(item.closed || item.outcome === "none" ? "" : OUTCOME_LABELS[item.outcome]);
    });
    const meetings = readJsonLines("danmark.jsonl.gz");
    const nested = meetings.flatMap((meeting) => meeting.items as Array<Record<string, unknown>>);
    expect(nested.map((item) => item.title)).toEqual(items.map((item) => item.title));
    const vejen = readJsonLines("vejen.jsonl.gz");
    expect(vejen.length).toBe(1);
    expect(vejen[0]).toMatchObject({ municipality: "Vejen Kommune", municipality_code: "0575", date: "2024-03-19" });
    const withSections = (vejen[0]?.items as Array<{ sections?: unknown[] }>).filter((item) => (item.sections?.length ?? 0) > 0);
    expect(withSections.length).toBeGreaterThan(5);
    expect(readCsv("vejen.csv").length).toBe((await databaseItems("vejen")).length);
  });

  it("keeps closed items to number and title, and their body and every CPR number out of every file", () => {
    const closed = readJsonLines("danmark.jsonl.gz")
      .flatMap((meeting) => meeting.items as Array<Record<string, unknown>>)
      .filter((item) => item.public === false);
    expect(closed.length).toBeGreaterThan(0);
    for (const item of closed) expect(Object.keys(item).sort()).toEqual(["number", "position", "public", "title", "url"]);
    const files = readdirSync(dir);
    expect(files.length).toBe(13);
    for (const file of files) {
      const bytes = readFileSync(path.join(dir, file));
      const text = (file.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
      expect(text, file).not.toContain(MARKER);
      expect(findCprNumbers(text), file).toEqual([]);
    }
    expect(readJsonLines("vejen.jsonl.gz").some((meeting) => JSON.stringify(meeting).includes(CPR_REPLACEMENT))).toBe(true);
  });

  it("serves the files at /data/ with Content-Length and ETag, and nothing else", async () => {
    const response = await serveExportFile(dir, "vejen.csv", new Request(`${SITE}/data/vejen.csv`));
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get("content-length")).toBe(String(body.length));
    expect(body.equals(readFileSync(path.join(dir, "vejen.csv")))).toBe(true);
    const etag = response.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const again = await serveExportFile(dir, "vejen.csv", new Request(`${SITE}/data/vejen.csv`, { headers: { "If-None-Match": etag } }));
    expect(again.status).toBe(304);
    for (const name of ["../datapackage.json", "nope.csv", ".vejen.csv.1.tmp", "/etc/passwd"]) {
      expect((await serveExportFile(dir, name, new Request(`${SITE}/data/x`))).status, name).toBe(404);
    }
    expect((await serveExportFile(dir, "datapackage.json", new Request(`${SITE}/data/datapackage.json`))).status).toBe(200);
  });
});
