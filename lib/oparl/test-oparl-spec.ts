/**
 * Test support: the OParl 1.1 rules the crawler test checks every answer against, written from
 * the specification (github.com/OParl/spec, tag v1.1: schema/*.json `required`, chapters
 * "JSON-Ausgabe", "Objektlisten und Paginierung", "Gelöschte Objekte", "Eigenschaften mit
 * Verwendung in mehreren Objekttypen", "Die Objekte": an object embedded in another leaves out
 * its back-reference to it; File says so for `meeting`, `agendaItem` and `paper` outright).
 */

/** Required properties per type (schema/*.json); 1.1 makes created and modified required on all. */
export const REQUIRED_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  "https://schema.oparl.org/1.1/System": ["id", "type", "oparlVersion", "body"],
  "https://schema.oparl.org/1.1/Body": ["id", "type", "name", "organization", "person", "meeting", "paper", "legislativeTerm"],
  "https://schema.oparl.org/1.1/Organization": ["id", "type"],
  "https://schema.oparl.org/1.1/Meeting": ["id", "type"],
  "https://schema.oparl.org/1.1/AgendaItem": ["id", "type", "order"],
  "https://schema.oparl.org/1.1/File": ["id", "type", "accessUrl"],
  "https://schema.oparl.org/1.1/LegislativeTerm": ["id", "type"],
  "https://schema.oparl.org/1.1/Paper": ["id", "type"],
  "https://schema.oparl.org/1.1/Consultation": ["id", "type"],
  "https://schema.oparl.org/1.1/Person": ["id", "type"],
  "https://schema.oparl.org/1.1/Membership": ["id", "type"],
};

/**
 * Back-references a File "only outputs when the File is not called as an embedded object"
 * (File.meeting, File.agendaItem, File.paper in schema/strings.yml).
 */
export const FILE_BACK_REFERENCES = ["meeting", "agendaItem", "paper"] as const;

/** Types the portal has no page for, so no `web`. */
const WITHOUT_WEB = ["https://schema.oparl.org/1.1/LegislativeTerm"];
const REQUIRED_ON_ALL = ["id", "type", "created", "modified"];

/** Properties whose value is a URL (string) or a list of URLs, per the schema. */
const URL_PROPERTIES = [
  "id", "body", "system", "organization", "person", "meeting", "paper", "agendaItem", "web", "website", "license",
  "vendor", "product", "subOrganizationOf", "consultation", "file", "membership", "legislativeTermList", "participant",
];
/** URL properties that may point to another site (a municipality's own copy of a file, a licence). */
const EXTERNAL_URL_PROPERTIES = ["accessUrl", "downloadUrl", "license", "fileLicense"];
const DATE_PROPERTIES = ["startDate", "endDate", "date"];
const DATE_TIME_PROPERTIES = ["created", "modified", "start", "end", "licenseValidSince", "oparlSince"];
/** OParl's date-time: `yyyy-mm-ddThh:mm:ss±hh:mm` ("JSON-Ausgabe"). */
export const OPARL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

const TYPES_BY_PROPERTY: Readonly<Record<string, Record<string, "string" | "boolean" | "integer" | "array" | "object">>> = {
  "https://schema.oparl.org/1.1/AgendaItem": {
    number: "string", order: "integer", name: "string", public: "boolean", result: "string", resolutionText: "string", auxiliaryFile: "array",
    consultation: "string", meeting: "string",
  },
  "https://schema.oparl.org/1.1/Meeting": {
    name: "string", meetingState: "string", organization: "array", agendaItem: "array", invitation: "object", resultsProtocol: "object",
    participant: "array",
  },
  "https://schema.oparl.org/1.1/Body": { name: "string", shortName: "string", classification: "string", legislativeTerm: "array", legislativeTermList: "string" },
  "https://schema.oparl.org/1.1/File": {
    name: "string", fileName: "string", mimeType: "string", size: "integer", text: "string", meeting: "array", agendaItem: "array", paper: "array",
  },
  "https://schema.oparl.org/1.1/LegislativeTerm": { name: "string", startDate: "string", endDate: "string", body: "string" },
  "https://schema.oparl.org/1.1/Organization": { name: "string", organizationType: "string", classification: "string", membership: "array", meeting: "string" },
  "https://schema.oparl.org/1.1/Paper": {
    body: "string", name: "string", reference: "string", paperType: "string", consultation: "array", keyword: "array", auxiliaryFile: "array", mainFile: "object",
  },
  "https://schema.oparl.org/1.1/Consultation": {
    paper: "string", agendaItem: "string", meeting: "string", organization: "array", authoritative: "boolean", role: "string", keyword: "array",
  },
  "https://schema.oparl.org/1.1/Person": { body: "string", name: "string", familyName: "string", givenName: "string", membership: "array", status: "array" },
  "https://schema.oparl.org/1.1/Membership": {
    person: "string", organization: "string", role: "string", votingRight: "boolean", startDate: "string", endDate: "string", onBehalfOf: "string",
  },
  "https://schema.oparl.org/1.1/System": { oparlVersion: "string", name: "string" },
};

/** An embedded object (one with a type) or a list of them, as opposed to URLs. */
export function isEmbedded(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every((entry) => isEmbedded(entry));
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (Number.isInteger(value)) return "integer";
  return typeof value;
}

/** Every string in a JSON value that is empty, and every null, by path. */
export function findEmptyValues(value: unknown, path = "$"): string[] {
  if (value === null) return [`${path} is null`];
  if (typeof value === "string") return value.trim() === "" ? [`${path} is an empty string`] : [];
  if (Array.isArray(value)) return value.flatMap((entry, index) => findEmptyValues(entry, `${path}[${index}]`));
  if (typeof value === "object") return Object.entries(value).flatMap(([key, entry]) => findEmptyValues(entry, `${path}.${key}`));
  return [];
}

/**
 * The rule violations of one object (empty list when it complies). `origin` is the site's
 * origin: every URL must be absolute below it. A deleted object needs only id, type, created,
 * modified and `deleted: true`.
 */
export function checkOparlObject(object: Record<string, unknown>, origin: string): string[] {
  const problems: string[] = [];
  const type = String(object.type);
  const label = `${String(object.id)} (${type.replace(/.*\//, "")})`;
  const required = object.deleted === true ? REQUIRED_ON_ALL : [...REQUIRED_ON_ALL, ...(REQUIRED_PROPERTIES[type] ?? [])];
  if (!REQUIRED_PROPERTIES[type]) problems.push(`${label}: unknown type ${type}`);
  if (object.deleted === undefined && object.web === undefined && !WITHOUT_WEB.includes(type)) problems.push(`${label}: no web`);
  for (const name of required) if (object[name] === undefined) problems.push(`${label}: missing required ${name}`);
  for (const [name, value] of Object.entries(object)) {
    if (URL_PROPERTIES.includes(name) && !isEmbedded(value)) {
      const urls = Array.isArray(value) ? value : [value];
      for (const url of urls) {
        if (typeof url !== "string" || !url.startsWith(`${origin}/`) && url !== origin) problems.push(`${label}: ${name} is not an absolute URL below ${origin}: ${JSON.stringify(url)}`);
      }
    }
    if (EXTERNAL_URL_PROPERTIES.includes(name) && (typeof value !== "string" || !/^https?:\/\/[^\s/]+/.test(value))) {
      problems.push(`${label}: ${name} is not an absolute http(s) URL: ${JSON.stringify(value)}`);
    }
    if (DATE_PROPERTIES.includes(name) && (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value))) {
      problems.push(`${label}: ${name} is not a date (yyyy-mm-dd): ${JSON.stringify(value)}`);
    }
    if (DATE_TIME_PROPERTIES.includes(name) && (typeof value !== "string" || !OPARL_DATE_TIME.test(value))) {
      problems.push(`${label}: ${name} is not an OParl date-time: ${JSON.stringify(value)}`);
    }
    const expected = TYPES_BY_PROPERTY[type]?.[name];
    if (expected && typeOf(value) !== expected) problems.push(`${label}: ${name} should be ${expected}, is ${typeOf(value)}`);
  }
  if (object.deleted !== undefined && object.deleted !== true) problems.push(`${label}: deleted must be true when present`);
  problems.push(...findEmptyValues(object, label));
  return problems;
}

/**
 * The rule violations of an object embedded in another (`parentType`): a File embedded anywhere
 * has no back-references; a Consultation is embedded in a Paper, a Membership in a Person, and
 * their elements are objects of those types only.
 */
export function checkEmbeddedObject(object: Record<string, unknown>, parentType: string): string[] {
  const type = String(object.type);
  const label = `${String(object.id)} (${type.replace(/.*\//, "")} in ${parentType.replace(/.*\//, "")})`;
  const problems: string[] = [];
  if (type === "https://schema.oparl.org/1.1/File") {
    for (const name of FILE_BACK_REFERENCES) if (object[name] !== undefined) problems.push(`${label}: embedded File has back-reference ${name}`);
  }
  const allowed: Record<string, string> = {
    "https://schema.oparl.org/1.1/Consultation": "https://schema.oparl.org/1.1/Paper",
    "https://schema.oparl.org/1.1/Membership": "https://schema.oparl.org/1.1/Person",
    "https://schema.oparl.org/1.1/AgendaItem": "https://schema.oparl.org/1.1/Meeting",
    "https://schema.oparl.org/1.1/LegislativeTerm": "https://schema.oparl.org/1.1/Body",
  };
  if (allowed[type] && allowed[type] !== parentType) problems.push(`${label}: embedded in the wrong type`);
  return problems;
}

/** The rule violations of a list page's frame (data, pagination, links). */
export function checkListPage(page: Record<string, unknown>, url: string): string[] {
  const problems: string[] = [];
  if (!Array.isArray(page.data)) problems.push(`${url}: data is not an array`);
  const pagination = page.pagination as Record<string, unknown> | undefined;
  const links = page.links as Record<string, unknown> | undefined;
  if (!pagination || typeof pagination !== "object") problems.push(`${url}: no pagination object`);
  if (!links || typeof links !== "object") problems.push(`${url}: no links object`);
  if (pagination && links) {
    for (const name of ["totalElements", "elementsPerPage", "currentPage", "totalPages"]) {
      if (pagination[name] !== undefined && !Number.isInteger(pagination[name])) problems.push(`${url}: pagination.${name} is not an integer`);
    }
    if (!Number.isInteger(pagination.elementsPerPage)) problems.push(`${url}: pagination.elementsPerPage is missing`);
    if (Array.isArray(page.data) && page.data.length > Number(pagination.elementsPerPage)) problems.push(`${url}: more entries than elementsPerPage`);
    // Counts are optional (a page reached by a cursor has none); when given they must agree with next.
    if (pagination.currentPage !== undefined && pagination.totalPages !== undefined) {
      const isLast = pagination.currentPage === pagination.totalPages;
      if (!isLast && typeof links.next !== "string") problems.push(`${url}: links.next missing on a page before the last`);
      if (isLast && links.next !== undefined) problems.push(`${url}: links.next on the last page`);
    }
    if (typeof links.first !== "string") problems.push(`${url}: no links.first`);
    if (links.self !== undefined && links.self !== url) problems.push(`${url}: links.self is ${String(links.self)}`);
  }
  return problems;
}
