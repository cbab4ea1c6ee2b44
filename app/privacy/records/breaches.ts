// The breach register (APPI 26, enforcement rules 7-8). A report to the PPC is due when any of
// the four triggers holds; the preliminary report is due "promptly (about 3-5 days)", the final one
// within 30 days (60 when the cause is a malicious act), both counted from the day of discovery
// with the next-working-day rule. When EU residents are involved GDPR art. 33 gives 72 hours.
import type { BreachIncident } from "#prisma/sqlite";
import { auditRecords, type Client } from "./audit";
import { FormReader, parseJsonList, type FormInput, type Parsed } from "./validation";
import { japaneseDeadline } from "./workingDays";
import { BREACH_STATUSES, NOTICE_STATUSES, REPORT_FIELD_KEYS } from "./recordKinds";

export const PRELIMINARY_EARLIEST_DAYS = 3;
export const PRELIMINARY_DAYS = 5;
export const FINAL_DAYS = 30;
export const FINAL_DAYS_MALICIOUS = 60;
export const GDPR_HOURS = 72;
/** Rule 7(4): more than 1,000 people. */
export const PEOPLE_THRESHOLD = 1000;

export type ReportFields = Record<(typeof REPORT_FIELD_KEYS)[number], string>;

export interface BreachTriggers {
  sensitive: boolean;
  financial: boolean;
  malicious: boolean;
  overThousand: boolean;
}

export function reportIsDue(triggers: BreachTriggers): boolean {
  return triggers.sensitive || triggers.financial || triggers.malicious || triggers.overThousand;
}

/** The people count decides the fourth trigger by itself; staff may also tick it for an estimate. */
export function effectiveTriggers(triggers: BreachTriggers, peopleCount: number): BreachTriggers {
  return { ...triggers, overThousand: triggers.overThousand || peopleCount > PEOPLE_THRESHOLD };
}

export interface BreachDeadlines {
  preliminaryFrom: Date | null;
  preliminaryDueAt: Date | null;
  finalDueAt: Date | null;
  gdprDueAt: Date | null;
}

export function breachDeadlines(discoveredAt: Date, triggers: BreachTriggers, euResidents: boolean): BreachDeadlines {
  const due = reportIsDue(triggers);
  return {
    preliminaryFrom: due ? japaneseDeadline(discoveredAt, PRELIMINARY_EARLIEST_DAYS) : null,
    preliminaryDueAt: due ? japaneseDeadline(discoveredAt, PRELIMINARY_DAYS) : null,
    finalDueAt: due ? japaneseDeadline(discoveredAt, triggers.malicious ? FINAL_DAYS_MALICIOUS : FINAL_DAYS) : null,
    gdprDueAt: euResidents ? new Date(discoveredAt.getTime() + GDPR_HOURS * 60 * 60 * 1000) : null,
  };
}

export interface BreachInput {
  title: string;
  summary: string;
  discoveredAt: Date;
  occurredAt: Date | null;
  dataKinds: string[];
  peopleCount: number;
  cause: string;
  triggers: BreachTriggers;
  euResidents: boolean;
  reportFields: ReportFields;
  noticeStatus: (typeof NOTICE_STATUSES)[number];
  noticeSentAt: Date | null;
  noticeNote: string;
  preliminaryReportedAt: Date | null;
  finalReportedAt: Date | null;
  gdprReportedAt: Date | null;
  status: (typeof BREACH_STATUSES)[number];
}

export function parseBreachInput(input: FormInput): Parsed<BreachInput> {
  const form = new FormReader(input);
  const discoveredAt = form.date("discoveredAt", { required: true });
  const occurredAt = form.date("occurredAt");
  if (discoveredAt && occurredAt && occurredAt > discoveredAt) form.errors.occurredAt = "records.error.occurredAfterDiscovery";
  const reportFields = Object.fromEntries(REPORT_FIELD_KEYS.map((key) => [key, form.text(key, { max: 4000 })])) as ReportFields;
  return form.result({
    title: form.text("title", { required: true, max: 200 }),
    summary: form.text("summary", { max: 4000 }),
    discoveredAt: discoveredAt ?? new Date(0),
    occurredAt,
    dataKinds: form.list("dataKinds"),
    peopleCount: form.integer("peopleCount"),
    cause: form.text("cause", { max: 4000 }),
    triggers: {
      sensitive: form.flag("triggerSensitive"),
      financial: form.flag("triggerFinancial"),
      malicious: form.flag("triggerMalicious"),
      overThousand: form.flag("triggerOverThousand"),
    },
    euResidents: form.flag("euResidents"),
    reportFields,
    noticeStatus: input.noticeStatus ? form.choice("noticeStatus", NOTICE_STATUSES) : "not_started",
    noticeSentAt: form.date("noticeSentAt"),
    noticeNote: form.text("noticeNote", { max: 2000 }),
    preliminaryReportedAt: form.date("preliminaryReportedAt"),
    finalReportedAt: form.date("finalReportedAt"),
    gdprReportedAt: form.date("gdprReportedAt"),
    status: input.status ? form.choice("status", BREACH_STATUSES) : "open",
  });
}

interface TimelineEntry {
  at: string;
  actor: string;
  action: string;
}

export function breachTimeline(incident: Pick<BreachIncident, "timeline">): TimelineEntry[] {
  try {
    const value: unknown = JSON.parse(incident.timeline);
    return Array.isArray(value) ? (value as TimelineEntry[]) : [];
  } catch {
    return [];
  }
}

export function breachReportFields(incident: Pick<BreachIncident, "reportFields">): ReportFields {
  let stored: Record<string, unknown> = {};
  try {
    stored = JSON.parse(incident.reportFields) as Record<string, unknown>;
  } catch {
    // a damaged value shows as empty fields rather than breaking the page
  }
  return Object.fromEntries(REPORT_FIELD_KEYS.map((key) => [key, typeof stored[key] === "string" ? stored[key] : ""])) as ReportFields;
}

export function breachDataKinds(incident: Pick<BreachIncident, "dataKinds">): string[] {
  return parseJsonList(incident.dataKinds);
}

function breachData(input: BreachInput) {
  const triggers = effectiveTriggers(input.triggers, input.peopleCount);
  const deadlines = breachDeadlines(input.discoveredAt, triggers, input.euResidents);
  return {
    title: input.title,
    summary: input.summary,
    discoveredAt: input.discoveredAt,
    occurredAt: input.occurredAt,
    dataKinds: JSON.stringify(input.dataKinds),
    peopleCount: input.peopleCount,
    cause: input.cause,
    triggerSensitive: triggers.sensitive,
    triggerFinancial: triggers.financial,
    triggerMalicious: triggers.malicious,
    triggerOverThousand: triggers.overThousand,
    euResidents: input.euResidents,
    reportDue: reportIsDue(triggers),
    preliminaryDueAt: deadlines.preliminaryDueAt,
    finalDueAt: deadlines.finalDueAt,
    gdprDueAt: deadlines.gdprDueAt,
    preliminaryReportedAt: input.preliminaryReportedAt,
    finalReportedAt: input.finalReportedAt,
    gdprReportedAt: input.gdprReportedAt,
    reportFields: JSON.stringify(input.reportFields),
    noticeStatus: input.noticeStatus,
    noticeSentAt: input.noticeSentAt,
    noticeNote: input.noticeNote,
    status: input.status,
  };
}

export async function createBreachIncident(db: Client, shop: string, input: BreachInput, actor: string, now = new Date()) {
  const timeline: TimelineEntry[] = [{ at: now.toISOString(), actor, action: "created" }];
  const incident = await db.breachIncident.create({ data: { shop, ...breachData(input), timeline: JSON.stringify(timeline) } });
  await auditRecords(db, shop, actor, "breach.created", { id: incident.id, reportDue: incident.reportDue });
  return incident;
}

/** What changed, named for the timeline (report filed, notices done, closed...). */
function changes(before: BreachIncident, after: ReturnType<typeof breachData>): string[] {
  const named: string[] = [];
  if (!before.preliminaryReportedAt && after.preliminaryReportedAt) named.push("preliminary_reported");
  if (!before.finalReportedAt && after.finalReportedAt) named.push("final_reported");
  if (!before.gdprReportedAt && after.gdprReportedAt) named.push("gdpr_reported");
  if (before.noticeStatus !== after.noticeStatus) named.push(`notice_${after.noticeStatus}`);
  if (before.status !== after.status) named.push(after.status === "closed" ? "closed" : "reopened");
  if (before.reportDue !== after.reportDue) named.push(after.reportDue ? "report_became_due" : "report_no_longer_due");
  return named.length ? named : ["updated"];
}

export async function updateBreachIncident(db: Client, shop: string, id: string, input: BreachInput, actor: string, now = new Date()) {
  const existing = await findBreachIncident(db, shop, id);
  if (!existing) return null;
  const data = breachData(input);
  const timeline = [...breachTimeline(existing), ...changes(existing, data).map((action) => ({ at: now.toISOString(), actor, action }))];
  const incident = await db.breachIncident.update({ where: { id: existing.id }, data: { ...data, timeline: JSON.stringify(timeline) } });
  await auditRecords(db, shop, actor, "breach.updated", { id, reportDue: incident.reportDue });
  return incident;
}

export function findBreachIncident(db: Client, shop: string, id: string) {
  return db.breachIncident.findFirst({ where: { shop, id } });
}

export function listBreachIncidents(db: Client, shop: string, take = 200) {
  return db.breachIncident.findMany({ where: { shop }, orderBy: { discoveredAt: "desc" }, take });
}

export type DueReportKind = "preliminary" | "final" | "gdpr" | "notice";

export interface DueBreachReport {
  incidentId: string;
  title: string;
  kind: DueReportKind;
  dueAt: string | null;
  overdue: boolean;
}

type ReportState = Pick<
  BreachIncident,
  "reportDue" | "preliminaryReportedAt" | "preliminaryDueAt" | "finalReportedAt" | "finalDueAt" | "euResidents" | "gdprReportedAt" | "gdprDueAt"
>;

/** The dated reports an incident still owes: the two to the PPC while a report is due, and GDPR's for EU residents. */
function reportsOwed(incident: ReportState): Array<{ kind: Exclude<DueReportKind, "notice">; dueAt: Date | null }> {
  const owed: Array<{ kind: Exclude<DueReportKind, "notice">; dueAt: Date | null }> = [];
  if (incident.reportDue && !incident.preliminaryReportedAt) owed.push({ kind: "preliminary", dueAt: incident.preliminaryDueAt });
  if (incident.reportDue && !incident.finalReportedAt) owed.push({ kind: "final", dueAt: incident.finalDueAt });
  if (incident.euResidents && !incident.gdprReportedAt) owed.push({ kind: "gdpr", dueAt: incident.gdprDueAt });
  return owed;
}

/** The earliest deadline among the reports still owed, or null once none is. */
export function nextReportDueAt(incident: ReportState): Date | null {
  const deadlines = reportsOwed(incident)
    .map((report) => report.dueAt)
    .filter((dueAt): dueAt is Date => !!dueAt);
  return deadlines.sort((x, y) => x.getTime() - y.getTime())[0] ?? null;
}

/** Reports and notices still owed for the shop's open incidents, the most urgent first. */
export async function dueBreachReports(db: Client, shop: string, now = new Date()): Promise<DueBreachReport[]> {
  const incidents = await db.breachIncident.findMany({
    where: { shop, status: "open" },
    orderBy: { discoveredAt: "asc" },
    take: 100,
  });
  const due: DueBreachReport[] = [];
  const add = (incident: BreachIncident, kind: DueReportKind, dueAt: Date | null) =>
    due.push({ incidentId: incident.id, title: incident.title, kind, dueAt: dueAt?.toISOString() ?? null, overdue: !!dueAt && dueAt < now });
  for (const incident of incidents) {
    for (const report of reportsOwed(incident)) add(incident, report.kind, report.dueAt);
    if (incident.reportDue && (incident.noticeStatus === "not_started" || incident.noticeStatus === "in_progress")) add(incident, "notice", null);
  }
  return due.sort((a, b) => (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999"));
}
