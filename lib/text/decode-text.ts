/** Text decoded from bytes, with the encoding that was used. */
export interface DecodedText {
  text: string;
  encoding: "utf-8" | "windows-1252";
}

// Windows-1252 bytes 0x80–0x9F (WHATWG Encoding Standard); the rest is identical to Latin-1.
// Spelled out because Node's TextDecoder("windows-1252") decodes these bytes as Latin-1 C1
// controls (nodejs/node#56542), which would turn "–" and "€" into invisible characters.
const HIGH_CONTROL_RANGE =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    text += String.fromCharCode(...chunk).replace(/[\u0080-\u009F]/g, (char) => HIGH_CONTROL_RANGE[char.charCodeAt(0) - 0x80] ?? char);
  }
  return text;
}

/**
 * Decode a file's bytes: UTF-8 when valid (a BOM is dropped), otherwise Windows-1252, the
 * encoding older Danish exports use. Windows-1252 maps every byte, so this never fails.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}
