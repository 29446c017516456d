/**
 * `npm run varnish [-- --processes N] [-- --check]`: the portal as it scales out on one machine —
 * Varnish (deploy/varnish/referatportalen.vcl) on PORT (default 3000) in front of N web
 * processes (scripts/serve.ts, default 2) on the next ports, all on one PostgreSQL (DATABASE_URL,
 * or the embedded one). Every process follows the database's page-change feed, forgets its own
 * cached pages and bans them in Varnish. With --check it ingests a correction, measures how long
 * until Varnish serves the corrected page, prints the figures and stops.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { startVarnish, type RunningVarnish } from "@/lib/varnish/run-varnish";
import { claimDataFolderOrExit } from "./lib/claim-data-folder";
import { isPortFree } from "./lib/port";
import { preparePortal } from "./lib/prepare-portal";
import { localBin } from "./lib/run-command";
import { waitForPage } from "./lib/wait-for-page";

const { values } = parseArgs({ options: { processes: { type: "string", default: "2" }, check: { type: "boolean", default: false } } });
const processCount = Number(values.processes);
if (!Number.isInteger(processCount) || processCount < 1 || processCount > 16) {
  console.error(`--processes skal være et helt tal mellem 1 og 16, fik "${values.processes}"`);
  process.exit(1);
}

const env = getEnv();
const ports = Array.from({ length: processCount + 1 }, (_, index) => env.port + index);
for (const port of ports) {
  if (!(await isPortFree(port))) {
    console.error(`Port ${port} is already in use; Varnish takes PORT (${env.port}) and the web processes the ${processCount} ports after it. Start on other ports: PORT=4000 npm run varnish`);
    process.exit(1);
  }
}
claimDataFolderOrExit(env);

const db = await preparePortal().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
const varnishUrl = `http://127.0.0.1:${env.port}`;
const children: ChildProcess[] = [];
let varnish: RunningVarnish | null = null;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : null)));
    await varnish?.stop();
    await getPrisma().$disconnect();
    await db.close();
  }
  process.exit(code);
}
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));

const backendPorts = ports.slice(1);
for (const port of backendPorts) {
  const child = spawn(localBin("tsx"), ["scripts/serve.ts"], {
    stdio: "inherit",
    env: { ...process.env, PORT: String(port), DATABASE_URL: db.url, VARNISH_URLS: varnishUrl, SITE_URL: env.siteUrl, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  child.on("exit", (code) => {
    if (stopping) return;
    console.error(`Web process on port ${port} stopped (exit ${code}); stopping everything.`);
    void stopAll(1);
  });
  children.push(child);
}
await Promise.all(backendPorts.map((port) => waitForPage(`http://127.0.0.1:${port}/robots.txt`, 120_000)));
varnish = await startVarnish({ port: env.port, backends: backendPorts.map((port) => ({ host: "127.0.0.1", port })), workDir: path.join(path.resolve(env.dataDir), "varnish") });
await waitForPage(`${varnishUrl}/`, 30_000);
console.log(`Referatportalen runs behind Varnish on ${varnishUrl} (web processes on ports ${backendPorts.join(", ")}; Ctrl-C stops everything).`);

if (values.check) await stopAll(await checkCorrection());

async function pageText(url: string): Promise<{ text: string; cache: string | null }> {
  const response = await fetch(url);
  return { text: await response.text(), cache: response.headers.get("x-cache") };
}

async function pollUntil(url: string, token: string, start: number, timeoutMs: number): Promise<number | null> {
  while (Date.now() - start < timeoutMs) {
    if ((await pageText(url)).text.includes(token)) return (Date.now() - start) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

/** Ingests a meeting, caches its item page in Varnish, ingests a correction and times its arrival. */
async function checkCorrection(): Promise<number> {
  const fixture = readFileSync("e2e/fixtures/aarhus-2025-06-10-teknisk-udvalg.txt", "utf8");
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "referatportalen-varnish-check-")), "aarhus-2025-06-30-teknisk-udvalg.txt");
  const write = (decision: string) =>
    writeFileSync(file, fixture.replaceAll("10-06-2025", "30-06-2025").replace("Tirsdag d. 10. juni 2025", "Mandag d. 30. juni 2025").replace("Godkendt.", decision));
  const item = "/aarhus/teknisk-udvalg/2025-06-30/punkt-1";
  const prisma = getPrisma();

  write("Godkendt.");
  await ingestFiles(prisma, [file], { municipality: "Aarhus" });
  if ((await pollUntil(varnishUrl + item, "Godkendt.", Date.now(), 15_000)) === null) throw new Error(`${item} did not show up`);
  let hits = 0;
  for (let attempt = 0; attempt < 20 && hits < 3; attempt++) if ((await pageText(varnishUrl + item)).cache === "HIT") hits += 1;
  console.log(`Check: ${item} is cached in Varnish (${hits} hits).`);

  const token = `Rettelse${Date.now()}`;
  write(`Godkendt med ${token}.`);
  const summary = await ingestFiles(prisma, [file], { municipality: "Aarhus" });
  const committed = Date.now();
  if (summary.updated !== 1) throw new Error(`the correction was not ingested as an update (${JSON.stringify(summary.failures)})`);
  const throughVarnish = await pollUntil(varnishUrl + item, token, committed, 30_000);
  const perProcess = await Promise.all(backendPorts.map((port) => pollUntil(`http://127.0.0.1:${port}${item}`, token, committed, 30_000)));
  const repeated = await Promise.all(Array.from({ length: 10 }, () => pageText(varnishUrl + item)));
  const allCorrected = repeated.every((page) => page.text.includes(token));
  console.log(`Check: correction visible through Varnish after ${throughVarnish ?? "—"} s; in each web process after ${perProcess.map((seconds) => seconds ?? "—").join(" s, ")} s; ${repeated.filter((page) => page.text.includes(token)).length}/10 later requests corrected.`);
  const ok = throughVarnish !== null && throughVarnish <= 5 && allCorrected && perProcess.every((seconds) => seconds !== null);
  console.log(ok ? "Check passed." : "Check FAILED: the correction did not reach every user within 5 s.");
  return ok ? 0 : 1;
}
