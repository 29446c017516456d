import { readFileSync } from "node:fs";
import path from "node:path";

/** How often the build id is compared. */
export const BUILD_CHECK_INTERVAL_MS = 5_000;

function readBuildId(distDir: string): string | null {
  try {
    return readFileSync(path.join(distDir, "BUILD_ID"), "utf8").trim();
  } catch {
    return null;
  }
}

/**
 * Calls `onChange` when `<distDir>/BUILD_ID` (Next's id of a build) differs from what it was
 * at the start: someone ran `next build` under the running server, and pages kept from the
 * old build name scripts the new one no longer has. Returns a function that stops watching.
 */
export function watchBuild(distDir: string, onChange: (buildId: string | null) => void, intervalMs = BUILD_CHECK_INTERVAL_MS): () => void {
  let known = readBuildId(distDir);
  const timer = setInterval(() => {
    const current = readBuildId(distDir);
    if (current === known) return;
    known = current;
    onChange(current);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
