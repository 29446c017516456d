import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, OPTIONS } from "@/app/oparl/v1/[...path]/route";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { renameCommittee } from "@/lib/ingest/rename-committee";
import { makeTempDir, SAMPLES_DIR, VEJEN_SAMPLE, vejenWithClosedBody, writeFixture } from "@/lib/ingest/test-fixtures";
import { MUNICIPALITIES } from "@/lib/minutes/municipalities";
import { isStorable } from "@/lib/page-cache/cache-rules";
import { CPR_REPLACEMENT, findCprNumbers } from "@/lib/privacy/redact-cpr";
import { cprParagraph } from "@/lib/privacy/test-documents";
import { MUNICIPALITY_CODES } from "./municipality-codes";
import { formatOparlDateTime } from "./oparl-dates";
import { crawlOparl, type CrawlResult, type Fetched } from "./test-crawler";
import { FILE_BACK_REFERENCES } from "./test-oparl-spec";

// The route reads SITE_URL once, on first use: set before any request.
const SITE = "https://referater.example.dk";
process.env.SITE_URL = SITE;
const API = `${SITE}/oparl/v1`;
const MARKER = "OPARLLUKKETMARKOER7Q";
const ATTACHMENT_SITE = "https://dagsordener.vejen.dk";
const VEJEN_FILE = path.basename(VEJEN_SAMPLE);

async function get(url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  const response = await GET(new Request(url, { headers }));
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function getJson(url: string): Promise<Record<string, unknown>> {
  const answer = await get(url);
  expect(answer.status, `${url}: ${answer.text}`).toBe(200);
  return JSON.parse(answer.text) as Record<string, unknown>;
}

let db: TestDatabase;
let crawl: CrawlResult;
let vejenDir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  await ingestFiles(db.prisma, [SAMPLES_DIR]);
  // The Vejen meeting again, its closed item now with a body and an open item with CPR numbers: a correction of the sample.
  vejenDir = makeTempDir("oparl-");
  const withMarker = vejenWithClosedBody(MARKER, cprParagraph());
  expect(withMarker).toContain(MARKER);
  writeFixture(vejenDir, VEJEN_FILE, withMarker);
  const summary = await ingestFiles(db.prisma, [vejenDir]);
  expect(summary.updated).toBe(1);
  // Attachments as an import from the municipality's site leaves them: with links. The closed
  // item is given one too (which ingest never stores), to show it is never read.
  const vejenItems = { meeting: { committee: { municipality: { slug: "vejen" } } } };
  const open = await db.prisma.attachment.findMany({ where: { item: { ...vejenItems, closed: false } }, select: { id: true } });
  expect(open.length).toBeGreaterThan(1);
  await db.prisma.attachment.update({ where: { id: open[0]?.id }, data: { url: `${ATTACHMENT_SITE}/Vis/Pdf/bilag/0d6f1a52-1111-4c3e-9a55-1234567890ab` } });
  await db.prisma.attachment.update({ where: { id: open[1]?.id }, data: { url: "javascript:alert(1)" } });
  const closed = await db.prisma.agendaItem.findFirstOrThrow({ where: { ...vejenItems, closed: true }, select: { id: true } });
  await db.prisma.attachment.create({ data: { itemId: closed.id, position: 1, title: `Bilag ${MARKER}`, url: `${ATTACHMENT_SITE}/${MARKER}.pdf` } });
  crawl = await crawlOparl(get, `${API}/system`, SITE);
});
afterAll(() => db.drop());

const typeName = (object: Record<string, unknown>) => String(object.type).replace(/.*\//, "");
const omit = (object: Record<string, unknown> | undefined, names: readonly string[]) =>
  Object.fromEntries(Object.entries(object ?? {}).filter(([name]) => !names.includes(name)));

describe("OParl 1.1 API, crawled from /oparl/v1/system", () => {
  it("visits objects of every published type and every one complies with the spec", () => {
    expect(crawl.problems).toEqual([]);
    const counts = new Map<string, number>();
    for (const object of crawl.objects.values()) counts.set(typeName(object), (counts.get(typeName(object)) ?? 0) + 1);
    expect(counts.get("System")).toBe(1);
    expect(counts.get("Body")).toBe(5);
    expect(counts.get("Organization")).toBeGreaterThanOrEqual(5);
    expect(counts.get("Meeting")).toBe(5);
    expect(counts.get("AgendaItem")).toBeGreaterThan(40);
    // Each meeting's document, and the one attachment with a web link.
    expect(counts.get("File")).toBe(6);
    // Five bodies, each with the terms 2010-2013 … up to today's.
    const terms = Math.floor((new Date().getFullYear() - 2010) / 4) + 1;
    expect(counts.get("LegislativeTerm")).toBe(5 * terms);
    for (const type of ["Paper", "Consultation", "Person", "Membership"]) expect(counts.get(type), type).toBeGreaterThan(5);
  });

  it("answers every object's id with exactly its list entry, and lists every object", () => {
    const fetched = [...crawl.objects.entries()].filter(([, object]) => typeName(object) !== "System");
    expect(fetched.length).toBeGreaterThan(50);
    for (const [id, object] of fetched) {
      const embedded = crawl.embedded.get(id);
      if (typeName(object) === "File") {
        // No list of files: a File is reached embedded in its meeting or agenda item, there
        // without its back-references (OParl) and without the document's text (its items again).
        expect(embedded, `${id} is embedded nowhere`).toBeDefined();
        expect(embedded).toEqual(omit(object, [...FILE_BACK_REFERENCES, "text"]));
        expect(object.meeting ?? object.agendaItem, `${id} has no back-reference`).toBeDefined();
        continue;
      }
      // A Consultation is listed in its Paper only (embedded); the others in their lists.
      const listed = typeName(object) === "Consultation" ? { entry: embedded } : crawl.listed.get(id);
      expect(listed?.entry, `${id} is in no list`).toBeDefined();
      expect(object).toEqual(listed?.entry);
      if (["AgendaItem", "Membership"].includes(typeName(object))) expect(embedded).toEqual(object);
    }
    for (const type of ["Paper", "Person", "Membership"]) {
      const ofType = [...crawl.objects.values()].filter((object) => typeName(object) === type);
      expect(ofType.length, type).toBeGreaterThan(0);
      for (const object of ofType) expect(crawl.listed.get(String(object.id))?.list, String(object.id)).toMatch(/\/(papers|people|memberships)(\?|$)/);
    }
    for (const id of crawl.listed.keys()) expect(crawl.objects.has(id), `${id} listed but not fetched`).toBe(true);
  });

  it("pages through every list with small limits and finds the same objects", async () => {
    const paged = await crawlOparl(get, `${API}/system`, SITE, { limit: 2 });
    expect(paged.problems).toEqual([]);
    expect([...paged.objects.keys()].sort()).toEqual([...crawl.objects.keys()].sort());
    const multiPage = [...paged.listIds.entries()].filter(([, ids]) => ids.length > 2);
    expect(multiPage.length).toBeGreaterThan(5);
    for (const [list, ids] of paged.listIds) {
      expect(new Set(ids).size, `${list} repeats an entry`).toBe(ids.length);
      expect(ids.length, `${list} totalElements`).toBe(paged.listTotals.get(list));
    }
  });

  it("shows the closed item as number and name only, and its body nowhere", async () => {
    const closed = [...crawl.objects.values()].filter((object) => object.public === false);
    expect(closed.length).toBeGreaterThan(0);
    for (const item of closed) {
      expect(Object.keys(item).sort()).toEqual(["created", "id", "meeting", "modified", "name", "number", "order", "public", "type", "web"]);
    }
    expect(crawl.texts.length).toBeGreaterThan(80);
    for (const text of crawl.texts) expect(text).not.toContain(MARKER);
  });

  it("publishes no CPR number anywhere, though the corrected document held many", () => {
    expect(crawl.texts.some((text) => text.includes(CPR_REPLACEMENT))).toBe(true);
    for (const text of crawl.texts) expect(findCprNumbers(text)).toEqual([]);
  });

  it("publishes each meeting's document as a File with its kept text at accessUrl, and linked attachments", () => {
    const files = [...crawl.objects.values()].filter((object) => typeName(object) === "File");
    const documents = files.filter((file) => String(file.id).endsWith("/file/document"));
    expect(documents.length).toBe(5);
    for (const document of documents) {
      expect(document).toMatchObject({ mimeType: "text/plain", name: expect.stringMatching(/^(Referat|Dagsorden): /) });
      const access = crawl.files.get(String(document.accessUrl));
      const download = crawl.files.get(String(document.downloadUrl));
      expect(access?.contentType).toBe("text/plain; charset=utf-8");
      expect(access?.disposition).toBeNull();
      expect(download?.disposition).toBe(`attachment; filename="${String(document.fileName)}"`);
      expect(access?.text).toBe(document.text);
      expect(document.size).toBe(Buffer.byteLength(String(document.text)));
      const meeting = crawl.objects.get(String((document.meeting as string[])[0]));
      expect(meeting?.resultsProtocol ?? meeting?.invitation).toEqual(omit(document, ["meeting", "text"]));
    }
    // The corrected Vejen document: its closed item's body is in no text (the marker is checked in every answer below).
    const vejen = documents.find((document) => String(document.web).startsWith(`${SITE}/vejen/`));
    expect(String(vejen?.text)).toContain("Punkt 11: Lukket: Eventuelt");
    const attachments = files.filter((file) => !String(file.id).endsWith("/file/document"));
    expect(attachments).toEqual([
      expect.objectContaining({ accessUrl: `${ATTACHMENT_SITE}/Vis/Pdf/bilag/0d6f1a52-1111-4c3e-9a55-1234567890ab`, mimeType: "application/pdf" }),
    ]);
    const item = crawl.objects.get(String((attachments[0]?.agendaItem as string[])[0]));
    expect(item?.auxiliaryFile).toEqual([omit(attachments[0], FILE_BACK_REFERENCES)]);
    expect(attachments[0]?.meeting).toEqual([item?.meeting]);
    // The attachment's item belongs to a case: the File points back to its Paper too.
    const consultation = crawl.objects.get(String(item?.consultation));
    expect(consultation?.paper).toBeDefined();
    expect(attachments[0]?.paper).toEqual([consultation?.paper]);
    expect(crawl.files.size).toBe(10);
  });

  it("publishes each case as a Paper: case number, KLE, case page, and a Consultation per item", async () => {
    const papers = [...crawl.objects.values()].filter((object) => typeName(object) === "Paper");
    const cases = await db.prisma.case.findMany({
      where: { items: { some: {} } },
      select: { id: true, number: true, slug: true, kle: true, municipality: { select: { slug: true } }, items: { select: { number: true, meetingId: true } } },
    });
    expect(papers.length).toBe(cases.length);
    expect(cases.some((c) => c.kle !== null)).toBe(true);
    for (const found of cases) {
      const paper = crawl.objects.get(`${API}/paper/${found.id}`);
      expect(paper, `case ${found.number}`).toMatchObject({ reference: found.number, body: `${API}/body/${found.municipality.slug}`, web: `${SITE}/${found.municipality.slug}/sag/${found.slug}` });
      if (found.kle) expect(paper?.keyword).toEqual(expect.arrayContaining([`KLE ${found.kle}`]));
      const consultations = paper?.consultation as Array<Record<string, unknown>>;
      expect(consultations.map((c) => c.agendaItem).sort()).toEqual(found.items.map((item) => `${API}/meeting/${item.meetingId}/agenda-item/${item.number}`).sort());
      for (const consultation of consultations) {
        // Links only: whatever the item is, its title and text are never repeated here.
        expect(Object.keys(consultation).sort()).toEqual(["agendaItem", "created", "id", "meeting", "modified", "organization", "paper", "type", "web"]);
        expect(consultation.paper).toBe(paper?.id);
        const item = crawl.objects.get(String(consultation.agendaItem));
        expect(item?.consultation).toBe(consultation.id);
        expect(consultation.meeting).toBe(item?.meeting);
      }
    }
    // A KLE code's main group is named where it is known: "KLE 00.01.00" → "Kommunens styrelse".
    expect(papers.some((paper) => (paper.keyword as string[] | undefined)?.length === 2)).toBe(true);
  });

  it("publishes the persons the minutes name, with a membership per committee and as meeting participants", async () => {
    const persons = [...crawl.objects.values()].filter((object) => typeName(object) === "Person");
    const stored = await db.prisma.person.findMany({ select: { id: true, name: true, party: true } });
    expect(persons.map((person) => person.id).sort()).toEqual(stored.map((person) => `${API}/person/${person.id}`).sort());
    for (const person of persons) {
      // What the person page shows, no more.
      expect(Object.keys(person).every((name) => ["id", "type", "body", "name", "membership", "referatportalen:party", "web", "created", "modified"].includes(name))).toBe(true);
      const memberships = person.membership as Array<Record<string, unknown>>;
      expect(memberships.length).toBeGreaterThan(0);
      for (const membership of memberships) {
        expect(membership.person).toBe(person.id);
        const organization = crawl.objects.get(String(membership.organization));
        expect(organization?.membership).toContain(membership.id);
      }
    }
    const meetings = [...crawl.objects.values()].filter((object) => typeName(object) === "Meeting" && object.participant !== undefined);
    expect(meetings.length).toBeGreaterThan(0);
    for (const meeting of meetings) {
      const present = await db.prisma.meetingAttendance.findMany({ where: { meetingId: Number(String(meeting.id).replace(/.*\//, "")), present: true }, select: { personId: true } });
      expect([...(meeting.participant as string[])].sort()).toEqual(present.map((row) => `${API}/person/${row.personId}`).sort());
      for (const url of meeting.participant as string[]) expect(typeName(crawl.objects.get(url) ?? {})).toBe("Person");
    }
  });

  it("does not repeat an item's decision in its sections, nor the document's text in its meeting", () => {
    const items = [...crawl.objects.values()].filter((object) => typeName(object) === "AgendaItem" && object.resolutionText !== undefined);
    expect(items.length).toBeGreaterThan(10);
    let referred = 0;
    for (const item of items) {
      for (const section of item["referatportalen:sections"] as Array<Record<string, unknown>>) {
        expect(section.text === undefined || section.text !== item.resolutionText).toBe(true);
        if (section.textIn === "resolutionText") referred += 1;
      }
    }
    expect(referred).toBeGreaterThan(10);
    for (const meeting of [...crawl.objects.values()].filter((object) => typeName(object) === "Meeting")) {
      const document = (meeting.resultsProtocol ?? meeting.invitation) as Record<string, unknown> | undefined;
      if (document) expect(document.text).toBeUndefined();
    }
  });

  it("gives every Body its election terms, embedded and as a list", async () => {
    const vejen = await getJson(`${API}/body/vejen`);
    const terms = vejen.legislativeTerm as Array<Record<string, unknown>>;
    expect(terms.slice(0, 4).map((term) => [term.name, term.startDate, term.endDate])).toEqual([
      ["Valgperioden 2010-2013", "2010-01-01", "2013-12-31"],
      ["Valgperioden 2014-2017", "2014-01-01", "2017-12-31"],
      ["Valgperioden 2018-2021", "2018-01-01", "2021-12-31"],
      ["Valgperioden 2022-2025", "2022-01-01", "2025-12-31"],
    ]);
    const current = terms.at(-1);
    const today = new Date().toISOString().slice(0, 10);
    expect(String(current?.startDate) <= today && today <= String(current?.endDate)).toBe(true);
    expect((await getJson(String(vejen.legislativeTermList))).data).toEqual(terms);
    expect((await get(`${API}/body/vejen/legislative-term/2009`)).status).toBe(404);
    expect((await get(`${API}/body/vejen/legislative-term/2099`)).status).toBe(404);
  });

  it("keeps an organization's modified when ingest only writes the same committee again", () => {
    // The Vejen committee was written twice (the samples, then the closed-body correction); no rename.
    const organizations = [...crawl.objects.values()].filter((object) => typeName(object) === "Organization");
    expect(organizations.length).toBeGreaterThan(0);
    for (const organization of organizations) expect(organization.modified).toBe(organization.created);
  });

  it("gives every Body its kommunekode", () => {
    const bodies = [...crawl.objects.values()].filter((object) => typeName(object) === "Body");
    expect(bodies.map((body) => body["referatportalen:kommunekode"]).sort()).toEqual(["0320", "0573", "0575", "0630", "0665"]);
    expect(Object.keys(MUNICIPALITY_CODES).sort()).toEqual(MUNICIPALITIES.map((m) => m.name).sort());
    expect(new Set(Object.values(MUNICIPALITY_CODES)).size).toBe(98);
  });
});

describe("OParl HTTP behaviour", () => {
  it("answers If-None-Match with 304, and stays out of the page cache", async () => {
    const first = await get(`${API}/bodies`);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    const again = await get(`${API}/bodies`, { "If-None-Match": etag ?? "" });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.headers.get("access-control-allow-origin")).toBe("*");
    expect(isStorable(200, { "cache-control": first.headers.get("cache-control") ?? "" })).toBe(false);
    const preflight = OPTIONS();
    expect(preflight.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("answers bad parameters with a 400 OParl error and unknown objects with 404", async () => {
    for (const query of ["limit=0", "limit=abc", "page=-1", "modified_since=yesterday", "created_until=2024-02-31T00:00:00Z", "omit_internal=yes", "foo=1", "limit=2&limit=3"]) {
      const answer = await get(`${API}/body/vejen/meetings?${query}`);
      expect(answer.status, query).toBe(400);
      expect(JSON.parse(answer.text)).toMatchObject({ type: "https://schema.oparl.org/1.1/Error", message: expect.any(String) });
    }
    const unknown = [
      `${API}/meeting/999999`, `${API}/meeting/01`, `${API}/body/atlantis`, `${API}/nothing`, `${API}/meeting/1/agenda-item/999`,
      `${API}/paper/999999`, `${API}/paper/abc`, `${API}/person/0`, `${API}/person/999999`, `${API}/person/1/membership/999999`,
      `${API}/person/1/membership/x`, `${API}/meeting/1/agenda-item/999/consultation`, `${API}/meeting/1/agenda-item/1/consultation/1`,
      `${API}/body/vejen/paper`, `${API}/meeting/1/agenda-item/1/file/999`,
    ];
    for (const url of unknown) {
      expect((await get(url)).status, url).toBe(404);
    }
    expect((await get(`${API}/body/%E0%A4%A`)).status).toBe(400);
  });

  it("never fails with 5xx, whatever the query string", async () => {
    const names = fc.oneof(fc.constantFrom("limit", "page", "after", "omit_internal", "created_since", "modified_until"), fc.string());
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(names, fc.string()), { maxLength: 3 }), fc.constantFrom("bodies", "body/vejen/meetings", "body/faxe/agenda-items", "system", "body/vejen/papers", "body/vejen/people", "body/lemvig/memberships"), async (pairs, list) => {
        const answer = await get(`${API}/${list}?${new URLSearchParams(pairs).toString()}`);
        expect([200, 400]).toContain(answer.status);
        expect(JSON.parse(answer.text)).toBeTypeOf("object");
      }),
      { numRuns: 150 },
    );
  });

  it("limits a list to its maximum page size and carries filters into every link", async () => {
    const page = await getJson(`${API}/body/vejen/agenda-items?created_since=2000-01-01T00%3A00%3A00%2B01%3A00&limit=5`);
    const links = page.links as Record<string, string>;
    expect((page.data as unknown[]).length).toBe(5);
    expect(links.next).toMatch(new RegExp(`^${API}/body/vejen/agenda-items\\?created_since=2000-01-01T00%3A00%3A00%2B01%3A00&limit=5&after=[\\w-]+$`));
    expect(links.last).toContain("created_since=2000-01-01T00%3A00%3A00%2B01%3A00");
    const next = await getJson(links.next ?? "");
    expect((next.links as Record<string, string>).next).toContain("created_since=2000-01-01T00%3A00%3A00%2B01%3A00&limit=5&after=");
    const capped = await getJson(`${API}/body/vejen/meetings?limit=100000`);
    expect((capped.pagination as { elementsPerPage: number }).elementsPerPage).toBe(100);
    const future = await getJson(`${API}/body/vejen/meetings?created_since=2999-01-01T00:00:00Z`);
    expect(future.data).toEqual([]);
    const omitted = await getJson(`${API}/body/vejen/meetings?omit_internal=true`);
    const meetings = omitted.data as Array<Record<string, unknown>>;
    expect(meetings.length).toBe(1);
    expect(meetings[0]?.agendaItem).toBeUndefined();
  });
});

describe("OParl update mechanism (modified_since)", () => {
  it("returns a corrected meeting and the tombstone of the item the correction removed", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const since = formatOparlDateTime(new Date());
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const vejenMeeting = (await getJson(`${API}/body/vejen/meetings`)).data as Array<Record<string, unknown>>;
    const meetingId = String(vejenMeeting[0]?.id);
    const removedId = `${meetingId}/agenda-item/10`;
    const removed = await getJson(removedId);
    expect(removed.name).toBe("Efterretning");
    // Item 10 is its case's only item: the correction deletes the case, so its Paper.
    const removedConsultation = await getJson(String(removed.consultation));
    const removedPaper = String(removedConsultation.paper);
    expect(((await getJson(removedPaper)).consultation as unknown[]).length).toBe(1);
    const organization = await getJson(String((vejenMeeting[0]?.organization as string[])[0]));
    expect((organization.membership as unknown[]).length).toBeGreaterThan(0);

    const text = readFileSync(path.join(vejenDir, VEJEN_FILE), "utf8");
    const corrected = text.replace(/Punkt 10: Efterretning \(B\)[\s\S]*?(?=Punkt 11:)/, "").replace("Efterretning (B).....\t27\n", "");
    expect(corrected).not.toContain("Punkt 10:");
    writeFixture(vejenDir, VEJEN_FILE, corrected);
    expect((await ingestFiles(db.prisma, [vejenDir])).updated).toBe(1);

    const query = `modified_since=${encodeURIComponent(since)}`;
    const changedItems = (await getJson(`${API}/body/vejen/agenda-items?${query}`)).data as Array<Record<string, unknown>>;
    expect(changedItems.length).toBeGreaterThan(5);
    const tombstone = changedItems.find((item) => item.id === removedId);
    expect(tombstone).toEqual({ id: removedId, type: "https://schema.oparl.org/1.1/AgendaItem", created: expect.any(String), modified: expect.any(String), deleted: true });
    expect(String(tombstone?.modified) >= since).toBe(true);
    // The deleted item answers at its URL with its tombstone (OParl: soft delete, status 200).
    expect(await getJson(removedId)).toEqual(tombstone);
    // Items that came back with the correction are live, not deleted.
    expect(changedItems.filter((item) => item.deleted === true)).toEqual([tombstone]);
    // The correction wrote the meeting's persons again: no membership ended or began, so the committee is unchanged.
    const changedMemberships = (await getJson(`${API}/body/vejen/memberships?${query}`)).data as Array<Record<string, unknown>>;
    expect(changedMemberships.length).toBeGreaterThan(0);
    expect(changedMemberships.filter((membership) => membership.deleted === true)).toEqual([]);
    expect(await getJson(String(organization.id))).toEqual(organization);
    const changedMeetings = (await getJson(`${API}/body/vejen/meetings?${query}`)).data as Array<Record<string, unknown>>;
    expect(changedMeetings.map((m) => m.id)).toEqual([meetingId]);
    expect(((changedMeetings[0]?.agendaItem as unknown[]) ?? []).length).toBe(changedItems.length - 1);
    // Other municipalities did not change; without modified_since no tombstone is listed.
    expect((await getJson(`${API}/body/faxe/agenda-items?${query}`)).data).toEqual([]);
    const all = (await getJson(`${API}/body/vejen/agenda-items`)).data as Array<Record<string, unknown>>;
    expect(all.some((item) => item.deleted === true)).toBe(false);

    const changedPapers = (await getJson(`${API}/body/vejen/papers?${query}`)).data as Array<Record<string, unknown>>;
    const paperTombstone = { id: removedPaper, type: "https://schema.oparl.org/1.1/Paper", created: expect.any(String), modified: expect.any(String), deleted: true };
    expect(changedPapers.filter((paper) => paper.deleted === true)).toEqual([paperTombstone]);
    expect(await getJson(removedPaper)).toEqual(paperTombstone);
    expect(((await getJson(`${API}/body/vejen/papers`)).data as Array<Record<string, unknown>>).some((paper) => paper.id === removedPaper)).toBe(false);
    // The item's consultation is deleted with it.
    expect(await getJson(String(removed.consultation))).toMatchObject({ id: removed.consultation, type: "https://schema.oparl.org/1.1/Consultation", deleted: true });
  });

  it("reports a membership that ended as a tombstone, and moves its person's and organization's modified", async () => {
    // Vejen's members meet in a second committee too: the sample again, as Økonomiudvalget's meeting a day later.
    const sample = readFileSync(VEJEN_SAMPLE, "utf8");
    const second = sample.replaceAll("Udvalget for arbejdsmarked og integration", "Økonomiudvalget").replaceAll("19-03-2024", "20-03-2024").replace("19. marts 2024", "20. marts 2024");
    expect(second).toContain(", Henny Schøler\n");
    const dir = makeTempDir("oparl-membership-");
    const file = "vejen-2024-03-20-oekonomiudvalget.txt";
    writeFixture(dir, file, second);
    expect((await ingestFiles(db.prisma, [dir])).ok).toBe(1);
    const people = (await getJson(`${API}/body/vejen/people`)).data as Array<Record<string, unknown>>;
    const person = people.find((entry) => entry.name === "Henny Schøler");
    const memberships = (person?.membership ?? []) as Array<Record<string, unknown>>;
    expect(memberships.length).toBe(2);
    const organizations = await Promise.all(memberships.map((membership) => getJson(String(membership.organization))));
    const ending = memberships[organizations.findIndex((organization) => organization.name === "Økonomiudvalget")];
    const staying = memberships.find((membership) => membership !== ending);
    const endingOrganization = await getJson(String(ending?.organization));
    const stayingOrganization = await getJson(String(staying?.organization));
    expect(endingOrganization.membership).toContain(ending?.id);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const since = formatOparlDateTime(new Date());
    const query = `modified_since=${encodeURIComponent(since)}`;
    await new Promise((resolve) => setTimeout(resolve, 1100));

    // A correction of the second meeting no longer names her: every other membership comes back in the same write.
    writeFixture(dir, file, second.replace(", Henny Schøler\n", "\n"));
    expect((await ingestFiles(db.prisma, [dir])).updated).toBe(1);
    const tombstone = { id: ending?.id, type: "https://schema.oparl.org/1.1/Membership", created: ending?.created, modified: expect.any(String), deleted: true };
    const ended = await getJson(String(ending?.id));
    expect(ended).toEqual(tombstone);
    expect(String(ended.modified) >= since).toBe(true);
    const changed = (await getJson(`${API}/body/vejen/memberships?${query}`)).data as Array<Record<string, unknown>>;
    expect(changed.filter((entry) => entry.deleted === true)).toEqual([ended]);
    expect(((await getJson(`${API}/body/vejen/memberships`)).data as Array<Record<string, unknown>>).some((entry) => entry.id === ending?.id)).toBe(false);
    // Her person lists the membership no more, and says so by its modified; so does the committee's organization.
    const personAfter = await getJson(String(person?.id));
    expect((personAfter.membership as Array<Record<string, unknown>>).map((membership) => membership.id)).toEqual([staying?.id]);
    expect(String(personAfter.modified) >= since).toBe(true);
    const organizationAfter = await getJson(String(ending?.organization));
    expect(organizationAfter.membership).not.toContain(ending?.id);
    expect((organizationAfter.membership as string[]).length).toBe((endingOrganization.membership as string[]).length - 1);
    expect(String(organizationAfter.modified) >= since).toBe(true);
    // The committee she stays in did not change.
    expect((await getJson(String(staying?.organization))).modified).toBe(stayingOrganization.modified);

    // Named again, the membership is back, its tombstone gone, and the organization says so.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const beforeReturn = formatOparlDateTime(new Date());
    await new Promise((resolve) => setTimeout(resolve, 1100));
    writeFixture(dir, file, second);
    expect((await ingestFiles(db.prisma, [dir])).updated).toBe(1);
    expect(await getJson(String(ending?.id))).toMatchObject({ id: ending?.id, organization: ending?.organization });
    expect(((await getJson(`${API}/body/vejen/memberships?${query}`)).data as Array<Record<string, unknown>>).some((entry) => entry.deleted === true)).toBe(false);
    const organizationBack = await getJson(String(ending?.organization));
    expect(organizationBack.membership).toEqual(endingOrganization.membership);
    expect(String(organizationBack.modified) >= beforeReturn).toBe(true);
  });

  it("reports a deleted meeting as a tombstone in its body's and committee's lists", async () => {
    const faxe = (await getJson(`${API}/body/faxe/meetings`)).data as Array<Record<string, unknown>>;
    const meetingId = String(faxe[0]?.id);
    const organization = String((faxe[0]?.organization as string[])[0]);
    const since = formatOparlDateTime(new Date(Date.now() - 1000));
    const members = ((await getJson(`${API}/body/faxe/memberships`)).data as Array<Record<string, unknown>>).map((membership) => membership.id);
    expect(members.length).toBeGreaterThan(0);
    await db.prisma.meeting.delete({ where: { id: Number(meetingId.replace(/.*\//, "")) } });
    const deleted = await getJson(meetingId);
    expect(deleted).toMatchObject({ id: meetingId, deleted: true });
    // Its document, a File, is deleted with it and answers like every deleted object.
    expect(await getJson(`${meetingId}/file/document`)).toEqual({
      id: `${meetingId}/file/document`,
      type: "https://schema.oparl.org/1.1/File",
      created: deleted.created,
      modified: deleted.modified,
      deleted: true,
    });
    expect((await get(`${API}/meeting/999999/file/document`)).status).toBe(404);
    expect((await getJson(`${organization}/meetings?modified_since=${encodeURIComponent(since)}`)).data).toEqual([deleted]);
    const items = (await getJson(`${API}/body/faxe/agenda-items?modified_since=${encodeURIComponent(since)}`)).data as Array<Record<string, unknown>>;
    expect(items.length).toBe(11);
    expect(items.every((item) => item.deleted === true)).toBe(true);
    // Faxe's only meeting named its persons' only memberships: each ended with it, by the cascade.
    const memberships = (await getJson(`${API}/body/faxe/memberships?modified_since=${encodeURIComponent(since)}`)).data as Array<Record<string, unknown>>;
    expect(memberships.map((membership) => membership.id)).toEqual(members);
    expect(memberships.every((membership) => membership.deleted === true)).toBe(true);
  });

  it("reports a deleted person as a tombstone in the body's person list and at its id", async () => {
    const people = (await getJson(`${API}/body/vejen/people`)).data as Array<Record<string, unknown>>;
    const person = people[0];
    const membership = (person?.membership as Array<Record<string, unknown>>)[0];
    expect(membership).toBeDefined();
    const since = formatOparlDateTime(new Date(Date.now() - 1000));
    await db.prisma.person.delete({ where: { id: Number(String(person?.id).replace(/.*\//, "")) } });
    const tombstone = { id: person?.id, type: "https://schema.oparl.org/1.1/Person", created: person?.created, modified: expect.any(String), deleted: true };
    expect(await getJson(String(person?.id))).toEqual(tombstone);
    const changed = (await getJson(`${API}/body/vejen/people?modified_since=${encodeURIComponent(since)}`)).data as Array<Record<string, unknown>>;
    expect(changed.filter((entry) => entry.deleted === true)).toEqual([tombstone]);
    expect(await getJson(String(membership?.id))).toMatchObject({ id: membership?.id, type: "https://schema.oparl.org/1.1/Membership", deleted: true });
    const memberships = (await getJson(`${API}/body/vejen/memberships`)).data as Array<Record<string, unknown>>;
    expect(memberships.some((entry) => entry.id === membership?.id)).toBe(false);
  });

  it("moves an organization's modified when the committee is renamed", async () => {
    const organizations = (await getJson(`${API}/body/vejle/organizations`)).data as Array<Record<string, unknown>>;
    const before = organizations[0];
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await renameCommittee(db.prisma, "vejle", "arbejdsmarkedsudvalget", "Job- og Arbejdsmarkedsudvalget");
    const after = await getJson(String(before?.id));
    expect(after.name).toBe("Job- og Arbejdsmarkedsudvalget");
    expect(String(after.modified) > String(before?.modified)).toBe(true);
  });
});
