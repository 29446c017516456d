import { openSync, closeSync, ftruncateSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DocumentReadError } from "./document-read-error";
import { MAX_PDF_BYTES, MAX_TEXT_BYTES, readSourceFile } from "./read-document";
import { makeTempDir, writeFixture } from "./test-fixtures";
import { makePdf, SMALL_MINUTES } from "./test-pdf";

/** A file of `size` bytes that takes no disk space (sparse): the size limit must refuse it unread. */
function sparseFile(dir: string, name: string, size: number): string {
  const file = path.join(dir, name);
  const fd = openSync(file, "w");
  ftruncateSync(fd, size);
  closeSync(fd);
  return file;
}

describe("readSourceFile", () => {
  const dir = makeTempDir("read-document-");

  it("refuses a text file over the size limit with a Danish reason, before reading it", async () => {
    const file = sparseFile(dir, "kæmpe.txt", MAX_TEXT_BYTES + 512 * 1024);
    const error = await readSourceFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentReadError);
    expect((error as Error).message).toBe("Filen er for stor (20,5 MB); grænsen er 20 MB. Del dokumentet op i mindre filer.");
  });

  it("refuses a PDF over its own, larger limit", async () => {
    await expect(readSourceFile(sparseFile(dir, "kæmpe.pdf", MAX_PDF_BYTES + 1))).rejects.toThrow(/^PDF-filen er for stor \(100 MB\); grænsen er 100 MB/);
  });

  it("reads a text file right at the limit", async () => {
    const file = sparseFile(dir, "lige-under.txt", MAX_TEXT_BYTES);
    await expect(readSourceFile(file)).resolves.toMatchObject({ size: MAX_TEXT_BYTES });
  });

  it("says in Danish that a PDF is broken, empty or without text", async () => {
    await expect(readSourceFile(writeFixture(dir, "ødelagt.pdf", "%PDF-1.4\nikke en pdf"))).rejects.toThrow(
      new DocumentReadError("PDF-filen er ugyldig eller beskadiget og kunne ikke læses."),
    );
    await expect(readSourceFile(writeFixture(dir, "tom.pdf", new Uint8Array(0)))).rejects.toThrow(new DocumentReadError("PDF-filen er tom."));
    await expect(readSourceFile(writeFixture(dir, "scannet.pdf", await makePdf([])))).rejects.toThrow(/^PDF-filen indeholder ingen tekst/);
  });

  it("says in Danish that a file is missing", async () => {
    await expect(readSourceFile(path.join(dir, "findes-ikke.txt"))).rejects.toThrow(new DocumentReadError("Filen findes ikke."));
  });

  it("reads a PDF's text with its pages", async () => {
    const source = await readSourceFile(writeFixture(dir, "referat.pdf", await makePdf(SMALL_MINUTES)));
    expect(source.encoding).toBe("pdf");
    expect(source.text).toContain("Mødedato Tirsdag d. 19. marts 2024 kl. 14:00");
  });

  it.each([
    ["utf-16le", Buffer.from(`\uFEFF${SMALL_MINUTES.join("\r\n")}`, "utf16le")],
    ["utf-16be", Buffer.from(`\uFEFF${SMALL_MINUTES.join("\r\n")}`, "utf16le").swap16()],
  ])("decodes a %s file with a byte order mark", async (encoding, bytes) => {
    const source = await readSourceFile(writeFixture(dir, `${encoding}.txt`, bytes));
    expect(source.encoding).toBe(encoding);
    expect(source.text).toBe(SMALL_MINUTES.join("\r\n"));
  });
});
