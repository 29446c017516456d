import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { recordPageChange } from "@/lib/ingest/page-changes";
import { renameCommittee } from "@/lib/ingest/rename-committee";
import { makeTempDir, SAMPLES_DIR, vejenMeetingWithMarker } from "@/lib/ingest/test-fixtures";
import { CPR_REPLACEMENT, findCprNumbers } from "@/lib/privacy/redact-cpr";
import { cprParagraph } from "@/lib/privacy/test-documents";
import { readExportBasis } from "./data-version";
import { describeRefresh, planRefresh, refreshBulkFiles, type RefreshOutcome } from "./refresh-bulk-files";
import { readPublishedExport } from "./serve-export";
import { validateDataPackage } from "./test-frictionless";
import { writeBulkFiles, type BulkResource } from "./write-bulk-files";

const SITE = "https://referater.example.dk";
const MEETINGS = 3;
const VARIANTS = 3;
const COMMITTEE_NAMES = ["Udvalget for Arbejdsmarked og Integration", "Beskæftigelsesudvalget", "Udvalg for Job og Uddannelse"];
const STEMS = ["danmark", "faxe", "lemvig", "varde", "vejen", "vejle"];

/** A unique word in item 6 of one meeting variant of Vejen. */
const marker = (meeting: number, variant: number) => `Eksportmarkoer${meeting}v${variant}`;

type Write =
  | { kind: "ingest"; meeting: number; variant: number; isItem6Closed: boolean }
  | { kind: "rename"; municipality: "vejen" | "faxe"; name: number }
  /** Meetings deleted straight in SQL: no page-change row, only the fingerprint can tell. */
  | { kind: "delete"; municipality: "lemvig" | "varde" | "vejle" };

const writes: fc.Arbitrary<Write> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("ingest" as const), meeting: fc.nat(MEETINGS - 1), variant: fc.nat(VARIANTS - 1), isItem6Closed: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("rename" as const), municipality: fc.constantFrom("vejen" as const, "faxe" as const), name: fc.nat(COMMITTEE_NAMES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), municipality: fc.constantFrom("lemvig" as const, "varde" as const, "vejle" as const) }) },
);

let db: TestDatabase;
let work: string;
beforeEach(async () => {
  db = await createTestDatabase();
  work = makeTempDir("export-incremental-");
  await ingestFiles(db.prisma, [SAMPLES_DIR]);
});
afterEach(async () => {
  rmSync(work, { recursive: true, force: true });
  await db.drop();
});

/** Vejen meeting `meeting` with the variant's marker and CPR numbers in item 6, open or closed. */
async function applyWrite(files: string, write: Write): Promise<string> {
  if (write.kind === "ingest") {
    const file = path.join(files, `vejen-${write.meeting}.txt`);
    const text = vejenMeetingWithMarker(write.meeting, marker(write.meeting, write.variant), write.isItem6Closed);
    const withCpr = text.replace("har klaget over sagsbehandlingen.", `har klaget over sagsbehandlingen. ${cprParagraph()}`);
    expect(withCpr).not.toBe(text);
    writeFileSync(file, withCpr);
    await ingestFiles(db.prisma, [file]);
    return "vejen";
  }
  if (write.kind === "rename") {
    const committee = await db.prisma.committee.findFirst({ where: { municipality: { slug: write.municipality } }, orderBy: { id: "asc" }, select: { slug: true } });
    if (committee) await renameCommittee(db.prisma, write.municipality, committee.slug, COMMITTEE_NAMES[write.name] ?? "");
    return write.municipality;
  }
  await db.prisma.meeting.deleteMany({ where: { committee: { municipality: { slug: write.municipality } } } });
  return write.municipality;
}

/** Every file's text (gzip decompressed). */
function fileTexts(dir: string): Map<string, string> {
  const texts = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const bytes = readFileSync(path.join(dir, name));
    texts.set(name, (name.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8"));
  }
  return texts;
}

/**
 * `text` without the files' SHA-256 digests datapackage.json lists (Frictionless wants them in
 * hex): a digest of a file this test checks itself, whose digits read as a CPR number about once
 * in 400 files. Everything else the export writes itself, such as the versions, holds no digits.
 */
function withoutFileDigests(text: string): string {
  return text.replace(/"sha256:[0-9a-f]{64}"/g, '"sha256:…"');
}

/** Identity of each file on disk: a rewritten file is a new inode renamed into place. */
function identities(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).map((name) => {
    const info = statSync(path.join(dir, name));
    return [name, `${info.ino}:${info.mtimeMs}:${info.size}`];
  }));
}

function descriptorOf(dir: string): { resources: BulkResource[]; "referatportalen:dataVersion": string } {
  return JSON.parse(readFileSync(path.join(dir, "datapackage.json"), "utf8")) as { resources: BulkResource[]; "referatportalen:dataVersion": string };
}

/** The incremental folder holds byte for byte what a full export from scratch writes now. */
function expectSameAsFull(incremental: string, full: string, context: unknown): void {
  const names = readdirSync(full).sort();
  expect(readdirSync(incremental).sort(), JSON.stringify(context)).toEqual(names);
  for (const name of names) {
    if (name === "datapackage.json") continue;
    const equal = readFileSync(path.join(incremental, name)).equals(readFileSync(path.join(full, name)));
    expect(equal, `${name} after ${JSON.stringify(context)}`).toBe(true);
  }
  expect(descriptorOf(incremental).resources).toEqual(descriptorOf(full).resources);
  expect(descriptorOf(incremental)["referatportalen:dataVersion"]).toBe(descriptorOf(full)["referatportalen:dataVersion"]);
}

function exported(outcome: RefreshOutcome): Extract<RefreshOutcome, { status: "exported" }> {
  if (outcome.status !== "exported") throw new Error(`expected an export, got ${outcome.status}`);
  return outcome;
}

describe("bulk files refreshed incrementally", () => {
  it("hold what a full export holds after any sequence of ingests, corrections, closings, renames and deletions, rewriting only the municipality written", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(writes, { minLength: 3, maxLength: 8 }), async (sequence) => {
        run++;
        await db.drop();
        db = await createTestDatabase();
        await ingestFiles(db.prisma, [SAMPLES_DIR]);
        const incremental = path.join(work, `incremental-${run}`);
        const files = path.join(work, `files-${run}`);
        mkdirSync(files, { recursive: true });
        expect(exported(await refreshBulkFiles(db.prisma, incremental, SITE)).reason).toBe("der var ingen datafiler");
        // The current variant of each Vejen meeting and whether its item 6 is closed.
        const current = new Map<number, { variant: number; isItem6Closed: boolean }>();
        const everWritten = new Set<string>();

        for (const [step, write] of sequence.entries()) {
          const before = identities(incremental);
          const municipality = await applyWrite(files, write);
          if (write.kind === "ingest") {
            current.set(write.meeting, { variant: write.variant, isItem6Closed: write.isItem6Closed });
            everWritten.add(marker(write.meeting, write.variant));
          }
          const outcome = await refreshBulkFiles(db.prisma, incremental, SITE);
          const full = path.join(work, `full-${run}-${step}`);
          await writeBulkFiles(db.prisma, full, SITE);
          expectSameAsFull(incremental, full, { sequence, step });
          rmSync(full, { recursive: true, force: true });

          // Only the written municipality's files (and the national ones) are new files.
          if (outcome.status === "exported") {
            expect(outcome.reason).toBeNull();
            expect(outcome.summary.rewritten.every((slug) => slug === municipality), JSON.stringify(outcome.summary.rewritten)).toBe(true);
          }
          for (const [name, identity] of identities(incremental)) {
            if (name === "datapackage.json" || name.startsWith(`${municipality}.`) || name.startsWith("danmark.")) continue;
            expect(identity, `${name} rewritten after ${JSON.stringify(write)}`).toBe(before.get(name));
          }

          // A closed item's text, a replaced variant's text and a CPR number are in no file; the open ones are.
          const texts = fileTexts(incremental);
          for (const word of everWritten) {
            const [, meeting, variant] = /(\d+)v(\d+)$/.exec(word) ?? [];
            const state = current.get(Number(meeting));
            const isPublished = state !== undefined && state.variant === Number(variant) && !state.isItem6Closed;
            for (const stem of ["vejen.csv", "vejen.jsonl.gz", "danmark.csv", "danmark.jsonl.gz"]) {
              if (stem.endsWith(".jsonl.gz")) expect(texts.get(stem)?.includes(word), `${word} in ${stem}`).toBe(isPublished);
            }
            for (const [name, text] of texts) if (!isPublished) expect(text.includes(word), `${word} in ${name}`).toBe(false);
          }
          for (const [name, text] of texts) expect(findCprNumbers(withoutFileDigests(text)), name).toEqual([]);
        }
        const everOpen = [...current.values()].some((state) => !state.isItem6Closed);
        if (everOpen) expect(fileTexts(incremental).get("vejen.jsonl.gz")).toContain(CPR_REPLACEMENT);
      }),
      { numRuns: 5 },
    );
  }, 240_000);

  it("rewrites one municipality's files after an ingest there, and leaves the others' files untouched", async () => {
    const dir = path.join(work, "out");
    const first = exported(await refreshBulkFiles(db.prisma, dir, SITE));
    expect(first.summary.rewritten).toEqual(["faxe", "lemvig", "varde", "vejen", "vejle"]);
    expect(exported(await refreshBulkFiles(db.prisma, path.join(work, "other"), SITE)).summary.rewritten).toHaveLength(5);
    expect((await refreshBulkFiles(db.prisma, dir, SITE)).status).toBe("unchanged");
    const before = identities(dir);
    const files = path.join(work, "files");
    mkdirSync(files);
    await applyWrite(files, { kind: "ingest", meeting: 0, variant: 0, isItem6Closed: false });
    const outcome = exported(await refreshBulkFiles(db.prisma, dir, SITE));
    expect(outcome.summary.rewritten).toEqual(["vejen"]);
    expect(outcome.summary.meetings).toBe(2);
    expect(describeRefresh(outcome, 840)).toBe(
      "Datafilerne under /data/ er opdateret: 1 kommune skrevet igen (vejen: 2 møder), hele Danmark samlet af 5 kommuners filer, på 0,8 s.",
    );
    expect(describeRefresh(first, 12_345)).toBe("Datafilerne under /data/ er skrevet igen: alle 5 kommuner (5 møder) på 12,3 s, fordi der var ingen datafiler.");
    const after = identities(dir);
    const changed = [...after].filter(([name, identity]) => before.get(name) !== identity).map(([name]) => name).sort();
    expect(changed).toEqual(["danmark.csv", "danmark.jsonl.gz", "datapackage.json", "vejen.csv", "vejen.jsonl.gz"]);
    expect(gunzipSync(readFileSync(path.join(dir, "danmark.jsonl.gz"))).toString("utf8")).toContain(marker(0, 0));
    const { problems } = await validateDataPackage(dir);
    expect(problems).toEqual([]);
  });

  it("rewrites a municipality the change feed names though its fingerprint did not change", async () => {
    const dir = path.join(work, "out");
    await refreshBulkFiles(db.prisma, dir, SITE);
    // A write that leaves Meeting.updatedAt as it was (a late commit with an older timestamp looks the same to the fingerprint).
    await db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE "AgendaItem" SET "title" = 'Rettet titel fra feedet' WHERE "meetingId" IN (SELECT m.id FROM "Meeting" m JOIN "Committee" c ON c.id = m."committeeId" JOIN "Municipality" u ON u.id = c."municipalityId" WHERE u.slug = 'faxe')`;
      await recordPageChange(tx, "/faxe");
    });
    const outcome = exported(await refreshBulkFiles(db.prisma, dir, SITE));
    expect(outcome.summary.rewritten).toEqual(["faxe"]);
    expect(readFileSync(path.join(dir, "faxe.csv"), "utf8")).toContain("Rettet titel fra feedet");
    expect(readFileSync(path.join(dir, "danmark.csv"), "utf8")).toContain("Rettet titel fra feedet");
  });

  it("writes every file when the change record cannot tell what changed", async () => {
    const dir = path.join(work, "out");
    await refreshBulkFiles(db.prisma, dir, SITE);
    const planNow = async () => planRefresh(db.prisma, dir, await readPublishedExport(dir), await readExportBasis(db.prisma, SITE));
    expect((await planNow()).keep.size).toBe(5);
    expect((await planNow()).keepNational).not.toBeNull();

    const descriptorFile = path.join(dir, "datapackage.json");
    const original = readFileSync(descriptorFile, "utf8");
    const edited = (edit: (descriptor: Record<string, unknown>) => void) => {
      const descriptor = JSON.parse(original) as Record<string, unknown>;
      edit(descriptor);
      writeFileSync(descriptorFile, JSON.stringify(descriptor));
    };
    const cases: Array<[string, () => void, string]> = [
      ["older code", () => edited((d) => delete d["referatportalen:municipalityVersions"]), "datafilerne er skrevet af en ældre udgave"],
      ["pruned feed", () => edited((d) => (d["referatportalen:basisReadAt"] = new Date(Date.now() - 8 * 86_400_000).toISOString())), "datafilerne er ældre end ændringsloggens 7 dage"],
      ["another database", () => edited((d) => (d["referatportalen:changeWatermark"] = 1_000_000)), "ændringsloggen er yngre end datafilerne (en anden database?)"],
      ["no national files", () => edited((d) => (d.resources = (d.resources as BulkResource[]).filter((r) => !r.path.startsWith("danmark.")))), "filerne for hele Danmark mangler i datapackage.json"],
      ["unreadable descriptor", () => writeFileSync(descriptorFile, "{"), "der var ingen datafiler"],
      ["descriptor without resources", () => edited((d) => delete d.resources), "der var ingen datafiler"],
    ];
    for (const [label, edit, reason] of cases) {
      edit();
      // Something changed since (in Vejle), else the files are current whatever their record says.
      await db.prisma.$transaction((tx) => recordPageChange(tx, "/vejle"));
      const outcome = exported(await refreshBulkFiles(db.prisma, dir, SITE));
      expect(outcome.reason, label).toBe(reason);
      expect(outcome.summary.rewritten, label).toHaveLength(5);
    }

    // A change to every page.
    await db.prisma.$transaction((tx) => recordPageChange(tx, "/"));
    expect((await planNow()).reason).toBe("en ændring gælder hele portalen");
    await refreshBulkFiles(db.prisma, dir, SITE);
    // A municipality file not as datapackage.json describes it is written again.
    writeFileSync(path.join(dir, "lemvig.csv"), "municipality\n");
    await db.prisma.$transaction((tx) => recordPageChange(tx, "/vejle"));
    const outcome = exported(await refreshBulkFiles(db.prisma, dir, SITE));
    expect(outcome.summary.rewritten).toEqual(["lemvig", "vejle"]);
    expect((await validateDataPackage(dir)).problems).toEqual([]);
  });

  it("writes national gzip files of one member per municipality that gunzip, zcat and Python read as one stream", async () => {
    const dir = path.join(work, "out");
    await refreshBulkFiles(db.prisma, dir, SITE);
    const national = readFileSync(path.join(dir, "danmark.jsonl.gz"));
    const members = STEMS.filter((stem) => stem !== "danmark").map((stem) => gunzipSync(readFileSync(path.join(dir, `${stem}.jsonl.gz`))).toString("utf8"));
    expect(gunzipSync(national).toString("utf8")).toBe(members.join(""));
    const records = gunzipSync(national).toString("utf8").trim().split("\n").map((line) => JSON.parse(line) as { municipality: string });
    expect(records.length).toBe(await db.prisma.meeting.count());
    const csv = parse(readFileSync(path.join(dir, "danmark.csv")), { columns: true }) as Array<Record<string, string>>;
    expect(csv.length).toBe(await db.prisma.agendaItem.count());
    expect(csv.filter((row) => row.municipality === "municipality")).toEqual([]);
    // Common readers outside Node, where installed.
    for (const [tool, args] of [["zcat", [path.join(dir, "danmark.jsonl.gz")]], ["python3", ["-c", "import gzip,sys; sys.stdout.write(gzip.open(sys.argv[1], 'rt', encoding='utf-8').read())", path.join(dir, "danmark.jsonl.gz")]]] as const) {
      let output: string;
      try {
        output = execFileSync(tool, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
        throw error;
      }
      expect(output, tool).toBe(members.join(""));
    }
    const stream = new Blob([national]).stream().pipeThrough(new DecompressionStream("gzip"));
    expect(await new Response(stream).text()).toBe(members.join(""));
  });
});
