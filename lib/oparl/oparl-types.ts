/** OParl 1.1 type URIs and the shapes the API answers with. */

export const OPARL_VERSION = "https://schema.oparl.org/1.1/";

/** The type URI of each object type the portal publishes. */
export const OPARL_TYPE = {
  system: "https://schema.oparl.org/1.1/System",
  body: "https://schema.oparl.org/1.1/Body",
  organization: "https://schema.oparl.org/1.1/Organization",
  meeting: "https://schema.oparl.org/1.1/Meeting",
  agendaItem: "https://schema.oparl.org/1.1/AgendaItem",
  file: "https://schema.oparl.org/1.1/File",
  paper: "https://schema.oparl.org/1.1/Paper",
  consultation: "https://schema.oparl.org/1.1/Consultation",
  person: "https://schema.oparl.org/1.1/Person",
  membership: "https://schema.oparl.org/1.1/Membership",
  legislativeTerm: "https://schema.oparl.org/1.1/LegislativeTerm",
  error: "https://schema.oparl.org/1.1/Error",
} as const;

/** Prefix of the portal's own properties (OParl's "Herstellerspezifische Erweiterungen"). */
export const EXTENSION_PREFIX = "referatportalen:";

/** The name of one of the portal's own properties: "referatportalen:kind". */
export const ext = (name: string) => `${EXTENSION_PREFIX}${name}`;

/** A JSON value as the API writes it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** An OParl object: always id, type, created and modified; the rest depends on the type. */
export interface OparlObject {
  id: string;
  type: string;
  created: string;
  modified: string;
  [property: string]: JsonValue;
}

/**
 * One page of an external object list. Counts and `last` are given on the first page and on
 * numbered pages; a page reached through `links.next` (a cursor) has neither, as counting the
 * rows before it would cost what the cursor saves.
 */
export interface OparlListPage {
  data: OparlObject[];
  pagination: { totalElements?: number; elementsPerPage: number; currentPage?: number; totalPages?: number };
  links: { first: string; prev?: string; self: string; next?: string; last?: string };
}

/**
 * An object without the properties that hold no data: OParl asks servers to leave out null
 * values and empty lists, and the portal never prints empty strings. `keep` names required
 * lists that must stay even when empty.
 */
export function withoutEmpty<T extends Record<string, JsonValue | undefined>>(object: T, keep: readonly string[] = []): OparlObject {
  const entries = Object.entries(object).filter(([key, value]) => {
    if (value === undefined || value === null) return false;
    if (typeof value === "string") return value.trim() !== "";
    if (Array.isArray(value)) return value.length > 0 || keep.includes(key);
    return true;
  });
  return Object.fromEntries(entries) as OparlObject;
}
