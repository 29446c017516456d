import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vejenMinutes } from "@/lib/cases/test-support/vejen-minutes";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { SAMPLES_DIR, makeTempDir, writeFixture } from "@/lib/ingest/test-fixtures";
import { getCasePage, getItemCaseHistory, type CaseEvent } from "./cases";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const dir = makeTempDir();
  const files = [
    writeFixture(
      dir,
      "oeu.txt",
      vejenMinutes({
        committee: "Økonomiudvalget",
        date: "2024-04-02",
        items: [
          {
            number: "7",
            title: "Beredskabsplan for negativ social kontrol",
            caseNumber: "23/21342",
            decision: "Anbefales.",
            // The Vejen sample's item 2 (2024-03-19) is the same case and quotes the 2024-01-16 steps too.
            sections: [["Tidligere behandling", "16.01.2024 Udvalget for skoler og børn\n\n19.03.2024 Udvalget for arbejdsmarked og integration"]],
          },
          { number: "8", title: "Lukket sag", caseNumber: "23/21342", closed: true },
        ],
      }),
    ),
  ];
  const summary = await ingestFiles(db.prisma, [SAMPLES_DIR, ...files]);
  expect(summary.failures).toEqual([]);
});
afterAll(() => db.drop());

const describeEvent = (event: CaseEvent) =>
  event.kind === "item" ? `${event.date} ${event.committee.name}: punkt ${event.number} ${event.title} (${event.outcome})` : `${event.date} ${event.body} (citeret i punkt ${event.quotedIn.number})`;

describe("case pages", () => {
  it("shows one timeline across two committees, oldest first, with the quoted steps the portal lacks once", async () => {
    const page = await getCasePage("vejen", "23-21342");
    expect(page).toMatchObject({ number: "23/21342", url: "/vejen/sag/23-21342", title: "Beredskabsplan for negativ social kontrol" });
    expect(page?.events.map(describeEvent)).toEqual([
      "2024-01-16 Udvalget for arbejdsmarked og integration (citeret i punkt 2)",
      "2024-01-16 Udvalget for skoler og børn (citeret i punkt 2)",
      "2024-03-19 Udvalget for arbejdsmarked og integration: punkt 2 Godkendelse efter høring af ny beredskabsplan for negativ social kontrol, æresrelaterede konflikter og ekstremisme (recommended)",
      "2024-04-02 Økonomiudvalget: punkt 7 Beredskabsplan for negativ social kontrol (recommended)",
    ]);
    const linked = page?.events.find((event) => event.kind === "item" && event.number === "2");
    expect(linked).toMatchObject({ url: "/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-19/punkt-2" });
  });

  it("the same history from either item; a closed item of the case number is not part of it", async () => {
    const fromUai = await getItemCaseHistory("vejen", "udvalget-for-arbejdsmarked-og-integration", "2024-03-19", "2");
    const fromOeu = await getItemCaseHistory("vejen", "oekonomiudvalget", "2024-04-02", "7");
    expect(fromUai?.case).toEqual({ number: "23/21342", url: "/vejen/sag/23-21342" });
    expect(fromUai?.events.length).toBe(4);
    expect(fromOeu).toEqual(fromUai);
    expect(await getItemCaseHistory("vejen", "oekonomiudvalget", "2024-04-02", "8")).toBeNull();
    expect(JSON.stringify(fromUai)).not.toContain("Lukket sag");
  });

  it("the KLE topic of a case number with a KLE code", async () => {
    const page = await getCasePage("faxe", "15-00-00-a00-28-23");
    expect(page?.topic).toEqual({ code: "15", name: expect.any(String) });
    expect(page?.events).toHaveLength(1);
  });

  it("an item of Varde's meeting journal number has no case but shows the decision it quotes", async () => {
    expect(await getCasePage("varde", "emn-2022-81268")).toBeNull();
    const history = await getItemCaseHistory("varde", "udvalget-for-arbejdsmarked-og-integration", "2022-12-15", "6");
    expect(history?.case).toBeNull();
    expect(history?.events.map(describeEvent)).toEqual([
      "2022-11-22 Udvalget for Børn og Læring (citeret i punkt 6)",
      "2022-12-15 Udvalget for Arbejdsmarked og Integration: punkt 6 Orientering - Forankring af en Sammenhængende Familieindsats (noted)",
    ]);
  });

  it("unknown cases and municipalities are null", async () => {
    expect(await getCasePage("vejen", "findes-ikke")).toBeNull();
    expect(await getCasePage("findes-ikke", "23-21342")).toBeNull();
  });
});
