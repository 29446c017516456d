import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataSourcesView } from "@/components/data-sources/DataSourcesView";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { SAMPLES_DIR } from "@/lib/ingest/test-fixtures";
import { startFakeFirstAgenda, type FakeFirstAgenda } from "@/lib/sources/test-support/fake-firstagenda";
import { byraadMarch, CLOSED_MARKER, fixtureCommittees, IDS } from "@/lib/sources/test-support/firstagenda-fixtures";
import { runImport } from "@/lib/sources/test-support/import-harness";
import { getDataSourcesPage } from "./data-sources";

let db: TestDatabase;
let site: FakeFirstAgenda;
beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  await ingestFiles(db.prisma, [SAMPLES_DIR]);
  site = await startFakeFirstAgenda(fixtureCommittees());
  // Two meetings fail: one with an answer cut inside a closed item, one whose site keeps failing.
  const agenda = JSON.stringify(byraadMarch().agenda);
  site.faults.set(`/api/agenda/dagsorden/${IDS.byraadMarch}`, [{ kind: "body", body: agenda.slice(0, agenda.indexOf(CLOSED_MARKER) + 20) }]);
  site.faults.set(`/api/agenda/dagsorden/${IDS.teknikOld}`, [500, 500, 500].map((status) => ({ kind: "status" as const, status })));
  expect(await runImport(db, site)).toMatchObject({ ok: 3, failed: 2 });
});
afterAll(async () => {
  await site.close();
  await db.drop();
});

describe("a municipality's Datagrundlag page", () => {
  it("counts meetings and open and closed items, lists the site, its failures and the files read by hand", async () => {
    const page = await getDataSourcesPage("vejen");
    expect(page).not.toBeNull();
    if (!page) return;
    const items = await db.prisma.agendaItem.groupBy({ by: ["closed"], where: { meeting: { committee: { municipality: { slug: "vejen" } } } }, _count: { _all: true } });
    const count = (closed: boolean) => items.find((row) => row.closed === closed)?._count._all ?? 0;
    expect(count(true)).toBeGreaterThan(0);
    expect(page.counts).toEqual({ meetings: 4, agendas: 1, openItems: count(false), closedItems: count(true) });
    expect(page.sources).toEqual([{ site: site.url, host: new URL(site.url).host, meetingCount: 3, lastFetchedAt: expect.any(String), failedCount: 2 }]);
    expect(page.failures.map((failure) => [failure.url, failure.documentName])).toEqual(
      expect.arrayContaining([
        [`${site.url}/vis?id=${IDS.byraadMarch}`, "Referat"],
        [`${site.url}/vis?id=${IDS.teknikOld}`, "Referat"],
      ]),
    );
    expect(page.failures.map((failure) => failure.error).join("\n")).toMatch(/ikke gyldig JSON[\s\S]*HTTP 500 \(efter 3 forsøg\)|HTTP 500 \(efter 3 forsøg\)[\s\S]*ikke gyldig JSON/);
    expect(page.files).toEqual([{ fileName: "vejen-2024-03-19-arbejdsmarked-og-integration.txt", ingestedAt: expect.any(String), meetingCount: 1 }]);
  });

  it("renders in Danish, with the fetch and failure times in Copenhagen time and no closed item's text", async () => {
    const page = await getDataSourcesPage("vejen");
    if (!page) throw new Error("no page");
    const html = renderToStaticMarkup(createElement(DataSourcesView, { page }));
    expect(html).toContain("<h1");
    expect(html).toContain("Datagrundlag for Vejen Kommune");
    expect(html).toMatch(/Forsøgt \d{1,2}\. [a-zæøå]+ \d{4} kl\. \d{2}\.\d{2}/);
    expect(html).toContain("Filer indlæst manuelt");
    expect(html).toContain("vejen-2024-03-19-arbejdsmarked-og-integration.txt");
    expect(html).not.toContain(CLOSED_MARKER);
  });

  it("shows a municipality with only files read by hand, and nothing for an unknown one", async () => {
    const faxe = await getDataSourcesPage("faxe");
    expect(faxe).toMatchObject({ sources: [], failures: [], files: [{ fileName: "faxe-2023-11-06-beskaeftigelse-og-integration.txt", meetingCount: 1 }] });
    const html = renderToStaticMarkup(createElement(DataSourcesView, { page: faxe as NonNullable<typeof faxe> }));
    expect(html).toContain("Ingen møder er hentet direkte fra kommunens hjemmeside.");
    expect(await getDataSourcesPage("findes-ikke")).toBeNull();
  });
});
