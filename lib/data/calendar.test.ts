import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarResponse } from "@/lib/calendar/calendar-response";
import { readCalendar } from "@/lib/calendar/test-support/read-calendar";
import { vejenMinutes } from "@/lib/cases/test-support/vejen-minutes";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { SAMPLES_DIR, makeTempDir, writeFixture } from "@/lib/ingest/test-fixtures";
import type { CommitteeLookup } from "./browse";
import { getCommitteeCalendar, getMunicipalityCalendar, type CalendarFeed } from "./calendar";

const SITE = "https://referater.example.dk";
let db: TestDatabase;
let dir: string;

async function ingest(name: string, text: string) {
  const summary = await ingestFiles(db.prisma, [writeFixture(dir, name, text)], { municipality: "Vejen" });
  expect(summary.failures).toEqual([]);
}

async function read(feed: CalendarFeed | null) {
  if (!feed) throw new Error("no feed");
  const response = calendarResponse(feed, SITE, "x.ics");
  expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  expect(response.headers.get("cache-control")).not.toMatch(/s-maxage/);
  return readCalendar(await response.text());
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  dir = makeTempDir();
  await ingestFiles(db.prisma, [SAMPLES_DIR]);
  // A coming meeting's agenda (summer time) and a meeting whose header has no time.
  await ingest("agenda.txt", vejenMinutes({ committee: "Økonomiudvalget", date: "2099-06-16", kind: "dagsorden", startTime: "16:30", items: [{ number: "1", title: "Budget", caseNumber: "99/1" }] }));
  await ingest("notime.txt", vejenMinutes({ committee: "Økonomiudvalget", date: "2024-01-09", startTime: null, items: [{ number: "1", title: "Budget", caseNumber: "24/1", decision: "Godkendt." }] }));
});
afterAll(() => db.drop());

describe("calendar feeds", () => {
  it("the municipality's feed holds every meeting, the coming agenda too, with the meeting page as URL", async () => {
    const { name, events } = await read(await getMunicipalityCalendar("vejen"));
    expect(name).toBe("Møder i Vejen Kommune");
    expect(events.map((e) => [e.summary, e.startUtc, e.allDayDate, e.url])).toEqual([
      ["Møde i Økonomiudvalget", null, "2024-01-09", `${SITE}/vejen/oekonomiudvalget/2024-01-09`],
      ["Møde i Udvalget for arbejdsmarked og integration", "2024-03-19T13:00:00.000Z", null, `${SITE}/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19`],
      ["Møde i Økonomiudvalget", "2099-06-16T14:30:00.000Z", null, `${SITE}/vejen/oekonomiudvalget/2099-06-16`],
    ]);
    expect(events[2]?.description).toMatch(/^Dagsorden · 1 punkt\n/);
    for (const event of events) expect(event.uid).toMatch(/^referatportalen-moede-\d+@referater\.example\.dk$/);
  });

  it("a committee's feed has its own meetings; the UID survives a corrected document", async () => {
    const before = await read(unwrap(await getCommitteeCalendar("vejen", "oekonomiudvalget")));
    expect(before.name).toBe("Økonomiudvalget, Vejen Kommune");
    expect(before.events).toHaveLength(2);
    await ingest("notime.txt", vejenMinutes({ committee: "Økonomiudvalget", date: "2024-01-09", startTime: null, items: [{ number: "1", title: "Budget", caseNumber: "24/1", decision: "Godkendt med en rettelse." }] }));
    const after = await read(unwrap(await getCommitteeCalendar("vejen", "oekonomiudvalget")));
    expect(after.events.map((e) => e.uid)).toEqual(before.events.map((e) => e.uid));
  });

  it("unknown municipalities and committees have no feed", async () => {
    expect(await getMunicipalityCalendar("findes-ikke")).toBeNull();
    expect(await getCommitteeCalendar("vejen", "findes-ikke")).toEqual({ kind: "missing" });
  });
});

function unwrap<T>(lookup: CommitteeLookup<T>): T {
  if (lookup.kind !== "found") throw new Error(`feed ${lookup.kind}`);
  return lookup.value;
}
