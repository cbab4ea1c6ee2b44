import { useEffect } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Card, Checkbox, FormLayout, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { PageTitleBar } from "../components/PageTitleBar";
import { RecordDeletionModal, useRecordDeletion } from "../components/records/RecordDeletion";
import { CustomerPicker, customerLabel } from "../components/desk/CustomerPicker";
import db from "../db.server";
import { formInput, notFound, recordsStaff } from "../components/records/staff.server";
import { dateInputValue, formatDay } from "../components/records/format";
import { PageError } from "../components/PageError";
import { useRecordForm } from "../components/records/useRecordForm";
import { PROVISION_BASES } from "../privacy/records/recordKinds";
import {
  createProvisionRecord,
  deleteProvisionRecord,
  findProvisionRecord,
  parseProvisionInput,
  updateProvisionRecord,
} from "../privacy/records/provisionLedger";
import { parseJsonList } from "../privacy/records/validation";
import { useLocale, useT } from "../i18n/react";
import type { MessageKey } from "../i18n";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await recordsStaff(request);
  if (params.id === "new") {
    const direction = new URL(request.url).searchParams.get("direction") === "received" ? "received" : "provided";
    return { id: null, retentionEndsAt: null, values: { direction, basis: "consent", continuous: "false", contractServesAsRecord: "false" } };
  }
  const record = await findProvisionRecord(db, shop, params.id ?? "");
  if (!record) throw notFound();
  return {
    id: record.id,
    retentionEndsAt: record.retentionEndsAt.toISOString(),
    values: {
      direction: record.direction,
      firstProvidedAt: dateInputValue(record.firstProvidedAt),
      lastProvidedAt: dateInputValue(record.lastProvidedAt),
      continuous: String(record.continuous),
      counterpartyName: record.counterpartyName,
      counterpartyAddress: record.counterpartyAddress,
      counterpartyRepresentative: record.counterpartyRepresentative,
      shopifyCustomerId: record.shopifyCustomerId ?? "",
      subjectEmail: "",
      subjectLabel: record.subjectLabel,
      items: parseJsonList(record.items).join("\n"),
      basis: record.basis,
      basisNote: record.basisNote,
      acquisitionNote: record.acquisitionNote,
      contractServesAsRecord: String(record.contractServesAsRecord),
      notes: record.notes,
    } as Record<string, string>,
  };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, actor } = await recordsStaff(request);
  const input = await formInput(request);
  const id = params.id ?? "";
  if (input.intent === "delete") {
    const deleted = await db.$transaction((tx) => deleteProvisionRecord(tx, shop, id, actor));
    if (!deleted) throw notFound();
    return redirect(`/app/records?tab=${input.direction === "received" ? "received" : "provided"}`);
  }
  const parsed = parseProvisionInput(input);
  if (!parsed.ok) return { errors: parsed.errors };
  if (id === "new") {
    const record = await db.$transaction((tx) => createProvisionRecord(tx, shop, parsed.value, actor));
    return redirect(`/app/records/provisions/${record.id}?saved=1`);
  }
  const record = await db.$transaction((tx) => updateProvisionRecord(tx, shop, id, parsed.value, actor));
  if (!record) throw notFound();
  return { errors: null, saved: true };
};

export default function ProvisionRecordPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const shopify = useAppBridge();
  const busy = useNavigation().state === "submitting";
  const { values, field, checkbox, save } = useRecordForm(data.values);
  const errors: Record<string, string> = actionData?.errors ?? {};
  const error = (name: string) => (errors[name] ? t(errors[name] as MessageKey) : undefined);
  const received = values.direction === "received";
  const deletion = useRecordDeletion({ saved: Boolean(data.id), label: t("records.provision.delete"), busy, onDelete: () => save({ intent: "delete" }) });

  const [params] = useSearchParams();
  const justCreated = params.get("saved") === "1";
  useEffect(() => {
    if (justCreated || (actionData && "saved" in actionData && actionData.saved)) shopify.toast.show(t("records.saved"));
  }, [actionData, justCreated, shopify, t]);

  const title = data.id ? t("records.provision.editTitle") : t(received ? "records.provision.newReceivedTitle" : "records.provision.newTitle");
  return (
    <Page>
      <PageTitleBar
        title={title}
        back={{ label: t("records.title"), url: `/app/records?tab=${received ? "received" : "provided"}` }}
        primary={{ label: t("records.save"), onAction: () => save(), disabled: busy }}
        secondary={deletion.secondary}
      />
      {/* The law asks for these records to be kept: deleting one is confirmed, and only for a record entered by mistake. */}
      <RecordDeletionModal id="provision-delete-modal" title={t("records.provision.deleteTitle")} deletion={deletion}>
        <Text as="p">{t(received ? "records.provision.deleteBody.received" : "records.provision.deleteBody.provided", { name: values.counterpartyName || "—" })}</Text>
        {data.retentionEndsAt ? <Text as="p">{t("records.provision.deleteRetention", { date: formatDay(data.retentionEndsAt, locale) })}</Text> : null}
      </RecordDeletionModal>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {Object.keys(errors).length > 0 && <Banner tone="critical">{t("records.formErrors")}</Banner>}
            <Card>
              <FormLayout>
                <Select
                  label={t("records.field.direction")}
                  options={(["provided", "received"] as const).map((d) => ({ label: t(`records.direction.${d}`), value: d }))}
                  {...field("direction")}
                  error={error("direction")}
                />
                <FormLayout.Group>
                  <TextField type="date" label={t("records.field.firstProvidedAt")} autoComplete="off" {...field("firstProvidedAt")} error={error("firstProvidedAt")} />
                  <TextField type="date" label={t("records.field.lastProvidedAt")} autoComplete="off" {...field("lastProvidedAt")} error={error("lastProvidedAt")} disabled={values.continuous !== "true"} />
                </FormLayout.Group>
                <Checkbox label={t("records.field.continuous")} {...checkbox("continuous")} />
                <TextField label={t("records.field.counterpartyName")} autoComplete="off" {...field("counterpartyName")} error={error("counterpartyName")} />
                <TextField label={t("records.field.counterpartyAddress")} autoComplete="off" {...field("counterpartyAddress")} error={error("counterpartyAddress")} />
                <TextField label={t("records.field.counterpartyRepresentative")} autoComplete="off" {...field("counterpartyRepresentative")} error={error("counterpartyRepresentative")} />
              </FormLayout>
            </Card>
            <Card>
              <FormLayout>
                <FormLayout.Group>
                  <CustomerPicker
                    label={t("records.field.shopifyCustomerId")}
                    helpText={t("records.field.shopifyCustomerHelp")}
                    error={error("shopifyCustomerId")}
                    initial={values.shopifyCustomerId ? { customerId: values.shopifyCustomerId, label: values.subjectLabel || `#${values.shopifyCustomerId}` } : null}
                    onPick={(customer) => {
                      field("shopifyCustomerId").onChange(customer?.customerId ?? "");
                      // The person's label and email follow the chosen customer unless staff wrote their own.
                      if (customer && !values.subjectLabel) field("subjectLabel").onChange(customerLabel(customer));
                      if (customer?.email && !values.subjectEmail) field("subjectEmail").onChange(customer.email);
                    }}
                  />
                  <TextField type="email" label={t("records.field.subjectEmail")} helpText={t("records.field.subjectEmailHelp")} autoComplete="off" {...field("subjectEmail")} error={error("subjectEmail")} />
                </FormLayout.Group>
                <TextField label={t("records.field.subjectLabel")} autoComplete="off" {...field("subjectLabel")} error={error("subjectLabel")} />
                <TextField label={t("records.field.items")} helpText={t("records.field.itemsHelp")} multiline={3} autoComplete="off" {...field("items")} error={error("items")} />
              </FormLayout>
            </Card>
            <Card>
              <FormLayout>
                <Select label={t("records.field.basis")} options={PROVISION_BASES.map((b) => ({ label: t(`records.basis.${b}`), value: b }))} {...field("basis")} error={error("basis")} />
                <TextField label={t("records.field.basisNote")} multiline={2} autoComplete="off" {...field("basisNote")} error={error("basisNote")} />
                {received && <TextField label={t("records.field.acquisitionNote")} multiline={2} autoComplete="off" {...field("acquisitionNote")} error={error("acquisitionNote")} />}
                <Checkbox label={t("records.field.contractServesAsRecord")} {...checkbox("contractServesAsRecord")} />
                <TextField label={t("records.field.notes")} multiline={3} autoComplete="off" {...field("notes")} error={error("notes")} />
              </FormLayout>
            </Card>
          </BlockStack>
        </Layout.Section>
        {data.retentionEndsAt && (
          <Layout.Section variant="oneThird">
            <Card>
              <Text as="p">{t("records.field.retentionEndsAt", { date: formatDay(data.retentionEndsAt, locale) })}</Text>
            </Card>
          </Layout.Section>
        )}
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError area="records" />;
}
