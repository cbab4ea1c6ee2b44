import { useEffect } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, useFetcher, useLoaderData, useRouteError } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, IndexTable, Layout, Page, Text } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { PageTitleBar } from "../components/PageTitleBar";
import { EMPTY_STATE_ILLUSTRATION } from "../components/illustrations";
import db from "../db.server";
import { staffSession } from "../privacy/desk/staffSession.server";
import { listFailedEvents, retryFailedEvent } from "../privacy/webhooks/failedEvents";
import { useLocale, useT } from "../i18n/react";
import { useTopicLabel } from "../components/FailedEventsBanner";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await staffSession(request);
  return { events: await listFailedEvents(db, shop) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await staffSession(request);
  const form = await request.formData();
  const id = form.get("id");
  if (form.get("intent") !== "retry" || typeof id !== "string" || !id) return Response.json({ ok: false }, { status: 400 });
  // Another shop's id, or an event no longer failed, is indistinguishable from an unknown one.
  const ok = await retryFailedEvent(db, shop, id);
  return Response.json({ ok }, { status: ok ? 200 : 404 });
};

function RetryButton({ id }: { id: string }) {
  const t = useT();
  const shopify = useAppBridge();
  const fetcher = useFetcher<{ ok: boolean }>();
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    shopify.toast.show(t(fetcher.data.ok ? "webhooks.events.retried" : "webhooks.events.retryGone"), { isError: !fetcher.data.ok });
  }, [fetcher.state, fetcher.data, shopify, t]);
  return (
    <Button
      size="slim"
      loading={fetcher.state !== "idle"}
      onClick={() => fetcher.submit({ intent: "retry", id }, { method: "post" })}
    >
      {t("webhooks.events.retry")}
    </Button>
  );
}

export default function FailedEventsPage() {
  const { events } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const topicLabel = useTopicLabel();
  const format = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" });

  return (
    <Page>
      <PageTitleBar title={t("webhooks.events.title")} back={{ label: t("nav.dashboard"), url: "/app" }} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Text as="p" tone="subdued">
              {t("webhooks.events.subtitle")}
            </Text>
            {events.length > 0 && (
              <Banner tone="info">
                <Text as="p">{t("webhooks.events.explainer")}</Text>
              </Banner>
            )}
            <Card padding="0">
              <IndexTable
                resourceName={{ singular: t("webhooks.events.resourceName.singular"), plural: t("webhooks.events.resourceName.plural") }}
                itemCount={events.length}
                selectable={false}
                emptyState={
                  <EmptyState heading={t("webhooks.events.empty.heading")} image={EMPTY_STATE_ILLUSTRATION}>
                    <p>{t("webhooks.events.empty.body")}</p>
                  </EmptyState>
                }
                headings={[
                  { title: t("webhooks.events.column.topic") },
                  { title: t("webhooks.events.column.received") },
                  { title: t("webhooks.events.column.attempts"), alignment: "end" },
                  { title: t("webhooks.events.column.error") },
                  { title: t("webhooks.events.column.action") },
                ]}
              >
                {events.map((event, index) => (
                  <IndexTable.Row id={event.id} key={event.id} position={index}>
                    <IndexTable.Cell>
                      <Text as="span" fontWeight="semibold">
                        {topicLabel(event.topic)}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{format.format(new Date(event.receivedAt))}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric>
                        {event.attempts}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Badge tone="critical">{event.errorKind || "—"}</Badge>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <RetryButton id={event.id} />
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error) && error.status < 500) throw error;
  return (
    <Page>
      <PageTitleBar title={t("webhooks.events.title")} back={{ label: t("nav.dashboard"), url: "/app" }} />
      <Banner tone="critical">
        <Text as="p">{t("webhooks.events.loadError")}</Text>
      </Banner>
    </Page>
  );
}
