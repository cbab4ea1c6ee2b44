import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, Checkbox, FormLayout, InlineError, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { PageTitleBar } from "../components/PageTitleBar";
import { CustomerPicker, customerLabel } from "../components/desk/CustomerPicker";
import { useState } from "react";
import db from "../db.server";
import { staffSession } from "../privacy/desk/staffSession.server";
import { changeInputName, requestedChangesFromForm } from "../privacy/desk/changeLines";
import { createPrivacyRequest, RequestInputError } from "../privacy/requests";
import { CORRECTABLE_FIELDS, DELIVERY_METHODS, REQUEST_TYPES, STAFF_SOURCES } from "../privacy/requests/requestTypes";
import { useT } from "../i18n/react";
import { DeskErrorState } from "../components/desk/PageStates";
import { deliveryKey, labelOr, sourceKey, typeKey } from "../components/desk/labels";
import type { MessageKey } from "../i18n";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await staffSession(request);
  return null;
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await staffSession(request);
  const form = await request.formData();
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const changes = field("type") === "correction" ? requestedChangesFromForm(field) : {};
  const isAgent = form.has("isAgent");
  try {
    const created = await createPrivacyRequest(
      db,
      {
        shop,
        type: field("type"),
        source: field("source"),
        language: field("language") === "en" ? "en" : "ja",
        inEu: form.has("inEu"),
        customerName: field("customerName"),
        email: field("email"),
        phone: field("phone"),
        orderName: field("orderName"),
        message: field("message"),
        requestedChanges: changes,
        deliveryMethod: (field("deliveryMethod") || "electronic") as (typeof DELIVERY_METHODS)[number],
        isAgent,
        agentName: isAgent ? field("agentName") : "",
        agentRelationship: isAgent ? field("agentRelationship") : "",
        agentAuthorityNote: isAgent ? field("agentAuthorityNote") : "",
      },
      actor,
    );
    return redirect(`/app/requests/${created.id}?created=1`);
  } catch (error) {
    if (error instanceof RequestInputError) return data({ code: error.code, field: error.field ?? "" }, { status: 400 });
    throw error;
  }
};

export default function NewRequestPage() {
  const t = useT();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [type, setType] = useState<string>("disclosure");
  const [source, setSource] = useState<string>("staff_phone");
  const [language, setLanguage] = useState("ja");
  const [delivery, setDelivery] = useState<string>("electronic");
  const [isAgent, setIsAgent] = useState(false);
  const [inEu, setInEu] = useState(false);
  // Polaris text fields are controlled; each keeps its text here and posts it under its name.
  const [text, setText] = useState<Record<string, string>>({});
  const bind = (name: string) => ({ name, value: text[name] ?? "", onChange: (value: string) => setText((current) => ({ ...current, [name]: value })) });
  // The domain's stable code, said in the staff member's language (never its English message).
  const message = result ? labelOr(t, `desk.error.${result.code}` as MessageKey, t("desk.error.invalid_input")) : "";
  const error = (name: string) => (result?.field === name ? message : undefined);
  const title = t("desk.new.title");

  return (
    <Page narrowWidth>
      <PageTitleBar title={title} back={{ label: t("desk.list.title"), url: "/app/requests" }} />
      <Form method="post">
        <BlockStack gap="400">
          {/* Cards run edge to edge on a phone; text outside them keeps the cards' inner margin. */}
          <Box paddingInline={{ xs: "400", sm: "0" }}>
            <Text as="p" tone="subdued">
              {t("desk.new.intro")}
            </Text>
          </Box>
          {result ? (
            <Banner tone="critical">
              <p>{message}</p>
            </Banner>
          ) : null}
          <Layout>
            <Layout.Section>
              <BlockStack gap="400">
                <Card>
                  <FormLayout>
                    <Text as="h2" variant="headingMd">
                      {t("desk.new.requestSection")}
                    </Text>
                    <FormLayout.Group>
                      <Select
                        name="type"
                        label={t("desk.new.type")}
                        options={REQUEST_TYPES.map((value) => ({ value, label: t(typeKey(value)) }))}
                        value={type}
                        onChange={setType}
                        error={error("type")}
                      />
                      <Select
                        name="source"
                        label={t("desk.new.source")}
                        options={STAFF_SOURCES.map((value) => ({ value, label: t(sourceKey(value)) }))}
                        value={source}
                        onChange={setSource}
                        error={error("source")}
                      />
                    </FormLayout.Group>
                    <FormLayout.Group>
                      <Select
                        name="language"
                        label={t("desk.new.language")}
                        options={[
                          { value: "ja", label: t("desk.new.language.ja") },
                          { value: "en", label: t("desk.new.language.en") },
                        ]}
                        value={language}
                        onChange={setLanguage}
                      />
                      <Select
                        name="deliveryMethod"
                        label={t("desk.new.delivery")}
                        options={DELIVERY_METHODS.map((value) => ({ value, label: t(deliveryKey(value)) }))}
                        value={delivery}
                        onChange={setDelivery}
                      />
                    </FormLayout.Group>
                    <Checkbox label={t("desk.new.inEu")} name="inEu" checked={inEu} onChange={setInEu} />
                    <TextField {...bind("message")} label={t("desk.new.message")} multiline={4} autoComplete="off" error={error("message")} />
                    {type === "correction" ? (
                      <BlockStack gap="200">
                        <Text as="h3" variant="headingSm">
                          {t("desk.new.changes")}
                        </Text>
                        <Text as="p" variant="bodySm" tone="subdued">
                          {t("desk.new.changesHelp")}
                        </Text>
                        {error("requestedChanges") ? <InlineError message={error("requestedChanges") ?? ""} fieldID="change.firstName" /> : null}
                        <FormLayout.Group>
                          {CORRECTABLE_FIELDS.filter((field) => field !== "locale").map((field) => (
                            <TextField key={field} {...bind(changeInputName(field))} label={t("desk.new.changeTo", { field: t(`desk.field.${field}`) })} autoComplete="off" multiline={field === "note" ? 2 : undefined} />
                          ))}
                          <Select
                            name={changeInputName("locale")}
                            label={t("desk.new.changeTo", { field: t("desk.field.locale") })}
                            options={[
                              { value: "", label: t("desk.new.noChange") },
                              { value: "ja", label: t("language.ja") },
                              { value: "en", label: t("language.en") },
                            ]}
                            value={text[changeInputName("locale")] ?? ""}
                            onChange={(value) => setText((current) => ({ ...current, [changeInputName("locale")]: value }))}
                          />
                        </FormLayout.Group>
                      </BlockStack>
                    ) : null}
                  </FormLayout>
                </Card>
                <Card>
                  <FormLayout>
                    <Text as="h2" variant="headingMd">
                      {t("desk.new.personSection")}
                    </Text>
                    <CustomerPicker
                      label={t("desk.new.pickCustomer")}
                      helpText={t("desk.new.pickCustomerHelp")}
                      onPick={(customer) => {
                        // Fills in what Shopify holds; identity is still verified on the request's page.
                        if (customer) setText((current) => ({ ...current, customerName: customerLabel(customer), email: customer.email ?? "", phone: customer.phone ?? "" }));
                      }}
                    />
                    <TextField {...bind("customerName")} label={t("desk.new.name")} autoComplete="off" error={error("customerName")} />
                    <FormLayout.Group>
                      <TextField {...bind("email")} type="email" label={t("desk.new.email")} autoComplete="off" error={error("email")} />
                      <TextField {...bind("phone")} type="tel" label={t("desk.new.phone")} autoComplete="off" error={error("phone")} />
                    </FormLayout.Group>
                    <TextField {...bind("orderName")} label={t("desk.new.orderName")} autoComplete="off" error={error("orderName")} />
                  </FormLayout>
                </Card>
                <Card>
                  <FormLayout>
                    <Text as="h2" variant="headingMd">
                      {t("desk.new.agentSection")}
                    </Text>
                    <Checkbox label={t("desk.new.isAgent")} name="isAgent" checked={isAgent} onChange={setIsAgent} />
                    {isAgent ? (
                      <>
                        <TextField {...bind("agentName")} label={t("desk.new.agentName")} autoComplete="off" error={error("agentName")} />
                        <TextField {...bind("agentRelationship")} label={t("desk.new.agentRelationship")} autoComplete="off" />
                        <TextField {...bind("agentAuthorityNote")} label={t("desk.new.agentAuthority")} multiline={2} autoComplete="off" />
                      </>
                    ) : null}
                  </FormLayout>
                </Card>
                <Button submit variant="primary" loading={navigation.state === "submitting"}>
                  {t("desk.new.submit")}
                </Button>
              </BlockStack>
            </Layout.Section>
          </Layout>
        </BlockStack>
      </Form>
    </Page>
  );
}

export const ErrorBoundary = DeskErrorState;
