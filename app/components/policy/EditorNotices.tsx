// What the editor says above the document: whether the edits are saved, what in the text stops a
// save or publish, and what publishing would change beyond the text (register, purposes).
import { Banner, Layout, Text } from "@shopify/polaris";
import { useLocale, useT } from "../../i18n/react";
import type { PolicyContent, PolicyProblem } from "../../privacy/policy/policyDocument";
import { formatDateTime } from "../consent/format";
import { policyProblemText } from "../consent/policyProblemText";

interface Props {
  dirty: boolean;
  savedAt: string | null;
  problems: PolicyProblem[];
  content: PolicyContent;
  registerChanged: boolean;
  purposesDiffer: boolean;
}

export function EditorNotices({ dirty, savedAt, problems, content, registerChanged, purposesDiffer }: Props) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {dirty || savedAt ? (
        <Layout.Section>
          <Text as="p" tone="subdued">
            {dirty ? t("policy.editor.unsaved") : t("policy.editor.savedAt", { date: formatDateTime(locale, savedAt ?? "") })}
          </Text>
        </Layout.Section>
      ) : null}
      {problems.length ? (
        <Layout.Section>
          <Banner tone="critical" title={t("policy.editor.invalid")}>
            <ul>
              {problems.slice(0, 10).map((problem, index) => (
                <li key={index}>{policyProblemText(t, problem, content[problem.language ?? "ja"])}</li>
              ))}
            </ul>
          </Banner>
        </Layout.Section>
      ) : null}
      {registerChanged ? (
        <Layout.Section>
          <Banner tone="info" title={t("policy.editor.registerChanged")} action={{ content: t("policy.editor.generatedEdit"), url: "/app/records?tab=processors" }}>
            <p>{t("policy.editor.registerChangedHelp")}</p>
          </Banner>
        </Layout.Section>
      ) : null}
      {purposesDiffer ? (
        <Layout.Section>
          <Banner tone="warning" title={t("policy.notify.title")}>
            <p>{t("policy.editor.purposesWarning")}</p>
          </Banner>
        </Layout.Section>
      ) : null}
    </>
  );
}
