import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { Package } from "datapackage";

/**
 * Test support: validates a folder of bulk files against its datapackage.json with Frictionless
 * Data's own JavaScript implementation (datapackage-js, tableschema-js): the descriptor against
 * the Data Package profile, and every row of every tabular resource against its Table Schema
 * (header names and order, types and formats of every cell). What the JavaScript libraries do
 * not check, but the Data Package spec defines, is checked here: `bytes` and `hash` of every
 * file, and that a JSON Lines resource is one JSON object per line.
 */

/** The rule violations found, each naming the file (empty when the package is valid). */
export async function validateDataPackage(dir: string): Promise<{ problems: string[]; rowsChecked: number; resourcesChecked: number }> {
  const problems: string[] = [];
  let rowsChecked = 0;
  const dataPackage = await Package.load(path.join(dir, "datapackage.json"), { basePath: dir });
  for (const error of dataPackage.errors) problems.push(`datapackage.json: ${error.message}`);
  for (const resource of dataPackage.resources) {
    const file = String(resource.descriptor.path);
    const bytes = await readFile(path.join(dir, file));
    if (resource.descriptor.bytes !== bytes.length) problems.push(`${file}: bytes is ${String(resource.descriptor.bytes)}, the file has ${bytes.length}`);
    const hash = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
    if (resource.descriptor.hash !== hash) problems.push(`${file}: hash is ${String(resource.descriptor.hash)}, the file's is ${hash}`);
    if (resource.tabular) {
      try {
        rowsChecked += (await resource.read({ cast: true })).length;
      } catch (error) {
        const { message, errors = [] } = error as { message: string; errors?: Array<{ message: string; rowNumber?: number }> };
        problems.push(`${file}: ${message}`, ...errors.map((entry) => `${file}, række ${entry.rowNumber ?? "?"}: ${entry.message}`));
      }
    } else if (resource.descriptor.format === "jsonl") {
      const text = (resource.descriptor.compression === "gz" ? gunzipSync(bytes) : bytes).toString("utf8");
      text
        .split("\n")
        .slice(0, -1)
        .forEach((line, index) => {
          try {
            const value: unknown = JSON.parse(line);
            if (typeof value !== "object" || value === null || Array.isArray(value)) problems.push(`${file}:${index + 1}: not a JSON object`);
          } catch {
            problems.push(`${file}:${index + 1}: not JSON`);
          }
          rowsChecked += 1;
        });
      if (!text.endsWith("\n")) problems.push(`${file}: the last line has no newline`);
    }
  }
  return { problems, rowsChecked, resourcesChecked: dataPackage.resources.length };
}
