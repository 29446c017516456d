import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readSearchDocuments } from "@/lib/data/search-documents";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { makePdf } from "@/lib/ingest/test-pdf";
import type { SearchDocument } from "@/lib/search/search-document";
import { startFakeFirstAgenda, type FakeFirstAgenda } from "../test-support/fake-firstagenda";
import { CLOSED_MARKER, fixtureCommittees } from "../test-support/firstagenda-fixtures";
import { agendaRequestsOf, runImport, snapshotTables } from "../test-support/import-harness";
import { DEFAULT_ATTACHMENT_LIMITS, pdfUrlFromViewer } from "./attachment-text";

/** Document ids of the fixture's attachments (see firstagenda-fixtures.ts). */
const HOERINGSSVAR = "9f9f9f9f-0000-4000-8000-000000000001";
const OEKONOMI = "9f9f9f9f-0000-4000-8000-000000000002";
const CLOSED_ITEMS_OFFER = "9f9f9f9f-0000-4000-8000-000000000009";
const ZERO_GUID = "00000000-0000-0000-0000-000000000000";

let db: TestDatabase;
let site: FakeFirstAgenda;
let limits = DEFAULT_ATTACHMENT_LIMITS;
beforeEach(async () => {
  db = await createTestDatabase();
  site = await startFakeFirstAgenda(fixtureCommittees());
  const hoeringssvar = await makePdf(["Høringssvar fra skolebestyrelsen", "", "Vi støtter model A.", "Kontakt: forælder 010190-1234"]);
  site.attachments.set(HOERINGSSVAR, hoeringssvar);
  site.attachments.set(OEKONOMI, await makePdf(Array.from({ length: 400 }, (_, i) => `Økonomilinje ${i} med tal og forklaringer om anlægsudgifter`)));
  site.attachments.set(CLOSED_ITEMS_OFFER, await makePdf([`Tilbud ${CLOSED_MARKER}`]));
  site.attachments.set(ZERO_GUID, await makePdf([`Pladsholder ${CLOSED_MARKER}`]));
  // Room for the hearing response, not for the 400-line budget.
  limits = { ...DEFAULT_ATTACHMENT_LIMITS, maxPdfBytes: hoeringssvar.byteLength + 512 };
});
afterEach(async () => {
  await site.close();
  await db.drop();
});

const attachmentRequests = () => site.requests.filter((request) => request.path.startsWith("/Vis/") || request.path.startsWith("/signed/"));

async function schoolItem() {
  return db.prisma.agendaItem.findFirstOrThrow({
    where: { meeting: { committee: { name: "Byrådet" }, kind: "referat" }, number: "1" },
    include: { sections: { orderBy: { position: "asc" } }, attachments: { orderBy: { position: "asc" } }, meeting: { select: { warnings: true } } },
  });
}

describe("attachment PDFs (--with-attachments)", () => {
  it("indexes an open item's attachment text under Bilag, CPR numbers removed, and never fetches a closed item's or a placeholder's", async () => {
    const summary = await runImport(db, site, { withAttachments: true, attachmentLimits: limits });
    expect(summary).toMatchObject({ ok: 5, failed: 0, cprRedactions: 2 });
    const item = await schoolItem();
    const bilag = item.sections.filter((section) => section.kind === "bilag");
    expect(bilag.map((section) => section.heading)).toEqual(["Bilag: Høringssvar"]);
    expect(bilag[0]?.text).toBe("Høringssvar fra skolebestyrelsen\n\nVi støtter model A.\n\nKontakt: forælder [CPR fjernet]");
    expect(item.meeting.warnings).toEqual([{ line: 1, message: expect.stringMatching(/^Bilag "Økonomioversigt" til punkt 1 er ikke læst: .*svaret er større end \d+ kB$/), text: "" }]);

    // Viewer page, then the signed URL it names; the oversized PDF was abandoned, not retried.
    expect(attachmentRequests().map((request) => request.path.replace(/\?.*/, ""))).toEqual([
      `/Vis/Pdf/bilag/${HOERINGSSVAR}`,
      `/signed/${HOERINGSSVAR}`,
      `/Vis/Pdf/bilag/${OEKONOMI}`,
      `/signed/${OEKONOMI}`,
    ]);
    expect(site.maxInFlight).toBe(1);

    const docs: SearchDocument[] = [];
    for await (const doc of readSearchDocuments(db.prisma)) docs.push(doc);
    expect(docs.length).toBeGreaterThan(0);
    expect(JSON.stringify(docs)).toContain("skolebestyrelsen");
    const everything = JSON.stringify([await snapshotTables(db), docs, summary]);
    expect(everything).not.toContain(CLOSED_MARKER);
    expect(everything).not.toContain("010190-1234");
  });

  it("fetches no attachment without the flag, and fetches meetings again once it is given", async () => {
    await runImport(db, site);
    expect(attachmentRequests()).toEqual([]);
    expect((await schoolItem()).sections.some((section) => section.kind === "bilag")).toBe(false);

    const second = await runImport(db, site, { withAttachments: true, attachmentLimits: limits });
    expect(second).toMatchObject({ updated: 1, unchanged: 4, failed: 0 });
    expect((await schoolItem()).sections.some((section) => section.kind === "bilag")).toBe(true);

    const requests = agendaRequestsOf(site).length;
    expect(await runImport(db, site, { withAttachments: true, attachmentLimits: limits })).toMatchObject({ unchanged: 5, updated: 0, ok: 0 });
    expect(agendaRequestsOf(site).length).toBe(requests);
  });

  it("leaves out a text with a closed marker and a scan without text, as warnings of the meeting", async () => {
    const secret = "FORTROLIGT-BILAG-5521";
    site.attachments.set(HOERINGSSVAR, await makePdf(["Fortroligt", secret]));
    site.attachments.set(OEKONOMI, await makePdf([]));
    const summary = await runImport(db, site, { withAttachments: true });
    expect(summary).toMatchObject({ ok: 5, failed: 0 });
    const item = await schoolItem();
    expect(item.sections.some((section) => section.kind === "bilag")).toBe(false);
    expect((item.meeting.warnings as Array<{ message: string }>).map((warning) => warning.message)).toEqual([
      'Bilag "Høringssvar" til punkt 1 er ikke læst: teksten har en lukket-markering og vises ikke',
      expect.stringMatching(/^Bilag "Økonomioversigt" til punkt 1 er ikke læst: PDF-filen indeholder ingen tekst/),
    ]);
    expect(attachmentRequests().some((request) => request.path.includes(ZERO_GUID) || request.path.includes(CLOSED_ITEMS_OFFER))).toBe(false);
    expect(JSON.stringify(await snapshotTables(db))).not.toContain(secret);
  });

  it("names a PDF that cannot be fetched in the warning without its signed URL's signature", async () => {
    site.faults.set(`/signed/${HOERINGSSVAR}`, [404, 404].map((status) => ({ kind: "status" as const, status })));
    expect(await runImport(db, site, { withAttachments: true, attachmentLimits: limits })).toMatchObject({ ok: 5, failed: 0 });
    const warnings = JSON.stringify((await schoolItem()).meeting.warnings);
    expect(warnings).toContain(`Bilag \\"Høringssvar\\" til punkt 1 er ikke læst: ${site.url}/signed/${HOERINGSSVAR}: HTTP 404`);
    expect(warnings).not.toContain("sig=");
  });
});

describe("pdfUrlFromViewer", () => {
  const viewer = "https://dagsordener.vejen.dk/Vis/Pdf/bilag/9f9f";

  it("reads the iframe's signed URL, resolved against the viewer page", () => {
    expect(pdfUrlFromViewer(`<html><body><iframe src="https://blob.example.net/bilag.pdf?sig=a&amp;se=1"></iframe></body></html>`, viewer)).toBe(
      "https://blob.example.net/bilag.pdf?sig=a&se=1",
    );
    expect(pdfUrlFromViewer(`<div><iframe src=" /pdf/9f9f?sig=x "></div>`, viewer)).toBe("https://dagsordener.vejen.dk/pdf/9f9f?sig=x");
  });

  it("refuses a page without an iframe, a script URL and internal addresses", () => {
    expect(() => pdfUrlFromViewer(`<p>Ingen PDF</p><!-- <iframe src="/x.pdf"></iframe> -->`, viewer)).toThrow("visningssiden har ingen <iframe>");
    expect(() => pdfUrlFromViewer(`<iframe src="javascript:alert(1)"></iframe>`, viewer)).toThrow("ikke på en http(s)-adresse");
    for (const internal of ["http://127.0.0.1:8080/x.pdf", "http://10.0.0.5/x.pdf", "http://localhost/x.pdf", "http://[::1]/x.pdf"]) {
      expect(() => pdfUrlFromViewer(`<iframe src="${internal}"></iframe>`, viewer)).toThrow("intern adresse");
    }
  });
});
