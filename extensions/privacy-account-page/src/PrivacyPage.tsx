import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { callBackend, REQUEST_TYPES } from "../../shared/backend";
import { APP_URL } from "./appUrl";

interface AccountRequest {
  id: string;
  reference: string;
  type: string;
  status: string;
  receivedAt: string;
  dueAt: string;
  closedAt: string | null;
  open: boolean;
  packageReady: boolean;
}

interface AccountConsent {
  channel: "email" | "sms";
  available: boolean;
  granted: boolean | null;
  choiceAt: string | null;
}

interface AccountPrivacy {
  timeZone: string;
  requests: AccountRequest[];
  consent: AccountConsent[];
  canFile: boolean;
}

const MAX_MESSAGE = 5_000;

export default async () => {
  render(<PrivacyPage />, document.body);
};

/** The page's language: the customer's, when the extension speaks it; Japanese otherwise. */
const language = () => (/^en\b/i.test(shopify.localization.language.value.isoCode) ? "en" : "ja");

async function call<T>(path: string, body?: unknown) {
  return callBackend<T>(`${APP_URL}${path}`, await shopify.sessionToken.get(), body === undefined ? {} : { method: "POST", body });
}

const valueOf = (event: Event) => (event.currentTarget as HTMLInputElement).value;

function PrivacyPage() {
  const t = shopify.i18n.translate;
  const [page, setPage] = useState<AccountPrivacy | null>(null);
  const [loadError, setLoadError] = useState(false);

  const load = useCallback(async () => {
    const answer = await call<AccountPrivacy>("/api/account/privacy");
    if (answer.ok) setPage(answer.data);
    else setLoadError(true);
  }, []);
  useEffect(() => {
    load();
  }, [load]);

  if (loadError) {
    return (
      <s-page heading={t("heading")}>
        <s-banner tone="critical">{t("error.load")}</s-banner>
      </s-page>
    );
  }
  if (!page) {
    return (
      <s-page heading={t("heading")}>
        <s-stack direction="inline" gap="small-200" alignItems="center">
          <s-spinner accessibilityLabel={t("loading")} />
          <s-text>{t("loading")}</s-text>
        </s-stack>
      </s-page>
    );
  }
  const day = (iso: string) => shopify.i18n.formatDate(new Date(iso), { dateStyle: "long", timeZone: page.timeZone });
  return (
    <s-page heading={t("heading")} subheading={t("subheading")}>
      <s-stack gap="large">
        <RequestList page={page} day={day} />
        <NewRequest page={page} day={day} onFiled={load} />
        <MarketingConsent page={page} day={day} />
      </s-stack>
    </s-page>
  );
}

function RequestList({ page, day }: { page: AccountPrivacy; day: (iso: string) => string }) {
  const t = shopify.i18n.translate;
  return (
    <s-section heading={t("requests.heading")}>
      {page.requests.length === 0 ? (
        <s-paragraph>{t("requests.none")}</s-paragraph>
      ) : (
        <s-stack gap="base">
          {page.requests.map((request, index) => (
            <s-stack key={request.id} gap="small-200">
              {index > 0 ? <s-divider /> : null}
              <s-stack direction="inline" gap="small-200" alignItems="center">
                <s-heading>{t(`type.${request.type}`)}</s-heading>
                <s-badge tone={request.open ? "auto" : "neutral"}>{t(`status.${request.status}`)}</s-badge>
              </s-stack>
              <s-text>{t("requests.reference", { reference: request.reference })}</s-text>
              <s-stack gap="none">
                <s-text color="subdued">{t("requests.received", { date: day(request.receivedAt) })}</s-text>
                <s-text color="subdued">
                  {request.open ? t("requests.due", { date: day(request.dueAt) }) : t("requests.closed", { date: day(request.closedAt ?? request.dueAt) })}
                </s-text>
              </s-stack>
              {request.packageReady ? <PackageDownload request={request} /> : null}
            </s-stack>
          ))}
        </s-stack>
      )}
    </s-section>
  );
}

function PackageDownload({ request }: { request: AccountRequest }) {
  const t = shopify.i18n.translate;
  const [link, setLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const prepare = async () => {
    setBusy(true);
    setFailed(false);
    const answer = await call<{ url: string }>(`/api/account/requests/${encodeURIComponent(request.id)}/download`, { format: "html", language: language() });
    setBusy(false);
    if (answer.ok) setLink(answer.data.url);
    else setFailed(true);
  };
  return (
    <s-stack gap="small-200">
      <s-text>{t("package.ready")}</s-text>
      {link ? (
        <s-stack direction="inline" gap="small-200" alignItems="center">
          <s-link href={link} target="_blank" onClick={() => setLink(null)}>
            {t("package.open")}
          </s-link>
          <s-text color="subdued">{t("package.once")}</s-text>
        </s-stack>
      ) : (
        <s-button variant="secondary" loading={busy} onClick={prepare}>
          {t("package.prepare")}
        </s-button>
      )}
      {failed ? <s-banner tone="critical">{t("error.package")}</s-banner> : null}
    </s-stack>
  );
}

function NewRequest({ page, day, onFiled }: { page: AccountPrivacy; day: (iso: string) => string; onFiled: () => void }) {
  const t = shopify.i18n.translate;
  const [type, setType] = useState<string>("disclosure");
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const [filed, setFiled] = useState<{ reference: string; dueAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (message.trim().length > MAX_MESSAGE) return setError("invalid_message");
    setBusy(true);
    setError(null);
    const answer = await call<{ reference: string; dueAt: string }>("/api/account/privacy", { type, message, language: language() });
    setBusy(false);
    if (!answer.ok) return setError(answer.error === "too_many_open_requests" || answer.error === "invalid_message" ? answer.error : "failed");
    setFiled(answer.data);
    setMessage("");
    onFiled();
  };
  return (
    <s-section heading={t("new.heading")}>
      <s-stack gap="base">
        <s-paragraph>{t("new.intro")}</s-paragraph>
        {filed ? <s-banner tone="success">{t("new.filed", { reference: filed.reference, date: day(filed.dueAt) })}</s-banner> : null}
        {error ? <s-banner tone="critical">{t(`error.${error}`)}</s-banner> : null}
        {page.canFile ? (
          <s-stack gap="base">
            <s-select label={t("new.type")} value={type} onChange={(event: Event) => setType(valueOf(event))}>
              {REQUEST_TYPES.map((value) => (
                <s-option key={value} value={value}>
                  {t(`type.${value}`)}
                </s-option>
              ))}
            </s-select>
            <s-text color="subdued">{t(`typeHelp.${type}`)}</s-text>
            <s-text-area label={t("new.message")} rows={4} maxLength={MAX_MESSAGE} value={message} onInput={(event: Event) => setMessage(valueOf(event))} />
            <s-button variant="primary" loading={busy} onClick={submit}>
              {t("new.submit")}
            </s-button>
          </s-stack>
        ) : (
          <s-banner tone="warning">{t("error.too_many_open_requests")}</s-banner>
        )}
      </s-stack>
    </s-section>
  );
}

function MarketingConsent({ page, day }: { page: AccountPrivacy; day: (iso: string) => string }) {
  const t = shopify.i18n.translate;
  const [consent, setConsent] = useState(page.consent);
  const [busy, setBusy] = useState<string | null>(null);
  const change = async (channel: "email" | "sms", granted: boolean) => {
    setBusy(channel);
    const answer = await call<{ granted: boolean; choiceAt: string }>("/api/account/consent", { channel, granted, language: language() });
    setBusy(null);
    if (!answer.ok) return shopify.toast.show(t("error.consent"));
    setConsent((current) => current.map((entry) => (entry.channel === channel ? { ...entry, granted: answer.data.granted, choiceAt: answer.data.choiceAt } : entry)));
    shopify.toast.show(t(granted ? "consent.on" : "consent.off"));
  };
  return (
    <s-section heading={t("consent.heading")}>
      <s-stack gap="base">
        <s-paragraph>{t("consent.intro")}</s-paragraph>
        {consent.map((entry) =>
          entry.available ? (
            <s-stack key={entry.channel} gap="small-100">
              <s-checkbox
                label={t(`consent.${entry.channel}`)}
                checked={entry.granted === true}
                disabled={busy === entry.channel}
                onChange={(event: Event) => change(entry.channel, (event.currentTarget as HTMLInputElement).checked)}
              />
              {entry.choiceAt ? <s-text color="subdued">{t("consent.since", { date: day(entry.choiceAt) })}</s-text> : null}
            </s-stack>
          ) : (
            <s-text key={entry.channel} color="subdued">
              {t(`consent.${entry.channel}Missing`)}
            </s-text>
          ),
        )}
      </s-stack>
    </s-section>
  );
}
