import { Badge } from "@shopify/polaris";
import { usePluralT, useT, useTimeZone } from "../../i18n/react";
import { daysLeft } from "../../privacy/requests/deadlines";
import { statusKey } from "./labels";

type Tone = "info" | "attention" | "success" | "critical" | "warning" | undefined;

const STATUS_TONES: Record<string, Tone> = {
  received: "attention",
  identity_check: "warning",
  in_progress: "info",
  waiting_on_shopper: undefined,
  completed: "success",
  refused: "critical",
  withdrawn: undefined,
};

/** `erased`: closed by Shopify's erasure of the customer, which is said instead of a plain "completed". */
export function StatusBadge({ status, erased = false }: { status: string; erased?: boolean }) {
  const t = useT();
  if (erased) return <Badge>{t("desk.detail.statusErased")}</Badge>;
  return <Badge tone={STATUS_TONES[status]}>{t(statusKey(status))}</Badge>;
}

const OPEN = new Set(["received", "identity_check", "in_progress", "waiting_on_shopper"]);

/**
 * Deadline of an open request in calendar days on the shop's calendar, coloured by urgency (a
 * 14-day request received today has 14 days left; one due the day after tomorrow, 2); closed
 * requests show nothing.
 */
export function DueBadge({ status, dueAt, now, soonDays = 3 }: { status: string; dueAt: Date | string; now: Date | string; soonDays?: number }) {
  const t = useT();
  const tn = usePluralT();
  const timeZone = useTimeZone();
  if (!OPEN.has(status)) return null;
  const due = new Date(dueAt);
  const at = new Date(now);
  const days = daysLeft(due, at, timeZone);
  if (due.getTime() < at.getTime()) {
    const over = Math.max(1, -days);
    return <Badge tone="critical">{tn("desk.due.daysOver", over, { days: over })}</Badge>;
  }
  if (days <= 0) return <Badge tone="warning">{t("desk.due.today")}</Badge>;
  return <Badge tone={days <= soonDays ? "warning" : undefined}>{tn("desk.due.daysLeft", days, { days })}</Badge>;
}
