import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAgendaItemPage, getCommitteePage, getMunicipalityPage } from "@/lib/data/browse";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { createSiteFetcher, DEFAULT_FETCH_OPTIONS } from "../polite-fetch";
import { startFakeFirstAgenda, type FakeFirstAgenda } from "../test-support/fake-firstagenda";
import { fixtureCommittees, IDS } from "../test-support/firstagenda-fixtures";
import { importFirstAgendaSite } from "./import-site";

let db: TestDatabase;
let site: FakeFirstAgenda;
beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const committees = fixtureCommittees();
  // An agenda a week ahead: "Kommende møder" are counted from today.
  const nextWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  committees[1]?.meetings.push({
    id: "66666666-ffff-4fff-8fff-000000000001",
    name: "Dagsorden",
    beginUtc: `${nextWeek}T14:00:00+00:00`,
    released: `${nextWeek}T00:00:00`,
    agenda: { Dagsordenpunkter: [{ Id: "u1", Navn: "Budget", Punktnummer: 1, IsOpen: true, Felter: [] }] },
  });
  site = await startFakeFirstAgenda(committees);
  const fetcher = createSiteFetcher({ ...DEFAULT_FETCH_OPTIONS, userAgent: "test", delayMs: 0 });
  const summary = await importFirstAgendaSite(db.prisma, { site: site.url, municipality: "Vejen Kommune", fetcher });
  expect(summary.ok).toBe(6);
});
afterAll(async () => {
  await site.close();
  await db.drop();
});

describe("an imported item's page", () => {
  it("links to the item on the municipality's site (Kilde) and to its attachments", async () => {
    const page = await getAgendaItemPage("vejen", "byraadet", "2026-03-16", "1");
    if (page.kind !== "found") throw new Error("item missing");
    expect(page.value.source).toEqual({
      url: `${site.url}/vis?id=${IDS.byraadMarch}&punktid=b1000000-0000-4000-8000-000000000001`,
      host: new URL(site.url).host,
    });
    expect(page.value.attachments).toEqual(["Høringssvar", "Økonomioversigt", "Pladsholder"]);
    expect(page.value.attachmentUrls).toEqual([
      `${site.url}/Vis/Pdf/bilag/9f9f9f9f-0000-4000-8000-000000000001`,
      `${site.url}/Vis/Pdf/bilag/9f9f9f9f-0000-4000-8000-000000000002`,
      null,
    ]);
  });

  it("links an item merged from a supplementary agenda to that agenda's page, not its meeting's", async () => {
    const page = await getAgendaItemPage("vejen", "byraadet", "2026-04-20", "T1");
    if (page.kind !== "found") throw new Error("supplementary item missing");
    expect(page.value.title).toBe("Ekstra punkt");
    expect(page.value.source?.url).toBe(`${site.url}/vis?id=${IDS.supplementary}&punktid=b3000000-0000-4000-8000-000000000001`);
    const own = await getAgendaItemPage("vejen", "byraadet", "2026-04-20", "1");
    if (own.kind !== "found") throw new Error("item missing");
    expect(own.value.source?.url).toBe(`${site.url}/vis?id=${IDS.byraadApril}&punktid=b2000000-0000-4000-8000-000000000001`);
  });

  it("gives a closed item its source but no attachments", async () => {
    const page = await getAgendaItemPage("vejen", "byraadet", "2026-03-16", "3");
    if (page.kind !== "found") throw new Error("item missing");
    expect(page.value).toMatchObject({ closed: true, attachments: [], attachmentUrls: [], sections: [] });
    expect(page.value.source?.url).toContain("punktid=b1000000-0000-4000-8000-000000000003");
  });
});

describe("Kommende møder", () => {
  it("lists agendas of meetings from today on, not past agendas or minutes", async () => {
    const municipality = await getMunicipalityPage("vejen");
    expect(municipality?.upcoming.map((m) => [m.committee, m.url, m.itemCount])).toEqual([
      ["Økonomiudvalget", expect.stringMatching(/^\/vejen\/oekonomiudvalget\/\d{4}-\d{2}-\d{2}$/), 1],
    ]);
    const committee = await getCommitteePage("vejen", "oekonomiudvalget");
    const byraad = await getCommitteePage("vejen", "byraadet");
    if (committee.kind !== "found" || byraad.kind !== "found") throw new Error("committee missing");
    expect(committee.value.upcoming).toHaveLength(1);
    // Byrådet's agenda of 20 April 2026 has passed.
    expect(byraad.value.upcoming).toEqual([]);
  });
});
