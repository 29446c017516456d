import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPortFree } from "./lib/port";

/** A port whose next two ports are free as well (`npm run varnish` takes three). */
async function freePorts(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    if (port > 0 && port < 65533 && (await isPortFree(port + 1)) && (await isPortFree(port + 2))) return port;
  }
  throw new Error("no three free ports in a row");
}

function runScript(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), [script], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // A script that got past the lock would start a database: SIGTERM lets it stop that again.
    const timer = setTimeout(() => child.kill("SIGTERM"), 45_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe("one server per data folder", () => {
  // Another live process (standing in for a running `npm start`) holds the data folder's lock.
  let holder: ChildProcess;
  beforeAll(async () => {
    holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 120000)"]);
    await new Promise((resolve) => holder.once("spawn", resolve));
  });
  afterAll(() => {
    holder.kill();
  });

  it.each(["scripts/start.ts", "scripts/dev.ts", "scripts/varnish.ts"])("%s refuses to start on a data folder another server holds, before opening the database", async (script) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "referatportalen-lock-"));
    const lock = `${holder.pid}\n3000\n`;
    writeFileSync(path.join(dataDir, "server.pid"), lock);
    const env: NodeJS.ProcessEnv = { ...process.env, REFERATPORTALEN_DATA_DIR: dataDir, PORT: String(await freePorts()) };
    delete env.DATABASE_URL;

    const { code, stderr } = await runScript(script, env);

    expect(stderr).toContain(`Portalen kører allerede på datamappen ${dataDir} (proces ${holder.pid}, http://localhost:3000)`);
    expect(code).toBe(1);
    // Neither the lock nor the folder was touched: no embedded database was started.
    expect(readFileSync(path.join(dataDir, "server.pid"), "utf8")).toBe(lock);
    expect(readdirSync(dataDir)).toEqual(["server.pid"]);
  });
});
