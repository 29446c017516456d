import { readFile } from "node:fs/promises";
import wabt from "wabt";

/** The WebAssembly binary of the text-format module in `file`, compiled by wabt (its errors name the file and line). */
export async function compileWat(file: string): Promise<Uint8Array> {
  const text = await readFile(file, "utf8");
  const toolkit = await wabt();
  const parsed = toolkit.parseWat(file, text);
  try {
    parsed.validate();
    return Uint8Array.from(parsed.toBinary({ write_debug_names: false }).buffer);
  } finally {
    parsed.destroy();
  }
}
