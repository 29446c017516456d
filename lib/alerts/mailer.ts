import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";

/** One mail: plain-text and HTML parts, plus extra headers (List-Unsubscribe). */
export interface AlertMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** Sends mails; `send` resolves only once the SMTP server accepted the mail (or the .eml file was written). */
export interface Mailer {
  send(mail: AlertMail): Promise<void>;
  close(): void;
}

/**
 * A mailer over SMTP (`smtpUrl`, nodemailer URL syntax: smtp://user:pass@host:587, smtps://…),
 * or, without one, a mailer that writes each mail as an .eml file into `mailDir` and logs its
 * subject and recipient — never its text, which quotes documents.
 */
export function createMailer(options: { smtpUrl: string | null; from: string; mailDir: string; log?: (message: string) => void }): Mailer {
  const log = options.log ?? console.log;
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      async send(mail) {
        const info = await transport.sendMail({ from: options.from, ...mail });
        if (info.rejected.length > 0 || info.accepted.length === 0) throw new Error(`The SMTP server refused the mail (${info.response})`);
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from: options.from, ...mail });
      await mkdir(options.mailDir, { recursive: true });
      const file = path.join(options.mailDir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(3).toString("hex")}.eml`);
      await writeFile(file, info.message);
      log(`Mail til ${mail.to}: "${mail.subject}" skrevet til ${file} (SMTP_URL er ikke sat)`);
    },
    close: () => transport.close(),
  };
}

/** Where mails go without SMTP_URL: `<dataDir>/mail`. */
export function mailDirOf(dataDir: string): string {
  return path.resolve(dataDir, "mail");
}
