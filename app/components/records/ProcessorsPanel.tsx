// The processors tab: who handles the shop's personal data and where, beside the statement on
// foreign transfers (APPI art. 28) to paste into the privacy policy.
import { useNavigate, useNavigation, useSubmit } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, EmptyState, IndexTable, InlineStack, Layout, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useLocale, useT } from "../../i18n/react";
import { countryNames, inLanguage } from "../../privacy/records/registerText";
import { EMPTY_STATE_ILLUSTRATION } from "../illustrations";
import { RegisterSection } from "./RegisterSection";

export interface ProcessorRow {
  id: string;
  name: string;
  country: string;
  role: string;
  legalBasis: string;
}

export function ProcessorsPanel({ processors, statement }: { processors: ProcessorRow[]; statement: { ja: string; en: string } }) {
  const t = useT();
  const locale = useLocale();
  const submit = useSubmit();
  const navigate = useNavigate();
  const busy = useNavigation().state === "submitting";
  const seed = () => submit({ intent: "seed_processors" }, { method: "post" });
  const [statementLocale, setStatementLocale] = useState(locale);
  return (
    <Layout>
      <RegisterSection
        intro={t("records.processors.intro")}
        empty={
          processors.length === 0 ? (
            <EmptyState
              heading={t("records.processors.empty.heading")}
              action={{ content: t("records.processors.seed"), onAction: seed, loading: busy }}
              secondaryAction={{ content: t("records.processors.add"), url: "/app/records/processors/new" }}
              image={EMPTY_STATE_ILLUSTRATION}
            >
              <p>{t("records.processors.empty.body")}</p>
            </EmptyState>
          ) : null
        }
        actionsGap="200"
        actions={
          <>
            <Button onClick={seed} loading={busy}>
              {t("records.processors.seed")}
            </Button>
            <Button variant="primary" url="/app/records/processors/new">
              {t("records.processors.add")}
            </Button>
          </>
        }
      >
        <IndexTable
          resourceName={{ singular: t("records.processor.name"), plural: t("records.processor.name") }}
          itemCount={processors.length}
          selectable={false}
          headings={[{ title: t("records.processor.name") }, { title: t("records.processor.country") }, { title: t("records.processor.role") }, { title: t("records.processor.legalBasis") }]}
        >
          {processors.map((p, index) => (
            <IndexTable.Row key={p.id} id={p.id} position={index} onClick={() => navigate(`/app/records/processors/${p.id}`)}>
              <IndexTable.Cell>
                <Text as="span" fontWeight="semibold">
                  {p.name}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>{countryNames(p.country, locale)}</IndexTable.Cell>
              <IndexTable.Cell>
                <Badge>{t(`records.role.${p.role as "cloud"}`)}</Badge>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" truncate>
                  {inLanguage(p.legalBasis, locale)}
                </Text>
              </IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </RegisterSection>
      <Layout.Section variant="oneThird">
        <Card>
          <BlockStack gap="300">
            <InlineStack align="space-between" blockAlign="center">
              <Text as="h2" variant="headingMd">
                {t("records.processors.statement.title")}
              </Text>
              <Button variant="plain" onClick={() => setStatementLocale(statementLocale === "ja" ? "en" : "ja")}>
                {t(statementLocale === "ja" ? "language.en" : "language.ja")}
              </Button>
            </InlineStack>
            <TextField label={t("records.processors.statement.title")} labelHidden value={statement[statementLocale]} readOnly multiline={8} autoComplete="off" />
            <Text as="p" tone="subdued">
              {t("records.processors.statement.help")}
            </Text>
          </BlockStack>
        </Card>
      </Layout.Section>
    </Layout>
  );
}
