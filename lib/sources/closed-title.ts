import { readClosedTitle } from "@/lib/minutes/closed-items";

// "Lukket", "Lukket punkt", "Fortroligt", "Fortrolig sag" anywhere in a title: a sentence that
// merely contains the word ("Skolen holdes lukket") is treated as closed too; failing closed costs
// an item's text, the opposite could publish it.
const CLOSED_WORD = /(?<!\p{L})(?:lukket|lukkede|fortrolig\p{L}*)(?!\p{L})/iu;

/** True when a title (or a document name such as "Lukket referat") marks its item as closed. */
export function isClosedItemTitle(title: string): boolean {
  return readClosedTitle(title).isClosed || CLOSED_WORD.test(title);
}

/** A closed item's title without its "Lukket:" marker ("Lukket: Salg af grund" → "Salg af grund"). */
export function closedItemTitle(title: string): string {
  const read = readClosedTitle(title);
  return read.isClosed ? read.title : title.trim();
}
