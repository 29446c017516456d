/** What one item-metadata line told us; `caseNumber` is set only by lines that carry one. */
export interface ItemMetadata {
  caseNumber?: string | null;
}

const KLE_CASE = /^\d{2}\.\d{2}\.\d{2}(?:[-\s]?[A-ZÆØÅ]\d{2})?(?:-\d+){1,3}$/;
const SLASH_CASE = /^\d{2,4}\/\d{1,7}(?:-\d+)?$/;
const PREFIXED_CASE = /^[A-ZÆØÅ]{2,6}-\d{4}-\d{1,8}$/;
const LABELLED_CASE =
  /^(?:sagsnr|sags nr|sagsnummer|sag nr|journalnr|journal nr|j\.\s?nr|jnr|sagsid|sags-id|acadre sagsnr)\.?\s*:?\s*(.*)$/i;
const CASE_IN_DOC_LINE = /\b(?:Sagsid|Sagsnr|Sags nr)\.?\s*:?\s*([^\s]+)/i;
const DOC_LINE = /^(?:dok\.?\s?nr|dokumentnr)\.?\s*:?/i;
const METADATA_ONLY =
  /^(?:offentlig titel|sagsbh|sagsbehandler|initialer|ansvarlig|forfatter)\.?(?![\p{L}])\s*:?.*$|^(?:åben sag|åbent punkt|åben|offentlig sag)$/iu;

/** True when a whole line is a case or journal number as the templates print it under the item heading. */
export function isBareCaseNumber(text: string): boolean {
  const value = text.trim();
  return KLE_CASE.test(value) || SLASH_CASE.test(value) || PREFIXED_CASE.test(value);
}

/**
 * Read an item metadata line ("Sagsnr. EMN-2022-81268", "Dok.nr.: 123 Sagsid.: 14/1234 Initialer: abc",
 * "Sagsbh. …", "Offentlig titel:", "Åben sag"). Returns null when the line is not metadata.
 * A placeholder value ("Sagsnr. .") yields `caseNumber: null`.
 */
export function readItemMetadata(text: string): ItemMetadata | null {
  const value = text.trim();
  const labelled = LABELLED_CASE.exec(value);
  if (labelled) return { caseNumber: cleanCaseValue(labelled[1] ?? "") };
  if (DOC_LINE.test(value)) {
    const inLine = CASE_IN_DOC_LINE.exec(value);
    return inLine ? { caseNumber: cleanCaseValue(inLine[1] ?? "") } : {};
  }
  if (METADATA_ONLY.test(value)) return {};
  return null;
}

function cleanCaseValue(raw: string): string | null {
  const value = raw.trim().replace(/[.,;]+$/, "").trim();
  return value === "" ? null : value;
}

/** The KLE code ("15.00.00") a case number starts with, or null. */
export function extractKle(caseNumber: string | null): string | null {
  if (caseNumber === null) return null;
  const match = /^(\d{2}\.\d{2}\.\d{2})(?!\d)/.exec(caseNumber.trim());
  return match?.[1] ?? null;
}
