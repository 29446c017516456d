import { readdir, realpath, stat } from "node:fs/promises";
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
 * Symbolic links are followed, but every directory and file is visited once by its real path: a
 * link back to a folder above it (a loop) or a second way to the same folder or file is skipped
 * and said so, instead of walking the loop until the system gives up (ELOOP, 40 levels deep,
 * or exponentially long when a folder holds two such links).
 */
export async function discoverFiles(inputs: string[]): Promise<Discovery> {
  const discovery: Discovery = { files: [], skipped: [] };
  const seen = new Map<string, string>();
  async function visit(target: string, ancestors: ReadonlySet<string>): Promise<void> {
    let info;
    let real;
    try {
      info = await stat(target);
      real = await realpath(target);
    } catch {
      discovery.skipped.push({ file: target, reason: "findes ikke" });
      return;
    }
    if (ancestors.has(real)) {
      discovery.skipped.push({ file: target, reason: `symbolsk link i ring: peger tilbage på mappen ${real}` });
      return;
    }
    const first = seen.get(real);
    if (first !== undefined) {
      discovery.skipped.push({ file: target, reason: `samme ${info.isDirectory() ? "mappe" : "fil"} som ${first} (via et symbolsk link)` });
      return;
    }
    seen.set(real, target);
    if (info.isDirectory()) {
      const inside = new Set(ancestors).add(real);
      const entries = (await readdir(target)).sort((a, b) => a.localeCompare(b));
      for (const entry of entries) {
        if (entry.startsWith(".")) continue;
        await visit(path.join(target, entry), inside);
      }
    } else if (isSupportedFile(target)) {
      discovery.files.push(target);
    } else {
      discovery.skipped.push({ file: target, reason: `filtypen ${path.extname(target) || "(ingen)"} understøttes ikke (.txt, .md, .pdf, .html)` });
    }
  }
  for (const input of inputs) await visit(input, new Set());
  return discovery;
}
