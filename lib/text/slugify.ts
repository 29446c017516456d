/**
 * URL slug: lowercase ASCII, æ→ae, ø→oe, å→aa, other letters stripped of accents,
 * every other run of non-alphanumerics → "-".
 */
export function slugify(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Slug of a municipality name without the word "Kommune": "Vejen Kommune" → "vejen". */
export function slugifyMunicipality(name: string): string {
  return slugify(name.replace(/\s+(Kommune|Regionskommune)$/i, ""));
}
