import type { MeetingListing } from "./client";
import { documentKind, listingDate, type MappedMeeting } from "./map-meeting";

const fold = (text: string) => text.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Pairs every supplementary agenda ("Tillægsdagsorden", IsSupplementaryAgenda) with the listed
 * meeting it supplements: the same committee's meeting on the same date that is no supplement
 * itself, the one starting at the same time when there are several. Returns supplements by the
 * id of their meeting, and the ids of supplements that belong to no listed meeting.
 */
export function groupSupplementaryAgendas(listings: readonly MeetingListing[]): { byMeeting: Map<string, MeetingListing[]>; orphans: Set<string> } {
  const mains = new Map<string, MeetingListing[]>();
  const keyOf = (listing: MeetingListing) => `${fold(listing.committee)}|${listingDate(listing) ?? "?"}`;
  for (const listing of listings) if (!listing.isSupplementary) mains.set(keyOf(listing), [...(mains.get(keyOf(listing)) ?? []), listing]);
  const byMeeting = new Map<string, MeetingListing[]>();
  const orphans = new Set<string>();
  for (const supplement of listings) {
    if (!supplement.isSupplementary) continue;
    const candidates = mains.get(keyOf(supplement)) ?? [];
    const main = candidates.find((candidate) => candidate.beginUtc !== null && candidate.beginUtc === supplement.beginUtc) ?? candidates[0];
    if (!main) orphans.add(supplement.id);
    else byMeeting.set(main.id, [...(byMeeting.get(main.id) ?? []), supplement]);
  }
  for (const list of byMeeting.values()) list.sort((a, b) => (a.releasedDate ?? "").localeCompare(b.releasedDate ?? "") || a.id.localeCompare(b.id));
  return { byMeeting, orphans };
}

/**
 * The supplements that count for a meeting: none once its minutes are published (the minutes
 * hold every item, the supplementary ones included), otherwise all of them.
 */
export function supplementsToMerge(main: MeetingListing, supplements: readonly MeetingListing[]): MeetingListing[] {
  return documentKind(main.documentName) === "referat" ? [] : [...supplements];
}

/**
 * What decides whether a meeting must be fetched again: its own ReleasedDate, and those of the
 * supplementary agendas merged into it (a supplement released later changes the meeting).
 */
export function releasedKey(main: MeetingListing, supplements: readonly MeetingListing[]): string | null {
  if (main.releasedDate === null) return null;
  if (supplements.length === 0) return main.releasedDate;
  if (supplements.some((supplement) => supplement.releasedDate === null)) return null;
  return [main.releasedDate, ...supplements.map((supplement) => `tillæg ${supplement.id} ${supplement.releasedDate}`)].join(" + ");
}

/**
 * The meeting with the supplementary agendas' items appended after its own, in the
 * supplements' order. An item the meeting already has (the same site id) is left out; one whose
 * printed number is taken gets "T" before it ("T1"), so every item keeps its own URL.
 */
export function mergeSupplementaryItems(main: MappedMeeting, supplements: readonly MappedMeeting[]): MappedMeeting {
  const items = [...main.meeting.items];
  const sources = [...main.items];
  const warnings = [...main.meeting.warnings];
  const ids = new Set(sources.map((source) => source.remoteId).filter((id) => id !== null));
  const numbers = new Set(items.map((item) => item.number));
  let cprRedactions = main.cprRedactions;
  for (const supplement of supplements) {
    cprRedactions += supplement.cprRedactions;
    warnings.push(...supplement.meeting.warnings);
    supplement.meeting.items.forEach((item, index) => {
      const source = supplement.items[index];
      if (!source || (source.remoteId !== null && ids.has(source.remoteId))) return;
      let number = item.number;
      for (let n = 2; numbers.has(number); n += 1) number = n === 2 ? `T${item.number}` : `T${item.number}-${n}`;
      numbers.add(number);
      if (source.remoteId !== null) ids.add(source.remoteId);
      items.push({ ...item, number, line: items.length + 1 });
      sources.push({ ...source, position: items.length });
    });
  }
  return { meeting: { ...main.meeting, items, warnings }, items: sources, cprRedactions };
}
