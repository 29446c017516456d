import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A fault served instead of the normal answer, once per request, in order. */
export type Fault =
  | { kind: "status"; status: number; retryAfter?: string }
  | { kind: "hang" }
  | { kind: "body"; body: string }
  | { kind: "reset" };

/** One meeting as the fake site lists it; `agenda` is served as its dagsorden JSON. */
export interface FakeMeeting {
  id: string;
  name: string;
  beginUtc: string;
  endUtc?: string;
  released: string;
  place?: string;
  supplementary?: boolean;
  agenda: unknown;
}

export interface FakeCommittee {
  id: string;
  name: string;
  period: string;
  meetings: FakeMeeting[];
}

/** A request as the fake site saw it. */
export interface SeenRequest {
  path: string;
  userAgent: string;
  startedAt: number;
  endedAt: number | null;
}

/** A local FirstAgenda Publication site on 127.0.0.1; change `committees`, `faults` or `missing` between runs. */
export interface FakeFirstAgenda {
  url: string;
  committees: FakeCommittee[];
  /** Faults per path ("/api/agenda/dagsorden/<id>"), served first-in first-out. */
  faults: Map<string, Fault[]>;
  /** Meeting ids that answer 404 although listed. */
  missing: Set<string>;
  /** Attachment PDFs by document id: `/Vis/Pdf/bilag/<id>` serves a viewer page whose iframe points at `/signed/<id>?sig=…`. */
  attachments: Map<string, Uint8Array>;
  /** Viewer pages served instead of the normal one, by document id. */
  viewers: Map<string, string>;
  requests: SeenRequest[];
  /** Most requests ever in flight at once. */
  maxInFlight: number;
  close(): Promise<void>;
}

function listBody(committees: readonly FakeCommittee[]): unknown {
  const periods: Record<string, unknown[]> = {};
  for (const committee of committees) {
    (periods[committee.period] ??= []).push({
      Id: committee.id,
      Navn: committee.name,
      Moeder: committee.meetings.map((meeting) => ({
        Id: meeting.id,
        Dato: meeting.beginUtc.slice(0, 10) + "T00:00:00",
        MeetingBeginUtc: meeting.beginUtc,
        MeetingEndUtc: meeting.endUtc ?? null,
        ReleasedDate: meeting.released,
        Sted: meeting.place ?? null,
        Afsluttet: /referat/i.test(meeting.name),
        Navn: meeting.name,
        IsSupplementaryAgenda: meeting.supplementary ?? false,
      })),
    });
  }
  return { Udvalg: periods };
}

/** Starts the fake site; every answer is JSON as the real sites send it. */
export async function startFakeFirstAgenda(committees: FakeCommittee[]): Promise<FakeFirstAgenda> {
  const hanging = new Set<ServerResponse>();
  let inFlight = 0;
  const site: Omit<FakeFirstAgenda, "url" | "close"> = { committees, faults: new Map(), missing: new Set(), attachments: new Map(), viewers: new Map(), requests: [], maxInFlight: 0 };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    const fault = site.faults.get(path)?.shift();
    const json = (status: number, body: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      response.end(body);
    };
    if (fault?.kind === "hang") {
      hanging.add(response);
      return;
    }
    if (fault?.kind === "reset") return request.socket.destroy();
    if (fault?.kind === "status") return json(fault.status, `{"Message":"fejl"}`, fault.retryAfter ? { "retry-after": fault.retryAfter } : {});
    if (fault?.kind === "body") return json(200, fault.body);
    if (path === "/api/agenda/udvalgsliste") return json(200, JSON.stringify(listBody(site.committees)));
    const viewer = /^\/Vis\/Pdf\/bilag\/([^/]+)$/.exec(path);
    if (viewer?.[1] && (site.attachments.has(viewer[1]) || site.viewers.has(viewer[1]))) {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return response.end(site.viewers.get(viewer[1]) ?? `<!DOCTYPE html><html><head><title>Bilag</title></head><body><div class="viewer"><iframe src="/signed/${viewer[1]}?sig=abc123&amp;se=2026" title="PDF"></iframe></div></body></html>`);
    }
    const signed = /^\/signed\/([^/]+)$/.exec(path);
    const pdf = signed?.[1] ? site.attachments.get(signed[1]) : undefined;
    if (pdf) {
      response.writeHead(200, { "content-type": "application/pdf", "content-length": String(pdf.byteLength) });
      return response.end(Buffer.from(pdf));
    }
    const match = /^\/api\/agenda\/dagsorden\/([^/]+)$/.exec(path);
    const meeting = match ? site.committees.flatMap((committee) => committee.meetings).find((candidate) => candidate.id === match[1]) : undefined;
    if (!meeting || site.missing.has(meeting.id)) return json(404, `{"Message":"Not found"}`);
    return json(200, JSON.stringify(meeting.agenda));
  };

  const server = createServer((request, response) => {
    const seen: SeenRequest = { path: request.url ?? "", userAgent: request.headers["user-agent"] ?? "", startedAt: Date.now(), endedAt: null };
    site.requests.push(seen);
    inFlight += 1;
    site.maxInFlight = Math.max(site.maxInFlight, inFlight);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight -= 1;
      seen.endedAt = Date.now();
    };
    response.on("finish", finish);
    response.on("close", finish);
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(site, {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
