import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import KeepNothingCacheHandler from "./next-cache-handler.mjs";

/** Every source file of the server side: what `npm start` runs besides Next's own code. */
function serverSources(): string[] {
  const files: string[] = ["next.config.ts"];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "fixtures") walk(file);
      } else if (/\.(ts|tsx|mjs|js)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) files.push(file);
    }
  };
  for (const dir of ["lib", "scripts", "app"]) walk(dir);
  return files;
}

describe("the page cache without Next's private revalidation protocol", () => {
  it("no server source sends Next's on-demand revalidation header or reads the build's preview-mode id", () => {
    const files = serverSources();
    expect(files).toContain(path.join("scripts", "serve.ts"));
    expect(files).toContain(path.join("lib", "page-cache", "page-cache.ts"));
    expect(files.length).toBeGreaterThan(100);
    // Next's private protocol: this header with the previewModeId of prerender-manifest.json.
    const privateProtocol = /x-prerender-revalidate|previewModeId|prerender-manifest/i;
    const users = files.filter((file) => privateProtocol.test(readFileSync(file, "utf8")));
    expect(users).toEqual([]);
  });

  it("Next keeps no pages of its own: its cache handler stores nothing", async () => {
    expect(nextConfig.cacheHandler).toBe(path.resolve("lib/page-cache/next-cache-handler.mjs"));
    expect(nextConfig.cacheMaxMemorySize).toBe(0);
    const handler = new KeepNothingCacheHandler();
    await handler.set("/vejen", { kind: "APP_PAGE", html: "<p>Godkendt.</p>" }, {});
    expect(await handler.get("/vejen")).toBeNull();
    expect(await handler.get("/vejen", { kind: "APP_PAGE" })).toBeNull();
  });
});
