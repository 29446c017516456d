import { addCompileHints } from "./compile-hints";
import { localBin, runCommand } from "./run-command";

/** `next build`, then the compile hints on its client chunks: the one way every script builds. */
export async function runNextBuild(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const code = await runCommand(localBin("next"), ["build"], { ...env, NEXT_TELEMETRY_DISABLED: "1" });
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
  const { changed, files } = await addCompileHints();
  if (files === 0) throw new Error("next build left no client chunks in .next/static/chunks");
  console.log(`Compile hints added to ${changed} of ${files} client chunks.`);
}
