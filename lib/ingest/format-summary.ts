import type { IngestSummary } from "./ingest-files";

/** The end-of-run table people read: counts that add up, then every failure with its reason. */
export function formatSummary(summary: IngestSummary): string {
  const rows: Array<[string, number]> = [
    ["fundet (discovered)", summary.discovered],
    ["nye (ok)", summary.ok],
    ["opdateret (updated)", summary.updated],
    ["uændret (unchanged)", summary.unchanged],
    ["fejlet (failed)", summary.failed],
    ["sprunget over (skipped)", summary.skipped],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, n]) => `  ${label.padEnd(width)}  ${String(n).padStart(6)}`);
  lines.push(`  ${"punkter skrevet".padEnd(width)}  ${String(summary.items).padStart(6)}`);
  lines.push(`  ${"CPR-numre fjernet".padEnd(width)}  ${String(summary.cprRedactions).padStart(6)}`);
  lines.push(`  ${"tid".padEnd(width)}  ${(summary.durationMs / 1000).toFixed(1).padStart(5)}s`);
  if (summary.failures.length) {
    lines.push("", "Fejl:");
    for (const failure of summary.failures) lines.push(`  ✗ ${failure.error}`);
  }
  if (summary.skippedFiles.length) {
    lines.push("", "Sprunget over:");
    for (const skipped of summary.skippedFiles) lines.push(`  - ${skipped.file}: ${skipped.reason}`);
  }
  return lines.join("\n");
}
