/**
 * Worker thread of scripts/lib/bench-fill.ts: parses generated documents as the ingest does
 * (CPR numbers redacted first, then the privacy check of the stored text), so the fill parses on
 * every core. Answers each batch with the parsed meetings, null for a refused document.
 */
import { parentPort } from "node:worker_threads";
import { parseDocument, type ParseRequest } from "./bench-parse-document";

parentPort?.on("message", (request: { batch: number; docs: ParseRequest[] }) => {
  parentPort?.postMessage({ batch: request.batch, results: request.docs.map(parseDocument) });
});
