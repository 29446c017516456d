import fc from "fast-check";
import { parseDocument, DomUtils } from "htmlparser2";
import { describe, expect, it } from "vitest";
import type { SearchHit } from "@/lib/search/query";
import { composeDigest } from "./compose-digest";

const CONTEXT = {
  to: "a@example.dk",
  query: "q=skole",
  siteUrl: "https://referater.example",
  unsubscribePageUrl: "https://referater.example/abonnement/afmeld?id=1&sig=x",
  oneClickUrl: "https://referater.example/api/abonnement/afmeld?id=1&sig=x",
};

function hit(overrides: Partial<SearchHit>): SearchHit {
  return {
    url: "/vejen/udvalg/2024-03-19/punkt-1",
    title: "Skole",
    municipality: "Vejen Kommune",
    municipalitySlug: "vejen",
    committee: "Børneudvalget",
    committeeSlug: "boerneudvalget",
    date: "2024-03-19",
    number: "1",
    outcome: "approved",
    snippet: [
      { text: "om ", match: false },
      { text: "skole", match: true },
      { text: "n", match: false },
    ],
    ...overrides,
  };
}

const ALLOWED = new Set(["html", "head", "meta", "title", "body", "p", "h2", "h3", "ul", "li", "a", "br", "small", "mark", "hr"]);

describe("composeDigest", () => {
  it("escapes every document text in the HTML part, whatever it holds", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (title, committee, number, snippetText) => {
        const snippet = [
          { text: `${snippetText} `, match: false },
          { text: title, match: true },
        ];
        const mail = composeDigest(CONTEXT, [hit({ title, committee, number, snippet })]);
        const document = parseDocument(mail.html);
        const elements = DomUtils.getElementsByTagName(() => true, document.children, true);
        expect(elements.length).toBeGreaterThan(5);
        for (const element of elements) expect(ALLOWED).toContain(element.name);
        const text = DomUtils.textContent(document);
        expect(text).toContain(`Punkt ${number}. ${title}`);
        expect(text).toContain(committee);
        expect(text).toContain(`${snippetText} ${title}`);
        expect(mail.text).toContain(`${snippetText} ${title}`);
      }),
      { numRuns: 300 },
    );
  });

  it("groups by municipality and committee, links each permalink, and carries RFC 8058 headers", () => {
    const mail = composeDigest(CONTEXT, [
      hit({ url: "/vejen/a/2024-03-19/punkt-1", committee: "A-udvalget" }),
      hit({ url: "/faxe/b/2024-03-18/punkt-2", municipality: "Faxe Kommune", municipalitySlug: "faxe", committee: "B-udvalget", number: "2" }),
      hit({ url: "/vejen/a/2024-03-12/punkt-3", committee: "A-udvalget", number: "3" }),
    ]);
    expect(mail.subject).toBe("3 nye punkter for din søgning “skole”");
    expect(mail.text.indexOf("Vejen Kommune")).toBeLessThan(mail.text.indexOf("Faxe Kommune"));
    expect(mail.text.match(/A-udvalget\n-+/g)).toHaveLength(1);
    for (const url of ["/vejen/a/2024-03-19/punkt-1", "/faxe/b/2024-03-18/punkt-2", "/vejen/a/2024-03-12/punkt-3"]) {
      expect(mail.text).toContain(`https://referater.example${url}`);
      expect(mail.html).toContain(`href="https://referater.example${url}"`);
    }
    expect(mail.text).toContain("Godkendt · møde tirsdag den 19. marts 2024");
    expect(mail.headers).toEqual({ "List-Unsubscribe": `<${CONTEXT.oneClickUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  });

  it("refuses to build a digest without hits", () => {
    expect(() => composeDigest(CONTEXT, [])).toThrow(/at least one hit/);
  });
});
