import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { AgendaItemPage } from "@/lib/data/browse";
import { AgendaItemView } from "./AgendaItemView";

const meeting: AgendaItemPage["meeting"] = {
  url: "/vejen/byraadet/2026-03-16",
  date: "2026-03-16",
  startTime: "17:00",
  endTime: null,
  kind: "referat",
  location: null,
  participants: [],
  municipality: { name: "Vejen Kommune", slug: "vejen", url: "/vejen" },
  committee: { name: "Byrådet", slug: "byraadet", url: "/vejen/byraadet" },
};

const item: AgendaItemPage = {
  url: "/vejen/byraadet/2026-03-16/punkt-1",
  number: "1",
  title: "Ny skolestruktur",
  closed: false,
  caseNumber: null,
  topic: null,
  decision: "Godkendt.",
  outcome: "approved",
  deviation: null,
  votes: null,
  absent: [],
  sections: [],
  attachments: ["Høringssvar", "Pladsholder"],
  attachmentUrls: ["https://dagsordener.vejen.dk/Vis/Pdf/bilag/9f9f", null],
  source: { url: "https://dagsordener.vejen.dk/vis?id=m1&punktid=p1", host: "dagsordener.vejen.dk" },
  meeting,
  previous: null,
  next: null,
};

describe("AgendaItemView", () => {
  it("links 'Kilde' to the municipality's page for the item and attachments to the site", () => {
    const html = renderToStaticMarkup(createElement(AgendaItemView, { item, siteUrl: "https://referatportalen.dk" }));
    expect(html).toContain('Kilde: <a href="https://dagsordener.vejen.dk/vis?id=m1&amp;punktid=p1" rel="noopener noreferrer external"');
    expect(html).toContain('<a href="https://dagsordener.vejen.dk/Vis/Pdf/bilag/9f9f" rel="noopener noreferrer external" class="text-brand underline underline-offset-2">Høringssvar</a>');
    expect(html).toContain("<li>Pladsholder</li>");
  });

  it("marks a decision that departs from the recommendation and lists votes with links to named persons", () => {
    const votes = {
      for: [{ label: "A", url: null }],
      against: [{ label: "Anne Hansen (F)", url: "/vejen/person/anne-hansen" }],
      abstained: [],
      totals: { for: 7, against: 1, abstained: null },
      reservations: [{ label: "Ø", url: null, kind: "mindretalsudtalelse" as const, text: "Vi kan ikke støtte forslaget." }],
    };
    const html = renderToStaticMarkup(createElement(AgendaItemView, { item: { ...item, deviation: "amended", votes }, siteUrl: "https://referatportalen.dk" }));
    expect(html).toContain(">Ændret<");
    expect(html).toContain('<a class="text-brand underline underline-offset-2" href="/vejen/person/anne-hansen">Anne Hansen (F)</a>');
    expect(html).toContain('<th scope="row" class="py-1 pr-4 font-semibold">Imod</th>');
    expect(html).toContain("Mindretalsudtalelse");
    const plain = renderToStaticMarkup(createElement(AgendaItemView, { item, siteUrl: "https://referatportalen.dk" }));
    expect(plain).not.toContain("Afstemning og dissens");
    expect(plain).not.toContain("Afviger fra indstillingen");
  });

  it("shows no 'Kilde' for a document ingested from a file", () => {
    const html = renderToStaticMarkup(createElement(AgendaItemView, { item: { ...item, source: null }, siteUrl: "https://referatportalen.dk" }));
    expect(html).not.toContain("Kilde");
  });
});
