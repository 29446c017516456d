import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { VEJEN_SAMPLE, makeTempDir, writeFixture } from "@/lib/ingest/test-fixtures";
import { findCprNumbers } from "@/lib/privacy/redact-cpr";
import { cprParagraph } from "@/lib/privacy/test-documents";

const run = promisify(execFile);

/** `npm run parse` on a file; resolves with exit code, stdout and stderr. */
async function parse(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "scripts/parse.ts", file], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("npm run parse", () => {
  it("prints no CPR number: not from the text, not from the file name", async () => {
    const dir = makeTempDir("parse-010203-1234-");
    const text = readFileSync(VEJEN_SAMPLE, "utf8").replace("Sagsfremstilling\n\nBaggrund\n", `Sagsfremstilling\n\nBaggrund\n\n${cprParagraph()}\n`);
    expect(findCprNumbers(text).length).toBeGreaterThan(500);
    const result = await parse(writeFixture(dir, "vejen 0102031234.txt", text));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveProperty("items");
    expect(result.stdout).toContain("[CPR fjernet]");
    expect(findCprNumbers(result.stdout)).toEqual([]);
    expect(findCprNumbers(result.stderr)).toEqual([]);

    const broken = await parse(writeFixture(dir, "klage 010203-1234.txt", "Ikke et referat.\n"));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("klage [CPR fjernet].txt");
    expect(findCprNumbers(broken.stderr)).toEqual([]);
  });
});
