import { cache } from "react";
import { getPrisma } from "@/lib/db/client";
import { readEarlierDecisions } from "@/lib/minutes/earlier-decisions";
import type { DecisionOutcome, SectionKind } from "@/lib/minutes/vocabulary";
import { kleTopic } from "@/lib/text/kle-topics";
import { slugify } from "@/lib/text/slugify";
import { casePath, committeePath, isoDate, itemPath, meetingPath, municipalityPath } from "./paths";

/** One step of a case's history, oldest first on the page. */
export type CaseEvent =
  | {
      kind: "item";
      date: string;
      startTime: string | null;
      committee: { name: string; url: string };
      meetingUrl: string;
      /** "dagsorden" while only the agenda is published. */
      meetingKind: "referat" | "dagsorden";
      url: string;
      number: string;
      title: string;
      /** Closed items: number and title only, never an outcome. */
      closed: boolean;
      outcome: DecisionOutcome;
    }
  | {
      /** An earlier decision an item quotes, of a meeting the portal may not have. */
      kind: "quoted";
      date: string;
      body: string;
      itemNumber: string | null;
      outcome: DecisionOutcome;
      /** The item that quotes it. */
      quotedIn: { url: string; number: string; committee: string; date: string };
    };

/** A case page: the case and every event in every committee, oldest first. */
export interface CasePage {
  number: string;
  slug: string;
  url: string;
  /** The newest item's title. */
  title: string;
  topic: { code: string; name: string } | null;
  municipality: { name: string; slug: string; url: string };
  events: CaseEvent[];
}

/** An item's place in its case's history ("Sagens forløb"). */
export interface ItemCaseHistory {
  /** The case, when the item belongs to one. */
  case: { number: string; url: string } | null;
  events: CaseEvent[];
}

interface StoredItem {
  number: string;
  position: number;
  title: string;
  closed: boolean;
  outcome: DecisionOutcome;
  sections: Array<{ heading: string; kind: SectionKind; text: string }>;
  meeting: { urlKey: string; date: Date; startTime: string | null; kind: "referat" | "dagsorden"; committee: { name: string; slug: string } };
}

const ITEM_SELECT = {
  number: true,
  title: true,
  closed: true,
  outcome: true,
  position: true,
  sections: { orderBy: { position: "asc" as const }, select: { heading: true, kind: true, text: true } },
  meeting: { select: { urlKey: true, date: true, startTime: true, kind: true, committee: { select: { name: true, slug: true } } } },
};

/**
 * The events of a set of items of one municipality: each item, and each earlier decision an
 * open item quotes unless an item of that body's meeting on that date is already among them
 * (it is the same step) or another item quoted it too. Closed items give number and title only
 * and quote nothing: their sections are never read.
 */
function buildEvents(municipalitySlug: string, unordered: readonly StoredItem[]): CaseEvent[] {
  const items = [...unordered].sort((a, b) => a.meeting.date.getTime() - b.meeting.date.getTime() || a.position - b.position);
  const own: CaseEvent[] = items.map((item) => {
    const date = isoDate(item.meeting.date);
    const committee = item.meeting.committee;
    return {
      kind: "item",
      date,
      startTime: item.meeting.startTime,
      committee: { name: committee.name, url: committeePath(municipalitySlug, committee.slug) },
      meetingUrl: meetingPath(municipalitySlug, committee.slug, item.meeting.urlKey),
      meetingKind: item.meeting.kind,
      url: itemPath(municipalitySlug, committee.slug, item.meeting.urlKey, item.number),
      number: item.number,
      title: item.title,
      closed: item.closed,
      outcome: item.closed ? "none" : item.outcome,
    };
  });
  const seen = new Set(items.map((item) => `${isoDate(item.meeting.date)}|${slugify(item.meeting.committee.name)}`));
  const quoted: CaseEvent[] = [];
  for (const item of items) {
    if (item.closed) continue;
    const date = isoDate(item.meeting.date);
    for (const decision of readEarlierDecisions(item.sections, date)) {
      const key = `${decision.date}|${slugify(decision.body)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      quoted.push({
        kind: "quoted",
        date: decision.date,
        body: decision.body,
        itemNumber: decision.itemNumber,
        outcome: decision.outcome,
        quotedIn: {
          url: itemPath(municipalitySlug, item.meeting.committee.slug, item.meeting.urlKey, item.number),
          number: item.number,
          committee: item.meeting.committee.name,
          date,
        },
      });
    }
  }
  // Oldest first; on one day the quoted decisions (by body) before the portal's own items (by time).
  const rank = (event: CaseEvent) => `${event.date} ${event.kind === "quoted" ? `0 ${event.body}` : `1 ${event.startTime ?? "99:99"}`}`;
  return [...quoted, ...own].sort((a, b) => rank(a).localeCompare(rank(b)));
}

/** The case page's data, or null when the municipality has no case with this slug. */
export const getCasePage = cache(async (municipalitySlug: string, caseSlug: string): Promise<CasePage | null> => {
  const found = await getPrisma().case.findFirst({
    where: { slug: caseSlug, municipality: { slug: municipalitySlug } },
    include: { municipality: { select: { name: true, slug: true } }, items: { select: ITEM_SELECT } },
  });
  if (!found || found.items.length === 0) return null;
  const events = buildEvents(municipalitySlug, found.items);
  const newest = [...found.items]
    .filter((item) => !item.closed)
    .sort((a, b) => b.meeting.date.getTime() - a.meeting.date.getTime() || b.position - a.position)[0];
  return {
    number: found.number,
    slug: found.slug,
    url: casePath(municipalitySlug, found.slug),
    title: newest?.title ?? found.items[0]?.title ?? found.number,
    topic: kleTopic(found.kle),
    municipality: { name: found.municipality.name, slug: found.municipality.slug, url: municipalityPath(found.municipality.slug) },
    events,
  };
});

/**
 * The history shown on an item's page: its case's events, or for an item without a case (no
 * case number, or its meeting's journal number) the earlier decisions it quotes and itself.
 * Null for a closed or unknown item.
 */
export const getItemCaseHistory = cache(
  async (municipalitySlug: string, committeeSlug: string, urlKey: string, number: string): Promise<ItemCaseHistory | null> => {
    const item = await getPrisma().agendaItem.findFirst({
      where: { number, meeting: { urlKey, committee: { slug: committeeSlug, municipality: { slug: municipalitySlug } } } },
      select: { ...ITEM_SELECT, closed: true, case: { select: { number: true, slug: true, items: { select: ITEM_SELECT } } } },
    });
    if (!item || item.closed) return null;
    if (item.case === null) return { case: null, events: buildEvents(municipalitySlug, [item]) };
    return {
      case: { number: item.case.number, url: casePath(municipalitySlug, item.case.slug) },
      events: buildEvents(municipalitySlug, item.case.items),
    };
  },
);
