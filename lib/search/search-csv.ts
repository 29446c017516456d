import { stringify } from "csv-stringify/sync";
import { OUTCOME_LABELS } from "@/lib/text/outcome-labels";
import type { SearchHit } from "./query";
import { snippetText } from "./snippet";

/** Most rows one export holds; the search page says so when a search has more. */
export const CSV_EXPORT_LIMIT = 2000;

const COLUMNS = [
  { key: "municipality", header: "Kommune" },
  { key: "committee", header: "Udvalg" },
  { key: "date", header: "Mødedato" },
  { key: "number", header: "Punkt" },
  { key: "title", header: "Titel" },
  { key: "outcome", header: "Beslutning" },
  { key: "excerpt", header: "Uddrag" },
  { key: "url", header: "Link" },
];

/**
 * Search hits as a CSV file for a spreadsheet: semicolons and a byte-order mark, as Danish Excel
 * expects, CRLF line ends, and cells that would start a formula ("=", "+", "-", "@") prefixed
 * with an apostrophe, since the text comes from the documents.
 */
export function searchHitsToCsv(hits: readonly SearchHit[], siteUrl: string): string {
  const records = hits.map((hit) => ({
    municipality: hit.municipality,
    committee: hit.committee,
    date: hit.date,
    number: hit.number,
    title: hit.title,
    outcome: OUTCOME_LABELS[hit.outcome],
    excerpt: snippetText(hit.snippet),
    url: `${siteUrl}${hit.url}`,
  }));
  return stringify(records, { header: true, columns: COLUMNS, delimiter: ";", bom: true, record_delimiter: "windows", escape_formulas: true });
}
