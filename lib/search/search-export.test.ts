import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import type { SearchHit } from "./query";
import { searchHitsToCsv } from "./search-csv";
import { searchHitsToAtom, withoutXmlForbiddenCharacters } from "./search-feed";

const SITE = "https://referatportalen.dk";

function hit(overrides: Partial<SearchHit>): SearchHit {
  return {
    url: "/vejen/byraadet/2024-03-19/punkt-1",
    title: "Fleksjob og ressourceforløb",
    municipality: "Vejen Kommune",
    municipalitySlug: "vejen",
    committee: "Byrådet",
    committeeSlug: "byraadet",
    date: "2024-03-19",
    number: "1",
    outcome: "approved",
    snippet: [
      { text: "Udvalget & borgerne om ", match: false },
      { text: "fleksjob", match: true },
      { text: " …", match: false },
    ],
    ...overrides,
  };
}

describe("searchHitsToCsv", () => {
  it("writes one row per hit, in Danish, as Danish Excel reads it", () => {
    const csv = searchHitsToCsv([hit({}), hit({ number: "2", url: "/vejen/byraadet/2024-03-19/punkt-2", outcome: "rejected", title: 'Budget; "2025"' })], SITE);
    expect(csv.startsWith("\uFEFFKommune;Udvalg;Mødedato;Punkt;Titel;Beslutning;Uddrag;Link\r\n")).toBe(true);
    const rows = parse(csv, { bom: true, delimiter: ";", columns: true }) as Array<Record<string, string>>;
    expect(rows).toEqual([
      {
        Kommune: "Vejen Kommune",
        Udvalg: "Byrådet",
        Mødedato: "2024-03-19",
        Punkt: "1",
        Titel: "Fleksjob og ressourceforløb",
        Beslutning: "Godkendt",
        Uddrag: "Udvalget & borgerne om fleksjob …",
        Link: `${SITE}/vejen/byraadet/2024-03-19/punkt-1`,
      },
      expect.objectContaining({ Punkt: "2", Titel: 'Budget; "2025"', Beslutning: "Afvist" }),
    ]);
  });

  it("keeps a spreadsheet from running text from a document as a formula", () => {
    const rows = parse(searchHitsToCsv([hit({ title: '=HYPERLINK("https://evil.example")', snippet: [{ text: "+45 1234", match: false }] })], SITE), { bom: true, delimiter: ";", columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows[0]?.Titel).toBe(`'=HYPERLINK("https://evil.example")`);
    expect(rows[0]?.Uddrag).toBe("'+45 1234");
  });
});

describe("searchHitsToAtom", () => {
  const feed = (hits: SearchHit[]) => searchHitsToAtom({ hits, siteUrl: SITE, pagePath: "/soeg?q=fleksjob", feedPath: "/api/search/atom?q=fleksjob", title: "Referatportalen: fleksjob" });

  it("makes one entry per hit, identified by its permalink", () => {
    const atom = feed([hit({}), hit({ url: "/faxe/oekonomiudvalget/2024-02-01/punkt-4", date: "2024-02-01", municipality: "Faxe Kommune" })]);
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(atom.match(/<entry>/g)).toHaveLength(2);
    expect([...atom.matchAll(/<entry>\s*<title[^>]*>.*?<\/title>\s*<id>([^<]+)<\/id>/gs)].map((m) => m[1])).toEqual([
      `${SITE}/vejen/byraadet/2024-03-19/punkt-1`,
      `${SITE}/faxe/oekonomiudvalget/2024-02-01/punkt-4`,
    ]);
    expect(atom).toContain('<link rel="self" href="https://referatportalen.dk/api/search/atom?q=fleksjob"/>');
    // The feed is as new as its newest decision.
    expect(atom).toMatch(/<feed[^]*?<updated>2024-03-19T00:00:00.000Z<\/updated>/);
    expect(atom).toContain("Godkendt · møde tirsdag den 19. marts 2024");
  });

  it("escapes the documents' text: a reader shows it, never runs it", () => {
    const atom = feed([hit({ title: "<script>alert(1)</script>", municipality: "Vejen & Co" })]);
    expect(atom).not.toContain("<script>");
    expect(atom).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(atom).toContain("Vejen &amp; Co, Byrådet");
    expect(atom).toContain("<mark>fleksjob</mark>");
  });

  it("escapes the snippet's text and marks its matches", () => {
    const atom = feed([hit({ snippet: [{ text: "a <b>fed</b> & ", match: false }, { text: "<fleksjob>", match: true }] })]);
    expect(atom).toContain("<p>a &lt;b&gt;fed&lt;/b&gt; &amp; <mark>&lt;fleksjob&gt;</mark></p>");
  });

  // ?q=%01 and a committee named with U+FFFE made feeds no XML parser accepts (issue 12).
  it("stays well-formed XML whatever characters the query and the documents hold", () => {
    const anyText = fc.string({ unit: "binary", maxLength: 30 });
    fc.assert(
      fc.property(anyText, anyText, anyText, (query, committee, snippet) => {
        const atom = searchHitsToAtom({
          hits: [hit({ committee, title: snippet, snippet: [{ text: snippet, match: true }] })],
          siteUrl: SITE,
          pagePath: `/soeg?q=${encodeURIComponent(query)}`,
          feedPath: `/api/search/atom?q=${encodeURIComponent(query)}`,
          title: `Referatportalen: ${query}`,
        });
        expect(xmlErrors(atom)).toEqual([]);
      }),
      { numRuns: 300 },
    );
    for (const name of ["Udvalg\uFFFE", "Udvalg\u0001", "Udvalg\uD800"]) {
      const atom = feed([hit({ committee: name })]);
      expect(xmlErrors(atom)).toEqual([]);
      expect(atom).toContain("Vejen Kommune, Udvalg: punkt 1.");
    }
  });

  it("keeps every character XML allows, astral ones included", () => {
    expect(withoutXmlForbiddenCharacters("a\tb\nc\r æøå \uD7FF\uE000\uFFFD 😀")).toBe("a\tb\nc\r æøå \uD7FF\uE000\uFFFD 😀");
    expect(withoutXmlForbiddenCharacters("\u0000\u0001\u001F\uFFFE\uFFFF\uD800x\uDC00")).toBe("x");
  });
});

/** What a conforming XML 1.0 parser objects to in `xml`. */
function xmlErrors(xml: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on("error", (error) => errors.push(error.message));
  parser.write(xml).close();
  return errors;
}
