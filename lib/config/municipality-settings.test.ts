import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readMunicipalitySettings } from "./municipality-settings";

function write(content: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "municipalities-")), "municipalities.json");
  writeFileSync(file, content);
  return file;
}

describe("readMunicipalitySettings", () => {
  it("reads each municipality's access request address", () => {
    const file = write(JSON.stringify({ municipalities: [{ slug: "vejen", accessRequestEmail: "aktindsigt@vejen.example" }, { slug: "faxe" }] }));
    expect([...readMunicipalitySettings(file).values()]).toEqual([
      { slug: "vejen", accessRequestEmail: "aktindsigt@vejen.example" },
      { slug: "faxe", accessRequestEmail: null },
    ]);
  });

  it("the shipped municipalities.json is valid", () => {
    expect(() => readMunicipalitySettings("municipalities.json")).not.toThrow();
  });

  it("a missing file is no settings", () => {
    expect(readMunicipalitySettings(path.join(os.tmpdir(), "no-such-dir-x", "municipalities.json")).size).toBe(0);
  });

  it("names the file and line of a syntax error, and the entry of a bad value", () => {
    const broken = write('{\n  "municipalities": [\n    { "slug": "vejen", }\n  ]\n}\n');
    expect(() => readMunicipalitySettings(broken)).toThrow(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3: ugyldig JSON`));
    const badMail = write(JSON.stringify({ municipalities: [{ slug: "vejen", accessRequestEmail: "vejen.dk?cc=x@y.dk" }] }));
    expect(() => readMunicipalitySettings(badMail)).toThrow(/municipalities\[0\]\.accessRequestEmail skal være en mailadresse/);
  });
});
