// How the completed disclosure reached (or will reach) the person: for a link, whether and when it
// was fetched and how many downloads are left; for paper or another method, the printable package
// and the record of when and how staff sent it.
import {
  BlockStack,
  Card,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { useLocale, useT, useTimeZone } from "../../i18n/react";
import { ConfirmAction } from "./ConfirmAction";
import { DownloadButtons } from "./DownloadButtons";
import { formatDate, formatDateTime } from "./format";

export interface DeliveryView {
  method: string;
  expiresAt: Date | string | null;
  maxDownloads: number;
  downloads: number;
  firstDownloadedAt: Date | string | null;
  lastDownloadedAt: Date | string | null;
  sentAt: Date | string | null;
  sentVia: string | null;
  sentNote: string;
}

const VIA = ["post", "hand", "email", "other"] as const;

/** Today on the shop's calendar, as the date input wants it (YYYY-MM-DD). */
function shopToday(timeZone: string) {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
}

export function DeliveryCard({
  delivery,
  requestId,
}: {
  delivery: DeliveryView;
  requestId: string;
}) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const [sentAt, setSentAt] = useState(() => shopToday(timeZone));
  const [via, setVia] = useState<string>(
    delivery.method === "paper" ? "post" : "hand"
  );
  const [note, setNote] = useState("");
  const electronic = delivery.method === "electronic";
  const expired = delivery.expiresAt
    ? new Date(delivery.expiresAt).getTime() <= Date.now()
    : true;
  return (
    <div data-delivery-card={delivery.method}>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("desk.delivery.title")}
          </Text>
          {electronic ? (
            <BlockStack gap="100">
              <Text
                as="p"
                data-delivery-fetched={delivery.downloads > 0 ? "yes" : "no"}
              >
                {delivery.downloads > 0
                  ? t("desk.delivery.fetched", {
                      first: formatDateTime(
                        delivery.firstDownloadedAt,
                        locale,
                        timeZone
                      ),
                      last: formatDateTime(
                        delivery.lastDownloadedAt,
                        locale,
                        timeZone
                      ),
                    })
                  : t("desk.delivery.notFetched")}
              </Text>
              <Text as="p" tone="subdued">
                {t("desk.delivery.count", {
                  used: delivery.downloads,
                  max: delivery.maxDownloads,
                })}
                {" · "}
                {t(
                  expired ? "desk.delivery.expired" : "desk.delivery.expires",
                  { date: formatDate(delivery.expiresAt, locale, timeZone) }
                )}
              </Text>
            </BlockStack>
          ) : (
            <BlockStack gap="300">
              <Text as="p">
                {t(
                  delivery.method === "paper"
                    ? "desk.delivery.paperBody"
                    : "desk.delivery.otherBody"
                )}
              </Text>
              <DownloadButtons
                url={`/app/requests/${requestId}/package`}
                fallbackName="disclosure"
                failedMessage={t("desk.detail.packageFailed")}
                formats={[
                  {
                    format: "html",
                    label: t("desk.delivery.print"),
                    open: true,
                  },
                ]}
              />
              {delivery.sentAt ? (
                <Text as="p" data-delivery-sent>
                  {t("desk.delivery.sent", {
                    date: formatDate(delivery.sentAt, locale, timeZone),
                    via: t(
                      `desk.delivery.via.${
                        delivery.sentVia ?? "other"
                      }` as "desk.delivery.via.post"
                    ),
                  })}
                  {delivery.sentNote ? ` · ${delivery.sentNote}` : ""}
                </Text>
              ) : (
                <BlockStack gap="200">
                  <Text as="p" tone="caution">
                    {t("desk.delivery.notSent")}
                  </Text>
                  <InlineStack>
                    <ConfirmAction
                      id="delivery-sent"
                      intent="delivery_sent"
                      label={t("desk.delivery.record")}
                      doneMessage={t("desk.delivery.recorded")}
                      values={{ sentAt, via, note }}
                    >
                      <BlockStack gap="200">
                        <TextField
                          label={t("desk.delivery.sentAt")}
                          type="date"
                          value={sentAt}
                          onChange={setSentAt}
                          autoComplete="off"
                        />
                        <Select
                          label={t("desk.delivery.how")}
                          options={VIA.map((value) => ({
                            value,
                            label: t(`desk.delivery.via.${value}`),
                          }))}
                          value={via}
                          onChange={setVia}
                        />
                        <TextField
                          label={t("desk.delivery.note")}
                          value={note}
                          onChange={setNote}
                          autoComplete="off"
                          maxLength={1000}
                        />
                      </BlockStack>
                    </ConfirmAction>
                  </InlineStack>
                </BlockStack>
              )}
            </BlockStack>
          )}
        </BlockStack>
      </Card>
    </div>
  );
}
