import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrisma, type PrismaClient } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { readSearchDocuments } from "@/lib/data/search-documents";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { SAMPLES_DIR, makeTempDir, vejenWithClosedBody, writeFixture } from "@/lib/ingest/test-fixtures";
import { buildSearchIndex } from "@/lib/search/build-index";
import { forgetSearchIndex } from "@/lib/search/get-search-index";
import { exportSearchIndex } from "@/lib/search/index-store";
import { createMailer, type Mailer } from "./mailer";
import { unsubscribe } from "./manage";
import { sendAlerts } from "./send-alerts";
import { confirmSubscription, requestSubscription, type AlertDeps } from "./subscribe";
import { startTestSmtpServer, type TestSmtpServer } from "./test-smtp-server";

const SITE = "https://referater.example";
const WORD = "Solsikkeskolen";
const CLOSED_MARKER = "LUKKETMARKOER7Q";

let db: TestDatabase;
let smtp: TestSmtpServer;
let mailer: Mailer;
let dir: string;
let indexDir: string;

/** The Vejen sample moved to another day: a new meeting, with `extra` in an open item and `closed` in the closed item's body. */
function vejenOn(day: string, extra: string, closed = "Intet nyt"): string {
  const text = vejenWithClosedBody(closed, extra).replaceAll("19-03-2024", `${day}-03-2024`).replaceAll("19. marts 2024", `${Number(day)}. marts 2024`);
  return writeFixture(dir, `vejen-2024-03-${day}.txt`, text);
}

async function ingest(file: string): Promise<void> {
  const summary = await ingestFiles(db.prisma, [file], { onDocument: () => {} });
  expect(summary.failed).toBe(0);
  const docs = [];
  for await (const doc of readSearchDocuments(db.prisma)) docs.push(doc);
  await exportSearchIndex(buildSearchIndex(docs), indexDir);
  forgetSearchIndex(indexDir);
}

function deps(prisma: PrismaClient = db.prisma): AlertDeps {
  return { prisma, mailer, siteUrl: SITE, secret: null, indexDir };
}

function send(prisma: PrismaClient = db.prisma, senderMailer: Mailer = mailer) {
  return sendAlerts({ prisma, mailer: senderMailer, siteUrl: SITE, secret: null, indexDir, log: () => {} });
}

function tokenFrom(text: string): string {
  const match = /\/abonnement\/bekraeft\?token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no confirmation link in:\n${text}`);
  return match[1];
}

async function subscribeAndConfirm(email: string, q: string, frequency = "immediate"): Promise<void> {
  const before = smtp.mailsTo(email).length;
  expect(await requestSubscription(deps(), { email, query: new URLSearchParams({ q }), frequency, clientIp: null })).toEqual({ ok: true });
  const mail = smtp.mailsTo(email)[before];
  expect(mail).toBeDefined();
  expect(await confirmSubscription(db.prisma, tokenFrom(mail?.parsed.text ?? ""))).toMatchObject({ ok: true });
}

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  mailer = createMailer({ smtpUrl: smtp.url, from: "Referatportalen <alerts@referater.example>", mailDir: "/nonexistent", log: () => {} });
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
});
beforeEach(async () => {
  db = await createTestDatabase();
  dir = makeTempDir("referat-alerts-");
  indexDir = path.join(dir, "search");
  smtp.mails.length = 0;
  // The archive before anyone subscribed: four municipalities, not Vejen.
  await ingest(path.join(SAMPLES_DIR, "faxe-2023-11-06-beskaeftigelse-og-integration.txt"));
});
afterEach(async () => {
  await db.drop();
});

describe("email alerts over a real SMTP server", () => {
  it("subscribe → confirm → digest of a new matching meeting → nothing without news → one-click unsubscribe → nothing more", async () => {
    const reader = "journalist@example.dk";
    const lurker = "never-confirms@example.dk";
    expect(await requestSubscription(deps(), { email: ` ${reader.toUpperCase()} `, query: new URLSearchParams({ q: WORD, side: "2" }), frequency: "immediate", clientIp: "192.0.2.1" })).toEqual({ ok: true });
    expect(await requestSubscription(deps(), { email: lurker, query: new URLSearchParams({ q: WORD }), frequency: "immediate", clientIp: "192.0.2.1" })).toEqual({ ok: true });

    const [confirmation] = smtp.mailsTo(reader);
    expect(smtp.mailsTo(reader)).toHaveLength(1);
    expect(confirmation?.parsed.subject).toBe("Bekræft dit abonnement på Referatportalen");
    expect(confirmation?.parsed.html).toContain(`${SITE}/abonnement/bekraeft?token=`);
    const token = tokenFrom(confirmation?.parsed.text ?? "");
    const stored = await db.prisma.alertSubscription.findFirstOrThrow({ where: { email: reader } });
    expect(stored.confirmTokenHash).not.toContain(token);
    expect(stored.confirmTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.query).toBe(`q=${WORD}`);

    expect(await confirmSubscription(db.prisma, token)).toEqual({ ok: true, query: `q=${WORD}` });
    expect(await confirmSubscription(db.prisma, token)).toEqual({ ok: false, reason: "unknown" });

    // A new meeting, with the word in an open item and in the closed item's body.
    await ingest(vejenOn("26", `Skolebestyrelsen ved ${WORD} har søgt om midler.`, `${CLOSED_MARKER} ${WORD} personsag`));
    expect(await send()).toMatchObject({ mailed: 1, failed: 0 });
    const digests = smtp.mailsTo(reader).slice(1);
    expect(digests).toHaveLength(1);
    const digest = digests[0];
    const item = await db.prisma.agendaItem.findFirstOrThrow({ where: { closed: false, sections: { some: { text: { contains: WORD } } } }, include: { meeting: true } });
    const permalink = `${SITE}/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-26/punkt-${item.number}`;
    expect(digest?.parsed.subject).toBe(`1 nyt punkt for din søgning “${WORD}”`);
    expect(digest?.parsed.text).toContain(permalink);
    expect(digest?.parsed.text).toContain("Vejen Kommune\n=============");
    expect(digest?.parsed.text).toContain(`Punkt ${item.number}. ${item.title}`);
    expect(digest?.parsed.html).toContain(`href="${permalink}"`);
    expect(digest?.parsed.html).toContain(`<mark>${WORD}</mark>`);
    // Unfolded (RFC 5322 folding puts a long value on its own line).
    const header = (key: string) => digest?.parsed.headerLines.find((line) => line.key === key)?.line.replace(/\r?\n[ \t]+/g, " ");
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const listUnsubscribe = header("list-unsubscribe")?.match(/^List-Unsubscribe:\s+<([^>]+)>$/)?.[1];
    expect(listUnsubscribe).toMatch(new RegExp(`^${SITE}/api/abonnement/afmeld\\?id=\\d+&sig=`));
    // The closed item matched the word too, but only its number and title exist anywhere.
    expect(digest?.raw).not.toContain(CLOSED_MARKER);
    expect(digest?.raw).not.toContain("punkt-11");
    // Nothing but the confirmation ever went to the address that did not confirm.
    expect(smtp.mailsTo(lurker)).toHaveLength(1);

    expect(await send()).toMatchObject({ mailed: 0 });
    await ingest(vejenOn("27", "Intet om skoler her."));
    expect(await send()).toMatchObject({ mailed: 0, nothingNew: 1 });
    expect(smtp.mailsTo(reader)).toHaveLength(2);

    const url = new URL(listUnsubscribe ?? "");
    expect(await unsubscribe(db.prisma, null, url.searchParams.get("id") ?? "", `${url.searchParams.get("sig")}x`)).toBe(false);
    expect(await unsubscribe(db.prisma, null, url.searchParams.get("id") ?? "", url.searchParams.get("sig") ?? "")).toBe(true);
    expect(await db.prisma.alertSubscription.count({ where: { email: reader } })).toBe(0);
    await ingest(vejenOn("28", `Igen om ${WORD}.`));
    expect(await send()).toMatchObject({ mailed: 0 });
    expect(smtp.mailsTo(reader)).toHaveLength(2);
    expect(smtp.mailsTo(lurker)).toHaveLength(1);
  });

  it("a meeting published late (old meeting date, new ingest) still alerts; a correction of a mailed meeting does not mail it again", async () => {
    const reader = "late@example.dk";
    await subscribeAndConfirm(reader, WORD);
    await ingest(vejenOn("05", `Ny sag om ${WORD}.`));
    expect(await send()).toMatchObject({ mailed: 1 });
    const corrected = readFileSync(path.join(dir, "vejen-2024-03-05.txt"), "utf8").replace(`Ny sag om ${WORD}.`, `Rettet sag om ${WORD}.`);
    await ingest(writeFixture(dir, "vejen-2024-03-05.txt", corrected));
    expect(await send()).toMatchObject({ mailed: 0 });
    expect(smtp.mailsTo(reader)).toHaveLength(2);
  });

  it("holds a meeting back until the search index has it, then mails it", async () => {
    const reader = "patient@example.dk";
    await subscribeAndConfirm(reader, WORD);
    expect(await send()).toMatchObject({ arrived: 1, mailed: 0 });
    const file = vejenOn("26", `Ny sag om ${WORD}.`);
    expect((await ingestFiles(db.prisma, [file], { onDocument: () => {} })).ok).toBe(1);
    expect(await send()).toMatchObject({ arrived: 0, mailed: 0 });
    await ingest(file);
    expect(await send()).toMatchObject({ arrived: 1, mailed: 1 });
  });

  it("sends each digest once when two senders run at the same time", async () => {
    const slow = await startTestSmtpServer({ delayMs: 30 });
    const mailerA = createMailer({ smtpUrl: slow.url, from: "a@referater.example", mailDir: "/nonexistent", log: () => {} });
    const mailerB = createMailer({ smtpUrl: slow.url, from: "b@referater.example", mailDir: "/nonexistent", log: () => {} });
    const second = createPrisma(db.url);
    try {
      const readers = Array.from({ length: 8 }, (_, i) => `reader${i}@example.dk`);
      for (const reader of readers) await subscribeAndConfirm(reader, WORD);
      await ingest(vejenOn("26", `Ny sag om ${WORD}.`));
      const [a, b] = await Promise.all([send(db.prisma, mailerA), send(second, mailerB)]);
      expect(a.mailed + b.mailed).toBe(readers.length);
      expect(a.mailed).toBeGreaterThan(0);
      expect(b.mailed).toBeGreaterThan(0);
      for (const reader of readers) expect(slow.mailsTo(reader)).toHaveLength(1);
      expect(slow.mails).toHaveLength(readers.length);
    } finally {
      mailerA.close();
      mailerB.close();
      await second.$disconnect();
      await slow.close();
    }
  });
});

describe("subscription requests", () => {
  it("answers alike for a new and an already confirmed address, and mails the confirmed one a notice instead of a second confirmation", async () => {
    await subscribeAndConfirm("known@example.dk", WORD);
    const known = await requestSubscription(deps(), { email: "known@example.dk", query: new URLSearchParams({ q: WORD }), frequency: "daily", clientIp: null });
    const fresh = await requestSubscription(deps(), { email: "fresh@example.dk", query: new URLSearchParams({ q: WORD }), frequency: "daily", clientIp: null });
    expect(known).toEqual(fresh);
    expect(smtp.mailsTo("known@example.dk").at(-1)?.parsed.subject).toBe("Du abonnerer allerede på denne søgning");
    expect((await db.prisma.alertSubscription.findFirstOrThrow({ where: { email: "known@example.dk" } })).frequency).toBe("immediate");
  });

  it("refuses bad input with Danish messages", async () => {
    const bad = (email: string, query: Record<string, string>, frequency = "daily") =>
      requestSubscription(deps(), { email, query: new URLSearchParams(query), frequency, clientIp: null });
    expect(await bad("ikke en adresse", { q: WORD })).toMatchObject({ ok: false, field: "email" });
    expect(await bad("a@example.dk", { q: WORD }, "hourly")).toMatchObject({ ok: false, field: "frequency" });
    expect(await bad("a@example.dk", {})).toMatchObject({ ok: false, field: "query", messageDa: expect.stringContaining("Vælg en søgning") });
    expect(await bad("a@example.dk", { kommune: "atlantis" })).toMatchObject({ ok: false, field: "query", messageDa: "Ukendt værdi for kommune: atlantis" });
    expect(smtp.mails).toHaveLength(0);
  });

  it("limits requests per address and per client IP, and subscriptions per address", async () => {
    const ask = (email: string, q: string, clientIp: string) =>
      requestSubscription(deps(), { email, query: new URLSearchParams({ q }), frequency: "daily", clientIp });
    for (let i = 0; i < 3; i++) expect(await ask("busy@example.dk", `ord${i}`, `198.51.100.${i}`)).toEqual({ ok: true });
    expect(await ask("busy@example.dk", "ord9", "198.51.100.9")).toMatchObject({ ok: false, messageDa: expect.stringContaining("den seneste time") });
    for (let i = 0; i < 10; i++) expect(await ask(`person${i}@example.dk`, WORD, "203.0.113.7")).toEqual({ ok: true });
    expect(await ask("another@example.dk", WORD, "203.0.113.7")).toMatchObject({ ok: false, messageDa: expect.stringContaining("din forbindelse") });

    // Past an hour the limits reset; an address holds at most 10 subscriptions.
    const later = (hours: number) => () => new Date(Date.now() + hours * 3_600_000);
    for (let i = 0; i < 10; i++) {
      const result = await requestSubscription({ ...deps(), now: later(1 + i) }, { email: "many@example.dk", query: new URLSearchParams({ q: `emne${i}` }), frequency: "daily", clientIp: null });
      expect(result).toEqual({ ok: true });
    }
    const before = smtp.mailsTo("many@example.dk").length;
    expect(await requestSubscription({ ...deps(), now: later(12) }, { email: "many@example.dk", query: new URLSearchParams({ q: "emne10" }), frequency: "daily", clientIp: null })).toEqual({ ok: true });
    expect(await db.prisma.alertSubscription.count({ where: { email: "many@example.dk" } })).toBe(10);
    // None of them is confirmed: the address gets nothing more.
    expect(smtp.mailsTo("many@example.dk")).toHaveLength(before);
  });

  it("a confirmation link expires after 48 hours", async () => {
    await requestSubscription(deps(), { email: "slow@example.dk", query: new URLSearchParams({ q: WORD }), frequency: "daily", clientIp: null });
    const token = tokenFrom(smtp.mailsTo("slow@example.dk")[0]?.parsed.text ?? "");
    expect(await confirmSubscription(db.prisma, token, new Date(Date.now() + 49 * 3_600_000))).toEqual({ ok: false, reason: "expired" });
    expect(await db.prisma.alertSubscription.count()).toBe(0);
  });
});
