import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";

/** Where Debian's `varnish` package installs the daemon. */
export const VARNISHD = process.env.VARNISHD_PATH ?? "/usr/sbin/varnishd";

/** The VCL shipped with the portal (deploy/varnish). */
export const VCL_DIR = path.resolve("deploy", "varnish");

/** A web process Varnish sends requests to. */
export interface VarnishBackend {
  host: string;
  port: number;
}

/** A running varnishd. */
export interface RunningVarnish {
  /** Base URL of the cache (where pages are requested and BANs are sent). */
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** backends.vcl for the shipped VCL: one probed backend per web process in one round-robin director. */
export function backendsVcl(backends: readonly VarnishBackend[]): string {
  if (backends.length === 0) throw new Error("Varnish needs at least one web process to send requests to");
  const lines: string[] = [];
  backends.forEach((backend, index) => {
    lines.push(
      `backend web${index + 1} {`,
      `    .host = "${backend.host}";`,
      `    .port = "${backend.port}";`,
      `    .probe = { .url = "/robots.txt"; .interval = 2s; .timeout = 2s; .window = 3; .threshold = 2; .initial = 2; }`,
      "}",
      "",
    );
  });
  lines.push("sub vcl_init {", ...backends.map((_, index) => `    portal.add_backend(web${index + 1});`), "}", "");
  return lines.join("\n");
}

function waitForPort(port: number, deadline: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`varnishd did not listen on port ${port} in time`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/**
 * Starts varnishd in the foreground on 127.0.0.1:`port` with the shipped VCL and a
 * backends.vcl for `backends`, its working files under `workDir`. Throws a clear message when
 * Varnish is not installed (Debian: `apt-get install varnish`).
 */
export async function startVarnish(options: { port: number; backends: readonly VarnishBackend[]; workDir: string; cacheMb?: number }): Promise<RunningVarnish> {
  if (!existsSync(VARNISHD)) throw new Error(`Varnish er ikke installeret (${VARNISHD} findes ikke). Installér det med: apt-get install varnish`);
  mkdirSync(options.workDir, { recursive: true });
  // varnishd compiles the VCL as its own unprivileged user, which must read this folder.
  chmodSync(options.workDir, 0o755);
  writeFileSync(path.join(options.workDir, "backends.vcl"), backendsVcl(options.backends), { mode: 0o644 });
  const args = [
    "-F",
    "-n", path.join(options.workDir, "instance"),
    "-a", `127.0.0.1:${options.port}`,
    "-f", path.join(VCL_DIR, "referatportalen.vcl"),
    "-p", `vcl_path=${options.workDir}:${VCL_DIR}`,
    // Bans are checked against stored objects every 0.1 s instead of the default 0.01 s.
    "-p", "ban_lurker_sleep=0.1",
    "-s", `malloc,${options.cacheMb ?? 256}m`,
  ];
  const child = spawn(VARNISHD, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`varnishd stopped (exit ${code}):\n${output.trim()}`))));
  await Promise.race([waitForPort(options.port, Date.now() + 20_000), exited]);
  exited.catch(() => {});
  return {
    url: `http://127.0.0.1:${options.port}`,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
