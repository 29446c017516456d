import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeText } from "./decode-text";
import { WINDOWS_1252_HIGH_CONTROLS, windows1252Encoder } from "./test-windows-1252";

/** Bytes of `text` in UTF-16 with a byte order mark. */
function utf16(text: string, order: "le" | "be"): Uint8Array {
  const le = Buffer.from(`\uFEFF${text}`, "utf16le");
  return order === "le" ? le : le.swap16();
}

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

  it("decodes all 32 bytes 0x80–0x9F as the Windows-1252 table says", () => {
    expect(WINDOWS_1252_HIGH_CONTROLS.map(([byte]) => byte)).toEqual(Array.from({ length: 32 }, (_, i) => 0x80 + i));
    for (const [byte, char] of WINDOWS_1252_HIGH_CONTROLS) {
      // "ø" (0xF8) first makes the input invalid UTF-8 whatever the byte, so the Windows-1252 path decodes it.
      const decoded = decodeText(Uint8Array.of(0xf8, byte));
      expect(decoded.encoding).toBe("windows-1252");
      expect({ byte: byte.toString(16), text: decoded.text }).toEqual({ byte: byte.toString(16), text: `ø${char ?? "\uFFFD"}` });
    }
  });

  it("decodes every other byte as the Latin-1 character of the same number", () => {
    const others = Array.from({ length: 256 }, (_, byte) => byte).filter((byte) => byte < 0x80 || byte > 0x9f);
    expect(others).toHaveLength(224);
    const decoded = decodeText(Uint8Array.from([0xff, 0xff, ...others]));
    expect(decoded.encoding).toBe("windows-1252");
    expect(decoded.text).toBe(String.fromCharCode(0xff, 0xff, ...others));
  });

  it("round-trips any text Windows-1252 can encode, with the encoder built from the table", () => {
    const encoder = windows1252Encoder();
    expect(encoder.size).toBe(251);
    const encodable = fc.constantFrom(...encoder.keys());
    fc.assert(
      fc.property(fc.array(encodable, { minLength: 1, maxLength: 200 }), (chars) => {
        // A leading "ø" (0xF8) is invalid UTF-8 on its own, so decoding cannot take the UTF-8 path.
        const text = `ø${chars.join("")}`;
        const bytes = Uint8Array.from([...text], (char) => encoder.get(char) ?? 0x3f);
        expect(decodeText(bytes)).toEqual({ text, encoding: "windows-1252" });
      }),
    );
  });

  it.each(["le", "be"] as const)("reads UTF-16 %s with a byte order mark instead of calling it binary", (order) => {
    const text = "REFERAT Økonomiudvalget\r\nMødedato: 19-03-2024 kl. 14:00 – €";
    expect(decodeText(utf16(text, order))).toEqual({ text, encoding: `utf-16${order}` });
  });
});
