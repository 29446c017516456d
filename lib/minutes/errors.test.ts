import { describe, expect, it } from "vitest";
import { parseMinutes } from "./index";

const MINIMAL = `REFERAT Byrådet d. 29-01-2020

Mødedato Onsdag d. 29. januar 2020 kl. 19:00

Punkt 1: Godkendelse af dagsorden

Beslutning

Godkendt.
`;

describe("errors: not minutes → ParseError with reason and line, never a throw", () => {
  it("empty and whitespace-only text", () => {
    expect(parseMinutes("")).toEqual({ ok: false, error: { reason: "Dokumentet er tomt.", line: null } });
    expect(parseMinutes(" \n\t\r\n ")).toMatchObject({ ok: false, error: { line: null } });
  });

  it("binary content names the line of the first binary byte", () => {
    const result = parseMinutes("%PDF-1.7\n\u0000\u0001\u0002stream");
    expect(result).toMatchObject({ ok: false, error: { line: 2 } });
    if (!result.ok) expect(result.error.reason).toMatch(/binære/);
  });

  it("no date", () => {
    const result = parseMinutes("Referat\n\nPunkt 1: Godkendelse\n\nBeslutning\n\nGodkendt.");
    expect(result).toMatchObject({ ok: false, error: { line: 1 } });
    if (!result.ok) expect(result.error.reason).toMatch(/mødedato/);
  });

  it("no items", () => {
    const result = parseMinutes("REFERAT Byrådet d. 29-01-2020\n\nMødedato 29. januar 2020 kl. 19:00\n\nIntet på dagsordenen.");
    expect(result).toMatchObject({ ok: false, error: { line: 5 } });
    if (!result.ok) expect(result.error.reason).toMatch(/dagsordenspunkter/);
  });

  it("municipality not inferable asks for the hint; the hint resolves it", () => {
    const result = parseMinutes(MINIMAL);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toMatch(/--municipality/);
    expect(parseMinutes(MINIMAL, { municipality: "Vejen" })).toMatchObject({ ok: true, meeting: { municipality: "Vejen Kommune" } });
    expect(parseMinutes(MINIMAL, { municipality: "Vejen Kommune" })).toMatchObject({ ok: true, meeting: { municipality: "Vejen Kommune" } });
    expect(parseMinutes(MINIMAL, { municipality: "københavn" })).toMatchObject({ ok: true, meeting: { municipality: "Københavns Kommune" } });
    expect(parseMinutes(MINIMAL, { municipality: "Christiansø" })).toMatchObject({ ok: false });
  });

  it("non-string input from untyped callers", () => {
    expect(parseMinutes(undefined as unknown as string)).toMatchObject({ ok: false });
  });

  it("partially unrecognisable text gives a result with warnings and line numbers", () => {
    const text = MINIMAL.replace("Punkt 1: Godkendelse af dagsorden\n", "Punkt 1: Godkendelse af dagsorden\n\nLøs tekst uden overskrift\n");
    const result = parseMinutes(text, { municipality: "Vejen" });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.meeting.warnings).toEqual([expect.objectContaining({ line: 7, text: "Løs tekst uden overskrift" })]);
  });
});
