import { handleOparlRequest, oparlPreflightResponse } from "@/lib/oparl/handle-oparl-request";

export const dynamic = "force-dynamic";

/** GET /oparl/v1/…: the OParl 1.1 API (entry point /oparl/v1/system). */
export function GET(request: Request): Promise<Response> {
  return handleOparlRequest(request);
}

/** CORS preflight. */
export function OPTIONS(): Response {
  return oparlPreflightResponse();
}
