/** The encodings a text file is read in. */
export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/** Text decoded from bytes, with the encoding that was used. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

// Windows-1252 bytes 0x80–0x9F; the rest is identical to Latin-1. Spelled out because Node's
// TextDecoder("windows-1252") decodes these bytes as Latin-1 C1 controls (nodejs/node#56542),
// which would turn "–" and "€" into invisible characters. The five bytes the code page leaves
// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+FFFD, as invalid UTF-8 would: an invisible
// control character in published text helps nobody, and the binary check counts U+FFFD.
const HIGH_CONTROL_RANGE =
  "\u20AC\uFFFD\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\uFFFD\u017D\uFFFD" +
  "\uFFFD\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\uFFFD\u017E\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return latin1.replace(/[\u0080-\u009F]/g, (char) => HIGH_CONTROL_RANGE[char.charCodeAt(0) - 0x80] ?? char);
}

/** The UTF-16 byte order a byte order mark announces, or null. */
function utf16ByteOrder(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}

/**
 * Decode a file's bytes: UTF-16 (little or big endian) when a byte order mark says so, as Word's
 * and Notepad's "Unicode" text exports do; else UTF-8 when valid (a BOM is dropped); otherwise
 * Windows-1252, the encoding older Danish exports use. Windows-1252 maps every byte, so this
 * never fails.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const utf16 = utf16ByteOrder(bytes);
  if (utf16 !== null) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}
