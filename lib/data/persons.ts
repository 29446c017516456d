import { cache } from "react";
import { getPrisma } from "@/lib/db/client";
import { committeePath, isoDate, itemPath, meetingPath, municipalityPath, personPath, personsPath } from "./paths";

/** A link to an item as the person pages show it. */
export interface ItemLink {
  url: string;
  number: string;
  title: string;
  date: string;
  committee: string;
}

/** A person of a municipality: who they are and what the open minutes record about them. */
export interface PersonPage {
  name: string;
  party: string | null;
  url: string;
  municipality: { name: string; slug: string; url: string };
  committees: Array<{ name: string; url: string }>;
  /** Meetings the person is listed as present at, newest first. */
  attended: Array<{ url: string; date: string; committee: string }>;
  /** Whole meetings missed, newest first. */
  absentMeetings: Array<{ url: string; date: string; committee: string }>;
  /** Open items the person was recorded absent for, newest first. */
  absentItems: ItemLink[];
  /** Votes against, abstentions and reservations on open items, newest first. */
  dissent: Array<ItemLink & { kind: "against" | "abstained" | "forbehold" | "protokol" | "mindretalsudtalelse"; text: string | null }>;
}

/** A person in a list (municipality's persons, committee members). */
export interface PersonSummary {
  name: string;
  party: string | null;
  url: string;
}

type ItemRow = {
  number: string;
  title: string;
  meeting: { urlKey: string; date: Date; committee: { name: string; slug: string } };
};

const ITEM_SELECT = {
  number: true,
  title: true,
  meeting: { select: { urlKey: true, date: true, committee: { select: { name: true, slug: true } } } },
} as const;

function itemLink(municipalitySlug: string, item: ItemRow): ItemLink {
  const { meeting } = item;
  return {
    url: itemPath(municipalitySlug, meeting.committee.slug, meeting.urlKey, item.number),
    number: item.number,
    title: item.title,
    date: isoDate(meeting.date),
    committee: meeting.committee.name,
  };
}

const newestFirst = <T extends { date: string }>(list: T[]): T[] => list.sort((a, b) => b.date.localeCompare(a.date));

/**
 * The person page's data, or null when the municipality has no such person, or none any open
 * item or meeting still records (closed items never do: the ingest writes no rows for them).
 */
export const getPersonPage = cache(async (municipalitySlug: string, personSlug: string): Promise<PersonPage | null> => {
  const person = await getPrisma().person.findFirst({
    where: { slug: personSlug, municipality: { slug: municipalitySlug } },
    include: {
      municipality: true,
      attendances: { include: { meeting: { select: { urlKey: true, date: true, committee: { select: { name: true, slug: true } } } } } },
      absences: { where: { item: { closed: false } }, include: { item: { select: ITEM_SELECT } } },
      votes: { where: { item: { closed: false }, kind: { not: "favour" } }, include: { item: { select: ITEM_SELECT } }, orderBy: { id: "asc" } },
    },
  });
  if (!person || person.attendances.length + person.absences.length + person.votes.length === 0) return null;
  const meetingLink = (meeting: ItemRow["meeting"]) => ({
    url: meetingPath(municipalitySlug, meeting.committee.slug, meeting.urlKey),
    date: isoDate(meeting.date),
    committee: meeting.committee.name,
  });
  const committees = new Map<string, { name: string; url: string }>();
  const addCommittee = (committee: { name: string; slug: string }) =>
    committees.set(committee.slug, { name: committee.name, url: committeePath(municipalitySlug, committee.slug) });
  for (const row of person.attendances) addCommittee(row.meeting.committee);
  for (const row of [...person.absences, ...person.votes]) addCommittee(row.item.meeting.committee);
  return {
    name: person.name,
    party: person.party,
    url: personPath(municipalitySlug, person.slug),
    municipality: { name: person.municipality.name, slug: municipalitySlug, url: municipalityPath(municipalitySlug) },
    committees: [...committees.values()].sort((a, b) => a.name.localeCompare(b.name, "da")),
    attended: newestFirst(person.attendances.filter((row) => row.present).map((row) => meetingLink(row.meeting))),
    absentMeetings: newestFirst(person.attendances.filter((row) => !row.present).map((row) => meetingLink(row.meeting))),
    absentItems: newestFirst(person.absences.map((row) => itemLink(municipalitySlug, row.item))),
    dissent: newestFirst(
      person.votes.map((row) => ({ ...itemLink(municipalitySlug, row.item), kind: row.kind as PersonPage["dissent"][number]["kind"], text: row.text })),
    ),
  };
});

/** The persons of a municipality named in its open minutes, by name; null for an unknown municipality. */
export const listPersons = cache(
  async (municipalitySlug: string): Promise<{ municipality: { name: string; slug: string; url: string }; url: string; persons: PersonSummary[] } | null> => {
    const municipality = await getPrisma().municipality.findUnique({ where: { slug: municipalitySlug } });
    if (!municipality) return null;
    const persons = await getPrisma().person.findMany({
      where: { municipalityId: municipality.id, OR: [{ attendances: { some: {} } }, { absences: { some: {} } }, { votes: { some: {} } }] },
      orderBy: { name: "asc" },
    });
    return {
      municipality: { name: municipality.name, slug: municipalitySlug, url: municipalityPath(municipalitySlug) },
      url: personsPath(municipalitySlug),
      persons: persons.map((p) => ({ name: p.name, party: p.party, url: personPath(municipalitySlug, p.slug) })),
    };
  },
);

/** Members seen in a committee's minutes (present, absent or voting), by name. */
export const listCommitteeMembers = cache(async (municipalitySlug: string, committeeSlug: string): Promise<PersonSummary[]> => {
  const inCommittee = { committee: { slug: committeeSlug, municipality: { slug: municipalitySlug } } };
  const persons = await getPrisma().person.findMany({
    where: {
      OR: [
        { attendances: { some: { meeting: inCommittee } } },
        { absences: { some: { item: { closed: false, meeting: inCommittee } } } },
        { votes: { some: { item: { closed: false, meeting: inCommittee } } } },
      ],
    },
    orderBy: { name: "asc" },
  });
  return persons.map((p) => ({ name: p.name, party: p.party, url: personPath(municipalitySlug, p.slug) }));
});
