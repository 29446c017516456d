import { findClosedMarkers } from "./closed-markers";
import { findCprNumbers, withoutCpr } from "./redact-cpr";

/** One thing the audit found: where (table/column/row, file + offset, or URL) and what. */
export interface AuditFinding {
  location: string;
  /** Danish description; never contains the CPR number itself. */
  problem: string;
}

/** What one part of the audit looked at and found; `scanned` counts make an empty scan visible. */
export interface AuditReport {
  findings: AuditFinding[];
  /** Counts by what was scanned ("tabelkolonner", "værdier", "filer", "sider" …). */
  scanned: Record<string, number>;
}

/** An empty report with the given counters at zero. */
export function createReport(...counters: string[]): AuditReport {
  return { findings: [], scanned: Object.fromEntries(counters.map((name) => [name, 0])) };
}

/** Adds `n` to a counter. */
export function count(report: AuditReport, counter: string, n = 1): void {
  report.scanned[counter] = (report.scanned[counter] ?? 0) + n;
}

/** The text around `index`, on one line, with every CPR number in it masked. */
function context(text: string, index: number, length: number): string {
  const before = text.slice(Math.max(0, index - 25), index);
  const after = text.slice(index + length, index + length + 25);
  return withoutCpr(`${before}[CPR-nummer]${after}`).replace(/\s+/gu, " ").trim();
}

// Hashes (a document's sha256, a migration's checksum, a build's chunk names) are long hex tokens
// whose digit runs look like CPR numbers now and then; a sha256 has a 1-in-400 chance. They are
// masked with a filler of the same length, so offsets stay those of the text.
const HEX_HASH = /\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{16,}\b/gu;

/** A finding for every CPR-shaped number in `text`, at `location` + its offset. */
export function checkCpr(report: AuditReport, location: string, text: string): void {
  const masked = text.replace(HEX_HASH, (hash) => "#".repeat(hash.length));
  for (const { index, length } of findCprNumbers(masked)) {
    report.findings.push({ location: `${location} (tegn ${index})`, problem: `CPR-nummer: "${context(text, index, length)}"` });
  }
}

/** A finding for every closed-marker line in `text`, which belongs to an open item. */
export function checkOpenText(report: AuditReport, location: string, text: string): void {
  for (const marker of findClosedMarkers(text)) {
    // The marker word only: the line itself may be a closed item's confidential text.
    report.findings.push({ location: `${location} (linje ${marker.line + 1})`, problem: `lukket-markering ("${marker.marker}") i et åbent punkt` });
  }
}

/** Every string in a JSON value, keys included. */
export function* jsonStrings(value: unknown): Generator<string> {
  if (typeof value === "string") yield value;
  else if (Array.isArray(value)) for (const entry of value) yield* jsonStrings(entry);
  else if (value !== null && typeof value === "object") {
    for (const [key, entry] of Object.entries(value)) {
      yield key;
      yield* jsonStrings(entry);
    }
  }
}

/** Reports merged into one (findings concatenated, counters added). */
export function mergeReports(reports: readonly AuditReport[]): AuditReport {
  const merged: AuditReport = { findings: [], scanned: {} };
  for (const report of reports) {
    merged.findings.push(...report.findings);
    for (const [name, n] of Object.entries(report.scanned)) count(merged, name, n);
  }
  return merged;
}
