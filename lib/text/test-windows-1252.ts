/**
 * Test support: bytes 0x80–0x9F of Windows-1252, written out from the code page's specification
 * (Unicode's MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT), independent of the decoder under test.
 * `null` marks the five bytes the code page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
 * Every other byte is the code point of the same number (ASCII and Latin-1).
 */
export const WINDOWS_1252_HIGH_CONTROLS: ReadonlyArray<readonly [byte: number, char: string | null]> = [
  [0x80, "\u20AC"], // EURO SIGN
  [0x81, null],
  [0x82, "\u201A"], // SINGLE LOW-9 QUOTATION MARK
  [0x83, "\u0192"], // LATIN SMALL LETTER F WITH HOOK
  [0x84, "\u201E"], // DOUBLE LOW-9 QUOTATION MARK
  [0x85, "\u2026"], // HORIZONTAL ELLIPSIS
  [0x86, "\u2020"], // DAGGER
  [0x87, "\u2021"], // DOUBLE DAGGER
  [0x88, "\u02C6"], // MODIFIER LETTER CIRCUMFLEX ACCENT
  [0x89, "\u2030"], // PER MILLE SIGN
  [0x8a, "\u0160"], // LATIN CAPITAL LETTER S WITH CARON
  [0x8b, "\u2039"], // SINGLE LEFT-POINTING ANGLE QUOTATION MARK
  [0x8c, "\u0152"], // LATIN CAPITAL LIGATURE OE
  [0x8d, null],
  [0x8e, "\u017D"], // LATIN CAPITAL LETTER Z WITH CARON
  [0x8f, null],
  [0x90, null],
  [0x91, "\u2018"], // LEFT SINGLE QUOTATION MARK
  [0x92, "\u2019"], // RIGHT SINGLE QUOTATION MARK
  [0x93, "\u201C"], // LEFT DOUBLE QUOTATION MARK
  [0x94, "\u201D"], // RIGHT DOUBLE QUOTATION MARK
  [0x95, "\u2022"], // BULLET
  [0x96, "\u2013"], // EN DASH
  [0x97, "\u2014"], // EM DASH
  [0x98, "\u02DC"], // SMALL TILDE
  [0x99, "\u2122"], // TRADE MARK SIGN
  [0x9a, "\u0161"], // LATIN SMALL LETTER S WITH CARON
  [0x9b, "\u203A"], // SINGLE RIGHT-POINTING ANGLE QUOTATION MARK
  [0x9c, "\u0153"], // LATIN SMALL LIGATURE OE
  [0x9d, null],
  [0x9e, "\u017E"], // LATIN SMALL LETTER Z WITH CARON
  [0x9f, "\u0178"], // LATIN CAPITAL LETTER Y WITH DIAERESIS
];

/** Character → byte for every character Windows-1252 can encode, from the table above. */
export function windows1252Encoder(): ReadonlyMap<string, number> {
  const encoder = new Map<string, number>();
  for (let byte = 0; byte < 256; byte += 1) if (byte < 0x80 || byte > 0x9f) encoder.set(String.fromCharCode(byte), byte);
  for (const [byte, char] of WINDOWS_1252_HIGH_CONTROLS) if (char !== null) encoder.set(char, byte);
  return encoder;
}
