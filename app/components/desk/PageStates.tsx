// Loading, error and not-found states shared by the desk's pages.
import { Card, EmptyState, Layout, Page, SkeletonBodyText, SkeletonDisplayText, SkeletonPage, BlockStack } from "@shopify/polaris";
import { EMPTY_STATE_ILLUSTRATION } from "../illustrations";
import { isRouteErrorResponse, useNavigation, useRouteError } from "@remix-run/react";
import { PageTitleBar } from "../PageTitleBar";
import { useT } from "../../i18n/react";

const BLANK_IMAGE = EMPTY_STATE_ILLUSTRATION;

/** True while the router loads a different page than the one shown. */
export function useLeavingPage(): boolean {
  const navigation = useNavigation();
  return navigation.state === "loading" && navigation.location?.pathname !== (typeof window === "undefined" ? "" : window.location.pathname);
}

export function DeskSkeleton({ title }: { title: string }) {
  return (
    <SkeletonPage title={title} primaryAction>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="400">
              <SkeletonDisplayText size="small" />
              <SkeletonBodyText lines={6} />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <SkeletonBodyText lines={4} />
          </Card>
        </Layout.Section>
      </Layout>
    </SkeletonPage>
  );
}

/** The error state of a desk page; a 404 says the request is not there, anything else says try again. */
export function DeskErrorState() {
  const error = useRouteError();
  const t = useT();
  const missing = isRouteErrorResponse(error) && error.status === 404;
  const heading = missing ? t("desk.common.notFoundTitle") : t("desk.common.errorTitle");
  return (
    <Page>
      <PageTitleBar title={heading} />
      <Card>
        <EmptyState heading={heading} image={BLANK_IMAGE} action={{ content: t("desk.common.backToList"), url: "/app/requests" }}>
          <p>{missing ? t("desk.common.notFoundBody") : t("desk.common.errorBody")}</p>
        </EmptyState>
      </Card>
    </Page>
  );
}

export { BLANK_IMAGE };
