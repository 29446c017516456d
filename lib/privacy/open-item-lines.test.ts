import { describe, expect, it } from "vitest";
import { findMarkersInOpenItems } from "./open-item-lines";

const TEXT = ["Punkt 1: Budget", "", "Teksten.", "(Lukket)", "Mere tekst.", "", "Lukket dagsorden", "", "Punkt 2: Personsag", "", "Fortroligt"].join("\n");

describe("findMarkersInOpenItems", () => {
  it("finds a marker line inside an open item, wherever the parser put it", () => {
    expect(findMarkersInOpenItems(TEXT, [{ number: "1", line: 1, closed: false }, { number: "2", line: 9, closed: true }])).toEqual([
      { itemNumber: "1", line: 4, marker: "Lukket" },
    ]);
  });

  it("lets a marker that opens the closed item below end an open item, but not when that item is open", () => {
    expect(findMarkersInOpenItems(TEXT, [{ number: "1", line: 1, closed: false }, { number: "2", line: 9, closed: false }])).toEqual([
      { itemNumber: "1", line: 4, marker: "Lukket" },
      { itemNumber: "1", line: 7, marker: "Lukket dagsorden" },
      { itemNumber: "2", line: 11, marker: "Fortroligt" },
    ]);
  });

  it("finds a marker in an open item's own heading, also right above a closed item", () => {
    const text = "Punkt 1: Salg (Lukket)\n\nPunkt 2: Eventuelt";
    expect(findMarkersInOpenItems(text, [{ number: "1", line: 1, closed: false }, { number: "2", line: 3, closed: true }])).toEqual([
      { itemNumber: "1", line: 1, marker: "Lukket" },
    ]);
  });
});
