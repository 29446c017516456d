/** Text decoded from bytes, with the encoding that was used. */
export interface DecodedText {
  text: string;
  encoding: "utf-8" | "windows-1252";
}

/**
 * Decode a file's bytes: UTF-8 when valid (a BOM is dropped), otherwise Windows-1252, the
 * encoding older Danish exports use. Windows-1252 maps every byte, so this never fails.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}
