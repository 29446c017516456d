import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { htmlToText } from "@/lib/sources/html-to-text";
import { withoutCpr } from "@/lib/privacy/redact-cpr";
import { decodeText, type TextEncodingName } from "@/lib/text/decode-text";
import { DocumentReadError } from "./document-read-error";
import { extractPdfText } from "./extract-pdf-text";

/** File extensions the ingest reads; everything else is reported as skipped. */
export const SUPPORTED_EXTENSIONS = [".txt", ".md", ".pdf", ".html", ".htm"] as const;

const MB = 1024 * 1024;
/**
 * The largest text the portal reads from one file: 20 MB, some ten thousand printed pages; the
 * longest real minutes are a few MB. Larger files are refused before they are read.
 */
export const MAX_TEXT_BYTES = 20 * MB;
/** The largest PDF file read (its images count too); its text must still fit MAX_TEXT_BYTES. */
export const MAX_PDF_BYTES = 100 * MB;

/** A minutes file read from disk: its identity (hash, size) and decoded text. */
export interface SourceFile {
  /** The path as given, CPR numbers removed: this is what is stored and printed. */
  fileName: string;
  sha256: string;
  size: number;
  encoding: TextEncodingName | "pdf";
  text: string;
}

/** True when the ingest can read this file name. */
export function isSupportedFile(fileName: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(path.extname(fileName).toLowerCase());
}

const formatMb = (bytes: number) => `${(bytes / MB).toLocaleString("da-DK", { maximumFractionDigits: 1 })} MB`;

function tooBig(what: string, size: number, limit: number): DocumentReadError {
  return new DocumentReadError(`${what} er for stor (${formatMb(size)}); grænsen er ${formatMb(limit)}. Del dokumentet op i mindre filer.`);
}

const FILE_ERRORS: ReadonlyMap<string, string> = new Map([
  ["ENOENT", "Filen findes ikke."],
  ["EACCES", "Ingen adgang til filen."],
  ["EPERM", "Ingen adgang til filen."],
  ["EISDIR", "Det er en mappe, ikke en fil."],
]);

/** The file system's errors in Danish (the ingest and `npm run parse` report them as they are). */
async function readBytes(filePath: string, limit: number, what: string): Promise<Buffer> {
  try {
    const { size } = await stat(filePath);
    if (size > limit) throw tooBig(what, size, limit);
    return await readFile(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === undefined ? undefined : FILE_ERRORS.get(code);
    if (reason !== undefined) throw new DocumentReadError(reason, { cause: error });
    throw error;
  }
}

/**
 * Reads, hashes and decodes one file (UTF-16 with a BOM, UTF-8, else Windows-1252; PDFs through
 * pdf.js; HTML pages turned into the text the parser reads, see lib/sources/html-to-text.ts).
 * Throws a DocumentReadError (Danish, without the file name) for a file over the size limits
 * (MAX_TEXT_BYTES of text, MAX_PDF_BYTES for a PDF), a missing or unreadable file, or a broken PDF.
 * The text is not yet redacted; the file name is.
 */
export async function readSourceFile(filePath: string): Promise<SourceFile> {
  const isPdf = path.extname(filePath).toLowerCase() === ".pdf";
  const bytes = isPdf ? await readBytes(filePath, MAX_PDF_BYTES, "PDF-filen") : await readBytes(filePath, MAX_TEXT_BYTES, "Filen");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const base = { fileName: withoutCpr(filePath), sha256, size: bytes.byteLength };
  if (!isPdf) {
    const decoded = decodeText(bytes);
    const extension = path.extname(filePath).toLowerCase();
    return extension === ".html" || extension === ".htm" ? { ...base, ...decoded, text: htmlToText(decoded.text) } : { ...base, ...decoded };
  }
  const text = await extractPdfText(bytes);
  if (text.length > MAX_TEXT_BYTES) throw tooBig("Teksten i PDF-filen", text.length, MAX_TEXT_BYTES);
  return { ...base, encoding: "pdf", text };
}
