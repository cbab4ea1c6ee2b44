// The request list's search and filters (several values per filter, comma-separated in the
// query string), with the sort beside them on a wide screen.
import { Filters, type FilterInterface } from "@shopify/polaris";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { MessageKey } from "../../i18n";
import { usePluralT, useT } from "../../i18n/react";
import { LIST_VOCABULARY, type RequestListQuery } from "../../privacy/desk/requestList";
import { choiceFilter } from "../list/choiceFilter";
import type { ParamChanges } from "../list/useListParams";
import { sourceKey, statusKey, typeKey } from "./labels";

const MULTI_FILTERS = [
  { key: "type", label: "desk.list.filterType", values: LIST_VOCABULARY.types, labelOf: typeKey },
  { key: "status", label: "desk.list.filterStatus", values: LIST_VOCABULARY.statuses, labelOf: statusKey },
  { key: "source", label: "desk.list.filterSource", values: LIST_VOCABULARY.sources, labelOf: sourceKey },
] as const satisfies ReadonlyArray<{ key: string; label: MessageKey; values: readonly string[]; labelOf: (value: string) => MessageKey }>;

const FILTER_KEYS = ["type", "status", "source", "due", "within", "q"] as const;

interface Props {
  query: RequestListQuery;
  update: (changes: ParamChanges) => void;
  /** Shown after the filters (the sort on a wide screen). */
  children?: ReactNode;
}

export function RequestFilterBar({ query, update, children }: Props) {
  const t = useT();
  const tn = usePluralT();
  const [search, setSearch] = useState(query.search);
  const searchTimer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => setSearch(query.search), [query.search]);

  const onSearch = (value: string) => {
    setSearch(value);
    clearTimeout(searchTimer.current);
    searchTimer.current = setTimeout(() => update({ q: value.trim() || null }), 350);
  };

  const selected = { type: query.types, status: query.statuses, source: query.sources } as Record<string, string[]>;
  const dueSoon = tn("desk.due.due_soon", query.dueWithinDays, { days: query.dueWithinDays });
  const filters: FilterInterface[] = [
    ...MULTI_FILTERS.map((filter) =>
      choiceFilter({
        key: filter.key,
        label: t(filter.label),
        pinned: true,
        allowMultiple: true,
        choices: filter.values.map((value) => ({ value, label: t(filter.labelOf(value)) })),
        selected: selected[filter.key],
        onChange: (values) => update({ [filter.key]: values.join(",") || null }),
      }),
    ),
    choiceFilter({
      key: "due",
      label: t("desk.list.filterDue"),
      pinned: true,
      choices: [
        { value: "overdue", label: t("desk.due.overdue") },
        { value: "due_soon", label: dueSoon },
      ],
      selected: query.due ? [query.due] : [],
      onChange: ([value]) => update({ due: value || null }),
    }),
  ];
  const appliedFilters = [
    ...MULTI_FILTERS.filter((filter) => selected[filter.key].length).map((filter) => ({
      key: filter.key,
      label: `${t(filter.label)}: ${selected[filter.key].map((value) => t(filter.labelOf(value))).join(", ")}`,
      onRemove: () => update({ [filter.key]: null }),
    })),
    ...(query.due ? [{ key: "due", label: query.due === "overdue" ? t("desk.due.overdue") : dueSoon, onRemove: () => update({ due: null }) }] : []),
  ];

  return (
    <Filters
      queryValue={search}
      queryPlaceholder={t("desk.list.searchPlaceholder")}
      filters={filters}
      appliedFilters={appliedFilters}
      onQueryChange={onSearch}
      onQueryClear={() => onSearch("")}
      onClearAll={() => update(Object.fromEntries(FILTER_KEYS.map((key) => [key, null])))}
    >
      {children}
    </Filters>
  );
}
