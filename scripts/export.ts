/**
 * npm run export [-- --out <folder>]
 * Writes the bulk files (gzipped JSON Lines per meeting, CSV per agenda item, per municipality
 * and for all of Denmark) and their datapackage.json into .data/export (served at /data/), and
 * prints the peak memory it used.
 */
import { parseArgs } from "node:util";
import { getEnv } from "@/lib/config/env";
import { exportDir } from "@/lib/export/export-dir";
import { exportBulkFiles } from "@/lib/export/refresh-bulk-files";
import { runWithDatabase } from "./lib/with-database";

const { values } = parseArgs({ options: { out: { type: "string" } } });
const dir = values.out ?? exportDir(getEnv().dataDir);
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

await runWithDatabase(async (prisma) => {
  const started = Date.now();
  // Waits while a running server refreshes the same files.
  const summary = await exportBulkFiles(prisma, dir, getEnv().siteUrl, (meetings) => {
    if (process.stdout.isTTY) process.stdout.write(`\rEksporterer … ${meetings} møder`);
  });
  if (process.stdout.isTTY) process.stdout.write("\n");
  const total = summary.resources.reduce((sum, resource) => sum + resource.bytes, 0);
  console.log(
    `Eksporterede ${summary.meetings} møder og ${summary.items} punkter til ${dir}: ${summary.resources.length} filer, ` +
      `${megabytes(total)}, på ${((Date.now() - started) / 1000).toFixed(1)} s. Største hukommelsesforbrug (RSS): ${megabytes(summary.peakRssBytes)}.`,
  );
});
