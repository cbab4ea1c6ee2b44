import { Badge } from "@shopify/polaris";
import { useT } from "../../i18n/react";
import { daysUntil } from "./format";
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

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  return <Badge tone={STATUS_TONES[status]}>{t(statusKey(status))}</Badge>;
}

const OPEN = new Set(["received", "identity_check", "in_progress", "waiting_on_shopper"]);

/** Deadline of an open request, coloured by urgency; closed requests show nothing. */
export function DueBadge({ status, dueAt, now, soonDays = 3 }: { status: string; dueAt: Date | string; now: Date; soonDays?: number }) {
  const t = useT();
  if (!OPEN.has(status)) return null;
  const days = daysUntil(dueAt, now);
  if (new Date(dueAt).getTime() < now.getTime()) {
    return <Badge tone="critical">{t("desk.due.daysOver", { days: Math.max(1, -days) })}</Badge>;
  }
  if (days === 0) return <Badge tone="warning">{t("desk.due.today")}</Badge>;
  return <Badge tone={days < soonDays ? "warning" : undefined}>{t("desk.due.daysLeft", { days })}</Badge>;
}
