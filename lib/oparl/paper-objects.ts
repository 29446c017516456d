import { casePath, isoDate, itemPath } from "@/lib/data/paths";
import { kleTopic } from "@/lib/text/kle-topics";
import { formatOparlDateTime } from "./oparl-dates";
import { ext, OPARL_TYPE, withoutEmpty, type OparlObject } from "./oparl-types";
import type { OparlUrls } from "./oparl-urls";

/**
 * A case (sag) as an OParl Paper, and each of its agenda items as a Consultation (the case's
 * treatment in one meeting). Pure, like oparl-objects.ts: same rows, same JSON.
 */

/** A case with its items (date and agenda order) and its `modified` (see paper-queries.ts). */
export interface PaperRow {
  id: number;
  number: string;
  slug: string;
  kle: string | null;
  createdAt: Date;
  modified: Date;
  municipality: { slug: string };
  items: Array<{
    number: string;
    position: number;
    title: string;
    closed: boolean;
    meeting: { id: number; urlKey: string; date: Date; createdAt: Date; updatedAt: Date; committee: { id: number; slug: string } };
  }>;
}

/** The agenda item of a case, as far as its Consultation needs it. */
export interface ConsultationRow {
  paperId: number;
  municipalitySlug: string;
  item: { number: string };
  meeting: { id: number; urlKey: string; createdAt: Date; updatedAt: Date; committee: { id: number; slug: string } };
}

/**
 * An agenda item's treatment of its case. Links only (paper, agendaItem, meeting, organization):
 * an item's title and text are the AgendaItem's to show, so a closed item could never leak
 * through here. `paper` is kept when embedded in the Paper, so both forms are identical.
 */
export function toConsultation(urls: OparlUrls, row: ConsultationRow): OparlObject {
  const { meeting, item } = row;
  return withoutEmpty({
    id: urls.consultation(meeting.id, item.number),
    type: OPARL_TYPE.consultation,
    paper: urls.paper(row.paperId),
    agendaItem: urls.agendaItem(meeting.id, item.number),
    meeting: urls.meeting(meeting.id),
    organization: [urls.organization(meeting.committee.id)],
    web: `${urls.site}${itemPath(row.municipalitySlug, meeting.committee.slug, meeting.urlKey, item.number)}`,
    created: formatOparlDateTime(meeting.createdAt),
    modified: formatOparlDateTime(meeting.updatedAt),
  });
}

/** The Paper's keywords: the KLE code, and its main group's name where known ("KLE 15.00.00", "Arbejdsformidling …"). */
export function paperKeywords(kle: string | null): string[] {
  if (!kle) return [];
  const topic = kleTopic(kle);
  return topic ? [`KLE ${kle}`, topic.name] : [`KLE ${kle}`];
}

/**
 * A case as an OParl Paper: `reference` is the case number, `name` the newest open item's title
 * (as on the case page), `date` the first meeting that treated it, and one Consultation per
 * item. A closed item (never linked to a case by the ingest) would give no title here either.
 */
export function toPaper(urls: OparlUrls, paper: PaperRow): OparlObject {
  const slug = paper.municipality.slug;
  const consultations = paper.items.map((item) => toConsultation(urls, { paperId: paper.id, municipalitySlug: slug, item, meeting: item.meeting }));
  const open = paper.items.filter((item) => !item.closed);
  const newest = open.at(-1);
  const first = paper.items[0];
  return withoutEmpty({
    id: urls.paper(paper.id),
    type: OPARL_TYPE.paper,
    body: urls.body(slug),
    name: newest?.title || paper.number,
    reference: paper.number,
    date: first ? isoDate(first.meeting.date) : undefined,
    consultation: consultations,
    keyword: paperKeywords(paper.kle),
    [ext("kle")]: paper.kle,
    web: `${urls.site}${casePath(slug, paper.slug)}`,
    created: formatOparlDateTime(paper.createdAt),
    modified: formatOparlDateTime(paper.modified),
  });
}
