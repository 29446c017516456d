import { describe, expect, it } from "vitest";
import { decodeText } from "./decode-text";

describe("decodeText", () => {
  it("reads valid UTF-8 and drops a BOM", () => {
    expect(decodeText(new TextEncoder().encode("\uFEFFRådhus"))).toEqual({ text: "Rådhus", encoding: "utf-8" });
  });
  it("falls back to Windows-1252 for invalid UTF-8", () => {
    expect(decodeText(Uint8Array.of(0x52, 0xe5, 0x64, 0x68, 0x75, 0x73, 0x20, 0x96, 0x20, 0x80))).toEqual({
      text: "Rådhus – €",
      encoding: "windows-1252",
    });
  });
});
