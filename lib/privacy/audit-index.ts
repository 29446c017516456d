import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { checkCpr, checkOpenText, count, createReport, jsonStrings, type AuditReport } from "./audit-report";

/** The columns of an exported `items.json` the audit reads (see lib/search/search-index.ts). */
interface ExportedItems {
  id?: number[];
  title?: string[];
  decision?: Array<string | null>;
  sections?: Array<Array<{ heading?: string; text?: string }>>;
}

async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files.sort();
}

/** Open-item checks on an exported `items.json`: only open items may be in the index. */
function checkItems(report: AuditReport, file: string, items: ExportedItems, closedItemIds: ReadonlySet<number>): void {
  (items.id ?? []).forEach((id, i) => {
    count(report, "punkter i indekset");
    const at = `${file} punkt #${i} (AgendaItem id=${id})`;
    if (closedItemIds.has(id)) report.findings.push({ location: at, problem: "et lukket punkt er i søgeindekset" });
    checkOpenText(report, `${at} titel`, items.title?.[i] ?? "");
    checkOpenText(report, `${at} beslutning`, items.decision?.[i] ?? "");
    for (const section of items.sections?.[i] ?? []) {
      checkOpenText(report, `${at} overskrift`, section.heading ?? "");
      checkOpenText(report, `${at} afsnit`, section.text ?? "");
    }
  });
}

/**
 * Every file of the exported search index in `dir`, every version directory included (the
 * previous version stays on disk while a server may still read it): CPR-shaped numbers in every
 * JSON string and every dictionary term, word pairs read as "first second", and closed markers
 * or closed items among the stored items. Binary files (facet and frequency columns) hold no text.
 */
export async function scanSearchIndexExport(dir: string, closedItemIds: ReadonlySet<number> = new Set()): Promise<AuditReport> {
  const report = createReport("indeksfiler", "indekstekster", "punkter i indekset");
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) {
    report.findings.push({ location: dir, problem: "ingen eksporteret søgeindeks-mappe at kontrollere" });
    return report;
  }
  for (const file of await listFiles(dir)) {
    if (file.endsWith(".bin")) continue;
    count(report, "indeksfiler");
    const text = await readFile(file, "utf8");
    if (file.endsWith(".json")) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        checkCpr(report, file, text);
        continue;
      }
      for (const string of jsonStrings(value)) {
        count(report, "indekstekster");
        checkCpr(report, file, string);
      }
      if (path.basename(file) === "items.json") checkItems(report, file, value as ExportedItems, closedItemIds);
    } else {
      // Dictionaries: one term (or "first\u0001second" pair) per line.
      text.split("\n").forEach((term, line) => {
        count(report, "indekstekster");
        checkCpr(report, `${file} linje ${line + 1}`, term.replaceAll("\u0001", " "));
      });
    }
  }
  return report;
}
