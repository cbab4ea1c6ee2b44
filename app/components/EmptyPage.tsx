import { Card, EmptyState, Layout, Page } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import type { MessageKey } from "../i18n";
import { useT } from "../i18n/react";

// The empty state of a page whose feature has nothing to show yet.
export function EmptyPage(props: {
  title: MessageKey;
  heading: MessageKey;
  body: MessageKey;
  action?: { label: MessageKey; url: string };
}) {
  const t = useT();
  return (
    <Page title={t(props.title)}>
      <TitleBar title={t(props.title)} />
      <Layout>
        <Layout.Section>
          <Card>
            <EmptyState
              heading={t(props.heading)}
              image="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E"
              action={props.action ? { content: t(props.action.label), url: props.action.url } : undefined}
            >
              <p>{t(props.body)}</p>
            </EmptyState>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
