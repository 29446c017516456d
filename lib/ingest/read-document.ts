import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { htmlToText } from "@/lib/sources/html-to-text";
import { decodeText } from "@/lib/text/decode-text";
import { extractPdfText } from "./extract-pdf-text";

/** File extensions the ingest reads; everything else is reported as skipped. */
export const SUPPORTED_EXTENSIONS = [".txt", ".md", ".pdf", ".html", ".htm"] as const;

/** A minutes file read from disk: its identity (hash, size) and decoded text. */
export interface SourceFile {
  fileName: string;
  sha256: string;
  size: number;
  encoding: "utf-8" | "windows-1252" | "pdf";
  text: string;
}

/** True when the ingest can read this file name. */
export function isSupportedFile(fileName: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(path.extname(fileName).toLowerCase());
}

/**
 * Reads, hashes and decodes one file (UTF-8, else Windows-1252; PDFs through pdf.js; HTML pages
 * turned into the text the parser reads, see lib/sources/html-to-text.ts).
 */
export async function readSourceFile(filePath: string): Promise<SourceFile> {
  const bytes = await readFile(filePath);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const base = { fileName: filePath, sha256, size: bytes.byteLength };
  if (path.extname(filePath).toLowerCase() === ".pdf") {
    return { ...base, encoding: "pdf", text: await extractPdfText(bytes) };
  }
  const decoded = decodeText(bytes);
  const extension = path.extname(filePath).toLowerCase();
  return extension === ".html" || extension === ".htm" ? { ...base, ...decoded, text: htmlToText(decoded.text) } : { ...base, ...decoded };
}
