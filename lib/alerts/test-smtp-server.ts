import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A mail the test SMTP server accepted: the parsed mail and its raw source. */
export interface CaughtMail {
  to: string;
  parsed: ParsedMail;
  raw: string;
}

/** A real SMTP server on 127.0.0.1 (no TLS, no auth) that keeps every mail it accepts. */
export interface TestSmtpServer {
  url: string;
  mails: CaughtMail[];
  /** The mails to one address. */
  mailsTo(address: string): CaughtMail[];
  close(): Promise<void>;
}

/** Starts a test SMTP server; `delayMs` holds each mail before accepting it (to overlap senders). */
export async function startTestSmtpServer(options: { delayMs?: number } = {}): Promise<TestSmtpServer> {
  const mails: CaughtMail[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        simpleParser(raw)
          .then(async (parsed) => {
            if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
            for (const rcpt of session.envelope.rcptTo) mails.push({ to: rcpt.address, parsed, raw });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    mailsTo: (address) => mails.filter((mail) => mail.to === address),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
