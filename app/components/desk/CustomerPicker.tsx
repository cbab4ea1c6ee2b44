// Staff pick a Shopify customer by name, email or phone instead of typing an id. App Bridge's
// resource picker offers products, variants and collections but no customers, so this is Polaris'
// Autocomplete over Shopify's customer search (/app/customers/search). The chosen id travels in a
// hidden input named `name`, so the surrounding form posts it like the field it replaces.
import { useFetcher } from "@remix-run/react";
import { Autocomplete, BlockStack, Box, Icon, Listbox, Spinner, Text, TextField, useBreakpoints } from "@shopify/polaris";
import { SearchIcon } from "@shopify/polaris-icons";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { usePluralT, useT } from "../../i18n/react";
import type { CustomerChoice } from "../../privacy/identity/customerSearch";
import { CUSTOMER_SEARCH_MIN_LENGTH } from "../../privacy/identity/customerSearch";
import { formatStaffName as formatPersonName } from "../../privacy/desk/staffNames";
import type { CustomerSearchAnswer } from "../../routes/app.customers.search";

/** Waits for a pause in typing, so Shopify is asked once per word, not once per key. */
const DEBOUNCE_MS = 250;

export const customerLabel = (customer: Pick<CustomerChoice, "firstName" | "lastName" | "email" | "customerId">) =>
  formatPersonName(customer) || customer.email || `#${customer.customerId}`;

export interface CustomerPickerProps {
  label: string;
  /** The hidden input's name; empty while nothing is chosen. */
  name?: string;
  helpText?: string;
  error?: string;
  /** A customer already chosen (say, the form is shown again after an error). */
  initial?: { customerId: string; label: string } | null;
  onPick?: (customer: CustomerChoice | null) => void;
}

export function CustomerPicker({ label, name, helpText, error, initial = null, onPick }: CustomerPickerProps) {
  const t = useT();
  // On a phone a popover has no room below the field and opens over what is above it (the identity
  // status, the form's earlier fields): there the suggestions are listed in the page, under the field.
  const { smDown } = useBreakpoints();
  const listId = useId();
  const pluralT = usePluralT();
  const fetcher = useFetcher<CustomerSearchAnswer>();
  const [text, setText] = useState(initial?.label ?? "");
  const [chosen, setChosen] = useState<{ customerId: string; label: string } | null>(initial);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);

  const answer = fetcher.data;
  const customers = useMemo(() => (answer?.ok ? answer.customers : []), [answer]);
  const searched = text.trim().length >= CUSTOMER_SEARCH_MIN_LENGTH && !chosen;

  const onType = useCallback(
    (value: string) => {
      setText(value);
      if (chosen) {
        setChosen(null);
        onPick?.(null);
      }
      clearTimeout(timer.current);
      if (value.trim().length < CUSTOMER_SEARCH_MIN_LENGTH) return;
      timer.current = setTimeout(() => fetcher.load(`/app/customers/search?${new URLSearchParams({ q: value.trim() })}`), DEBOUNCE_MS);
    },
    [chosen, fetcher, onPick],
  );

  const options = customers.map((customer) => ({
    value: customer.customerId,
    label: (
      <BlockStack gap="050">
        <Text as="span" fontWeight="semibold">
          {customerLabel(customer)}
        </Text>
        <Text as="span" variant="bodySm" tone="subdued">
          {[customer.email, customer.phone, pluralT("desk.picker.orders", customer.numberOfOrders, { count: customer.numberOfOrders })].filter(Boolean).join(" · ")}
        </Text>
      </BlockStack>
    ),
  }));

  const onSelect = (selected: string[]) => {
    const customer = customers.find((candidate) => candidate.customerId === selected[0]);
    if (!customer) return;
    const picked = { customerId: customer.customerId, label: customerLabel(customer) };
    setChosen(picked);
    setText(picked.label);
    onPick?.(customer);
  };

  const emptyState = !searched ? null : answer && !answer.ok ? (
    <Text as="p" tone="critical">
      {t("desk.picker.unavailable")}
    </Text>
  ) : fetcher.state === "idle" && answer ? (
    <Text as="p" tone="subdued">
      {t("desk.picker.none")}
    </Text>
  ) : null;

  const hidden = name ? <input type="hidden" name={name} value={chosen?.customerId ?? ""} /> : null;
  const fieldProps = {
    label,
    value: text,
    onChange: onType,
    prefix: <Icon source={SearchIcon} />,
    placeholder: t("desk.picker.placeholder"),
    helpText: chosen ? t("desk.picker.chosen", { name: chosen.label }) : helpText,
    error,
    clearButton: true,
    onClearButtonClick: () => onType(""),
    autoComplete: "off",
  } as const;

  if (smDown) {
    const listed = searched && options.length > 0;
    return (
      <BlockStack gap="200">
        <TextField {...fieldProps} role="combobox" ariaAutocomplete="list" ariaExpanded={listed} ariaControls={listed ? listId : undefined} />
        {searched && fetcher.state !== "idle" ? <Spinner size="small" accessibilityLabel={t("desk.picker.searching")} /> : null}
        {listed ? (
          <Box borderWidth="025" borderColor="border" borderRadius="200" paddingBlock="100">
            <Listbox customListId={listId} accessibilityLabel={label} enableKeyboardControl onSelect={(value) => onSelect([value])}>
              {options.map((option) => (
                <Listbox.Option key={option.value} value={option.value}>
                  <Box padding="200">{option.label}</Box>
                </Listbox.Option>
              ))}
            </Listbox>
          </Box>
        ) : emptyState}
        {hidden}
      </BlockStack>
    );
  }

  return (
    <>
      <Autocomplete
        options={options}
        selected={chosen ? [chosen.customerId] : []}
        onSelect={onSelect}
        loading={fetcher.state !== "idle"}
        emptyState={emptyState ? <div style={{ padding: "var(--p-space-300)" }}>{emptyState}</div> : undefined}
        textField={<Autocomplete.TextField {...fieldProps} />}
      />
      {hidden}
    </>
  );
}
