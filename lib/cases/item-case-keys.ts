import { caseKeyOf, type CaseKey } from "./case-key";

/** The least number of items a meeting-level journal number is printed on. */
const MIN_SHARED_ITEMS = 3;

/** What deciding an item's case needs to know of it. */
export interface CaseCandidate {
  caseNumber: string | null;
  closed: boolean;
}

/**
 * Slugs of case numbers a meeting prints on most of its items: Varde prints the meeting's own
 * journal number ("EMN-2022-81268") under six of its eight open items, six different matters.
 * Such a number is not one case. A number counts when at least three items and more than half
 * of the meeting's open items carry it.
 */
export function findMeetingLevelNumbers(items: readonly CaseCandidate[]): Set<string> {
  const open = items.filter((item) => !item.closed);
  const counts = new Map<string, number>();
  for (const item of open) {
    const key = caseKeyOf(item.caseNumber);
    if (key) counts.set(key.slug, (counts.get(key.slug) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, count]) => count >= MIN_SHARED_ITEMS && count * 2 > open.length).map(([slug]) => slug));
}

/**
 * The case of each item of one meeting, in order: null for a closed item (it shows number and
 * title only, so it joins no timeline), an item without a case number, and an item whose
 * number is the meeting's own journal number (findMeetingLevelNumbers).
 */
export function caseKeysOfItems(items: readonly CaseCandidate[]): Array<CaseKey | null> {
  const meetingLevel = findMeetingLevelNumbers(items);
  return items.map((item) => {
    const key = item.closed ? null : caseKeyOf(item.caseNumber);
    return key && !meetingLevel.has(key.slug) ? key : null;
  });
}
