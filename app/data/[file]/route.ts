import { getEnv } from "@/lib/config/env";
import { exportDir } from "@/lib/export/export-dir";
import { serveExportFile } from "@/lib/export/serve-export";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ file: string }> };

/** GET /data/<file>: a bulk file written by `npm run export`, or its datapackage.json. */
export async function GET(request: Request, context: Context): Promise<Response> {
  return serveExportFile(exportDir(getEnv().dataDir), (await context.params).file, request);
}
