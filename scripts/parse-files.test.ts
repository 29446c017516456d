import { spawnSync } from "node:child_process";
import { closeSync, ftruncateSync, openSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_TEXT_BYTES } from "@/lib/ingest/read-document";
import { makeTempDir, writeFixture } from "@/lib/ingest/test-fixtures";
import { makePdf, SMALL_MINUTES } from "@/lib/ingest/test-pdf";

/** Runs `npm run parse -- <file>` (without npm) and returns its exit code and output. */
function parse(file: string) {
  const run = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/parse.ts", file], { encoding: "utf8", timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("npm run parse reads files as the ingest does", () => {
  const dir = makeTempDir("parse-cli-");

  it("reads a PDF as the ingest does", async () => {
    const { status, stdout, stderr } = parse(writeFixture(dir, "referat.pdf", await makePdf(SMALL_MINUTES)));
    expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
    expect(JSON.parse(stdout)).toMatchObject({
      municipality: "Vejen Kommune",
      committee: "Udvalget for arbejdsmarked og integration",
      date: "2024-03-19",
      startTime: "14:00",
      items: [{ number: "1", decision: "Taget til efterretning." }],
    });
  });

  it("names the file and the limit when the file is too big, in Danish", () => {
    const file = path.join(dir, "for-stor.txt");
    const fd = openSync(file, "w");
    ftruncateSync(fd, MAX_TEXT_BYTES + 1024 * 1024);
    closeSync(fd);
    const { status, stdout, stderr } = parse(file);
    expect({ status, stdout }).toEqual({ status: 1, stdout: "" });
    expect(stderr).toBe(`Kan ikke læse ${file}: Filen er for stor (21 MB); grænsen er 20 MB. Del dokumentet op i mindre filer.\n`);
  });

  it("says in Danish that a PDF is broken", () => {
    const file = writeFixture(dir, "ødelagt.pdf", "%PDF-1.4\nikke en pdf");
    expect(parse(file)).toEqual({ status: 1, stdout: "", stderr: `Kan ikke læse ${file}: PDF-filen er ugyldig eller beskadiget og kunne ikke læses.\n` });
  });
});
