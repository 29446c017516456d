import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { vejenMinutes, type MinutesItem } from "@/lib/cases/test-support/vejen-minutes";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "./ingest-files";
import { relinkMeetingCases } from "./link-cases";
import { makeTempDir, sampleFiles, writeFixture } from "./test-fixtures";

let db: TestDatabase;
let dir: string;
beforeEach(async () => {
  db = await createTestDatabase();
  dir = makeTempDir();
});
afterEach(() => db.drop());

async function ingest(name: string, committee: string, date: string, items: MinutesItem[]) {
  const summary = await ingestFiles(db.prisma, [writeFixture(dir, name, vejenMinutes({ committee, date, items }))], { municipality: "Vejen" });
  expect(summary.failures).toEqual([]);
}

/** Every case with its items as "committee date #number", oldest meeting first. */
async function casesByNumber() {
  const cases = await db.prisma.case.findMany({
    orderBy: { slug: "asc" },
    select: { number: true, slug: true, kle: true, items: { select: { number: true, meeting: { select: { date: true, committee: { select: { name: true } } } } } } },
  });
  return Object.fromEntries(
    cases.map((c) => [
      c.slug,
      {
        number: c.number,
        kle: c.kle,
        items: c.items
          .map((i) => `${i.meeting.committee.name} ${i.meeting.date.toISOString().slice(0, 10)} #${i.number}`)
          .sort((a, b) => a.slice(-14).localeCompare(b.slice(-14)) || a.localeCompare(b)),
      },
    ]),
  );
}

describe("cases across committees", () => {
  it("groups the items of one case number from two committees into one case, and closed items into none", async () => {
    await ingest("uai.txt", "Udvalget for arbejdsmarked og integration", "2024-03-19", [
      { number: "1", title: "Beredskabsplan", caseNumber: "23/21342", decision: "Indstilles godkendt." },
      { number: "2", title: "Budget", caseNumber: "15.00.00G01-2-25", decision: "Godkendt." },
      { number: "3", title: "Personalesag", closed: true },
    ]);
    await ingest("oeu.txt", "Økonomiudvalget", "2024-04-02", [
      { number: "7", title: "Beredskabsplan", caseNumber: "23/21342", decision: "Anbefales." },
      { number: "8", title: "Budget", caseNumber: "15.00.00-G01-2-25", decision: "Godkendt." },
    ]);
    expect(await casesByNumber()).toEqual({
      "15-00-00-g01-2-25": {
        number: "15.00.00-G01-2-25",
        kle: "15.00.00",
        items: ["Udvalget for arbejdsmarked og integration 2024-03-19 #2", "Økonomiudvalget 2024-04-02 #8"],
      },
      "23-21342": {
        number: "23/21342",
        kle: null,
        items: ["Udvalget for arbejdsmarked og integration 2024-03-19 #1", "Økonomiudvalget 2024-04-02 #7"],
      },
    });
    expect(await db.prisma.agendaItem.count({ where: { closed: true, caseId: { not: null } } })).toBe(0);
  });

  it("a re-ingest that moves an item to another case leaves no stale link, and the emptied case disappears", async () => {
    await ingest("uai.txt", "Udvalget for arbejdsmarked og integration", "2024-03-19", [
      { number: "1", title: "Beredskabsplan", caseNumber: "23/21342", decision: "Indstilles godkendt." },
    ]);
    await ingest("oeu.txt", "Økonomiudvalget", "2024-04-02", [
      { number: "7", title: "Beredskabsplan", caseNumber: "23/21342", decision: "Anbefales." },
      { number: "8", title: "Vejbelysning", caseNumber: "24/100", decision: "Godkendt." },
    ]);
    const before = await db.prisma.case.findMany({ select: { id: true, slug: true } });
    expect(before.map((c) => c.slug).sort()).toEqual(["23-21342", "24-100"]);

    // A corrected Økonomiudvalget document: item 7 had the wrong number, item 8's case is gone.
    await ingest("oeu.txt", "Økonomiudvalget", "2024-04-02", [
      { number: "7", title: "Beredskabsplan", caseNumber: "24/555", decision: "Anbefales." },
    ]);
    expect(await casesByNumber()).toEqual({
      "23-21342": { number: "23/21342", kle: null, items: ["Udvalget for arbejdsmarked og integration 2024-03-19 #1"] },
      "24-555": { number: "24/555", kle: null, items: ["Økonomiudvalget 2024-04-02 #7"] },
    });
    // The surviving case keeps its id (its URL never depended on it, but links in flight do no harm).
    expect((await db.prisma.case.findFirstOrThrow({ where: { slug: "23-21342" } })).id).toBe(before.find((c) => c.slug === "23-21342")?.id);
    // Every link points at a case of the item's own number.
    const items = await db.prisma.agendaItem.findMany({ where: { caseId: { not: null } }, select: { caseNumber: true, case: { select: { number: true } } } });
    expect(items.length).toBe(2);
    for (const item of items) expect(item.case?.number).toBe(item.caseNumber);
  });

  it("records page changes for the case pages and the other meetings of a case", async () => {
    await ingest("uai.txt", "Udvalget for arbejdsmarked og integration", "2024-03-19", [
      { number: "1", title: "Beredskabsplan", caseNumber: "23/21342", decision: "Indstilles godkendt." },
    ]);
    const watermark = (await db.prisma.pageChange.aggregate({ _max: { id: true } }))._max.id ?? 0;
    await ingest("oeu.txt", "Økonomiudvalget", "2024-04-02", [{ number: "7", title: "Beredskabsplan", caseNumber: "23/21342", decision: "Anbefales." }]);
    const paths = (await db.prisma.pageChange.findMany({ where: { id: { gt: watermark } }, select: { path: true } })).map((row) => row.path);
    expect(paths).toEqual(
      expect.arrayContaining(["/vejen/oekonomiudvalget/2024-04-02", "/vejen/sag/23-21342", "/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19"]),
    );
  });

  it("the samples: Varde's meeting journal number makes no case, every other numbered open item has one", async () => {
    const summary = await ingestFiles(db.prisma, sampleFiles());
    expect(summary.failures).toEqual([]);
    expect(await db.prisma.case.count({ where: { slug: "emn-2022-81268" } })).toBe(0);
    const numbered = await db.prisma.agendaItem.findMany({
      where: { closed: false, caseNumber: { not: null }, meeting: { committee: { municipality: { slug: { not: "varde" } } } } },
      select: { caseId: true },
    });
    expect(numbered.length).toBeGreaterThan(30);
    expect(numbered.filter((item) => item.caseId === null)).toEqual([]);
    // Lemvig's items 1 and 8 share 85.02.02P35-55-21: one case with two items.
    const lemvig = await db.prisma.case.findFirstOrThrow({ where: { slug: "85-02-02-p35-55-21" }, select: { _count: { select: { items: true } } } });
    expect(lemvig._count.items).toBe(2);
  });
});

describe("relinkMeetingCases", () => {
  it("links the items of a meeting written before cases existed, as writeMeeting would", async () => {
    await ingest("oeu.txt", "Økonomiudvalget", "2024-04-02", [
      { number: "7", title: "Beredskabsplan", caseNumber: "23/21342", decision: "Anbefales." },
      { number: "8", title: "Vejbelysning", caseNumber: "24/100", decision: "Godkendt." },
    ]);
    const expected = await casesByNumber();
    await db.prisma.agendaItem.updateMany({ data: { caseId: null } });
    await db.prisma.case.deleteMany();
    const meetings = await db.prisma.meeting.findMany({ select: { id: true } });
    await relinkMeetingCases(db.prisma, meetings.map((m) => m.id));
    expect(await casesByNumber()).toEqual(expected);
    expect(Object.keys(expected)).toEqual(["23-21342", "24-100"]);
  });
});
