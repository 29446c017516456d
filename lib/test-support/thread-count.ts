import { readFileSync } from "node:fs";

/**
 * Test support: the threads of this process (Linux's /proc), to see that a worker thread stopped
 * (one runs as one thread more). `settledThreadCount` waits up to `ms` for the count to fall to
 * `atMost`, as a terminated worker takes a moment to wind down, and returns the count then.
 */
export function threadCount(): number {
  return Number(/^Threads:\s+(\d+)$/mu.exec(readFileSync("/proc/self/status", "utf8"))?.[1]);
}

export async function settledThreadCount(atMost: number, ms = 5_000): Promise<number> {
  const deadline = Date.now() + ms;
  while (threadCount() > atMost && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return threadCount();
}
