/**
 * An independent detector of closed-item markers ("Lukket", "Fortroligt", "Lukket dagsorden",
 * "Lukket møde", "Lukket punkt") written as a marker: a line or title that is the marker, starts
 * with it followed by a separator, ends with it after a dash, or holds it in brackets. Prose
 * ("udvalget holdt et lukket møde om …") is not a marker. It shares nothing with the parser's own
 * rules (lib/minutes/closed-items.ts): the audit and the ingest's withholding use it to catch
 * what the parser missed.
 */

// The marker phrases, longest first; "Fortrolig" alone too, and "Lukket sag"/"Fortroligt punkt".
const PHRASE = "(?:lukket\\s+(?:dagsorden|møde|punkt|sag)|lukket|fortroligt?(?:\\s+(?:punkt|sag))?)";
const OPEN = "[([{]";
const CLOSE = "[)\\]}]";
const DASH = "[:\\-\\u2013\\u2014.]";
// Before a trailing marker a full stop is a sentence end ("Godkendt. Lukket.") more often than a marker.
const TAIL_DASH = "[:\\-\\u2013\\u2014]";
// An item number in front: "Punkt 3:", "3.", "3 ", "Pkt. 3 -".
const NUMBER = "(?:(?:punkt|pkt\\.?)\\s*\\d+[a-z]?\\s*[:.\\-\\u2013]?\\s*|\\d+[a-z]?\\s*[.:)\\-\\u2013]?\\s+)?";

const MARKER_FORMS: readonly RegExp[] = [
  // "Lukket", "(Lukket)", "Lukket punkt - fortroligt", "[Fortroligt]", "Lukket dagsorden:"
  new RegExp(`^${NUMBER}${OPEN}?\\s*${PHRASE}\\s*${CLOSE}?(?:\\s*${DASH}?\\s*${OPEN}?\\s*${PHRASE}\\s*${CLOSE}?)*\\s*[.:]?$`, "iu"),
  // "Lukket: Eventuelt", "Lukket punkt. Salg af grund", "Fortroligt - personsag", "Punkt 3: Lukket: …"
  new RegExp(`^${NUMBER}${OPEN}?\\s*${PHRASE}\\s*${CLOSE}?\\s*${DASH}\\s*\\S`, "iu"),
  // "(Lukket) Eventuelt", "3 (Lukket) Salg", "Eventuelt (Lukket)", "Salg [Lukket]", "X (Lukket møde) (B)", "X (Fortroligt)"
  new RegExp(`${OPEN}\\s*${PHRASE}\\s*${CLOSE}`, "iu"),
  // "Eventuelt - Lukket", "Salg af grund: Fortroligt."
  new RegExp(`\\S\\s*${TAIL_DASH}\\s*${PHRASE}\\s*[.]?$`, "iu"),
];

/** One marker line found in a text. */
export interface ClosedMarker {
  /** 0-based line within the text. */
  line: number;
  /** The line, trimmed (to find it in a source; never quoted in a message: it may be confidential). */
  text: string;
  /** The marker phrase as written ("Lukket punkt", "Fortroligt"): what messages quote. */
  marker: string;
}

const PHRASE_PATTERN = new RegExp(PHRASE, "iu");

/** The marker phrase of a marker line, as written. */
export function markerPhrase(line: string): string {
  return PHRASE_PATTERN.exec(line)?.[0] ?? "";
}

// Markdown and emphasis around a heading ("## **Lukket**", "_Fortroligt_").
function stripDecoration(line: string): string {
  return line
    .replace(/^\s*(?:#{1,6}\s+|>\s*)/u, "")
    .replace(/[*_]{1,3}/gu, "")
    .trim();
}

/** True when this one line (or title) carries a closed marker. */
export function isClosedMarkerLine(line: string): boolean {
  const text = stripDecoration(line);
  if (text === "" || !/lukket|fortrolig/iu.test(text)) return false;
  return MARKER_FORMS.some((pattern) => pattern.test(text));
}

/** Every line of `text` that carries a closed marker. */
export function findClosedMarkers(text: string): ClosedMarker[] {
  const found: ClosedMarker[] = [];
  text.split(/\r\n|\n|\r/u).forEach((line, i) => {
    if (isClosedMarkerLine(line)) found.push({ line: i, text: line.trim(), marker: markerPhrase(line) });
  });
  return found;
}
