import path from "node:path";

/** Where the exported search index lives: `<dataDir>/search` (dataDir from REFERATPORTALEN_DATA_DIR, default .data). */
export function searchIndexDir(dataDir: string): string {
  return path.resolve(dataDir, "search");
}
