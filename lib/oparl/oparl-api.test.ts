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
import { MUNICIPALITY_CODES } from "./municipality-codes";
import { formatOparlDateTime } from "./oparl-dates";
import { crawlOparl, type CrawlResult, type Fetched } from "./test-crawler";

// The route reads SITE_URL once, on first use: set before any request.
const SITE = "https://referater.example.dk";
process.env.SITE_URL = SITE;
const API = `${SITE}/oparl/v1`;
const MARKER = "OPARLLUKKETMARKOER7Q";
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
  // The Vejen meeting again, its closed item now with a body: a correction of the sample.
  vejenDir = makeTempDir("oparl-");
  const withMarker = vejenWithClosedBody(MARKER);
  expect(withMarker).toContain(MARKER);
  writeFixture(vejenDir, VEJEN_FILE, withMarker);
  const summary = await ingestFiles(db.prisma, [vejenDir]);
  expect(summary.updated).toBe(1);
  crawl = await crawlOparl(get, `${API}/system`, SITE);
});
afterAll(() => db.drop());

const typeName = (object: Record<string, unknown>) => String(object.type).replace(/.*\//, "");

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
  });

  it("answers every object's id with exactly its list entry, and lists every object", () => {
    const fetched = [...crawl.objects.entries()].filter(([, object]) => typeName(object) !== "System");
    expect(fetched.length).toBeGreaterThan(50);
    for (const [id, object] of fetched) {
      const listed = crawl.listed.get(id);
      expect(listed, `${id} is in no list`).toBeDefined();
      expect(object).toEqual(listed?.entry);
      const embedded = crawl.embedded.get(id);
      if (typeName(object) === "AgendaItem") expect(embedded).toEqual(object);
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
    for (const url of [`${API}/meeting/999999`, `${API}/meeting/01`, `${API}/body/atlantis`, `${API}/nothing`, `${API}/meeting/1/agenda-item/999`]) {
      expect((await get(url)).status, url).toBe(404);
    }
    expect((await get(`${API}/body/%E0%A4%A`)).status).toBe(400);
  });

  it("never fails with 5xx, whatever the query string", async () => {
    const names = fc.oneof(fc.constantFrom("limit", "page", "after", "omit_internal", "created_since", "modified_until"), fc.string());
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(names, fc.string()), { maxLength: 3 }), fc.constantFrom("bodies", "body/vejen/meetings", "body/faxe/agenda-items", "system"), async (pairs, list) => {
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
    expect((await getJson(removedId)).name).toBe("Efterretning");

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
    const changedMeetings = (await getJson(`${API}/body/vejen/meetings?${query}`)).data as Array<Record<string, unknown>>;
    expect(changedMeetings.map((m) => m.id)).toEqual([meetingId]);
    expect(((changedMeetings[0]?.agendaItem as unknown[]) ?? []).length).toBe(changedItems.length - 1);
    // Other municipalities did not change; without modified_since no tombstone is listed.
    expect((await getJson(`${API}/body/faxe/agenda-items?${query}`)).data).toEqual([]);
    const all = (await getJson(`${API}/body/vejen/agenda-items`)).data as Array<Record<string, unknown>>;
    expect(all.some((item) => item.deleted === true)).toBe(false);
  });

  it("reports a deleted meeting as a tombstone in its body's and committee's lists", async () => {
    const faxe = (await getJson(`${API}/body/faxe/meetings`)).data as Array<Record<string, unknown>>;
    const meetingId = String(faxe[0]?.id);
    const organization = String((faxe[0]?.organization as string[])[0]);
    const since = formatOparlDateTime(new Date(Date.now() - 1000));
    await db.prisma.meeting.delete({ where: { id: Number(meetingId.replace(/.*\//, "")) } });
    const deleted = await getJson(meetingId);
    expect(deleted).toMatchObject({ id: meetingId, deleted: true });
    expect((await getJson(`${organization}/meetings?modified_since=${encodeURIComponent(since)}`)).data).toEqual([deleted]);
    const items = (await getJson(`${API}/body/faxe/agenda-items?modified_since=${encodeURIComponent(since)}`)).data as Array<Record<string, unknown>>;
    expect(items.length).toBe(11);
    expect(items.every((item) => item.deleted === true)).toBe(true);
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
