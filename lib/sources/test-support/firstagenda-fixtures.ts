import type { FakeCommittee, FakeMeeting } from "./fake-firstagenda";

/** Text that only closed items carry: it must appear nowhere the portal stores, indexes or logs. */
export const CLOSED_MARKER = "LUKKET-HEMMELIGHED-4417";

/** Meeting GUIDs of the fixture site. */
export const IDS = {
  byraadMarch: "11111111-aaaa-4aaa-8aaa-000000000001",
  byraadApril: "11111111-aaaa-4aaa-8aaa-000000000002",
  oekonomiMarch: "22222222-bbbb-4bbb-8bbb-000000000001",
  oekonomiFebruary: "22222222-bbbb-4bbb-8bbb-000000000002",
  teknikOld: "33333333-cccc-4ccc-8ccc-000000000001",
  closedMinutes: "44444444-dddd-4ddd-8ddd-000000000001",
  supplementary: "55555555-eeee-4eee-8eee-000000000001",
} as const;

const closedFields = [
  { Navn: "Sagsfremstilling", Html: `<p>${CLOSED_MARKER} køber og pris</p>`, Link: null, DocumentId: null },
  { Navn: "Beslutning", Html: `<p>Godkendt. ${CLOSED_MARKER}</p>`, Link: null, DocumentId: null },
];

/** Word-style HTML as FirstAgenda's converter writes it, with nested lists, a table and hostile markup. */
export const WORD_HTML = `<meta charset="utf-8"><title>${"Punkt"}</title>
<h3><span style="font-weight:bold">Beslutningstema</span></h3>
<p class=MsoNormal><span>Byrådet skal tage stilling til en ny skolestruktur.</span></p>
<p>&nbsp;</p>
<h3>Sagsfremstilling</h3>
<p>Forvaltningen foreslår <a href="javascript:alert('xss')">tre modeller</a> <a href="https://example.dk/bilag">(se bilag)</a>.</p>
<script>alert("script-i-html")</script>
<ol><li>Model A<ul><li>Lukning af én skole</li><li>Ny overbygning</li></ul></li><li onclick="steal()">Model B</li></ol>
<table><tr><td>Model</td><td>Udgift</td></tr><tr><td>A</td><td>12,5 mio. kr.</td></tr></table>
<h3>Indstilling</h3>
<p>Direktionen indstiller, at model A godkendes.</p>
<h3>Beslutning i Økonomiudvalget den 02-03-2026</h3>
<p>Anbefales.</p>`;

function openItem(id: string, number: number, title: string, fields: unknown[], extra: Record<string, unknown> = {}) {
  return { Id: id, Navn: title, Punktnummer: number, Sorting: number, IsOpen: true, SagsNummer: `27.00.00-A00-${number}-26`, Felter: fields, Bilag: [], ...extra };
}

function byraadMarchAgenda(isMinutes: boolean) {
  return {
    Dagsordenpunkter: [
      openItem(
        "b1000000-0000-4000-8000-000000000001",
        1,
        "Ny skolestruktur (B)",
        [
          { Navn: "Sagsfremstilling", Html: WORD_HTML, Link: null, DocumentId: null },
          ...(isMinutes ? [{ Navn: "Beslutning", Html: "<p>Godkendt.</p><p>Fraværende: Ingen.</p>" }] : []),
        ],
        {
          Bilag: [
            { Id: "9f9f9f9f-0000-4000-8000-000000000002", Navn: "Økonomioversigt", Order: 2 },
            { Id: "9f9f9f9f-0000-4000-8000-000000000001", Navn: "Høringssvar", Order: 1 },
            { Id: "00000000-0000-0000-0000-000000000000", Navn: "Pladsholder", Order: 3 },
          ],
        },
      ),
      openItem("b1000000-0000-4000-8000-000000000002", 2, "Henvendelse fra borger", [
        { Navn: "Sagsfremstilling", Html: "<p>Borgeren med cpr.nr. <b>010190</b>-1234 har skrevet.</p>" },
      ]),
      {
        Id: "b1000000-0000-4000-8000-000000000003",
        Navn: "Salg af ejendom",
        Punktnummer: 3,
        Sorting: 3,
        IsOpen: false,
        SagsNummer: CLOSED_MARKER,
        ItemDecision: `<p>${CLOSED_MARKER}</p>`,
        Felter: closedFields,
        Bilag: [{ Id: "9f9f9f9f-0000-4000-8000-000000000009", Navn: `Tilbud ${CLOSED_MARKER}`, Order: 1 }],
      },
      openItem("b1000000-0000-4000-8000-000000000004", 4, "Lukket: Personalesag", closedFields),
      { Id: "b1000000-0000-4000-8000-000000000005", Navn: "Erstatningssag", Punktnummer: 5, Sorting: 5, Felter: closedFields },
      openItem("b1000000-0000-4000-8000-000000000006", 6, "Fortroligt - Retssag", closedFields),
    ],
  };
}

function simpleAgenda(prefix: string, titles: string[], decision: string | null) {
  return {
    Dagsordenpunkter: titles.map((title, index) =>
      openItem(`${prefix}-0000-4000-8000-00000000000${index + 1}`, index + 1, title, [
        { Navn: "Sagsfremstilling", Html: `<p>${title}: sagens indhold.</p>` },
        ...(decision ? [{ Navn: "Beslutning", Html: `<p>${decision}</p>` }] : []),
      ]),
    ),
  };
}

function meeting(id: string, name: string, beginUtc: string, released: string, agenda: unknown, extra: Partial<FakeMeeting> = {}): FakeMeeting {
  return { id, name, beginUtc, released, agenda, place: "Rådhuset, mødesal 1", ...extra };
}

/** Referat of Byrådet 16 March 2026 (agenda when `isMinutes` is false). */
export function byraadMarch(isMinutes = true): FakeMeeting {
  return meeting(
    IDS.byraadMarch,
    isMinutes ? "Referat" : "Dagsorden",
    "2026-03-16T16:00:00+00:00",
    isMinutes ? "2026-03-18T08:00:00" : "2026-03-09T08:00:00",
    byraadMarchAgenda(isMinutes),
    { endUtc: "2026-03-16T19:30:00+00:00" },
  );
}

/**
 * A site of three committees over two election periods: five meetings to import (minutes and an
 * upcoming agenda), a closed minutes document and a supplementary agenda that are skipped.
 */
export function fixtureCommittees(): FakeCommittee[] {
  return [
    {
      id: "c0000000-0000-4000-8000-000000000001",
      name: "Byrådet",
      period: "Udvalg 2026-2029",
      meetings: [
        byraadMarch(),
        meeting(IDS.byraadApril, "Dagsorden", "2026-04-20T15:00:00+00:00", "2026-04-13T08:00:00", simpleAgenda("b2000000", ["Godkendelse af dagsorden", "Budgetopfølgning"], null)),
        meeting(IDS.closedMinutes, "Lukket referat", "2026-03-16T16:00:00+00:00", "2026-03-18T08:00:00", {
          Dagsordenpunkter: [{ Id: "x", Navn: "Lukket sag", IsOpen: false, Felter: closedFields }],
        }),
        meeting(IDS.supplementary, "Tillægsdagsorden", "2026-04-20T15:00:00+00:00", "2026-04-15T08:00:00", simpleAgenda("b3000000", ["Ekstra punkt"], null), {
          supplementary: true,
        }),
      ],
    },
    {
      id: "c0000000-0000-4000-8000-000000000002",
      name: "Økonomiudvalget",
      period: "Udvalg 2026-2029",
      meetings: [
        meeting(IDS.oekonomiMarch, "Referat", "2026-03-02T15:00:00+00:00", "2026-03-04T08:00:00", simpleAgenda("e1000000", ["Ny skolestruktur", "Anlægsregnskab"], "Anbefales.")),
        meeting(IDS.oekonomiFebruary, "Referat", "2026-02-02T15:00:00+00:00", "2026-02-04T08:00:00", simpleAgenda("e2000000", ["Regnskab 2025"], "Taget til efterretning.")),
      ],
    },
    {
      id: "c0000000-0000-4000-8000-000000000003",
      name: "Teknik- og Miljøudvalget",
      period: "Udvalg 2022-2025",
      meetings: [meeting(IDS.teknikOld, "Referat", "2025-11-10T15:00:00+00:00", "2025-11-12T08:00:00", simpleAgenda("f1000000", ["Vejplan", "Spildevand", "Eventuelt"], "Godkendt."))],
    },
  ];
}
