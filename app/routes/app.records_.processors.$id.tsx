import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import {
  useActionData,
  useLoaderData,
  useNavigation,
} from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Card,
  FormLayout,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { PageTitleBar } from "../components/PageTitleBar";
import { RecordDeletionModal, useRecordDeletion } from "../components/records/RecordDeletion";
import db from "../db.server";
import {
  formInput,
  notFound,
  recordsStaff,
} from "../components/records/staff.server";
import { PageError } from "../components/PageError";
import { useRecordForm } from "../components/records/useRecordForm";
import { PROCESSOR_ROLES } from "../privacy/records/recordKinds";
import {
  createProcessor,
  deleteProcessor,
  parseProcessorInput,
  processorDataKinds,
  updateProcessor,
} from "../privacy/records/processors";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await recordsStaff(request);
  if (params.id === "new")
    return {
      id: null,
      values: { role: "outsourcing" } as Record<string, string>,
    };
  const processor = await db.processor.findFirst({
    where: { shop, id: params.id ?? "" },
  });
  if (!processor) throw notFound();
  return {
    id: processor.id,
    values: {
      name: processor.name,
      country: processor.country.split(",").join(", "),
      role: processor.role,
      legalBasis: processor.legalBasis,
      safeguards: processor.safeguards,
      dataKinds: processorDataKinds(processor).join("\n"),
    } as Record<string, string>,
  };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, actor } = await recordsStaff(request);
  const input = await formInput(request);
  const id = params.id ?? "";
  if (input.intent === "delete") {
    if (!(await db.$transaction((tx) => deleteProcessor(tx, shop, id, actor))))
      throw notFound();
    return redirect("/app/records?tab=processors");
  }
  const parsed = parseProcessorInput(input);
  if (!parsed.ok) return { errors: parsed.errors };
  if (id === "new") {
    await db.$transaction((tx) =>
      createProcessor(tx, shop, parsed.value, actor)
    );
  } else if (
    !(await db.$transaction((tx) =>
      updateProcessor(tx, shop, id, parsed.value, actor)
    ))
  ) {
    throw notFound();
  }
  return redirect("/app/records?tab=processors");
};

export default function ProcessorPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const { field, save } = useRecordForm(data.values);
  const deletion = useRecordDeletion({ saved: Boolean(data.id), label: t("records.processors.delete"), busy, onDelete: () => save({ intent: "delete" }) });
  const errors: Record<string, string> = actionData?.errors ?? {};
  const error = (name: string) =>
    errors[name] ? t(errors[name] as MessageKey) : undefined;
  const title = t(
    data.id ? "records.processors.editTitle" : "records.processors.newTitle"
  );
  return (
    <Page>
      <PageTitleBar
        title={title}
        back={{ label: t("records.title"), url: "/app/records?tab=processors" }}
        primary={{ label: t("records.save"), onAction: () => save(), disabled: busy }}
        secondary={deletion.secondary}
      />
      {/* The register feeds the published policy's statement on foreign countries: say so before removing an entry. */}
      <RecordDeletionModal id="processor-delete-modal" title={t("records.processors.deleteTitle")} deletion={deletion}>
        <Text as="p">{t("records.processors.deleteBody", { name: data.values.name || "—" })}</Text>
      </RecordDeletionModal>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {Object.keys(errors).length > 0 && (
              <Banner tone="critical">{t("records.formErrors")}</Banner>
            )}
            <Card>
              <FormLayout>
                <TextField
                  label={t("records.processor.name")}
                  autoComplete="off"
                  {...field("name")}
                  error={error("name")}
                />
                <FormLayout.Group>
                  <TextField
                    label={t("records.processor.country")}
                    helpText={t("records.processor.countryHelp")}
                    autoComplete="off"
                    {...field("country")}
                    error={error("country")}
                  />
                  <Select
                    label={t("records.processor.role")}
                    options={PROCESSOR_ROLES.map((r) => ({
                      label: t(`records.role.${r}`),
                      value: r,
                    }))}
                    {...field("role")}
                    error={error("role")}
                  />
                </FormLayout.Group>
                <TextField
                  label={t("records.processor.legalBasis")}
                  multiline={2}
                  autoComplete="off"
                  {...field("legalBasis")}
                  error={error("legalBasis")}
                />
                <TextField
                  label={t("records.processor.safeguards")}
                  multiline={3}
                  autoComplete="off"
                  {...field("safeguards")}
                  error={error("safeguards")}
                />
                <TextField
                  label={t("records.processor.dataKinds")}
                  helpText={t("records.field.itemsHelp")}
                  multiline={3}
                  autoComplete="off"
                  {...field("dataKinds")}
                  error={error("dataKinds")}
                />
              </FormLayout>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError area="records" />;
}
