import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { startFakeFirstAgenda, type FakeFirstAgenda, type FakeMeeting } from "../test-support/fake-firstagenda";
import { fixtureCommittees, IDS } from "../test-support/firstagenda-fixtures";
import { agendaRequestsOf, runImport, snapshotTables } from "../test-support/import-harness";

let db: TestDatabase;
let site: FakeFirstAgenda;
beforeEach(async () => {
  db = await createTestDatabase();
  site = await startFakeFirstAgenda(fixtureCommittees());
});
afterEach(async () => {
  await site.close();
  await db.drop();
});

/** The Byrådet meetings of the fake site: its April agenda and the supplementary agenda to it. */
function aprilListings(): { meetings: FakeMeeting[]; april: FakeMeeting; supplement: FakeMeeting } {
  const meetings = site.committees[0]?.meetings ?? [];
  const april = meetings.find((meeting) => meeting.id === IDS.byraadApril);
  const supplement = meetings.find((meeting) => meeting.id === IDS.supplementary);
  if (!april || !supplement) throw new Error("fixture changed: no April agenda or supplement");
  return { meetings, april, supplement };
}

async function aprilItems() {
  const meetings = await db.prisma.meeting.findMany({
    where: { committee: { name: "Byrådet" }, date: new Date("2026-04-20T00:00:00Z") },
    select: { id: true, urlKey: true, kind: true, items: { orderBy: { position: "asc" }, select: { number: true, title: true, sourceItemId: true } } },
  });
  expect(meetings).toHaveLength(1);
  return meetings[0] as (typeof meetings)[number];
}

describe("supplementary agendas (Tillægsdagsorden)", () => {
  it("merges a supplementary agenda's items into its meeting instead of a second meeting, and re-imports nothing", async () => {
    const summary = await runImport(db, site);
    expect(summary).toMatchObject({ ok: 5, skipped: 2, failed: 0 });
    expect(summary.skippedFiles.map((skipped) => skipped.reason)).toContain("tillægsdagsorden: punkterne indgår i mødet");
    const april = await aprilItems();
    expect(april.kind).toBe("dagsorden");
    // The supplement numbers its item 1 like the agenda's first: "T1" keeps both URLs apart.
    expect(april.items.map((item) => [item.number, item.title])).toEqual([
      ["1", "Godkendelse af dagsorden"],
      ["2", "Budgetopfølgning"],
      ["T1", "Ekstra punkt"],
    ]);
    expect(april.items[2]?.sourceItemId).toBe("b3000000-0000-4000-8000-000000000001");
    expect(await db.prisma.meeting.count()).toBe(5);

    const before = await snapshotTables(db);
    const requests = agendaRequestsOf(site).length;
    expect(await runImport(db, site)).toMatchObject({ unchanged: 5, ok: 0, updated: 0 });
    expect(agendaRequestsOf(site).length).toBe(requests);
    expect(await snapshotTables(db)).toEqual(before);
  });

  it("adds a supplement published after its agenda was imported", async () => {
    const { meetings, supplement } = aprilListings();
    site.committees[0] = { ...(site.committees[0] as NonNullable<(typeof site.committees)[0]>), meetings: meetings.filter((meeting) => meeting !== supplement) };
    await runImport(db, site);
    const first = await aprilItems();
    expect(first.items).toHaveLength(2);

    site.committees[0]?.meetings.push(supplement);
    const summary = await runImport(db, site);
    expect(summary).toMatchObject({ updated: 1, unchanged: 4, ok: 0 });
    const second = await aprilItems();
    expect(second).toMatchObject({ id: first.id, urlKey: "2026-04-20" });
    expect(second.items.map((item) => item.title)).toEqual(["Godkendelse af dagsorden", "Budgetopfølgning", "Ekstra punkt"]);
  });

  it("lets the minutes replace agenda and supplement, keeping the meeting and its URL", async () => {
    await runImport(db, site);
    const agenda = await aprilItems();
    const { april } = aprilListings();
    april.name = "Referat";
    april.released = "2026-04-22T08:00:00";
    april.agenda = {
      Dagsordenpunkter: ["Godkendelse af dagsorden", "Budgetopfølgning", "Ekstra punkt"].map((title, index) => ({
        Id: `b4000000-0000-4000-8000-00000000000${index + 1}`,
        Navn: title,
        Punktnummer: index + 1,
        Sorting: index + 1,
        IsOpen: true,
        Felter: [{ Navn: "Beslutning", Html: "<p>Godkendt.</p>" }],
      })),
    };
    const summary = await runImport(db, site);
    expect(summary).toMatchObject({ updated: 1, failed: 0 });
    expect(summary.skippedFiles.map((skipped) => skipped.reason)).toContain("tillægsdagsorden: punkterne indgår i mødet");
    const minutes = await aprilItems();
    expect(minutes).toMatchObject({ id: agenda.id, urlKey: "2026-04-20", kind: "referat" });
    expect(minutes.items.map((item) => [item.number, item.title])).toEqual([
      ["1", "Godkendelse af dagsorden"],
      ["2", "Budgetopfølgning"],
      ["3", "Ekstra punkt"],
    ]);
    // The minutes hold every item: the supplement is not fetched for them.
    const last = agendaRequestsOf(site).slice(-1)[0];
    expect(last?.path).toBe(`/api/agenda/dagsorden/${IDS.byraadApril}`);
  });

  it("imports no supplement whose meeting is not listed", async () => {
    const { meetings, april } = aprilListings();
    site.committees[0] = { ...(site.committees[0] as NonNullable<(typeof site.committees)[0]>), meetings: meetings.filter((meeting) => meeting !== april) };
    const summary = await runImport(db, site);
    expect(summary.skippedFiles.map((skipped) => skipped.reason)).toContain("tillægsdagsorden uden en dagsorden at høre til: indlæses ikke");
    expect(agendaRequestsOf(site).map((request) => request.path)).not.toContain(`/api/agenda/dagsorden/${IDS.supplementary}`);
    expect(await db.prisma.meeting.count({ where: { date: new Date("2026-04-20T00:00:00Z") } })).toBe(0);
  });
});
