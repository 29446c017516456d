import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { renameCommittee } from "@/lib/ingest/rename-committee";
import { SAMPLES_DIR } from "@/lib/ingest/test-fixtures";
import { getAgendaItemPage, getCommitteePage, getMeetingPage, getMunicipalityPage } from "./browse";
import { listSitemapFiles, sitemapFileEntries, type SitemapEntry } from "./sitemap-files";
import { listMunicipalities } from "./home";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  await ingestFiles(db.prisma, [SAMPLES_DIR]);
});
afterAll(() => db.drop());

describe("browse data", () => {
  it("lists the five municipalities with meeting and decision counts", async () => {
    const municipalities = await listMunicipalities();
    expect(municipalities.map((m) => m.slug)).toEqual(["faxe", "lemvig", "varde", "vejen", "vejle"]);
    for (const m of municipalities) {
      expect(m.meetingCount).toBe(1);
      expect(m.decisionCount).toBeGreaterThan(3);
    }
  });

  it("serves Faxe's printed item numbers (83-93) in the URLs", async () => {
    const faxe = await getMunicipalityPage("faxe");
    const committee = faxe?.committees[0];
    expect(committee?.url).toBe("/faxe/beskaeftigelses-integrationsudvalget");
    const meeting = await getMeetingPage("faxe", "beskaeftigelses-integrationsudvalget", "2023-11-06");
    if (meeting.kind !== "found") throw new Error("meeting missing");
    expect(meeting.value.items[0]?.url).toBe("/faxe/beskaeftigelses-integrationsudvalget/2023-11-06/punkt-83");
    expect(meeting.value.items.at(-1)?.number).toBe("93");
  });

  it("gives a closed item's page its number and title only", async () => {
    const item = await getAgendaItemPage("vejen", "udvalget-for-arbejdsmarked-og-integration", "2024-03-19", "11");
    if (item.kind !== "found") throw new Error("item missing");
    expect(item.value).toMatchObject({ closed: true, title: "Eventuelt", decision: null, sections: [], attachments: [], caseNumber: null });
    expect(item.value.previous?.number).toBe("10");
    expect(item.value.next?.number).toBe("12");
  });

  it("names an item's topic from its KLE code", async () => {
    const item = await getAgendaItemPage("vejle", "arbejdsmarkedsudvalget", "2023-11-23", "95");
    if (item.kind !== "found") throw new Error("item missing");
    expect(item.value.caseNumber).toMatch(/^\d\d\.\d\d\.\d\d/);
    expect(item.value.topic).toEqual({ code: "15", name: expect.stringMatching(/beskæftigelse/i) });
  });

  it("keeps old links of a renamed committee working through its alias", async () => {
    const changesBefore = await db.prisma.pageChange.count();
    await renameCommittee(db.prisma, "vejle", "arbejdsmarkedsudvalget", "Job- og Arbejdsmarkedsudvalget");
    // Running servers forget every cached page of the municipality (old slugs turn into redirects).
    expect((await db.prisma.pageChange.findMany({ orderBy: { id: "asc" }, skip: changesBefore })).map((c) => c.path)).toEqual(["/vejle"]);
    expect(await getCommitteePage("vejle", "arbejdsmarkedsudvalget")).toEqual({ kind: "renamed", slug: "job-og-arbejdsmarkedsudvalget" });
    expect(await getMeetingPage("vejle", "arbejdsmarkedsudvalget", "2023-11-23")).toEqual({ kind: "renamed", slug: "job-og-arbejdsmarkedsudvalget" });
    const renamed = await getCommitteePage("vejle", "job-og-arbejdsmarkedsudvalget");
    expect(renamed.kind).toBe("found");
    // A document printed with the old name still lands on the renamed committee.
    const again = await ingestFiles(db.prisma, [SAMPLES_DIR]);
    expect(again.unchanged).toBe(5);
    expect(await db.prisma.committee.count({ where: { municipality: { slug: "vejle" } } })).toBe(1);
  });

  it("keeps a committee renamed to one of the municipality's page names off that page's URL", async () => {
    const committee = await db.prisma.committee.findFirstOrThrow({ where: { municipality: { slug: "lemvig" } } });
    expect(await renameCommittee(db.prisma, "lemvig", committee.slug, "Sag")).toEqual({ oldSlug: committee.slug, newSlug: "sag-udvalg" });
    expect((await getCommitteePage("lemvig", "sag-udvalg")).kind).toBe("found");
  });

  it("lists every public page in the sitemap files, split by id range", async () => {
    const allEntries = async (size?: number) => {
      const files = await listSitemapFiles(size);
      const entries: SitemapEntry[] = [];
      for (const file of files) {
        const fileEntries = await sitemapFileEntries(file.name, size);
        expect(fileEntries, file.name).not.toBeNull();
        if (size && file.name !== "sider-0") expect(fileEntries!.length, file.name).toBeLessThanOrEqual(size);
        entries.push(...fileEntries!);
      }
      return { files: files.map((f) => f.name), urls: entries.map((e) => e.url) };
    };
    const { files, urls } = await allEntries();
    expect(files).toEqual(["sider-0", "moeder-0", "punkter-0", "sager-0", "personer-0"]);
    expect(urls).toContain("/");
    expect(urls).toContain("/vejen");
    expect(urls).toContain("/vejen/person");
    expect(urls).toContain("/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19/punkt-12");
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls.filter((u) => u.includes("/punkt-")).length).toBe(await db.prisma.agendaItem.count());
    expect(urls.filter((u) => /^\/[^/]+\/[^/]+\/\d{4}-\d{2}-\d{2}(-\d+)?$/.test(u)).length).toBe(await db.prisma.meeting.count());
    const openCases = await db.prisma.case.count({ where: { items: { some: { closed: false } } } });
    expect(openCases).toBeGreaterThan(0);
    expect(urls.filter((u) => u.includes("/sag/")).length).toBe(openCases);
    expect(urls.filter((u) => /\/person\/[^/]+$/.test(u)).length).toBe(await db.prisma.person.count());
    // Small files: more of them, the same pages.
    const small = await allEntries(7);
    expect(small.files.filter((f) => f.startsWith("punkter-")).length).toBeGreaterThan(3);
    expect([...small.urls].sort()).toEqual([...urls].sort());
  });

  it("answers only the sitemap file names it lists", async () => {
    expect(await sitemapFileEntries("punkter-0")).not.toBeNull();
    for (const name of ["sider-1", "punkter-x", "punkter-01", "../etc/passwd", "punkter-", "moeder-99999999", "punkter-9999"]) expect(await sitemapFileEntries(name), name).toBeNull();
  });

});
