import { findDanishDate } from "./danish-date";

/** Words that name a deciding body: "Økonomiudvalget", "Byrådet", "Direktionen", "Udvalget for …". */
export const BODY_WORD = /(udvalg|byråd|kommunalbestyrelse|råd(?:et)?\b|nævn|bestyrelse|direktion|forum)/i;

// "Økonomiudvalgets beslutning den 16. marts 2026", "Byrådets beslutning", "Social- og
// Sundhedsudvalgets beslutning d. 07.08.2024": the body in the genitive, then "beslutning".
const GENITIVE_DECISION = /^(\p{Lu}[\p{L}-]*(?:\s+[\p{L}-]+){0,7}?)s\s+beslutning(?:\s+(.+))?$/iu;
// What may follow: a date, introduced by "den", "d." or "på mødet den"; nothing else.
const DATE_TAIL = /^(?:(?:på|fra)\s+mødet\s+)?(?:den\s+|d\.\s*)?\d[\d.\-/ a-zæøå]{5,24}$/i;

/**
 * "Økonomiudvalgets beslutning den 16. marts 2026" read as "Beslutning Økonomiudvalget den 16.
 * marts 2026", the form section-headings.ts judges (own decision or an earlier body's); null
 * when the line is not such a heading. Only a body name and at most a date may stand around
 * "beslutning", so a sentence that begins "Byrådets beslutning fra 2023 betyder …" stays text.
 */
export function genitiveDecisionHeading(printed: string): string | null {
  const match = GENITIVE_DECISION.exec(printed.trim());
  const body = match?.[1];
  if (!match || body === undefined || !BODY_WORD.test(body)) return null;
  const tail = match[2]?.trim() ?? "";
  if (tail !== "" && (!DATE_TAIL.test(tail) || findDanishDate(tail) === null)) return null;
  return `Beslutning ${body}${tail === "" ? "" : ` ${tail}`}`;
}
