import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { renameCommittee } from "@/lib/ingest/rename-committee";
import { makeTempDir, SAMPLES_DIR } from "@/lib/ingest/test-fixtures";
import { exportBulkFiles, refreshBulkFiles, startBulkExportTimer } from "./refresh-bulk-files";
import { readPublishedExport, serveExportFile } from "./serve-export";

const SITE = "https://referater.example.dk";

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await ingestFiles(db.prisma, [SAMPLES_DIR]);
  dir = makeTempDir("export-refresh-");
});
afterAll(() => db.drop());

const csvOf = (name: string) => readFileSync(path.join(dir, name), "utf8");

describe("bulk files kept current", () => {
  it("writes the files when there are none, and again only after the data changed", async () => {
    expect((await refreshBulkFiles(db.prisma, dir, SITE)).status).toBe("exported");
    const first = await readPublishedExport(dir);
    // Letters only: a hex digest's digits can read as a CPR number.
    expect(first?.dataVersion).toMatch(/^[a-p]{32}$/);
    const versions = Object.values(first?.basis?.municipalityVersions ?? {});
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) expect(version).toMatch(/^[a-p]{32}$/);
    expect((await refreshBulkFiles(db.prisma, dir, SITE)).status).toBe("unchanged");
    expect((await readPublishedExport(dir))?.created).toBe(first?.created);
    // Another site address changes every URL in the files.
    const elsewhere = makeTempDir("export-refresh-elsewhere-");
    expect((await refreshBulkFiles(db.prisma, elsewhere, SITE)).status).toBe("exported");
    expect((await refreshBulkFiles(db.prisma, elsewhere, "https://andet.example.dk")).status).toBe("exported");

    await renameCommittee(db.prisma, "vejle", "arbejdsmarkedsudvalget", "Job- og Arbejdsmarkedsudvalget");
    expect(csvOf("vejle.csv")).not.toContain("Job- og Arbejdsmarkedsudvalget");
    expect((await refreshBulkFiles(db.prisma, dir, SITE)).status).toBe("exported");
    expect(csvOf("vejle.csv")).toContain("Job- og Arbejdsmarkedsudvalget");
    expect((await readPublishedExport(dir))?.dataVersion).not.toBe(first?.dataVersion);

    const faxe = await db.prisma.meeting.findFirstOrThrow({ where: { committee: { municipality: { slug: "faxe" } } }, select: { id: true } });
    await db.prisma.meeting.delete({ where: { id: faxe.id } });
    expect((await refreshBulkFiles(db.prisma, dir, SITE)).status).toBe("exported");
    expect(csvOf("faxe.csv").trim().split("\n")).toHaveLength(1);
  });

  it("leaves the export to the process holding the lock", async () => {
    await renameCommittee(db.prisma, "vejle", "job-og-arbejdsmarkedsudvalget", "Arbejdsmarkedsudvalget");
    const outcome = await db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(7404016)`;
      return refreshBulkFiles(db.prisma, dir, SITE);
    });
    expect(outcome.status).toBe("busy");
    expect((await refreshBulkFiles(db.prisma, dir, SITE)).status).toBe("exported");
  });

  it("makes a full export wait while another process holds the lock", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = db.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(7404016)`;
        locked();
        await held;
      },
      { timeout: 60_000 },
    );
    await isLocked;
    let finished = false;
    const exported = exportBulkFiles(db.prisma, dir, SITE).then((summary) => {
      finished = true;
      return summary;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(finished).toBe(false);
    release();
    await holder;
    expect((await exported).meetings).toBeGreaterThan(0);
    expect(finished).toBe(true);
  });

  it("serves only whole files, each with its own length and ETag, while a refresh replaces them", async () => {
    const before = await readPublishedExport(dir);
    await renameCommittee(db.prisma, "vejle", "arbejdsmarkedsudvalget", "Beskæftigelsesudvalget");
    let done = false;
    const refresh = refreshBulkFiles(db.prisma, dir, SITE).finally(() => {
      done = true;
    });
    const served: Array<{ name: string; body: Buffer; length: string | null; etag: string | null }> = [];
    while (!done) {
      for (const name of ["vejle.csv", "danmark.jsonl.gz"]) {
        const response = await serveExportFile(dir, name, new Request(`${SITE}/data/${name}`));
        expect(response.status).toBe(200);
        served.push({ name, body: Buffer.from(await response.arrayBuffer()), length: response.headers.get("content-length"), etag: response.headers.get("etag") });
      }
    }
    expect((await refresh).status).toBe("exported");
    const after = await readPublishedExport(dir);
    const known = new Set([...(before?.resources ?? []), ...(after?.resources ?? [])].map((resource) => resource.hash));
    expect(served.length).toBeGreaterThan(2);
    const etagsByHash = new Map<string, string | null>();
    for (const { name, body, length, etag } of served) {
      expect(length, name).toBe(String(body.length));
      const hash = `sha256:${createHash("sha256").update(body).digest("hex")}`;
      expect(known.has(hash), `${name}: served bytes of no published version`).toBe(true);
      if (name.endsWith(".gz")) expect(() => gunzipSync(body)).not.toThrow();
      // One ETag names one content.
      const earlier = etagsByHash.get(hash);
      if (earlier !== undefined) expect(earlier).toBe(etag);
      etagsByHash.set(hash, etag);
    }
    expect(csvOf("vejle.csv")).toContain("Beskæftigelsesudvalget");
  });

  it("refreshes on its timer after a change, as the running server does", async () => {
    const exported: number[] = [];
    const errors: unknown[] = [];
    const timer = startBulkExportTimer(db.prisma, {
      dir,
      siteUrl: SITE,
      intervalMs: 50,
      firstDelayMs: 0,
      onExported: (summary) => exported.push(summary.meetings),
      onError: (error) => errors.push(error),
    });
    try {
      await renameCommittee(db.prisma, "vejle", "beskaeftigelsesudvalget", "Udvalget for job");
      const deadline = Date.now() + 20_000;
      // The CSV is renamed into place before the export returns and reports.
      while (exported.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(csvOf("vejle.csv")).toContain("Udvalget for job");
      expect(exported.length).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      timer.stop();
    }
  });
});
