/** `npm run build`'s last step: `next build` and the compile hints (scripts/lib/next-build.ts). */
import { runNextBuild } from "./lib/next-build";

await runNextBuild();
