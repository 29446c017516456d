import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMinutes } from "@/lib/minutes";
import { caseKeysOfItems, findMeetingLevelNumbers } from "./item-case-keys";

function sampleItems(file: string) {
  const result = parseMinutes(readFileSync(path.resolve("data/samples", file), "utf8"));
  if (!result.ok) throw new Error(`${file}: ${result.error.reason}`);
  return result.meeting.items;
}

describe("meeting-level journal numbers", () => {
  it("Varde 2022-12-15 prints its journal number EMN-2022-81268 on six items: no case", () => {
    const items = sampleItems("varde-2022-12-15-arbejdsmarked-og-integration.md");
    expect(items.filter((item) => item.caseNumber === "EMN-2022-81268")).toHaveLength(6);
    expect(findMeetingLevelNumbers(items)).toEqual(new Set(["emn-2022-81268"]));
    expect(caseKeysOfItems(items).filter((key) => key !== null)).toEqual([]);
  });

  it("Faxe 2023-11-06 keeps its standing case 00.00.00-A00-3-23 (3 of 10 items) and every other case", () => {
    const items = sampleItems("faxe-2023-11-06-beskaeftigelse-og-integration.txt");
    expect(findMeetingLevelNumbers(items).size).toBe(0);
    const keys = caseKeysOfItems(items);
    const withNumber = items.filter((item) => !item.closed && item.caseNumber !== null).length;
    expect(withNumber).toBeGreaterThan(0);
    expect(keys.filter((key) => key !== null)).toHaveLength(withNumber);
    expect(keys.filter((key) => key?.slug === "00-00-00-a00-3-23")).toHaveLength(3);
  });

  it("a number on more than half the items but fewer than three is a case (a small meeting on one matter)", () => {
    const items = [
      { caseNumber: "24/1", closed: false },
      { caseNumber: "24/1", closed: false },
      { caseNumber: null, closed: false },
    ];
    expect(caseKeysOfItems(items).map((key) => key?.slug ?? null)).toEqual(["24-1", "24-1", null]);
  });

  it("closed items join no case", () => {
    expect(caseKeysOfItems([{ caseNumber: "24/1", closed: true }])).toEqual([null]);
  });
});
