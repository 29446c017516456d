import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MUNICIPALITIES } from "@/lib/minutes/municipalities";
import { slugifyMunicipality } from "@/lib/text/slugify";
import { RESERVED_COMMITTEE_SLUGS, slugifyCommittee } from "./paths";

/** Static route folders in an app folder that a slug could spell (lowercase letters, digits, "-"). */
function slugShapedRoutes(folder: string): string[] {
  return readdirSync(path.join(process.cwd(), "app", folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^[a-z0-9-]+$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

describe("committee slugs", () => {
  it("reserves exactly the municipality's own page names", () => {
    const routes = slugShapedRoutes("[kommune]");
    expect(routes).toContain("sag");
    expect([...RESERVED_COMMITTEE_SLUGS].sort()).toEqual(routes);
  });

  it("keeps a committee named like one of those pages off its URL", () => {
    expect(slugifyCommittee("Sag")).toBe("sag-udvalg");
    expect(slugifyCommittee("Person")).toBe("person-udvalg");
    expect(slugifyCommittee("Datagrundlag")).toBe("datagrundlag-udvalg");
    expect(slugifyCommittee("– – –")).toBe("udvalg");
    expect(slugifyCommittee("Udvalget for Sag og Person")).toBe("udvalget-for-sag-og-person");
    expect(slugifyCommittee("Økonomiudvalget")).toBe("oekonomiudvalget");
  });

  it("no municipality's slug is a top-level page's name", () => {
    const routes = new Set(slugShapedRoutes("."));
    expect(routes.has("soeg")).toBe(true);
    expect(MUNICIPALITIES.length).toBe(98);
    for (const municipality of MUNICIPALITIES) expect(routes.has(slugifyMunicipality(municipality.name)), municipality.name).toBe(false);
  });
});
