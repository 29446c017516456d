import type { IngestSummary } from "./ingest-files";

/** Warnings listed in the table; the data-quality page (/datakvalitet) has them all. */
const MAX_WARNINGS_SHOWN = 20;

/**
 * The end-of-run table people read: counts that add up, then every failure with its reason, the
 * first warnings of stored documents (with where to find the rest) and the skipped files.
 */
export function formatSummary(summary: IngestSummary): string {
  const rows: Array<[string, number]> = [
    ["fundet (discovered)", summary.discovered],
    ["nye (ok)", summary.ok],
    ["opdateret (updated)", summary.updated],
    ["uændret (unchanged)", summary.unchanged],
    ["fejlet (failed)", summary.failed],
    ["sprunget over (skipped)", summary.skipped],
  ];
  const width = rows.reduce((widest, [label]) => Math.max(widest, label.length), 0);
  const lines = rows.map(([label, n]) => `  ${label.padEnd(width)}  ${String(n).padStart(6)}`);
  lines.push(`  ${"punkter skrevet".padEnd(width)}  ${String(summary.items).padStart(6)}`);
  lines.push(`  ${"CPR-numre fjernet".padEnd(width)}  ${String(summary.cprRedactions).padStart(6)}`);
  lines.push(`  ${"tid".padEnd(width)}  ${(summary.durationMs / 1000).toFixed(1).padStart(5)}s`);
  if (summary.failures.length) {
    lines.push("", "Fejl:");
    for (const failure of summary.failures) lines.push(`  ✗ ${failure.error}`);
  }
  if (summary.warnings.length) {
    const documents = new Set(summary.warnings.map((warning) => warning.file)).size;
    lines.push("", `Advarsler (${summary.warnings.length} i ${documents} ${documents === 1 ? "dokument" : "dokumenter"}; alle står på siden /datakvalitet):`);
    for (const { file, line, message, text } of summary.warnings.slice(0, MAX_WARNINGS_SHOWN)) {
      const quoted = text === "" ? "" : ` ("${text.length > 60 ? `${text.slice(0, 59)}…` : text}")`;
      lines.push(`  ! ${line === null ? file : `${file}:${line}`}: ${message}${quoted}`);
    }
    if (summary.warnings.length > MAX_WARNINGS_SHOWN) lines.push(`  … og ${summary.warnings.length - MAX_WARNINGS_SHOWN} flere`);
  }
  if (summary.skippedFiles.length) {
    lines.push("", "Sprunget over:");
    for (const skipped of summary.skippedFiles) lines.push(`  - ${skipped.file}: ${skipped.reason}`);
  }
  return lines.join("\n");
}
