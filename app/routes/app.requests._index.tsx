import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigate, useNavigation, useSearchParams } from "@remix-run/react";
import {
  BlockStack,
  Box,
  Card,
  ChoiceList,
  EmptyState,
  Filters,
  IndexTable,
  InlineStack,
  Page,
  Select,
  Text,
  useBreakpoints,
  type FilterInterface,
} from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { PageTitleBar } from "../components/PageTitleBar";
import { useCallback, useEffect, useRef, useState } from "react";
import db from "../db.server";
import { countRequests, LIST_SORTS, LIST_VOCABULARY, listRequests, parseRequestListQuery } from "../privacy/desk/requestList";
import { staffSession } from "../privacy/desk/staffSession.server";
import { loadDeskSettings, settingsTimeZone } from "../privacy/requests";
import { useLocale, usePluralT, useT, useTimeZone } from "../i18n/react";
import type { MessageKey } from "../i18n";
import { DueBadge, StatusBadge } from "../components/desk/Badges";
import { BLANK_IMAGE, DeskErrorState, DeskSkeleton, useLeavingPage } from "../components/desk/PageStates";
import { formatDate } from "../components/desk/format";
import { sourceKey, statusKey, typeKey } from "../components/desk/labels";

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

const MULTI_FILTERS = [
  { key: "type", label: "desk.list.filterType", values: LIST_VOCABULARY.types, labelOf: typeKey },
  { key: "status", label: "desk.list.filterStatus", values: LIST_VOCABULARY.statuses, labelOf: statusKey },
  { key: "source", label: "desk.list.filterSource", values: LIST_VOCABULARY.sources, labelOf: sourceKey },
] as const satisfies ReadonlyArray<{ key: string; label: MessageKey; values: readonly string[]; labelOf: (value: string) => MessageKey }>;

export default function RequestsPage() {
  const { page, total, query, now, dueSoonDays, shopHasRequests } = useLoaderData<typeof loader>();
  const { smDown: phone } = useBreakpoints();
  const timeZone = useTimeZone();
  const t = useT();
  const tn = usePluralT();
  const locale = useLocale();
  const shopify = useAppBridge();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const leaving = useLeavingPage();
  const [searchParams, setSearchParams] = useSearchParams();
  const [search, setSearch] = useState(query.search);
  const [exporting, setExporting] = useState(false);
  const searchTimer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => setSearch(query.search), [query.search]);

  // Any change of filters starts again from the first page.
  const update = useCallback(
    (change: (params: URLSearchParams) => void) => {
      const next = new URLSearchParams(searchParams);
      next.delete("after");
      next.delete("before");
      change(next);
      setSearchParams(next, { replace: true, preventScrollReset: true });
    },
    [searchParams, setSearchParams],
  );

  const onSearch = (value: string) => {
    setSearch(value);
    clearTimeout(searchTimer.current);
    searchTimer.current = setTimeout(() => update((params) => (value.trim() ? params.set("q", value.trim()) : params.delete("q"))), 350);
  };

  const exportCsv = async (form: "readable" | "codes") => {
    setExporting(true);
    try {
      const params = new URLSearchParams(searchParams);
      params.delete("after");
      params.delete("before");
      params.set("locale", locale);
      if (form === "codes") params.set("form", "codes");
      const response = await fetch(`/app/requests/export?${params}`);
      if (!response.ok) throw new Error(String(response.status));
      const blob = await response.blob();
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "requests.csv";
      link.click();
      URL.revokeObjectURL(link.href);
      shopify.toast.show(t("desk.list.exported"));
    } catch {
      shopify.toast.show(t("desk.list.exportFailed"), { isError: true });
    } finally {
      setExporting(false);
    }
  };

  const title = t("desk.list.title");
  if (leaving) return <DeskSkeleton title={title} />;

  const selected = { type: query.types, status: query.statuses, source: query.sources } as Record<string, string[]>;
  const filters: FilterInterface[] = [
    ...MULTI_FILTERS.map((filter) => ({
      key: filter.key,
      label: t(filter.label),
      pinned: true,
      filter: (
        <ChoiceList
          title={t(filter.label)}
          titleHidden
          allowMultiple
          choices={filter.values.map((value) => ({ value, label: t(filter.labelOf(value)) }))}
          selected={selected[filter.key]}
          onChange={(values) => update((params) => (values.length ? params.set(filter.key, values.join(",")) : params.delete(filter.key)))}
        />
      ),
    })),
    {
      key: "due",
      label: t("desk.list.filterDue"),
      pinned: true,
      filter: (
        <ChoiceList
          title={t("desk.list.filterDue")}
          titleHidden
          choices={[
            { value: "overdue", label: t("desk.due.overdue") },
            { value: "due_soon", label: tn("desk.due.due_soon", query.dueWithinDays, { days: query.dueWithinDays }) },
          ]}
          selected={query.due ? [query.due] : []}
          onChange={([value]) => update((params) => (value ? params.set("due", value) : params.delete("due")))}
        />
      ),
    },
  ];
  const appliedFilters = [
    ...MULTI_FILTERS.filter((filter) => selected[filter.key].length).map((filter) => ({
      key: filter.key,
      label: `${t(filter.label)}: ${selected[filter.key].map((value) => t(filter.labelOf(value))).join(", ")}`,
      onRemove: () => update((params) => params.delete(filter.key)),
    })),
    ...(query.due
      ? [
          {
            key: "due",
            label: query.due === "overdue" ? t("desk.due.overdue") : tn("desk.due.due_soon", query.dueWithinDays, { days: query.dueWithinDays }),
            onRemove: () => update((params) => params.delete("due")),
          },
        ]
      : []),
  ];

  const sortSelect = (
    <Select
      label={t("desk.list.sort")}
      labelInline
      options={LIST_SORTS.map((sort) => ({ value: sort, label: t(`desk.list.sort.${sort}`) }))}
      value={query.sort}
      onChange={(value) => update((params) => params.set("sort", value))}
    />
  );
  const loading = navigation.state === "loading";
  const goToPage = (key: "after" | "before", cursor: string | null) => {
    if (!cursor) return;
    const next = new URLSearchParams(searchParams);
    next.delete("after");
    next.delete("before");
    next.set(key, cursor);
    setSearchParams(next, { preventScrollReset: false });
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
        <Filters
          queryValue={search}
          queryPlaceholder={t("desk.list.searchPlaceholder")}
          filters={filters}
          appliedFilters={appliedFilters}
          onQueryChange={onSearch}
          onQueryClear={() => onSearch("")}
          onClearAll={() => update((params) => ["type", "status", "source", "due", "within", "q"].forEach((key) => params.delete(key)))}
        >
          {phone ? null : <Box paddingInlineStart="200">{sortSelect}</Box>}
        </Filters>
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
        <IndexTable
          condensed={phone}
          resourceName={{ singular: t("desk.list.resource"), plural: t("desk.list.resources") }}
          itemCount={page.rows.length}
          selectable={false}
          loading={loading}
          emptyState={emptyState}
          headings={[
            { title: t("desk.list.col.reference") },
            { title: t("desk.list.col.type") },
            { title: t("desk.list.col.name") },
            { title: t("desk.list.col.status") },
            { title: t("desk.list.col.source") },
            { title: t("desk.list.col.received") },
            { title: t("desk.list.col.due") },
          ]}
          pagination={{
            hasNext: Boolean(page.next),
            hasPrevious: Boolean(page.previous),
            onNext: () => goToPage("after", page.next),
            onPrevious: () => goToPage("before", page.previous),
          }}
        >
          {page.rows.map((row, index) =>
            phone ? (
              <IndexTable.Row id={row.id} key={row.id} position={index} onClick={() => navigate(`/app/requests/${row.id}`)}>
                <div style={{ padding: "12px 16px" }}>
                  <BlockStack gap="100">
                    <InlineStack align="space-between" blockAlign="center" gap="200" wrap={false}>
                      <Text as="span" fontWeight="semibold">
                        {row.reference}
                      </Text>
                      <StatusBadge status={row.status} />
                    </InlineStack>
                    <Text as="span">
                      {t(typeKey(row.type))} · {row.customerName || t("desk.list.noName")}
                    </Text>
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="span" variant="bodySm" tone="subdued">
                        {t("desk.list.col.due")} {formatDate(row.dueAt, locale, timeZone)}
                      </Text>
                      <DueBadge status={row.status} dueAt={row.dueAt} now={now} soonDays={dueSoonDays} />
                    </InlineStack>
                  </BlockStack>
                </div>
              </IndexTable.Row>
            ) : (
              <IndexTable.Row id={row.id} key={row.id} position={index} onClick={() => navigate(`/app/requests/${row.id}`)}>
                <IndexTable.Cell>
                  <Text as="span" fontWeight="semibold">
                    {row.reference}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>{t(typeKey(row.type))}</IndexTable.Cell>
                <IndexTable.Cell>
                  <BlockStack gap="050">
                    <Text as="span">{row.customerName || t("desk.list.noName")}</Text>
                    {row.email ? (
                      <Text as="span" variant="bodySm" tone="subdued">
                        {row.email}
                      </Text>
                    ) : null}
                  </BlockStack>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <StatusBadge status={row.status} />
                </IndexTable.Cell>
                <IndexTable.Cell>{t(sourceKey(row.source))}</IndexTable.Cell>
                <IndexTable.Cell>{formatDate(row.receivedAt, locale, timeZone)}</IndexTable.Cell>
                <IndexTable.Cell>
                  <InlineStack gap="200" blockAlign="center" wrap={false}>
                    <Text as="span">{formatDate(row.dueAt, locale, timeZone)}</Text>
                    <DueBadge status={row.status} dueAt={row.dueAt} now={now} soonDays={dueSoonDays} />
                  </InlineStack>
                </IndexTable.Cell>
              </IndexTable.Row>
            ),
          )}
        </IndexTable>
      </Card>
    </Page>
  );
}

export const ErrorBoundary = DeskErrorState;
