// Delivering the outbox over SMTP. Rows are claimed with a lease (status "sending", nextAttemptAt
// pushed ahead) so two processes never send the same mail and a crash mid-send is retried after
// the lease. Failures back off exponentially; after MAX_ATTEMPTS the mail is "failed" and shows on
// the dashboard. With no SMTP configured for the shop, mail waits as "unconfigured" and the admin
// offers its text to copy; configuring SMTP later puts it back in the queue.
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import type { Db } from "../../db.factory";
import { loadDeskSettings, signatureContact, signatureName, type ShopSettingsRow } from "../requests/deskSettings";
import { hasShopContactPlaceholder, hasShopNamePlaceholder, withShopContact, withShopName, withShopSignature } from "./signaturePlaceholders";
import { hasLinkPlaceholder, openLinks, withLinks, withoutLinks } from "./sealedLinks";
import { checkedSmtpAddress, privateSmtpAllowed } from "./smtpHost";

export const MAX_ATTEMPTS = 6;
/** SMTP_URL and MAIL_FROM; a parameter so tests and the sandbox can point elsewhere. */
export type MailEnv = Record<string, string | undefined>;
const LEASE_MS = 5 * 60 * 1000;
const BASE_BACKOFF_MS = 30 * 1000;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

export interface SmtpConfig {
  /** nodemailer transport options or an smtp:// URL. */
  transport: string | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };
  from: string;
  /** Identifies the configuration, to reuse one pooled transport per distinct server. */
  key: string;
  /** A host the shop's staff named: checked against the app's own network at every connection. */
  staffHost?: string;
}

/** The shop's own SMTP server from Settings wins; else the deployment's SMTP_URL; else none. */
export function smtpConfigFor(settings: ShopSettingsRow, env: MailEnv = process.env): SmtpConfig | null {
  const from = settings.mailFrom.trim() || env.MAIL_FROM?.trim() || settings.contactEmail.trim() || `no-reply@${settings.shop}`;
  if (settings.smtpHost.trim()) {
    const auth = settings.smtpUser ? { user: settings.smtpUser, pass: settings.smtpPassword } : undefined;
    return {
      transport: { host: settings.smtpHost.trim(), port: settings.smtpPort, secure: settings.smtpSecure, ...(auth ? { auth } : {}) },
      from,
      key: `shop:${settings.shop}:${settings.smtpHost}:${settings.smtpPort}:${settings.smtpUser}:${settings.updatedAt.getTime()}`,
      staffHost: settings.smtpHost.trim(),
    };
  }
  const url = env.SMTP_URL?.trim();
  if (url) return { transport: url, from, key: `env:${url}` };
  return null;
}

export const backoffMs = (attempts: number) => Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

export type SendMail = (config: SmtpConfig, message: { from: string; to: string; subject: string; text: string }) => Promise<void>;

const transports = new Map<string, Transporter>();

/** Sends through a cached nodemailer transport per SMTP configuration. */
export const sendWithNodemailer: SendMail = async (config, message) => {
  let options = config.transport;
  let key = config.key;
  if (config.staffHost && typeof options === "object" && !privateSmtpAllowed()) {
    // Connect to the address just checked, never to a second resolution of the name; TLS still
    // verifies the certificate against the name.
    const address = await checkedSmtpAddress(config.staffHost);
    options = { ...options, host: address, tls: { servername: config.staffHost } } as typeof options;
    key = `${key}:${address}`;
  }
  let transport = transports.get(key);
  if (!transport) {
    transport = nodemailer.createTransport(options as Parameters<typeof nodemailer.createTransport>[0]);
    transports.set(key, transport);
  }
  await transport.sendMail(message);
};

export function closeMailTransports() {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}

export interface DeliveryOptions {
  now?: Date;
  batchSize?: number;
  env?: MailEnv;
  send?: SendMail;
  /**
   * Asks Shopify for the shop's name and contact address when a notice waits for them
   * (mail/signaturePlaceholders.ts):
   * "learnt" (now stored), "unknowable" (the shop has no access token: the app was never opened, so
   * the domain signs) or "unavailable" (Shopify did not answer: the mail waits and is tried again).
   * Without it the signature falls back as signatureName does.
   */
  learnShopName?: (shop: string) => Promise<"learnt" | "unknowable" | "unavailable">;
}

/** The shop's own name for a signature, never its domain; "" while the app does not know it. */
const knownName = (settings: ShopSettingsRow) => settings.businessName.trim() || settings.shopName?.trim() || "";

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
  unconfigured: number;
}

/** An error's code or class for lastError: SMTP messages can quote addresses, so they are not kept. */
function errorCode(error: unknown): string {
  if (error && typeof error === "object") {
    const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
    if (typeof code === "string") return responseCode ? `${code} ${String(responseCode)}` : code;
    if (error instanceof Error) return error.name;
  }
  return "Error";
}

/** Sends what is due; returns counts. Safe to run from several processes at once. */
export async function deliverDueMail(db: Db, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const now = options.now ?? new Date();
  const send = options.send ?? sendWithNodemailer;
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0, unconfigured: 0 };

  // A lease that ran out means the sender died mid-send: try again.
  await db.outboundMail.updateMany({ where: { status: "sending", nextAttemptAt: { lte: now } }, data: { status: "pending" } });

  const due = await db.outboundMail.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: options.batchSize ?? 50,
    select: { id: true },
  });
  const settingsByShop = new Map<string, ShopSettingsRow>();
  for (const { id } of due) {
    const claimed = await db.outboundMail.updateMany({
      where: { id, status: "pending" },
      data: { status: "sending", nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
    });
    if (claimed.count !== 1) continue;
    const mail = await db.outboundMail.findUniqueOrThrow({ where: { id }, omit: { sealedLinks: false } });
    let settings = settingsByShop.get(mail.shop);
    if (!settings) {
      settings = await loadDeskSettings(db, mail.shop);
      settingsByShop.set(mail.shop, settings);
    }
    const config = smtpConfigFor(settings, options.env ?? process.env);
    if (!config) {
      await db.outboundMail.update({ where: { id }, data: { status: "unconfigured", lastError: "no SMTP server configured" } });
      report.unconfigured++;
      continue;
    }
    let subject = mail.subject;
    let text = withLinks(mail.body, mail.sealedLinks ? openLinks(mail.sealedLinks) : null);
    const needsName = hasShopNamePlaceholder(subject) || hasShopNamePlaceholder(text);
    const needsContact = hasShopContactPlaceholder(text);
    if (needsName || needsContact) {
      let name = knownName(settings);
      // The contact address comes with the shop's name from Shopify: not read yet while the name is not.
      const mustLearn = (needsName && !name) || (needsContact && !signatureContact(settings) && !settings.shopName?.trim());
      if (mustLearn && options.learnShopName) {
        const outcome = await options.learnShopName(mail.shop);
        if (outcome === "unavailable") {
          // Shopify can tell the name and contact but did not answer now: the mail waits rather
          // than go out signed with the domain or without its contact line.
          const attempts = mail.attempts + 1;
          const failed = attempts >= MAX_ATTEMPTS;
          await db.outboundMail.update({ where: { id }, data: { status: failed ? "failed" : "pending", attempts, lastError: "shop_name_unavailable", nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) } });
          if (failed) report.failed++;
          else report.retried++;
          continue;
        }
        if (outcome === "learnt") {
          settings = await loadDeskSettings(db, mail.shop);
          settingsByShop.set(mail.shop, settings);
          name = knownName(settings);
        }
      }
      // No token (the name cannot be known) or none given: the domain signs, as signatureName says.
      if (!name) name = signatureName(settings);
      const contact = signatureContact(settings);
      subject = withShopContact(withShopName(subject, name), contact);
      text = withShopSignature(text, { name, contact });
    }
    if (hasLinkPlaceholder(text)) {
      // Its link cannot be opened (the key that sealed it left the ring): a mail without it would
      // only confuse the person; staff send a new link instead.
      await db.outboundMail.update({ where: { id }, data: { status: "failed", attempts: mail.attempts + 1, lastError: "sealed_link_unreadable", sealedLinks: null } });
      report.failed++;
      continue;
    }
    try {
      await send(config, { from: config.from, to: mail.toAddress, subject, text });
      // The links went out with the mail; nothing readable of them stays behind.
      await db.outboundMail.update({ where: { id }, data: { status: "sent", sentAt: new Date(), attempts: mail.attempts + 1, lastError: null, sealedLinks: null } });
      report.sent++;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const failed = attempts >= MAX_ATTEMPTS;
      await db.outboundMail.update({
        where: { id },
        data: {
          status: failed ? "failed" : "pending",
          attempts,
          lastError: errorCode(error),
          nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
        },
      });
      if (failed) report.failed++;
      else report.retried++;
    }
  }
  return report;
}

/** After SMTP is configured (or a failure fixed), queued-but-unsent mail of the shop goes out again. */
export async function requeueUnsentMail(db: Db, shop: string, statuses: Array<"unconfigured" | "failed"> = ["unconfigured"]) {
  const { count } = await db.outboundMail.updateMany({
    where: { shop, status: { in: statuses } },
    data: { status: "pending", nextAttemptAt: new Date(), attempts: 0, lastError: null },
  });
  return count;
}

export interface MailToCopy {
  id: string;
  requestId: string | null;
  kind: string;
  to: string;
  subject: string;
  body: string;
  status: string;
  createdAt: Date;
}

/** Mail that could not go out automatically, with its full text for the admin to copy and send. */
export async function mailToCopy(db: Db, shop: string, requestId?: string, linkNote = "[link]"): Promise<MailToCopy[]> {
  const rows = await db.outboundMail.findMany({
    where: { shop, status: { in: ["unconfigured", "failed"] }, ...(requestId ? { requestId } : {}) },
    orderBy: { createdAt: "asc" },
    take: 200,
  });
  const settings = await loadDeskSettings(db, shop);
  const signature = { name: signatureName(settings), contact: signatureContact(settings) };
  return rows.map((row) => ({
    id: row.id,
    requestId: row.requestId,
    kind: row.kind,
    to: row.toAddress,
    subject: withShopSignature(row.subject, signature),
    body: withShopSignature(withoutLinks(row.body, linkNote), signature),
    status: row.status,
    createdAt: row.createdAt,
  }));
}

/** Staff sent the text by hand: it leaves the to-copy list and counts as sent. */
export async function markMailSentByHand(db: Db, shop: string, id: string): Promise<boolean> {
  const { count } = await db.outboundMail.updateMany({
    where: { id, shop, status: { in: ["unconfigured", "failed"] } },
    data: { status: "sent", sentAt: new Date(), lastError: "sent by hand", sealedLinks: null },
  });
  return count === 1;
}

/** Every mail of one request, newest last, for the request page. */
export async function mailForRequest(db: Db, shop: string, requestId: string) {
  return db.outboundMail.findMany({
    where: { shop, requestId },
    orderBy: { createdAt: "asc" },
    select: { id: true, kind: true, toAddress: true, subject: true, status: true, attempts: true, lastError: true, createdAt: true, sentAt: true },
  });
}

/** Whether the shop can send mail at all; the admin shows a banner when it cannot. */
export function mailConfigured(settings: ShopSettingsRow, env: MailEnv = process.env): boolean {
  return smtpConfigFor(settings, env) !== null;
}
