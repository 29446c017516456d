import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import type { IngestSummary } from "@/lib/ingest/ingest-files";
import { countOutdatedDocuments, reparseDocuments } from "@/lib/ingest/reparse";
import { readSearchDocuments } from "@/lib/data/search-documents";
import { scanAgendaItems, scanSourceDocuments, scanStoredTexts } from "@/lib/privacy/audit-database";
import { buildSearchIndex } from "@/lib/search/build-index";
import { exportSearchIndex } from "@/lib/search/index-store";
import type { SearchDocument } from "@/lib/search/search-document";
import { exportFileText } from "@/lib/search/test-export-files";
import { startFakeFirstAgenda, type FakeFirstAgenda } from "../test-support/fake-firstagenda";
import { byraadMarch, CLOSED_MARKER, fixtureCommittees, IDS } from "../test-support/firstagenda-fixtures";
import { agendaRequestsOf, runImport, snapshotTables, TEST_CONTACT, TEST_DELAY_MS } from "../test-support/import-harness";
import type { ImportSiteOptions, MeetingReport } from "./import-site";

const CONTACT = TEST_CONTACT;
const DELAY_MS = TEST_DELAY_MS;

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

const run = (options: Partial<ImportSiteOptions> = {}, reports: MeetingReport[] = []): Promise<IngestSummary> => runImport(db, site, options, reports);
const snapshot = () => snapshotTables(db);
const agendaRequests = () => agendaRequestsOf(site);

describe("importFirstAgendaSite", () => {
  it("imports every committee's meetings, balances its counts and maps the structure", async () => {
    const reports: MeetingReport[] = [];
    const summary = await run({}, reports);
    expect(summary).toMatchObject({ discovered: 7, ok: 5, updated: 0, unchanged: 0, failed: 0, skipped: 2, cprRedactions: 1 });
    expect(summary.ok + summary.updated + summary.unchanged + summary.failed + summary.skipped).toBe(summary.discovered);
    expect(reports).toHaveLength(7);
    expect(await db.prisma.meeting.count()).toBe(5);
    expect(await db.prisma.agendaItem.count()).toBe(summary.items);
    // The supplementary agenda's item is the April meeting's third.
    expect(summary.items).toBe(6 + 3 + 2 + 1 + 3);
    expect(await db.prisma.remoteMeeting.count({ where: { status: "ok" } })).toBe(5);
    // The closed minutes were never fetched; the supplementary agenda was, with its meeting.
    expect(agendaRequests().map((request) => request.path)).not.toContain(`/api/agenda/dagsorden/${IDS.closedMinutes}`);
    expect(agendaRequests()).toHaveLength(6);

    const committees = await db.prisma.committee.findMany({ orderBy: { name: "asc" }, select: { name: true, municipality: { select: { name: true } } } });
    expect(committees.map((committee) => committee.name)).toEqual(["Byrådet", "Teknik- og Miljøudvalget", "Økonomiudvalget"]);
    expect(committees.every((committee) => committee.municipality.name === "Vejen Kommune")).toBe(true);

    const march = await db.prisma.meeting.findFirstOrThrow({
      where: { committee: { name: "Byrådet" }, kind: "referat" },
      include: { items: { orderBy: { position: "asc" }, include: { sections: { orderBy: { position: "asc" } }, attachments: { orderBy: { position: "asc" } } } }, remoteMeetings: true },
    });
    // 16:00 UTC is 17:00 in Copenhagen in March (winter time).
    expect(march).toMatchObject({ startTime: "17:00", endTime: "20:30", location: "Rådhuset, mødesal 1", urlKey: "2026-03-16" });
    expect(march.remoteMeetings[0]).toMatchObject({ site: site.url, remoteId: IDS.byraadMarch, documentName: "Referat", status: "ok" });
    expect(march.remoteMeetings[0]?.fetchedAt).toBeInstanceOf(Date);
    const [school, citizen, ...closed] = march.items;
    expect(school).toMatchObject({
      number: "1",
      title: "Ny skolestruktur",
      marker: "B",
      caseNumber: "27.00.00-A00-1-26",
      kle: "27.00.00",
      decision: "Godkendt.\n\nFraværende: Ingen.",
      outcome: "approved",
      sourceItemId: "b1000000-0000-4000-8000-000000000001",
    });
    expect(school?.sections.map((section) => [section.kind, section.heading])).toEqual([
      ["resume", "Beslutningstema"],
      ["sagsfremstilling", "Sagsfremstilling"],
      ["indstilling", "Indstilling"],
      ["tidligere_behandling", "Beslutning i Økonomiudvalget den 02-03-2026"],
      ["beslutning", "Beslutning"],
    ]);
    const caseBlocks = school?.sections[1]?.blocks;
    expect(caseBlocks).toEqual([
      { type: "paragraph", text: "Forvaltningen foreslår tre modeller (se bilag)." },
      { type: "list", ordered: true, items: ["Model A\n  - Lukning af én skole\n  - Ny overbygning", "Model B"] },
      { type: "table", rows: [["Model", "Udgift"], ["A", "12,5 mio. kr."]] },
    ]);
    expect(school?.attachments.map((attachment) => [attachment.title, attachment.url])).toEqual([
      ["Høringssvar", `${site.url}/Vis/Pdf/bilag/9f9f9f9f-0000-4000-8000-000000000001`],
      ["Økonomioversigt", `${site.url}/Vis/Pdf/bilag/9f9f9f9f-0000-4000-8000-000000000002`],
      ["Pladsholder", null],
    ]);
    expect(citizen?.sections[0]?.text).toBe("Borgeren med cpr.nr. [CPR fjernet] har skrevet.");
    expect(closed.map((item) => [item.number, item.title, item.closed, item.sections.length, item.attachments.length, item.caseNumber, item.decision])).toEqual([
      ["3", "Salg af ejendom", true, 0, 0, null, null],
      ["4", "Personalesag", true, 0, 0, null, null],
      ["5", "Erstatningssag", true, 0, 0, null, null],
      ["6", "Retssag", true, 0, 0, null, null],
    ]);

    const april = await db.prisma.meeting.findFirstOrThrow({ where: { committee: { name: "Byrådet" }, kind: "dagsorden" }, include: { items: true } });
    expect(april.items.every((item) => item.decision === null && item.outcome === "none")).toBe(true);
  });

  it("stores, reports and logs no closed item's text and no hostile markup anywhere", async () => {
    const logged: string[] = [];
    const original = { log: console.log, error: console.error, warn: console.warn };
    for (const level of ["log", "error", "warn"] as const) console[level] = (...args: unknown[]) => logged.push(args.map(String).join(" "));
    // A truncated answer that cuts through a closed item: V8's JSON error would quote it.
    const truncated = JSON.stringify(byraadMarch().agenda);
    site.faults.set(`/api/agenda/dagsorden/${IDS.byraadMarch}`, [{ kind: "body", body: truncated.slice(0, truncated.indexOf(CLOSED_MARKER) + 30) }]);
    let summaries: IngestSummary[];
    const reports: MeetingReport[] = [];
    try {
      summaries = [await run({}, reports), await run({}, reports)];
    } finally {
      Object.assign(console, original);
    }
    expect(summaries[0]).toMatchObject({ ok: 4, failed: 1 });
    expect(summaries[0]?.failures[0]?.error).toMatch(/ikke gyldig JSON/);
    expect(summaries[1]).toMatchObject({ ok: 1, failed: 0, unchanged: 4 });
    expect(JSON.stringify([summaries, reports, logged])).not.toContain(CLOSED_MARKER);

    const tables = await snapshot();
    const everything = JSON.stringify(tables);
    expect(everything).toContain("Salg af ejendom");
    expect(everything).not.toContain(CLOSED_MARKER);
    const sections = JSON.stringify(tables.Section);
    expect(sections).toContain("Model B");
    for (const hostile of ["<script", "script-i-html", "alert", "javascript:", "onclick", "steal()", "<a ", "href"]) expect(sections).not.toContain(hostile);

    // The search index, as exported to disk for the server.
    const docs: SearchDocument[] = [];
    for await (const doc of readSearchDocuments(db.prisma)) docs.push(doc);
    expect(docs.length).toBe(11);
    const dir = mkdtempSync(path.join(tmpdir(), "import-index-"));
    await exportSearchIndex(buildSearchIndex(docs), dir);
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(2);
    // Read as the texts they hold (compressed files decompressed): grepping the bytes would find nothing.
    const exported = (await Promise.all(files.map((entry) => exportFileText(path.join(entry.parentPath, entry.name))))).join("\n");
    expect(exported).toContain("skolestruktur");
    expect(exported).not.toContain(CLOSED_MARKER);
    expect(exported).not.toContain("script-i-html");
  });

  it("withholds a meeting whose open item still carries a closed marker, and writes nothing of it", async () => {
    const secret = "FORTROLIG-BRODTEKST-9931";
    const agenda = structuredClone(byraadMarch().agenda) as { Dagsordenpunkter: Array<{ IsOpen?: boolean; Felter: Array<{ Navn: string; Html: string }> }> };
    const open = agenda.Dagsordenpunkter.find((item) => item.IsOpen === true);
    expect(open).toBeDefined();
    open?.Felter.push({ Navn: "Sagsfremstilling", Html: `<p>Fortroligt</p><p>${secret}</p>` });
    site.faults.set(`/api/agenda/dagsorden/${IDS.byraadMarch}`, [{ kind: "body", body: JSON.stringify(agenda) }]);
    const summary = await run();
    expect(summary).toMatchObject({ ok: 4, failed: 1 });
    expect(summary.failures[0]?.error).toMatch(/tilbageholdt: punkt \d+ er ikke lukket, men .*"Fortroligt"/);
    expect(JSON.stringify(summary)).not.toContain(secret);
    expect(JSON.stringify(await snapshot())).not.toContain(secret);
  });

  it("leaves nothing the privacy audit finds in the database, the imported texts included", async () => {
    await run();
    const reports = [await scanStoredTexts(db.prisma), await scanAgendaItems(db.prisma), await scanSourceDocuments(db.prisma)];
    expect(reports.flatMap((report) => report.findings)).toEqual([]);
    expect(await db.prisma.sourceDocument.count({ where: { remoteMeeting: { isNot: null }, text: { not: "" } } })).toBe(5);
    // The audit did read the imported texts: one made unreadable is reported.
    const imported = await db.prisma.sourceDocument.findFirstOrThrow({ where: { remoteMeeting: { isNot: null } }, select: { id: true } });
    await db.prisma.sourceDocument.update({ where: { id: imported.id }, data: { text: "{ikke json" } });
    expect((await scanSourceDocuments(db.prisma)).findings).toEqual([expect.objectContaining({ location: `SourceDocument id=${imported.id} (importeret)` })]);
  });

  it("writes nothing and fetches no agenda when run again on an unchanged site", async () => {
    await run();
    const before = await snapshot();
    const requestsBefore = site.requests.length;
    const summary = await run();
    expect(summary).toMatchObject({ discovered: 7, ok: 0, updated: 0, unchanged: 5, skipped: 2, failed: 0 });
    expect(site.requests.slice(requestsBefore).map((request) => request.path)).toEqual(["/api/agenda/udvalgsliste"]);
    expect(await snapshot()).toEqual(before);
  });

  it("writes nothing when a new ReleasedDate brings the same content", async () => {
    await run();
    const before = await snapshot();
    for (const meeting of site.committees.flatMap((committee) => committee.meetings)) meeting.released = "2026-06-01T00:00:00";
    const summary = await run();
    expect(summary).toMatchObject({ unchanged: 5, ok: 0, updated: 0 });
    const after = await snapshot();
    expect({ ...after, RemoteMeeting: null }).toEqual({ ...before, RemoteMeeting: null });
    expect(agendaRequests()).toHaveLength(12);
    // The new date is remembered, so the next run fetches nothing.
    await run();
    expect(agendaRequests()).toHaveLength(12);
  });

  it("replaces an upcoming agenda by its minutes, keeping the meeting and its URL", async () => {
    const byraad = site.committees[0];
    expect(byraad).toBeDefined();
    if (!byraad) return;
    byraad.meetings[0] = byraadMarch(false);
    await run();
    const agenda = await db.prisma.meeting.findFirstOrThrow({ where: { date: new Date("2026-03-16T00:00:00Z") }, include: { items: { where: { position: 1 } } } });
    expect(agenda).toMatchObject({ kind: "dagsorden", urlKey: "2026-03-16" });
    expect(agenda.items[0]?.decision).toBeNull();

    byraad.meetings[0] = byraadMarch(true);
    const summary = await run();
    expect(summary).toMatchObject({ updated: 1, ok: 0, unchanged: 4 });
    const minutes = await db.prisma.meeting.findFirstOrThrow({ where: { date: new Date("2026-03-16T00:00:00Z") }, include: { items: { where: { position: 1 } }, remoteMeetings: true } });
    expect(minutes).toMatchObject({ id: agenda.id, kind: "referat", urlKey: "2026-03-16" });
    expect(minutes.items[0]?.decision).toBe("Godkendt.\n\nFraværende: Ingen.");
    expect(minutes.remoteMeetings).toHaveLength(1);
    expect(minutes.remoteMeetings[0]?.documentName).toBe("Referat");
    expect(await db.prisma.meeting.count()).toBe(5);
  });

  it("moves a rescheduled meeting instead of showing it twice", async () => {
    await run();
    const april = site.committees[0]?.meetings[1];
    expect(april?.id).toBe(IDS.byraadApril);
    if (!april) return;
    april.beginUtc = "2026-04-22T15:00:00+00:00";
    april.released = "2026-04-14T08:00:00";
    const summary = await run();
    expect(summary).toMatchObject({ ok: 1, unchanged: 4, failed: 0 });
    const byraad = await db.prisma.meeting.findMany({ where: { committee: { name: "Byrådet" } }, select: { urlKey: true }, orderBy: { date: "asc" } });
    expect(byraad.map((meeting) => meeting.urlKey)).toEqual(["2026-03-16", "2026-04-22"]);
    expect(await db.prisma.remoteMeeting.findFirstOrThrow({ where: { remoteId: IDS.byraadApril }, select: { meeting: { select: { urlKey: true } } } })).toEqual({
      meeting: { urlKey: "2026-04-22" },
    });
    const changes = await db.prisma.pageChange.findMany({ select: { path: true } });
    expect(changes.map((change) => change.path)).toContain("/vejen/byraadet/2026-04-20");
  });

  it("retries 500s, timeouts, resets and Retry-After, and records what still fails for the next run", async () => {
    const path = (id: string) => `/api/agenda/dagsorden/${id}`;
    site.faults.set(path(IDS.oekonomiFebruary), [{ kind: "status", status: 500 }, { kind: "status", status: 502 }]);
    site.faults.set(path(IDS.oekonomiMarch), [{ kind: "hang" }]);
    site.faults.set(path(IDS.teknikOld), [{ kind: "status", status: 503, retryAfter: "1" }]);
    site.faults.set(path(IDS.byraadApril), [{ kind: "reset" }]);
    // Fails three times: more than the two retries.
    site.faults.set(path(IDS.byraadMarch), [500, 500, 500].map((status) => ({ kind: "status" as const, status })));
    const first = await run();
    expect(first).toMatchObject({ ok: 4, failed: 1, skipped: 2 });
    expect(first.failures[0]?.error).toContain("HTTP 500 (efter 3 forsøg)");
    const teknik = site.requests.filter((request) => request.path === path(IDS.teknikOld));
    expect(teknik).toHaveLength(2);
    expect((teknik[1]?.startedAt ?? 0) - (teknik[0]?.endedAt ?? 0)).toBeGreaterThanOrEqual(950);
    expect(await db.prisma.remoteMeeting.findFirstOrThrow({ where: { remoteId: IDS.byraadMarch } })).toMatchObject({ status: "failed", meetingId: null });
    expect(await db.prisma.meeting.count()).toBe(4);

    const second = await run();
    expect(second).toMatchObject({ ok: 1, failed: 0, unchanged: 4 });
    expect(await db.prisma.remoteMeeting.findFirstOrThrow({ where: { remoteId: IDS.byraadMarch } })).toMatchObject({ status: "ok", error: null });
  });

  it("fails only the meeting whose answer has an unknown shape or has disappeared", async () => {
    site.faults.set(`/api/agenda/dagsorden/${IDS.oekonomiMarch}`, [{ kind: "body", body: JSON.stringify({ Punkter: [] }) }]);
    site.missing.add(IDS.teknikOld);
    const summary = await run();
    expect(summary).toMatchObject({ ok: 3, failed: 2 });
    const errors = summary.failures.map((failure) => failure.error).join("\n");
    expect(errors).toContain('Økonomiudvalget 2026-03-02 (Referat): dagsordenen har ingen "Dagsordenpunkter"-liste');
    expect(errors).toMatch(/Teknik- og Miljøudvalget 2025-11-10 \(Referat\): .*HTTP 404/);
    expect(await db.prisma.remoteMeeting.count({ where: { status: "failed" } })).toBe(2);
  });

  it("fails the run, not the process, when the committee list is malformed", async () => {
    site.faults.set("/api/agenda/udvalgsliste", [{ kind: "body", body: '{"Udvalg": {"Udvalg 2026' }]);
    const summary = await run();
    expect(summary).toMatchObject({ failed: 1, ok: 0 });
    expect(summary.failures[0]?.error).toMatch(/mødelisten kunne ikke hentes: .*ikke gyldig JSON/);
  });

  it("resumes an interrupted import where it stopped", async () => {
    const controller = new AbortController();
    const reports: MeetingReport[] = [];
    await expect(
      run({ signal: controller.signal, onMeeting: (report) => (reports.push(report), reports.filter((r) => r.status === "ok").length === 2 && controller.abort(new Error("stop"))) }),
    ).rejects.toThrow("stop");
    expect(await db.prisma.meeting.count()).toBe(2);
    const fetched = agendaRequests().length;
    expect(fetched).toBe(2);
    const resumed = await run();
    expect(resumed).toMatchObject({ ok: 3, unchanged: 2, failed: 0 });
    expect(agendaRequests().length - fetched).toBe(4);
    expect(await db.prisma.meeting.count()).toBe(5);
  });

  it("leaves imported meetings out of the text reparse: they have no minutes text to parse", async () => {
    await run();
    const before = await snapshot();
    expect(await countOutdatedDocuments(db.prisma)).toBe(0);
    expect(await reparseDocuments(db.prisma, { all: true })).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("imports only the committees and dates asked for", async () => {
    const summary = await run({ committees: ["byrådet"], since: "2026-04-01" });
    expect(summary).toMatchObject({ discovered: 2, ok: 1, skipped: 1 });
    expect(await db.prisma.meeting.findMany({ select: { kind: true } })).toEqual([{ kind: "dagsorden" }]);
  });

  it("asks one request at a time, with the delay between and the contact in the User-Agent", async () => {
    await run();
    expect(site.requests.length).toBe(7);
    expect(site.maxInFlight).toBe(1);
    expect(new Set(site.requests.map((request) => request.userAgent))).toEqual(new Set([`Referatportalen-import/1.0 (+${CONTACT})`]));
    for (let i = 1; i < site.requests.length; i += 1) {
      const gap = (site.requests[i]?.startedAt ?? 0) - (site.requests[i - 1]?.endedAt ?? 0);
      expect(gap).toBeGreaterThanOrEqual(DELAY_MS - 5);
    }
  });
});
