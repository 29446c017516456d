import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { isSupportedFile } from "./read-document";

/** What walking the inputs found: files to ingest, and files skipped with the reason. */
export interface Discovery {
  files: string[];
  skipped: Array<{ file: string; reason: string }>;
}

/**
 * Expands files and directories (recursively, in name order) into the files to ingest.
 * Unsupported files are listed as skipped, never silently ignored; a missing path is skipped too.
 */
export async function discoverFiles(inputs: string[]): Promise<Discovery> {
  const discovery: Discovery = { files: [], skipped: [] };
  async function visit(target: string): Promise<void> {
    let info;
    try {
      info = await stat(target);
    } catch {
      discovery.skipped.push({ file: target, reason: "findes ikke" });
      return;
    }
    if (info.isDirectory()) {
      const entries = (await readdir(target)).sort((a, b) => a.localeCompare(b));
      for (const entry of entries) {
        if (entry.startsWith(".")) continue;
        await visit(path.join(target, entry));
      }
    } else if (isSupportedFile(target)) {
      discovery.files.push(target);
    } else {
      discovery.skipped.push({ file: target, reason: `filtypen ${path.extname(target) || "(ingen)"} understøttes ikke (.txt, .md, .pdf, .html)` });
    }
  }
  for (const input of inputs) await visit(input);
  return discovery;
}
