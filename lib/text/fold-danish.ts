/**
 * Folds text for matching: NFC, lowercase, æ→ae, ø→oe, å→aa, other diacritics removed
 * ("Åbenrå" → "aabenraa", "Allé" → "alle"). Every other character is kept, so the result can
 * still be tokenized.
 */
export function foldDanish(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[æøå]/g, (ch) => DANISH_FOLDS[ch] ?? ch)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
}

const DANISH_FOLDS: Readonly<Record<string, string>> = { æ: "ae", ø: "oe", å: "aa" };

/**
 * Inverse of the æ/ø/å part of {@link foldDanish} on already folded text: "ae"→"æ", "oe"→"ø",
 * "aa"→"å", greedily left to right. Only meant for feeding a Danish stemmer, whose vowel rules
 * need the real letters; fold the result again afterwards.
 */
export function unfoldDanishLetters(folded: string): string {
  return folded.replace(/ae|oe|aa/g, (pair) => DANISH_UNFOLDS[pair] ?? pair);
}

const DANISH_UNFOLDS: Readonly<Record<string, string>> = { ae: "æ", oe: "ø", aa: "å" };
