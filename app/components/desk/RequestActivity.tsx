// The request page's record of what happened: the notices to the person (with the text to send
// by hand when mail is not set up) and the timeline with its internal notes.
import { Banner, BlockStack, Box, Button, Card, Divider, InlineStack, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useState } from "react";
import { useLocale, useT, useTimeZone } from "../../i18n/react";
import type { Locale } from "../../i18n";
import { needsCopying } from "../../privacy/desk/requestNotices";
import { ConfirmAction } from "./ConfirmAction";
import { formatDateTime, formatList } from "./format";
import { actorLabel, fieldKey, groundKey, labelOr, mailStatusKey, statusKey, timelineKey } from "./labels";

export interface NoticeRow {
  id: string;
  kind: string;
  toAddress: string;
  subject: string;
  body: string;
  status: string;
  createdAt: Date | string;
  /** The person's language: the notice is shown as they receive it. */
  language: string;
}

export interface TimelineRow {
  id: string;
  at: Date | string;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

export function RequestNotices({ mails, smtpConfigured }: { mails: NoticeRow[]; smtpConfigured: boolean }) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const shopify = useAppBridge();
  const copy = async (text: string) => {
    await navigator.clipboard?.writeText(text).catch(() => undefined);
    shopify.toast.show(t("desk.detail.copied"));
  };
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("desk.detail.noticesCard")}
        </Text>
        {!smtpConfigured ? (
          <Banner tone="warning" action={{ content: t("desk.detail.smtpSettings"), url: "/app/settings" }}>
            <p>{t("desk.detail.smtpMissing")}</p>
          </Banner>
        ) : null}
        {mails.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("desk.detail.noticesEmpty")}
          </Text>
        ) : null}
        {mails.map((mail) => {
          const copyable = needsCopying(mail.status, smtpConfigured) ? mail : null;
          return (
            <BlockStack key={mail.id} gap="200">
              <Divider />
              <InlineStack align="space-between" blockAlign="center" gap="200">
                <Text as="h3" variant="headingSm">
                  <span lang={mail.language}>{mail.subject}</span>
                </Text>
                <Text as="span" variant="bodySm" tone="subdued">
                  {t(mailStatusKey(mail.status))} · {formatDateTime(mail.createdAt, locale, timeZone)}
                </Text>
              </InlineStack>
              {copyable ? (
                <BlockStack gap="200">
                  <Box background="bg-surface-secondary" padding="300" borderRadius="200">
                    <pre data-notice-preview lang={mail.language} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", margin: 0, fontFamily: "inherit" }}>
                      {copyable.body}
                    </pre>
                  </Box>
                  <InlineStack gap="200">
                    <Button onClick={() => copy(`${copyable.subject}\n\n${copyable.body}`)}>{t("desk.detail.copy")}</Button>
                    {copyable.status !== "pending" ? (
                      <ConfirmAction
                        id={`sent-${mail.id}`}
                        intent="mail_sent"
                        label={t("desk.detail.markSent")}
                        doneMessage={t("desk.detail.markedSent")}
                        values={{ mailId: mail.id }}
                      >
                        <Text as="p">{t("desk.detail.markSentBody", { to: mail.toAddress })}</Text>
                      </ConfirmAction>
                    ) : null}
                  </InlineStack>
                </BlockStack>
              ) : null}
            </BlockStack>
          );
        })}
      </BlockStack>
    </Card>
  );
}

export function RequestTimeline({ events, staffNames = {}, canAddNote = true }: { events: TimelineRow[]; staffNames?: Record<string, string>; canAddNote?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const [note, setNote] = useState("");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("desk.detail.timeline")}
        </Text>
        {events.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("desk.detail.timelineEmpty")}
          </Text>
        ) : (
          <ol style={{ listStyle: "none", margin: 0, padding: 0 }}>
            {[...events].reverse().map((event) => (
              <li key={event.id} style={{ paddingBlock: 8, borderBottom: "1px solid var(--p-color-border-secondary)" }}>
                <InlineStack align="space-between" gap="200">
                  <Text as="span" fontWeight="semibold">
                    {t(timelineKey(event.action))}
                    {event.action === "status_changed" && typeof event.detail.to === "string" ? ` → ${t(statusKey(event.detail.to))}` : ""}
                  </Text>
                  <Text as="span" variant="bodySm" tone="subdued">
                    {formatDateTime(event.at, locale, timeZone)} · {actorLabel(t, event.actor, staffNames)}
                  </Text>
                </InlineStack>
                {timelineDetails(t, locale, event).map((line) => (
                  <Text as="p" key={line}>
                    {line}
                  </Text>
                ))}
              </li>
            ))}
          </ol>
        )}
        {canAddNote ? (
          <>
        <Divider />
        <TextField
          label={t("desk.detail.notes")}
          placeholder={t("desk.detail.notePlaceholder")}
          value={note}
          onChange={setNote}
          multiline={2}
          autoComplete="off"
        />
        <InlineStack>
          <ConfirmAction
            id="add-note"
            intent="note"
            label={t("desk.detail.addNote")}
            doneMessage={t("desk.detail.noteAdded")}
            values={{ note }}
            disabled={!note.trim()}
          >
            <Text as="p">{note}</Text>
          </ConfirmAction>
        </InlineStack>
          </>
        ) : null}
      </BlockStack>
    </Card>
  );
}

// Reasons the app itself records as codes; anything else under "reason" or "note" is staff's own text.
const RECORDED_REASONS = ["shopify_customer_redact"] as const;

/** The lines under a timeline entry, in the staff member's language: notes and reasons as typed, codes as labels. */
function timelineDetails(t: ReturnType<typeof useT>, locale: Locale, event: TimelineRow): string[] {
  const lines: string[] = [];
  const { note, reason, ground, fields, automatic } = event.detail;
  if (automatic === true) lines.push(t("desk.timeline.automatic"));
  if (typeof note === "string" && note) lines.push(note);
  if (typeof reason === "string" && reason) {
    lines.push((RECORDED_REASONS as readonly string[]).includes(reason) ? t(`desk.timeline.reason.${reason as (typeof RECORDED_REASONS)[number]}`) : reason);
  }
  if (typeof ground === "string" && ground) lines.push(t("desk.timeline.groundLabel", { ground: labelOr(t, groundKey(ground), ground) }));
  if (Array.isArray(fields) && fields.length) {
    lines.push(t("desk.timeline.fields", { fields: formatList(fields.map((field) => labelOr(t, fieldKey(String(field)), String(field))), locale) }));
  }
  return lines;
}
