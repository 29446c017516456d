import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/oparl/v1/[...path]/route";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { makeTempDir, VEJEN_SAMPLE, writeFixture } from "@/lib/ingest/test-fixtures";
import { decodeListCursor, encodeListCursor } from "./list-cursor";
import { MAX_PAGE_OFFSET } from "./list-params";
import { formatOparlDateTime } from "./oparl-dates";

// The route reads SITE_URL once, on first use: set before any request.
const SITE = "https://referater.example.dk";
process.env.SITE_URL = SITE;
const API = `${SITE}/oparl/v1`;

/** Three Tuesdays of the same Vejen committee: the sample, moved in time. */
const DATES = [
  { iso: "2024-03-19", file: "19-03-2024", long: "19. marts 2024" },
  { iso: "2024-03-26", file: "26-03-2024", long: "26. marts 2024" },
  { iso: "2024-04-02", file: "02-04-2024", long: "2. april 2024" },
];
const LATER = { iso: "2024-04-09", file: "09-04-2024", long: "9. april 2024" };

function vejenOn(date: { file: string; long: string }, extraItem = false): string {
  const sample = readFileSync(VEJEN_SAMPLE, "utf8");
  let text = sample.replaceAll("19-03-2024", date.file).replaceAll("19. marts 2024", date.long);
  if (extraItem) {
    // A correction that adds an item at the end of the agenda.
    text = text.replace("Underskriftsark (B).....\t29\n", "Underskriftsark (B).....\t29\nTilføjet punkt (B).....\t30\n");
    text = `${text.trimEnd()}\n\nPunkt 13: Tilføjet punkt (B)\n\n24/999\n\nBeslutning Udvalget for arbejdsmarked og integration den ${date.file}\n\nGodkendt.\n`;
  }
  if (text === sample && date.file !== "19-03-2024") throw new Error(`${VEJEN_SAMPLE} no longer has the date this fixture moves`);
  return text;
}

async function getJson(url: string): Promise<Record<string, unknown>> {
  const response = await GET(new Request(url));
  const text = await response.text();
  expect(response.status, `${url}: ${text}`).toBe(200);
  return JSON.parse(text) as Record<string, unknown>;
}

type Page = { data: Array<{ id: string }>; links: { next?: string; first: string; self: string }; pagination: Record<string, number> };

let db: TestDatabase;
let dir: string;
const fileOf = (date: { file: string }) => `vejen-${date.file}.txt`;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  dir = makeTempDir("oparl-pages-");
  for (const date of DATES) writeFixture(dir, fileOf(date), vejenOn(date));
  expect((await ingestFiles(db.prisma, [dir])).ok).toBe(3);
});
afterAll(() => db.drop());

describe("OParl lists page by cursor (keyset), not by offset", () => {
  it("lists every agenda item once when a correction adds an item to a meeting already paged past", async () => {
    const before = (await getJson(`${API}/body/vejen/agenda-items?limit=500`)).data as Array<{ id: string }>;
    expect(before.length).toBe(36);
    const seen: string[] = [];
    let page = (await getJson(`${API}/body/vejen/agenda-items?limit=5`)) as Page;
    seen.push(...page.data.map((item) => item.id));
    // Into the second meeting: the first one lies behind the cursor.
    while (seen.length < 15 && page.links.next) {
      page = (await getJson(page.links.next)) as Page;
      seen.push(...page.data.map((item) => item.id));
    }
    expect(page.links.next).toMatch(/[?&]after=/);
    expect(page.pagination.totalElements).toBeUndefined();
    const firstMeeting = await getJson(String(before[0]?.id).replace(/\/agenda-item\/.*/, ""));
    const corrected = DATES.find((date) => String(firstMeeting.start).startsWith(date.iso));
    expect(corrected).toBeDefined();
    if (corrected) writeFixture(dir, fileOf(corrected), vejenOn(corrected, true));
    expect((await ingestFiles(db.prisma, [dir])).updated).toBe(1);
    while (page.links.next) {
      page = (await getJson(page.links.next)) as Page;
      seen.push(...page.data.map((item) => item.id));
    }
    expect(seen.length - new Set(seen).size, "items listed twice").toBe(0);
    expect(seen).toEqual(before.map((item) => item.id));
    // The added item is there for the next harvest.
    const after = (await getJson(`${API}/body/vejen/agenda-items?limit=500`)).data as Array<{ id: string }>;
    expect(after.length).toBe(37);
  });

  it("skips no meeting when one already paged past is deleted, and lists one inserted meanwhile", async () => {
    const before = ((await getJson(`${API}/body/vejen/meetings?limit=100&omit_internal=true`)).data as Array<{ id: string }>).map((m) => m.id);
    expect(before.length).toBe(3);
    let page = (await getJson(`${API}/body/vejen/meetings?limit=1&omit_internal=true`)) as Page;
    const seen = page.data.map((meeting) => meeting.id);
    expect(seen).toEqual([before[0]]);
    await db.prisma.meeting.delete({ where: { id: Number(before[0]?.replace(/.*\//, "")) } });
    const laterDir = makeTempDir("oparl-pages-later-");
    writeFixture(laterDir, fileOf(LATER), vejenOn(LATER));
    expect((await ingestFiles(db.prisma, [laterDir])).ok).toBe(1);
    while (page.links.next) {
      page = (await getJson(page.links.next)) as Page;
      seen.push(...page.data.map((meeting) => meeting.id));
    }
    const inserted = ((await getJson(`${API}/body/vejen/meetings?limit=100&omit_internal=true`)).data as Array<{ id: string }>).at(-1)?.id;
    expect(inserted).toBeDefined();
    expect(before).not.toContain(inserted);
    expect(seen).toEqual([...before, inserted]);
  });

  it("pages through live objects and then tombstones with modified_since, each once", async () => {
    const since = formatOparlDateTime(new Date(Date.now() - 3_600_000));
    const all = (await getJson(`${API}/body/vejen/agenda-items?limit=500&modified_since=${encodeURIComponent(since)}`)) as Page;
    const deleted = all.data.filter((item) => (item as { deleted?: boolean }).deleted === true);
    expect(deleted.length).toBe(13);
    const seen: string[] = [];
    let page = (await getJson(`${API}/body/vejen/agenda-items?limit=7&modified_since=${encodeURIComponent(since)}`)) as Page;
    expect(page.pagination.totalElements).toBe(all.data.length);
    seen.push(...page.data.map((item) => item.id));
    while (page.links.next) {
      expect(page.links.next).toContain("modified_since=");
      page = (await getJson(page.links.next)) as Page;
      seen.push(...page.data.map((item) => item.id));
    }
    expect(seen).toEqual(all.data.map((item) => item.id));
  });

  it("keeps numbered pages for clients that count, up to a depth, and rejects cursors it did not write", async () => {
    const second = (await getJson(`${API}/body/vejen/agenda-items?limit=5&page=2`)) as Page;
    const first = (await getJson(`${API}/body/vejen/agenda-items?limit=5`)) as Page;
    expect(first.links.next).toBeDefined();
    expect(((await getJson(first.links.next ?? "")) as Page).data).toEqual(second.data);
    expect(second.pagination.currentPage).toBe(2);
    const deep = MAX_PAGE_OFFSET / 5 + 2;
    for (const query of [`limit=5&page=${deep}`, "after=bm90LWEtY3Vyc29y", "after=", `after=${encodeListCursor({ phase: "live", key: [1] })}&page=2`, "after=bDox="]) {
      const response = await GET(new Request(`${API}/body/vejen/agenda-items?${query}`));
      expect(response.status, query).toBe(400);
    }
  });

  it("reads back exactly the cursor it wrote", () => {
    for (const cursor of [{ phase: "live" as const, key: [1] }, { phase: "live" as const, key: [12, 3] }, { phase: "deleted" as const, id: 7 }]) {
      expect(decodeListCursor(encodeListCursor(cursor))).toEqual(cursor);
    }
    expect(decodeListCursor(Buffer.from("l:01").toString("base64url"))).toBeNull();
    expect(decodeListCursor(Buffer.from("x:1").toString("base64url"))).toBeNull();
  });
});
