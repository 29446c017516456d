import { readFile, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { temporaryDirectories } from "@/lib/test-support/temporary-directories";
import { mulberry32 } from "@/lib/corpus/random";
import { CorruptIndexFileError } from "./section-store";
import { columnFiles, StringColumn } from "./string-column";

const directories = temporaryDirectories("string-column-");

const EDGE_CASES: Array<string | null> = [
  "",
  "Æblegrød på Ærø: øl, å og Å",
  null,
  "",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 uden for BMP",
  "\u0000nul-tegn\u0000",
  "e\u0301 (to kodepunkter)",
  null,
  "/vejen/byraadet/2024-03-19/1",
  "ÿ\u00ff\uffff",
  "",
];

// Well-formed strings only: a lone surrogate has no UTF-8 encoding (it comes back as U+FFFD).
const ALPHABET = ["a", "Z", "æ", "ø", "å", "Æ", "Ø", "Å", " ", "-", "/", "\n", "é", "ß", "€", "中", "😀", "𝔘", "\u0301", "\u00ff"];

function generated(seed: number, count: number): Array<string | null> {
  const next = mulberry32(seed);
  return Array.from({ length: count }, () => {
    if (next() < 0.1) return null;
    const length = next() < 0.2 ? 0 : Math.floor(next() * 40);
    return Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join("");
  });
}

async function roundTrip(values: ReadonlyArray<string | null>): Promise<StringColumn<string | null>> {
  const dir = directories.create();
  await StringColumn.of(values).writeTo(dir, "column");
  return StringColumn.read<string | null>(dir, "column", values.length);
}

describe("StringColumn", () => {
  it("gives back every entry after push, and after write and read: empty strings, nulls, Danish letters, characters outside the BMP", async () => {
    const built = StringColumn.of(EDGE_CASES);
    expect(built.length).toBe(EDGE_CASES.length);
    expect(Array.from(built.values())).toEqual(EDGE_CASES);
    const read = await roundTrip(EDGE_CASES);
    expect(read.length).toBe(EDGE_CASES.length);
    EDGE_CASES.forEach((value, ordinal) => expect(read.get(ordinal), `entry ${ordinal}`).toBe(value));
  });

  it("round-trips generated columns of many entries", async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const values = generated(seed, seed === 5 ? 50_000 : 2_000);
      const read = await roundTrip(values);
      expect(Array.from(read.values()), `seed ${seed}`).toEqual(values);
    }
  });

  it("appends to a column read from disk, and writes both parts back as one", async () => {
    const dir = directories.create();
    const read = await roundTrip(EDGE_CASES);
    const more = generated(7, 500);
    for (const value of more) read.push(value);
    expect(Array.from(read.values())).toEqual([...EDGE_CASES, ...more]);
    await read.writeTo(dir, "joined");
    const joined = await StringColumn.read<string | null>(dir, "joined", EDGE_CASES.length + more.length);
    expect(Array.from(joined.values())).toEqual([...EDGE_CASES, ...more]);
  });

  it("finds an entry's ordinal only where a whole entry equals the value, in either part", async () => {
    const column = await roundTrip(["/a/b", "/a/b/1", "", "/a/b/12", "x/a/b/1", null, "/a/b/1"]);
    column.push("/c/d");
    expect(column.indexOf("/a/b/1")).toBe(1);
    expect(column.indexOf("/a/b/12")).toBe(3);
    expect(column.indexOf("/a/b/")).toBe(-1);
    expect(column.indexOf("b/1/a")).toBe(-1);
    expect(column.indexOf("")).toBe(2);
    expect(column.indexOf("/c/d")).toBe(7);
    expect(column.indexOf("\ufffd")).toBe(-1);
    // A match straddling two entries is none.
    expect(StringColumn.of(["ab", "c"]).indexOf("abc")).toBe(-1);
    expect(StringColumn.of(["", "", "ab"]).indexOf("ab")).toBe(2);
  });

  it("refuses an ordinal outside the column", () => {
    const column = StringColumn.of(["a", "b"]);
    expect(() => column.get(2)).toThrow(RangeError);
    expect(() => column.get(-1)).toThrow(RangeError);
  });

  it("names the file when one is truncated, missing, or holds another count", async () => {
    const dir = directories.create();
    await StringColumn.of(EDGE_CASES).writeTo(dir, "column");
    const { dataFile, offsetsFile } = columnFiles(dir, "column");
    for (const file of [dataFile, offsetsFile]) {
      const bytes = await readFile(file);
      await writeFile(file, bytes.subarray(0, bytes.length - 1));
      await expect(StringColumn.read(dir, "column", EDGE_CASES.length)).rejects.toThrow(CorruptIndexFileError);
      await expect(StringColumn.read(dir, "column", EDGE_CASES.length)).rejects.toThrow(file);
      await writeFile(file, bytes);
    }
    await expect(StringColumn.read(dir, "column", EDGE_CASES.length + 1)).rejects.toThrow(offsetsFile);
    await expect(StringColumn.read(dir, "missing", 1)).rejects.toThrow(CorruptIndexFileError);
    // Offsets that go backwards are refused, not read as garbage.
    const offsets = new Uint32Array(Uint8Array.from(await readFile(offsetsFile)).buffer);
    offsets[2] = (offsets[1] ?? 0) + 10_000;
    await writeFile(offsetsFile, new Uint8Array(offsets.buffer));
    await expect(StringColumn.read(dir, "column", EDGE_CASES.length)).rejects.toThrow(offsetsFile);
  });
});
