import { personPath } from "@/lib/data/paths";
import { formatOparlDateTime } from "./oparl-dates";
import { ext, OPARL_TYPE, withoutEmpty, type OparlObject } from "./oparl-types";
import type { OparlUrls } from "./oparl-urls";

/**
 * A person named in the minutes as an OParl Person, and each committee they are named in as a
 * Membership. Only what the person page shows: name, party letter and committees. No role, voting
 * right or dates: the minutes do not say them.
 */

/** A person with the committees the minutes name them in (see person-queries.ts). */
export interface PersonRow {
  id: number;
  slug: string;
  name: string;
  party: string | null;
  createdAt: Date;
  /** The later of the person's creation and the last change of a meeting that names them. */
  modified: Date;
  municipality: { slug: string };
  memberships: Array<{ committeeId: number; created: Date; modified: Date }>;
}

/**
 * One membership: the person in a committee. `created` is when the first meeting naming them
 * there was published, `modified` the last change of such a meeting. `person` is kept when
 * embedded in the Person, so both forms are identical.
 */
export function toMembership(urls: OparlUrls, person: PersonRow, membership: PersonRow["memberships"][number]): OparlObject {
  return withoutEmpty({
    id: urls.membership(person.id, membership.committeeId),
    type: OPARL_TYPE.membership,
    person: urls.person(person.id),
    organization: urls.organization(membership.committeeId),
    web: `${urls.site}${personPath(person.municipality.slug, person.slug)}`,
    created: formatOparlDateTime(membership.created),
    modified: formatOparlDateTime(membership.modified),
  });
}

/** A person as an OParl Person with their memberships embedded. */
export function toPerson(urls: OparlUrls, person: PersonRow): OparlObject {
  return withoutEmpty({
    id: urls.person(person.id),
    type: OPARL_TYPE.person,
    body: urls.body(person.municipality.slug),
    name: person.name,
    membership: person.memberships.map((membership) => toMembership(urls, person, membership)),
    [ext("party")]: person.party,
    web: `${urls.site}${personPath(person.municipality.slug, person.slug)}`,
    created: formatOparlDateTime(person.createdAt),
    modified: formatOparlDateTime(person.modified),
  });
}
