// The ledger's search and filters, kept in the query string (one value per filter).
import { BlockStack, Filters, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { useT } from "../../i18n/react";
import { CONSENT_KINDS, CONSENT_SOURCES } from "../../privacy/consent/consentTypes";
import { SUBJECT_TYPES } from "../../privacy/consent/subjectLabel";
import { choiceFilter } from "../list/choiceFilter";
import type { ParamChanges } from "../list/useListParams";
import { useConsentLabels } from "./labels";

export function ConsentFilterBar({ params, update, loading }: { params: URLSearchParams; update: (changes: ParamChanges) => void; loading: boolean }) {
  const t = useT();
  const { kindLabel, sourceLabel, subjectTypeLabel } = useConsentLabels();
  const [query, setQuery] = useState(params.get("q") ?? "");

  useEffect(() => setQuery(params.get("q") ?? ""), [params]);

  // Debounced so typing an id does not load a page per keystroke.
  useEffect(() => {
    if ((params.get("q") ?? "") === query) return;
    const timer = setTimeout(() => update({ q: query }), 400);
    return () => clearTimeout(timer);
  }, [query, params, update]);

  const single = (key: string) => (params.get(key) ? [params.get(key)!] : []);

  const choice = (key: string, label: string, choices: Array<{ label: string; value: string }>, shortcut = true) =>
    choiceFilter({ key, label, choices, selected: single(key), onChange: (value) => update({ [key]: value[0] ?? null }), shortcut });

  const filters = [
    choice("kind", t("consent.filter.kind"), CONSENT_KINDS.map((kind) => ({ label: kindLabel(kind), value: kind }))),
    choice("source", t("consent.filter.source"), CONSENT_SOURCES.map((source) => ({ label: sourceLabel(source), value: source }))),
    choice("subject_type", t("consent.filter.subjectType"), SUBJECT_TYPES.map((type) => ({ label: subjectTypeLabel(type), value: type })), false),
    choice("granted", t("consent.filter.status"), [
      { label: t("consent.granted"), value: "true" },
      { label: t("consent.withdrawn"), value: "false" },
    ]),
    {
      key: "date",
      label: t("consent.filter.date"),
      filter: (
        <BlockStack gap="200">
          <TextField label={t("consent.filter.from")} type="date" autoComplete="off" value={params.get("from") ?? ""} onChange={(value) => update({ from: value })} />
          <TextField label={t("consent.filter.to")} type="date" autoComplete="off" value={params.get("to") ?? ""} onChange={(value) => update({ to: value })} />
        </BlockStack>
      ),
    },
  ];

  const appliedFilters = [
    ...(params.get("kind") ? [{ key: "kind", label: `${t("consent.filter.kind")}: ${kindLabel(params.get("kind")!)}`, onRemove: () => update({ kind: null }) }] : []),
    ...(params.get("source") ? [{ key: "source", label: `${t("consent.filter.source")}: ${sourceLabel(params.get("source")!)}`, onRemove: () => update({ source: null }) }] : []),
    ...(params.get("subject_type")
      ? [{ key: "subject_type", label: `${t("consent.filter.subjectType")}: ${subjectTypeLabel(params.get("subject_type")!)}`, onRemove: () => update({ subject_type: null }) }]
      : []),
    ...(params.get("granted")
      ? [{ key: "granted", label: params.get("granted") === "true" ? t("consent.granted") : t("consent.withdrawn"), onRemove: () => update({ granted: null }) }]
      : []),
    ...(params.get("from") || params.get("to")
      ? [{ key: "date", label: `${t("consent.filter.date")}: ${params.get("from") ?? "…"} – ${params.get("to") ?? "…"}`, onRemove: () => update({ from: null, to: null }) }]
      : []),
  ];

  return (
    <Filters
      queryValue={query}
      queryPlaceholder={t("consent.filter.query")}
      onQueryChange={setQuery}
      onQueryClear={() => {
        setQuery("");
        update({ q: null });
      }}
      filters={filters}
      appliedFilters={appliedFilters}
      onClearAll={() => {
        setQuery("");
        update({ q: null, kind: null, source: null, subject_type: null, granted: null, from: null, to: null });
      }}
      loading={loading}
    />
  );
}
