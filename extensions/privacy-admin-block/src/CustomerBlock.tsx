import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { callBackend, legacyId } from "../../shared/backend";

interface Summary {
  timeZone: string;
  requests: Array<{ id: string; reference: string; type: string; status: string; dueAt: string; closedAt: string | null; open: boolean; overdue: boolean }>;
  consent: Array<{ kind: string; granted: boolean; choiceAt: string; needsRenewal: boolean }>;
  policy: { acceptedVersion: number | null; acceptedAt: string | null; latestVersion: number | null; needsRenewal: boolean };
  erasure: { reference: string; requestId: string; expectedErasureAt: string; heldForOrders: boolean } | null;
}

/** The block lists this many; the rest are one click away in the desk. */
const SHOWN = 5;
const ACTION_HANDLE = "privacy-desk-record-request";

export default async () => {
  render(<CustomerBlock />, document.body);
};

function CustomerBlock() {
  const t = shopify.i18n.translate;
  const customerId = legacyId(shopify.data.selected[0]?.id);
  const [state, setState] = useState<{ summary?: Summary; error?: string }>({});

  useEffect(() => {
    let live = true;
    (async () => {
      const answer = await callBackend<Summary>(`/api/admin/customers/${customerId}`, await shopify.auth.idToken());
      if (live) setState(answer.ok ? { summary: answer.data } : { error: answer.status === 404 ? "notFound" : "failed" });
    })();
    return () => {
      live = false;
    };
  }, [customerId]);

  const { summary, error } = state;
  if (error) {
    return (
      <s-admin-block heading={t("heading")}>
        <s-banner tone="critical">{t(`error.${error}`)}</s-banner>
      </s-admin-block>
    );
  }
  if (!summary) {
    return (
      <s-admin-block heading={t("heading")}>
        <s-stack direction="inline" gap="small-200" alignItems="center">
          <s-spinner accessibilityLabel={t("loading")} />
          <s-text color="subdued">{t("loading")}</s-text>
        </s-stack>
      </s-admin-block>
    );
  }
  const day = (iso: string) => shopify.i18n.formatDate(new Date(iso), { dateStyle: "long", timeZone: summary.timeZone });
  const statusTone = (request: Summary["requests"][number]) =>
    request.overdue ? "critical" : request.open ? "info" : request.status === "completed" ? "success" : "neutral";

  return (
    <s-admin-block heading={t("heading")}>
      <s-stack gap="base">
        {summary.erasure ? (
          <s-banner tone="warning" heading={t("erasure.heading")}>
            {t(summary.erasure.heldForOrders ? "erasure.held" : "erasure.body", { reference: summary.erasure.reference, date: day(summary.erasure.expectedErasureAt) })}
          </s-banner>
        ) : null}

        <s-stack gap="small-200">
          <s-heading>{t("requests.heading")}</s-heading>
          {summary.requests.length === 0 ? (
            <s-text color="subdued">{t("requests.none")}</s-text>
          ) : (
            summary.requests.slice(0, SHOWN).map((request) => (
              <s-stack key={request.id} direction="inline" gap="small-200" alignItems="center" justifyContent="space-between">
                <s-stack gap="none">
                  <s-link href={`app:app/requests/${request.id}`}>
                    {request.reference} · {t(`type.${request.type}`)}
                  </s-link>
                  <s-text color="subdued">
                    {request.open ? t(request.overdue ? "requests.overdue" : "requests.due", { date: day(request.dueAt) }) : t("requests.closed", { date: day(request.closedAt ?? request.dueAt) })}
                  </s-text>
                </s-stack>
                <s-badge tone={statusTone(request)}>{t(`status.${request.status}`)}</s-badge>
              </s-stack>
            ))
          )}
          {summary.requests.length > SHOWN ? <s-link href="app:app/requests">{t("requests.more", { count: summary.requests.length - SHOWN })}</s-link> : null}
        </s-stack>

        <s-divider />

        <s-stack gap="small-200">
          <s-heading>{t("consent.heading")}</s-heading>
          {summary.consent.length === 0 ? (
            <s-text color="subdued">{t("consent.none")}</s-text>
          ) : (
            summary.consent.map((entry) => (
              <s-stack key={entry.kind} direction="inline" gap="small-200" alignItems="center" justifyContent="space-between">
                <s-text>{t(`consent.kind.${entry.kind}`)}</s-text>
                <s-stack direction="inline" gap="small-200" alignItems="center">
                  <s-text color="subdued">{day(entry.choiceAt)}</s-text>
                  <s-badge tone={entry.granted ? (entry.needsRenewal ? "warning" : "success") : "neutral"}>
                    {t(entry.granted ? (entry.needsRenewal ? "consent.renew" : "consent.granted") : "consent.withdrawn")}
                  </s-badge>
                </s-stack>
              </s-stack>
            ))
          )}
          <s-text color="subdued">
            {summary.policy.acceptedVersion !== null
              ? t(summary.policy.needsRenewal ? "policy.acceptedOutdated" : "policy.accepted", {
                  version: summary.policy.acceptedVersion,
                  date: day(summary.policy.acceptedAt ?? ""),
                  latest: summary.policy.latestVersion ?? summary.policy.acceptedVersion,
                })
              : t("policy.none")}
          </s-text>
        </s-stack>

        <s-stack direction="inline" gap="small-200">
          <s-button onClick={() => shopify.navigation.navigate(`extension://${ACTION_HANDLE}`)}>{t("record")}</s-button>
          <s-button variant="tertiary" href="app:app/requests">
            {t("openDesk")}
          </s-button>
        </s-stack>
      </s-stack>
    </s-admin-block>
  );
}
