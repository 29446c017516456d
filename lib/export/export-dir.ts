import path from "node:path";

/** Where `npm run export` writes the bulk files and /data/ serves them from. */
export function exportDir(dataDir: string): string {
  return path.join(dataDir, "export");
}

/** The descriptor the export writes last; the Data page and /data/ read it. */
export const DATAPACKAGE_FILE = "datapackage.json";
