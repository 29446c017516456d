import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAgendaItemPage, getMeetingPage } from "@/lib/data/browse";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { startFakeFirstAgenda, type FakeFirstAgenda } from "../test-support/fake-firstagenda";
import { fixtureCommittees, IDS } from "../test-support/firstagenda-fixtures";
import { runImport } from "../test-support/import-harness";

let db: TestDatabase;
let site: FakeFirstAgenda;
beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  site = await startFakeFirstAgenda(fixtureCommittees());
  expect(site.committees[0]?.meetings.some((meeting) => meeting.id === IDS.byraadApril)).toBe(true);
  expect(await runImport(db, site)).toMatchObject({ ok: 5, failed: 0 });
});
afterAll(async () => {
  await site.close();
  await db.drop();
});

/** Moves the April meeting (and its supplementary agenda, which follows it) to another day at the fake site, and imports. */
async function moveAprilTo(day: string, released: string) {
  for (const meeting of site.committees[0]?.meetings ?? []) {
    if (meeting.id === IDS.byraadApril || meeting.id === IDS.supplementary) {
      meeting.beginUtc = `${day}T15:00:00+00:00`;
      meeting.released = released;
    }
  }
  return runImport(db, site);
}

describe("a meeting its source moves to another date (same FirstAgenda meeting id)", () => {
  it("redirects the old meeting and item URLs to the new ones, through every later move", async () => {
    expect((await getMeetingPage("vejen", "byraadet", "2026-04-20")).kind).toBe("found");
    expect(await moveAprilTo("2026-04-22", "2026-04-14T08:00:00")).toMatchObject({ ok: 1, failed: 0 });
    expect(await getMeetingPage("vejen", "byraadet", "2026-04-20")).toEqual({ kind: "moved", url: "/vejen/byraadet/2026-04-22" });
    expect(await getAgendaItemPage("vejen", "byraadet", "2026-04-20", "T1")).toEqual({ kind: "moved", url: "/vejen/byraadet/2026-04-22/punkt-T1" });
    const moved = await getAgendaItemPage("vejen", "byraadet", "2026-04-22", "T1");
    expect(moved.kind === "found" && moved.value.title).toBe("Ekstra punkt");

    expect(await moveAprilTo("2026-04-24", "2026-04-15T08:00:00")).toMatchObject({ ok: 1, failed: 0 });
    for (const old of ["2026-04-20", "2026-04-22"]) expect(await getMeetingPage("vejen", "byraadet", old)).toEqual({ kind: "moved", url: "/vejen/byraadet/2026-04-24" });
    expect(await db.prisma.meeting.count({ where: { committee: { slug: "byraadet" } } })).toBe(2);
    const changed = (await db.prisma.pageChange.findMany({ select: { path: true } })).map((change) => change.path);
    expect(changed).toEqual(expect.arrayContaining(["/vejen/byraadet/2026-04-20", "/vejen/byraadet/2026-04-22", "/vejen/byraadet/2026-04-24"]));
  });

  it("gives a new meeting on a former date another URL key, so the old links keep pointing where they did", async () => {
    site.committees[0]?.meetings.push({
      id: "77777777-aaaa-4aaa-8aaa-000000000001",
      name: "Dagsorden",
      beginUtc: "2026-04-20T06:00:00+00:00",
      released: "2026-04-10T08:00:00",
      agenda: { Dagsordenpunkter: [{ Id: "x1", Navn: "Temamøde", Punktnummer: 1, IsOpen: true, Felter: [] }] },
    });
    expect(await runImport(db, site)).toMatchObject({ ok: 1, failed: 0 });
    const extra = await db.prisma.remoteMeeting.findFirstOrThrow({ where: { remoteId: "77777777-aaaa-4aaa-8aaa-000000000001" }, select: { meeting: { select: { urlKey: true } } } });
    expect(extra.meeting?.urlKey).toBe("2026-04-20-2");
    expect(await getMeetingPage("vejen", "byraadet", "2026-04-20")).toEqual({ kind: "moved", url: "/vejen/byraadet/2026-04-24" });
    expect((await getMeetingPage("vejen", "byraadet", "2026-04-20-2")).kind).toBe("found");
  });
});
