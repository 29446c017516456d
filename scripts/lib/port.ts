import { createServer } from "node:net";

/** True when nothing listens on `port` (checked on all interfaces, as `next start` binds). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}
