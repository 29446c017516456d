import { slugify } from "@/lib/text/slugify";

/** A case number as the portal identifies a case: the normalised number and its URL slug. */
export interface CaseKey {
  /** Normalised case number: "24/3579", "EMN-2022-81268", "15.00.00-G01-2-25". */
  number: string;
  /** URL key within the municipality: "24-3579", "15-00-00-g01-2-25". */
  slug: string;
}

// Lemvig prints the KLE code and the handling code without a dash ("15.00.00G01-2-25"), Faxe
// and Vejle with one ("15.00.00-G01-28-23"), some templates with a space: one case either way.
const KLE_HANDLING = /^(\d{2}\.\d{2}\.\d{2})[\s-]?([A-ZÆØÅ]\d{2})(?=-)/;

/**
 * The case key of a printed case number, or null when nothing of a number is left. Spaces
 * around separators and letter case are normalised and the KLE code joins its handling code
 * with a dash; digits (the KLE code, the running number and the year) are kept as printed.
 */
export function caseKeyOf(printed: string | null): CaseKey | null {
  if (printed === null) return null;
  const number = printed
    .normalize("NFC")
    .trim()
    .toUpperCase()
    .replace(/\s*([/\-.])\s*/g, "$1")
    .replace(/\s+/g, " ")
    .replace(KLE_HANDLING, "$1-$2");
  const slug = slugify(number);
  return /[0-9]/.test(slug) ? { number, slug } : null;
}
