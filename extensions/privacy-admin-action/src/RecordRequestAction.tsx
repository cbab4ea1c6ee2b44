import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useState } from "preact/hooks";
import { callBackend, legacyId, REQUEST_TYPES } from "../../shared/backend";

const SOURCES = ["staff_phone", "staff_post", "staff_in_person"] as const;
const MAX_NOTE = 2_000;

interface Created {
  id: string;
  reference: string;
  dueAt: string;
}

export default async () => {
  render(<RecordRequestAction />, document.body);
};

const valueOf = (event: Event) => (event.currentTarget as HTMLInputElement).value;

function RecordRequestAction() {
  const t = shopify.i18n.translate;
  const customerId = legacyId(shopify.data.selected[0]?.id);
  const [type, setType] = useState<string>("disclosure");
  const [source, setSource] = useState<string>("staff_phone");
  const [note, setNote] = useState("");
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (note.trim().length > MAX_NOTE) return setError("invalid_note");
    setSaving(true);
    setError(null);
    const answer = await callBackend<Created>(`/api/admin/customers/${customerId}`, await shopify.auth.idToken(), { method: "POST", body: { type, source, note } });
    setSaving(false);
    if (answer.ok) setCreated(answer.data);
    else setError(answer.error === "invalid_note" ? "invalid_note" : answer.status === 404 ? "notFound" : "failed");
  };

  if (created) {
    return (
      <s-admin-action heading={t("heading")}>
        <s-stack gap="base">
          <s-banner tone="success">{t("saved", { reference: created.reference, date: shopify.i18n.formatDate(new Date(created.dueAt), { dateStyle: "long" }) })}</s-banner>
          <s-link href={`app:app/requests/${created.id}`}>{t("open")}</s-link>
        </s-stack>
        <s-button slot="primary-action" onClick={() => shopify.close()}>
          {t("close")}
        </s-button>
      </s-admin-action>
    );
  }

  return (
    <s-admin-action heading={t("heading")}>
      <s-stack gap="base">
        <s-paragraph>{t("intro")}</s-paragraph>
        {error ? <s-banner tone="critical">{t(`error.${error}`)}</s-banner> : null}
        <s-select label={t("type")} name="type" value={type} onChange={(event: Event) => setType(valueOf(event))}>
          {REQUEST_TYPES.map((value) => (
            <s-option key={value} value={value}>
              {t(`types.${value}`)}
            </s-option>
          ))}
        </s-select>
        <s-select label={t("source")} name="source" value={source} onChange={(event: Event) => setSource(valueOf(event))}>
          {SOURCES.map((value) => (
            <s-option key={value} value={value}>
              {t(`sources.${value}`)}
            </s-option>
          ))}
        </s-select>
        <s-text color="subdued">{t(`identity.${source}`)}</s-text>
        <s-text-area label={t("note")} details={t("noteHelp")} name="note" rows={4} maxLength={MAX_NOTE} value={note} onInput={(event: Event) => setNote(valueOf(event))} />
      </s-stack>
      <s-button slot="primary-action" variant="primary" loading={saving} disabled={saving} onClick={submit}>
        {t("submit")}
      </s-button>
      <s-button slot="secondary-actions" onClick={() => shopify.close()}>
        {t("cancel")}
      </s-button>
    </s-admin-action>
  );
}
