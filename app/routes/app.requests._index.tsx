import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigation } from "@remix-run/react";
import { Box, Card, EmptyState, InlineStack, Page, Select, Text, useBreakpoints } from "@shopify/polaris";
import { PageTitleBar } from "../components/PageTitleBar";
import db from "../db.server";
import { countRequests, LIST_SORTS, listRequests, parseRequestListQuery } from "../privacy/desk/requestList";
import { staffSession } from "../privacy/desk/staffSession.server";
import { loadDeskSettings, settingsTimeZone } from "../privacy/requests";
import { useLocale, useT } from "../i18n/react";
import { BLANK_IMAGE, DeskErrorState, DeskSkeleton, useLeavingPage } from "../components/desk/PageStates";
import { RequestFilterBar } from "../components/desk/RequestFilterBar";
import { RequestTable } from "../components/desk/RequestTable";
import { useListExport } from "../components/list/useListExport";
import { useListParams } from "../components/list/useListParams";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await staffSession(request);
  const url = new URL(request.url);
  const query = parseRequestListQuery(url.searchParams);
  const now = new Date();
  const settings = await loadDeskSettings(db, shop);
  const [page, total, anyRequest] = await Promise.all([
    listRequests(db, shop, query, { now, timeZone: settingsTimeZone(settings) }),
    countRequests(db, shop, query, now, settingsTimeZone(settings)),
    db.privacyRequest.findFirst({ where: { shop }, select: { id: true } }),
  ]);
  return { page, total, query, now, dueSoonDays: settings.dueSoonDays, shopHasRequests: Boolean(anyRequest) };
};

// A cursor belongs to the result it came from: any change of filters starts again from the first page.
const PAGING = ["after", "before"] as const;

export default function RequestsPage() {
  const { page, total, query, now, dueSoonDays, shopHasRequests } = useLoaderData<typeof loader>();
  const { smDown: phone } = useBreakpoints();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const leaving = useLeavingPage();
  const { params, setParams, update } = useListParams(PAGING, { replace: true });
  const { exporting, exportCsv } = useListExport(params, locale, {
    path: "/app/requests/export",
    dropKeys: PAGING,
    fallbackName: "requests.csv",
    done: t("desk.list.exported"),
    failed: t("desk.list.exportFailed"),
  });

  const title = t("desk.list.title");
  if (leaving) return <DeskSkeleton title={title} />;

  const sortSelect = (
    <Select
      label={t("desk.list.sort")}
      labelInline
      options={LIST_SORTS.map((sort) => ({ value: sort, label: t(`desk.list.sort.${sort}`) }))}
      value={query.sort}
      onChange={(value) => update({ sort: value })}
    />
  );
  const goToPage = (key: "after" | "before", cursor: string | null) => {
    if (!cursor) return;
    const next = new URLSearchParams(params);
    next.delete("after");
    next.delete("before");
    next.set(key, cursor);
    setParams(next, { preventScrollReset: false });
  };

  const emptyState = shopHasRequests ? (
    <EmptyState heading={t("desk.list.noMatchHeading")} image={BLANK_IMAGE}>
      <p>{t("desk.list.noMatchBody")}</p>
    </EmptyState>
  ) : (
    <EmptyState heading={t("desk.list.emptyHeading")} image={BLANK_IMAGE} action={{ content: t("desk.list.new"), url: "/app/requests/new" }}>
      <p>{t("desk.list.emptyBody")}</p>
    </EmptyState>
  );

  return (
    <Page fullWidth>
      <PageTitleBar
        title={title}
        primary={{ label: t("desk.list.new"), url: "/app/requests/new" }}
        secondary={[
          { label: t("desk.list.export"), onAction: () => exportCsv("readable"), disabled: exporting || !shopHasRequests },
          { label: t("desk.list.exportCodes"), onAction: () => exportCsv("codes"), disabled: exporting || !shopHasRequests },
        ]}
      />
      <Card padding="0">
        <RequestFilterBar query={query} update={update}>
          {phone ? null : <Box paddingInlineStart="200">{sortSelect}</Box>}
        </RequestFilterBar>
        {shopHasRequests ? (
          <Box paddingInline="400" paddingBlock="200">
            <InlineStack align="space-between" blockAlign="center" gap="200">
              <Text as="p" variant="bodySm" tone="subdued" id="request-count">
                {total.capped
                  ? t("desk.list.countCapped", { count: total.count.toLocaleString(locale) })
                  : t(total.count === 1 ? "desk.list.count.one" : "desk.list.count.other", { count: total.count.toLocaleString(locale) })}
              </Text>
              {phone ? sortSelect : null}
            </InlineStack>
          </Box>
        ) : null}
        <RequestTable
          rows={page.rows}
          phone={phone}
          loading={navigation.state === "loading"}
          emptyState={emptyState}
          now={now}
          dueSoonDays={dueSoonDays}
          next={page.next}
          previous={page.previous}
          onPage={goToPage}
        />
      </Card>
    </Page>
  );
}

export const ErrorBoundary = DeskErrorState;
