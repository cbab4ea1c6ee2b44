// The request page's panels that act on Shopify: customer match, disclosure package, correction,
// stop use and erasure. Each action sits behind a confirmation modal (ConfirmAction).
import { Badge, Banner, BlockStack, Button, Card, DataTable, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { useLocale, useT, useTimeZone } from "../../i18n/react";
import { ConfirmAction } from "./ConfirmAction";
import { DownloadButtons } from "./DownloadButtons";
import { actionErrorText, fieldKey, labelOr, matchReasonKey } from "./labels";
import { formatDate, formatList } from "./format";
import { CustomerPicker, customerLabel } from "./CustomerPicker";
import type { CustomerChoice } from "../../privacy/identity/customerSearch";
import type { RequestOffer } from "../../privacy/requests/requestOffer";

/**
 * The frame every Shopify action panel shares: its title, and why it cannot act yet (no linked
 * customer) or what the last attempt ran into.
 */
function ActionCard({ title, blocked, error, children }: { title: string; blocked: boolean; error?: Refusal | null; children: ReactNode }) {
  const t = useT();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {blocked ? (
          <Banner tone="info">
            <p>{t("desk.detail.needsCustomer")}</p>
          </Banner>
        ) : null}
        {error ? (
          <Banner tone="warning">
            <p>{actionErrorText(t, error)}</p>
          </Banner>
        ) : null}
        {children}
      </BlockStack>
    </Card>
  );
}

interface Candidate {
  customerId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  matchedBy: string[];
}

export function CustomerMatchPanel({ offer }: { offer: RequestOffer["identity"] }) {
  const t = useT();
  const fetcher = useFetcher<{ ok: boolean; candidates?: Candidate[]; error?: string; code?: string }>();
  const candidates = fetcher.data?.candidates;
  const [picked, setPicked] = useState<CustomerChoice | null>(null);
  if (!offer.find) return null;
  return (
    <BlockStack gap="200">
      <InlineStack gap="200">
        <Button onClick={() => fetcher.submit({ intent: "matches" }, { method: "post" })} loading={fetcher.state !== "idle"}>
          {t("desk.detail.findMatches")}
        </Button>
        {offer.sendLink ? (
          <ConfirmAction id="send-link" intent="send_link" label={t("desk.detail.sendLink")} doneMessage={t("desk.detail.sendLink")}>
            <Text as="p">{t("desk.detail.sendLinkBody")}</Text>
          </ConfirmAction>
        ) : null}
      </InlineStack>
      {fetcher.data && !fetcher.data.ok ? (
        <Banner tone="critical">
          <p>{actionErrorText(t, fetcher.data)}</p>
        </Banner>
      ) : null}
      {candidates && candidates.length === 0 ? (
        <Text as="p" tone="subdued">
          {t("desk.detail.noMatches")}
        </Text>
      ) : null}
      {candidates?.map((candidate) => <CandidateCard key={candidate.customerId} candidate={candidate} />)}
      <CustomerPicker label={t("desk.detail.searchCustomer")} helpText={t("desk.detail.searchCustomerHelp")} onPick={(customer) => setPicked(customer)} />
      {picked && !candidates?.some((candidate) => candidate.customerId === picked.customerId) ? (
        <CandidateCard candidate={{ ...picked, matchedBy: [] }} />
      ) : null}
    </BlockStack>
  );
}

/** A customer staff may confirm as the requester: proposed by a match, or found with the picker. */
function CandidateCard({ candidate }: { candidate: Candidate }) {
  const t = useT();
  const locale = useLocale();
  const name = customerLabel(candidate);
  return (
    <Card background="bg-surface-secondary">
      <BlockStack gap="100">
        <Text as="p" fontWeight="semibold">
          {name}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {[candidate.email, candidate.phone].filter(Boolean).join(" · ")}
        </Text>
        <Text as="p" variant="bodySm">
          {candidate.matchedBy.length
            ? t("desk.detail.matchReason", { reasons: formatList(candidate.matchedBy.map((reason) => labelOr(t, matchReasonKey(reason), reason)), locale) })
            : t("desk.detail.pickedByStaff")}
        </Text>
        <InlineStack>
          <ConfirmAction
            id={`match-${candidate.customerId}`}
            intent="confirm_match"
            primary
            label={t("desk.detail.confirmMatch")}
            doneMessage={t("desk.timeline.customer_match_confirmed")}
            values={{ customerId: candidate.customerId }}
          >
            <Text as="p">{t("desk.detail.confirmMatchBody", { name, email: candidate.email ?? "" })}</Text>
          </ConfirmAction>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

interface JobStatus {
  status: string;
  progress: number;
  total: number;
}

/** Which orders the latest package holds (OrderCoverage in app/privacy/disclosure). */
interface PackageOrderCoverage {
  allOrders: boolean;
  since: string | null;
  ordersHeld: number;
  ordersIncluded: number;
}

export function DisclosurePanel({
  requestId,
  job,
  offer,
  blocked,
  coverage = null,
}: {
  requestId: string;
  job: JobStatus | null;
  offer: RequestOffer["disclosure"];
  blocked: boolean;
  coverage?: PackageOrderCoverage | null;
}) {
  const ready = offer.downloads;
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const revalidator = useRevalidator();
  const working = job?.status === "pending" || job?.status === "running";

  // Poll the job while it runs; the loader reads its progress.
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1500);
    return () => clearInterval(timer);
  }, [working, revalidator]);

  return (
    <ActionCard title={t("desk.detail.disclosureCard")} blocked={blocked}>
      {offer.build || blocked ? (
        <Text as="p" tone="subdued">
          {t("desk.detail.buildPackageBody")}
        </Text>
      ) : null}
      {working ? (
        <BlockStack gap="100">
          <Text as="p">
            {job.status === "pending" ? t("desk.detail.packagePending") : t("desk.detail.packageRunning", { progress: job.progress, total: job.total || "?" })}
          </Text>
          <ProgressBar progress={job.total ? Math.min(100, Math.round((job.progress / job.total) * 100)) : 5} size="small" />
        </BlockStack>
      ) : null}
      {job?.status === "failed" ? (
        <Banner tone="critical">
          <p>{t("desk.detail.packageFailed")}</p>
        </Banner>
      ) : null}
      {ready ? (
        <BlockStack gap="200">
          <InlineStack gap="200" blockAlign="center">
            <Badge tone="success">{t("desk.detail.packageReady")}</Badge>
          </InlineStack>
          {coverage && !coverage.allOrders ? (
            <Banner tone="warning">
              <p>{t("desk.detail.ordersWindow", { since: formatDate(coverage.since, locale, timeZone), held: coverage.ordersHeld, included: coverage.ordersIncluded })}</p>
            </Banner>
          ) : null}
          <DownloadButtons
            url={`/app/requests/${requestId}/package`}
            fallbackName="disclosure"
            failedMessage={t("desk.detail.packageFailed")}
            formats={[
              { format: "json", label: t("desk.detail.downloadJson") },
              { format: "csv", label: t("desk.detail.downloadCsv") },
              { format: "html", label: t("desk.detail.printable"), open: true },
            ]}
          />
        </BlockStack>
      ) : null}
      {offer.build ? (
        <InlineStack>
          <ConfirmAction
            id="build-package"
            intent="disclosure"
            primary={!ready}
            label={t(ready ? "desk.detail.rebuildPackage" : "desk.detail.buildPackage")}
            doneMessage={t("desk.detail.packageStarted")}
          >
            <Text as="p">{t("desk.detail.buildPackageBody")}</Text>
          </ConfirmAction>
        </InlineStack>
      ) : null}
    </ActionCard>
  );
}

/** A refusal the loader passes down: the domain's message and its stable code. */
interface Refusal {
  error?: string;
  code?: string;
}

interface CorrectionRow {
  field: string;
  current: string | null;
  requested: string;
  changed: boolean;
}

export function CorrectionPanel({
  rows,
  requested,
  canApply,
  blocked,
  error,
}: {
  rows: CorrectionRow[] | null;
  requested: Array<[string, string]>;
  canApply: boolean;
  blocked: boolean;
  error: Refusal | null;
}) {
  const t = useT();
  const table = rows
    ? rows.map((row) => [labelOr(t, fieldKey(row.field), row.field), row.current ?? "", row.changed ? <Text as="span" fontWeight="bold" key={row.field}>{row.requested}</Text> : row.requested])
    : requested.map(([field, value]) => [labelOr(t, fieldKey(field), field), "—", value]);
  return (
    <ActionCard title={t("desk.detail.correctionCard")} blocked={blocked} error={error}>
      {table.length ? (
        <DataTable columnContentTypes={["text", "text", "text"]} headings={[t("desk.detail.field"), t("desk.detail.current"), t("desk.detail.requested")]} rows={table} />
      ) : (
        <Text as="p" tone="subdued">
          {t("desk.detail.noChanges")}
        </Text>
      )}
      {canApply ? (
        <InlineStack>
          <ConfirmAction
            id="apply-correction"
            intent="correction"
            primary
            label={t("desk.detail.applyCorrection")}
            doneMessage={t("desk.detail.correctionApplied")}
            disabled={table.length === 0}
          >
            <Text as="p">{t("desk.detail.applyCorrectionBody")}</Text>
          </ConfirmAction>
        </InlineStack>
      ) : null}
    </ActionCard>
  );
}

interface Erasure {
  requestedAt: Date | string;
  lastOrderAt: Date | string | null;
  heldForOrders: boolean;
  expectedErasureAt: Date | string;
}

/** The expected date and why: Shopify waits 10 days, or until 6 months after the last order. */
function ErasureScheduleText({ schedule, projected }: { schedule: Erasure; projected: boolean }) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const date = formatDate(schedule.expectedErasureAt, locale, timeZone);
  return (
    <BlockStack gap="100">
      <Text as="p" fontWeight="semibold">
        {projected ? t("desk.detail.erasureIfRequestedNow", { date }) : t("desk.detail.erasureExpected", { date })}
      </Text>
      <Text as="p" tone="subdued">
        {schedule.lastOrderAt
          ? t(schedule.heldForOrders ? "desk.detail.erasureHeldForOrder" : "desk.detail.erasureOrderOld", { date: formatDate(schedule.lastOrderAt, locale, timeZone) })
          : t("desk.detail.erasureNoOrders")}
      </Text>
    </BlockStack>
  );
}

export function StopUsePanel({
  offer,
  blocked,
  erasure,
  projected,
  projectionError,
}: {
  offer: RequestOffer["stopUse"];
  blocked: boolean;
  erasure: Erasure | null;
  projected: Erasure | null;
  projectionError: Refusal | null;
}) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <ActionCard title={t("desk.detail.stopUseCard")} blocked={blocked}>
      {offer.apply ? (
        <InlineStack>
          <ConfirmAction id="stop-use" intent="stop_use" label={t("desk.detail.applyStopUse")} doneMessage={t("desk.detail.stopUseApplied")}>
            <Text as="p">{t("desk.detail.applyStopUseBody")}</Text>
          </ConfirmAction>
        </InlineStack>
      ) : null}
      <Text as="h3" variant="headingSm">
        {t("desk.detail.erasureCard")}
      </Text>
      <Text as="p" tone="subdued">
        {t("desk.detail.erasureHoldExplained")}
      </Text>
      {erasure ? (
        <BlockStack gap="200">
          <Text as="p">{t("desk.detail.erasureRequested", { date: formatDate(erasure.requestedAt, locale, timeZone) })}</Text>
          <ErasureScheduleText schedule={erasure} projected={false} />
          {offer.cancelErasure ? (
            <InlineStack>
              <ConfirmAction
                id="cancel-erasure"
                intent="cancel_erasure"
                label={t("desk.detail.cancelErasure")}
                doneMessage={t("desk.detail.erasureCancelledToast")}
              >
                <Text as="p">{t("desk.detail.cancelErasureBody")}</Text>
              </ConfirmAction>
            </InlineStack>
          ) : null}
        </BlockStack>
      ) : (
        <BlockStack gap="200">
          {projected ? <ErasureScheduleText schedule={projected} projected /> : null}
          {projectionError ? (
            <Banner tone="warning">
              <p>{t("desk.detail.erasureProjectionFailed")}</p>
              <p>{actionErrorText(t, projectionError)}</p>
            </Banner>
          ) : null}
          {offer.requestErasure ? (
            <InlineStack>
              <ConfirmAction
                id="request-erasure"
                intent="erasure"
                destructive
                label={t("desk.detail.requestErasure")}
                doneMessage={t("desk.detail.erasureRequestedToast")}
              >
                {projected ? <ErasureScheduleText schedule={projected} projected /> : null}
                <Text as="p">{t("desk.detail.erasureHoldExplained")}</Text>
              </ConfirmAction>
            </InlineStack>
          ) : null}
        </BlockStack>
      )}
    </ActionCard>
  );
}
