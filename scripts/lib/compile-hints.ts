import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * V8's explicit compile hint (Chrome 136+): a script whose first line is this comment has all its
 * functions compiled eagerly, on the streaming thread while it downloads, instead of lazily on
 * the main thread when first called. The framework chunks are run almost entirely at page load
 * (module factories, React's hydration), and their lazy compilation was the bulk of a phone's
 * blocking time. Other browsers read it as a comment.
 */
export const COMPILE_HINT = "//# allFunctionsCalledOnLoad";

/** The client chunks of a production build. */
export const CLIENT_CHUNKS_DIR = path.join(".next", "static", "chunks");

async function javaScriptFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await javaScriptFiles(full)));
    else if (entry.isFile() && entry.name.endsWith(".js")) files.push(full);
  }
  return files;
}

/**
 * Puts {@link COMPILE_HINT} on the first line of every .js file under `dir` that lacks it (run
 * after each `next build`, before serving). Idempotent; returns how many files it changed and saw.
 */
export async function addCompileHints(dir: string = CLIENT_CHUNKS_DIR): Promise<{ changed: number; files: number }> {
  const files = await javaScriptFiles(dir);
  let changed = 0;
  for (const file of files) {
    const text = await readFile(file, "utf8");
    if (text.startsWith(`${COMPILE_HINT}\n`)) continue;
    await writeFile(file, `${COMPILE_HINT}\n${text}`);
    changed++;
  }
  return { changed, files: files.length };
}
