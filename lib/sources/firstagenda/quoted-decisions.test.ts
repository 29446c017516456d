import { describe, expect, it } from "vitest";
import { buildItemSections } from "./item-sections";

const context = { meetingDate: "2026-03-26", committee: "Byrådet" };

describe("FirstAgenda fields quoting an earlier body's decision", () => {
  it("'Økonomiudvalgets beslutning den 16-03-2026' opens an earlier decision, never the meeting's own", () => {
    const { sections, ownDecision } = buildItemSections(
      [
        { name: "Indstilling", html: "<p>Direktøren indstiller, at planen godkendes.</p>" },
        { name: "Beslutning", html: "<p>Godkendt.</p><h3>Økonomiudvalgets beslutning den 16-03-2026</h3><p>Fraværende: Carl Nielsen</p><p>Anbefales.</p>" },
      ],
      null,
      context,
    );
    expect(ownDecision).toBe("Godkendt.");
    expect(sections.map((s) => [s.kind, s.heading, s.text])).toEqual([
      ["indstilling", "Indstilling", "Direktøren indstiller, at planen godkendes."],
      ["beslutning", "Beslutning", "Godkendt."],
      ["tidligere_behandling", "Økonomiudvalgets beslutning den 16-03-2026", "Fraværende: Carl Nielsen\n\nAnbefales."],
    ]);
  });
});
