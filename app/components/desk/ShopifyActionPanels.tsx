// The request page's panels that act on Shopify: customer match, disclosure package, correction,
// stop use and erasure. Each action sits behind a confirmation modal (ConfirmAction).
import { Badge, Banner, BlockStack, Button, Card, DataTable, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useLocale, useT } from "../../i18n/react";
import { ConfirmAction } from "./ConfirmAction";
import { formatDate } from "./format";

interface Candidate {
  customerId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  matchedBy: string[];
}

export function CustomerMatchPanel({ closed, hasEmail }: { closed: boolean; hasEmail: boolean }) {
  const t = useT();
  const fetcher = useFetcher<{ ok: boolean; candidates?: Candidate[]; error?: string }>();
  const candidates = fetcher.data?.candidates;
  if (closed) return null;
  return (
    <BlockStack gap="200">
      <InlineStack gap="200">
        <Button onClick={() => fetcher.submit({ intent: "matches" }, { method: "post" })} loading={fetcher.state !== "idle"}>
          {t("desk.detail.findMatches")}
        </Button>
        {hasEmail ? (
          <ConfirmAction id="send-link" intent="send_link" label={t("desk.detail.sendLink")} title={t("desk.detail.sendLink")} doneMessage={t("desk.detail.sendLink")}>
            <Text as="p">{t("desk.detail.sendLinkBody")}</Text>
          </ConfirmAction>
        ) : null}
      </InlineStack>
      {fetcher.data && !fetcher.data.ok ? (
        <Banner tone="critical">
          <p>{t("desk.detail.actionFailed", { message: fetcher.data.error ?? "" })}</p>
        </Banner>
      ) : null}
      {candidates && candidates.length === 0 ? (
        <Text as="p" tone="subdued">
          {t("desk.detail.noMatches")}
        </Text>
      ) : null}
      {candidates?.map((candidate) => {
        const name = `${candidate.lastName} ${candidate.firstName}`.trim();
        return (
          <Card key={candidate.customerId} background="bg-surface-secondary">
            <BlockStack gap="100">
              <Text as="p" fontWeight="semibold">
                {name || candidate.customerId}
              </Text>
              <Text as="p" variant="bodySm" tone="subdued">
                {[candidate.email, candidate.phone].filter(Boolean).join(" · ")}
              </Text>
              <Text as="p" variant="bodySm">
                {t("desk.detail.matchReason", { reasons: candidate.matchedBy.join(", ") })}
              </Text>
              <InlineStack>
                <ConfirmAction
                  id={`match-${candidate.customerId}`}
                  intent="confirm_match"
                  primary
                  label={t("desk.detail.confirmMatch")}
                  title={t("desk.detail.confirmMatch")}
                  doneMessage={t("desk.timeline.customer_match_confirmed")}
                  values={{ customerId: candidate.customerId }}
                >
                  <Text as="p">{t("desk.detail.confirmMatchBody", { name, email: candidate.email ?? "" })}</Text>
                </ConfirmAction>
              </InlineStack>
            </BlockStack>
          </Card>
        );
      })}
    </BlockStack>
  );
}

interface JobStatus {
  status: string;
  progress: number;
  total: number;
}

/** Downloads go through fetch so App Bridge's session token rides along; the printable page opens in a tab. */
async function download(url: string, open: boolean) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(String(response.status));
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  if (open) {
    window.open(href, "_blank", "noopener");
  } else {
    const link = document.createElement("a");
    link.href = href;
    link.download = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "disclosure";
    link.click();
  }
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

export function DisclosurePanel({ requestId, job, ready, blocked }: { requestId: string; job: JobStatus | null; ready: boolean; blocked: boolean }) {
  const t = useT();
  const shopify = useAppBridge();
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

  const get = (format: string, open = false) =>
    download(`/app/requests/${requestId}/package?format=${format}`, open).catch(() => shopify.toast.show(t("desk.detail.packageFailed"), { isError: true }));

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("desk.detail.disclosureCard")}
        </Text>
        <Text as="p" tone="subdued">
          {t("desk.detail.buildPackageBody")}
        </Text>
        {blocked ? (
          <Banner tone="info">
            <p>{t("desk.detail.needsCustomer")}</p>
          </Banner>
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
            <InlineStack gap="200">
              <Button onClick={() => get("json")}>{t("desk.detail.downloadJson")}</Button>
              <Button onClick={() => get("csv")}>{t("desk.detail.downloadCsv")}</Button>
              <Button onClick={() => get("html", true)}>{t("desk.detail.printable")}</Button>
            </InlineStack>
          </BlockStack>
        ) : null}
        <InlineStack>
          <ConfirmAction
            id="build-package"
            intent="disclosure"
            primary={!ready}
            label={t("desk.detail.buildPackage")}
            title={t("desk.detail.buildPackage")}
            doneMessage={t("desk.detail.packageStarted")}
            disabled={blocked || working}
          >
            <Text as="p">{t("desk.detail.buildPackageBody")}</Text>
          </ConfirmAction>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

interface CorrectionRow {
  field: string;
  current: string | null;
  requested: string;
  changed: boolean;
}

export function CorrectionPanel({ rows, requested, blocked, error }: { rows: CorrectionRow[] | null; requested: Array<[string, string]>; blocked: boolean; error: string | null }) {
  const t = useT();
  const table = rows
    ? rows.map((row) => [row.field, row.current ?? "", row.changed ? <Text as="span" fontWeight="bold" key={row.field}>{row.requested}</Text> : row.requested])
    : requested.map(([field, value]) => [field, "—", value]);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("desk.detail.correctionCard")}
        </Text>
        {blocked ? (
          <Banner tone="info">
            <p>{t("desk.detail.needsCustomer")}</p>
          </Banner>
        ) : null}
        {error ? (
          <Banner tone="warning">
            <p>{t("desk.detail.actionFailed", { message: error })}</p>
          </Banner>
        ) : null}
        {table.length ? (
          <DataTable columnContentTypes={["text", "text", "text"]} headings={[t("desk.detail.field"), t("desk.detail.current"), t("desk.detail.requested")]} rows={table} />
        ) : (
          <Text as="p" tone="subdued">
            {t("desk.detail.noChanges")}
          </Text>
        )}
        <InlineStack>
          <ConfirmAction
            id="apply-correction"
            intent="correction"
            primary
            label={t("desk.detail.applyCorrection")}
            title={t("desk.detail.applyCorrection")}
            doneMessage={t("desk.detail.correctionApplied")}
            disabled={blocked || table.length === 0}
          >
            <Text as="p">{t("desk.detail.applyCorrectionBody")}</Text>
          </ConfirmAction>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

interface Erasure {
  requestedAt: Date | string;
  heldForOrders: boolean;
  expectedErasureAt: Date | string;
}

export function StopUsePanel({ blocked, erasure }: { blocked: boolean; erasure: Erasure | null }) {
  const t = useT();
  const locale = useLocale();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("desk.detail.stopUseCard")}
        </Text>
        {blocked ? (
          <Banner tone="info">
            <p>{t("desk.detail.needsCustomer")}</p>
          </Banner>
        ) : null}
        <InlineStack>
          <ConfirmAction
            id="stop-use"
            intent="stop_use"
            label={t("desk.detail.applyStopUse")}
            title={t("desk.detail.applyStopUse")}
            doneMessage={t("desk.detail.stopUseApplied")}
            disabled={blocked}
          >
            <Text as="p">{t("desk.detail.applyStopUseBody")}</Text>
          </ConfirmAction>
        </InlineStack>
        <Text as="h3" variant="headingSm">
          {t("desk.detail.erasureCard")}
        </Text>
        {erasure ? (
          <BlockStack gap="200">
            <Text as="p">{t("desk.detail.erasureRequested", { date: formatDate(erasure.requestedAt, locale) })}</Text>
            <Text as="p" fontWeight="semibold">
              {t("desk.detail.erasureExpected", { date: formatDate(erasure.expectedErasureAt, locale) })}
            </Text>
            <Text as="p" tone="subdued">
              {t("desk.detail.erasureHoldUnknown")}
            </Text>
            <InlineStack>
              <ConfirmAction
                id="cancel-erasure"
                intent="cancel_erasure"
                label={t("desk.detail.cancelErasure")}
                title={t("desk.detail.cancelErasure")}
                doneMessage={t("desk.detail.erasureCancelledToast")}
              >
                <Text as="p">{t("desk.detail.cancelErasureBody")}</Text>
              </ConfirmAction>
            </InlineStack>
          </BlockStack>
        ) : (
          <BlockStack gap="200">
            <Text as="p" tone="subdued">
              {t("desk.detail.erasureHoldUnknown")}
            </Text>
            <InlineStack>
              <ConfirmAction
                id="request-erasure"
                intent="erasure"
                destructive
                label={t("desk.detail.requestErasure")}
                title={t("desk.detail.requestErasure")}
                doneMessage={t("desk.detail.erasureRequestedToast")}
                disabled={blocked}
              >
                <Text as="p">{t("desk.detail.erasureHoldUnknown")}</Text>
              </ConfirmAction>
            </InlineStack>
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
