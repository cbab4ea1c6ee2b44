// The dashboard's setup guide: what a new shop still has to do before shoppers can use the app, in
// order. The app checks what it can see (a published policy, a processor register, mail that can
// be sent); the merchant marks the steps only they can see (blocks placed and the banner enabled in
// the theme, the register and the deadlines reviewed). The guide stays until every step is done.
import type { Db } from "../../db.factory";
import type { ShopSettingsRow } from "../requests/deskSettings";
import { mailConfigured, sendWithNodemailer, smtpConfigFor, type SendMail } from "../mail/delivery";

export const SETUP_STEPS = ["policy", "register", "theme", "mail", "deadlines"] as const;
export type SetupStepId = (typeof SETUP_STEPS)[number];
/** Steps the app cannot check for itself. */
export const MARKED_STEPS: readonly SetupStepId[] = ["register", "theme", "deadlines"];

export interface SetupStep {
  id: SetupStepId;
  done: boolean;
  /** The merchant marks it done (the app cannot see it). */
  marked: boolean;
}

export interface SetupGuide {
  steps: SetupStep[];
  complete: boolean;
}

export class SetupStepError extends Error {}

function markedSteps(json: string): Partial<Record<SetupStepId, string>> {
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Partial<Record<SetupStepId, string>>) : {};
  } catch {
    return {};
  }
}

export async function setupGuide(db: Db, shop: string, settings: ShopSettingsRow): Promise<SetupGuide> {
  const [policy, processors] = await Promise.all([
    db.policyVersion.findFirst({ where: { shop }, select: { id: true } }),
    db.processor.count({ where: { shop } }),
  ]);
  const marked = markedSteps(settings.setupSteps);
  const done: Record<SetupStepId, boolean> = {
    policy: Boolean(policy),
    // A register is reviewed only once it holds entries (Shopify's are seeded at install).
    register: processors > 0 && Boolean(marked.register),
    theme: Boolean(marked.theme),
    mail: mailConfigured(settings),
    deadlines: Boolean(marked.deadlines),
  };
  const steps = SETUP_STEPS.map((id) => ({ id, done: done[id], marked: MARKED_STEPS.includes(id) }));
  return { steps, complete: steps.every((step) => step.done) };
}

/** The merchant marks a step they did themselves; the app's own checks cannot be marked. */
export async function markSetupStep(db: Db, shop: string, step: string, now = new Date()): Promise<void> {
  if (!(MARKED_STEPS as readonly string[]).includes(step)) throw new SetupStepError(`${step} is not a step the merchant marks`);
  const settings = await db.shopSettings.findUnique({ where: { shop }, select: { setupSteps: true } });
  const steps = { ...markedSteps(settings?.setupSteps ?? "{}"), [step]: now.toISOString() };
  await db.shopSettings.upsert({ where: { shop }, create: { shop, setupSteps: JSON.stringify(steps) }, update: { setupSteps: JSON.stringify(steps) } });
}

/**
 * Theme editor deep links (Shopify's documented forms): the app embed opened and activated in the
 * App embeds panel, and each app block added to a new section of a page template.
 */
export function themeEditorLinks(shop: string, apiKey: string) {
  const editor = `https://${shop}/admin/themes/current/editor`;
  const block = (handle: string) => `${editor}?template=page&addAppBlockId=${encodeURIComponent(`${apiKey}/${handle}`)}&target=newAppsSection`;
  return {
    banner: `${editor}?context=apps&activateAppId=${encodeURIComponent(`${apiKey}/consent-banner`)}`,
    policy: block("privacy-policy"),
    form: block("request-form"),
  };
}

/** Sends a test notice through the shop's mail settings to `to`; throws what the server answered. */
export async function sendTestMail(settings: ShopSettingsRow, to: string, message: { subject: string; text: string }, send: SendMail = sendWithNodemailer): Promise<void> {
  const config = smtpConfigFor(settings);
  if (!config) throw new SetupStepError("mail is not set up");
  await send(config, { from: config.from, to, ...message });
}
