import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { SaveBar, useAppBridge } from "@shopify/app-bridge-react";
import { PageTitleBar } from "../components/PageTitleBar";
import { Badge, Banner, BlockStack, Box, Button, Card, FormLayout, InlineStack, Layout, Page, Tabs, Text, TextField } from "@shopify/polaris";
import { useEffect, useMemo, useState } from "react";
import { authenticate } from "../shopify.server";
import { staffSession } from "../privacy/desk/staffSession.server";
import db from "../db.server";
import { adminGraphqlForShop } from "../shopifyAdmin.server";
import { AdminApiError, UserErrorsError } from "../privacy/adminApi";
import {
  generatedParagraphs,
  parsePolicyDocument,
  POLICY_LANGUAGES,
  PolicyValidationError,
  purposesChanged,
  PURPOSES_SECTION_ID,
  type PolicyContent,
  type PolicyDocument,
  type PolicyLanguage,
  type PolicyProblem,
  writtenParagraphs,
} from "../privacy/policy/policyDocument";
import { registerChangedSincePublished, registerStatementForShop } from "../privacy/policy/registerStatement";
import { diffPolicy } from "../privacy/policy/policyDiff";
import { discardDrafts, loadDraft, saveDraft } from "../privacy/policy/policyDrafts";
import { latestPolicy } from "../privacy/policy/publishedPolicy";
import { publishPolicy, PublishError } from "../privacy/policy/publishPolicy";
import { errorKind, log } from "../log.server";
import { useLocale, useT } from "../i18n/react";
import type { MessageKey } from "../i18n";
import { PolicyPreview } from "../components/consent/PolicyPreview";
import { policyProblemText, policyProblemWhat } from "../components/consent/policyProblemText";
import { PolicyDiffView } from "../components/consent/PolicyDiffView";
import { formatDateTime } from "../components/consent/format";
import { ConsentPageError } from "../components/consent/PageError";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [draft, published, statement] = await Promise.all([
    loadDraft(db, session.shop),
    latestPolicy(db, session.shop),
    registerStatementForShop(db, session.shop),
  ]);
  return {
    content: draft.content,
    savedAt: draft.savedAt?.toISOString() ?? null,
    published: published ? { version: published.version, content: published.content } : null,
    registerChanged: registerChangedSincePublished(published?.content ?? null, statement),
  };
};

type ActionResult =
  | { ok: true; intent: "save" | "discard" }
  | { ok: true; intent: "publish"; version: number; purposesChanged: boolean }
  | { ok: false; error: MessageKey; problems?: PolicyProblem[] };

function validateBoth(value: unknown): { content?: PolicyContent; problems: PolicyProblem[] } {
  const problems: PolicyProblem[] = [];
  const content: Partial<PolicyContent> = {};
  const raw = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  for (const language of POLICY_LANGUAGES) {
    try {
      content[language] = parsePolicyDocument(raw[language], language);
    } catch (error) {
      if (!(error instanceof PolicyValidationError)) throw error;
      problems.push(...error.problems);
    }
  }
  return problems.length ? { problems } : { content: content as PolicyContent, problems };
}

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await staffSession(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const fail = (error: MessageKey, status: number, problems?: PolicyProblem[]) => Response.json({ ok: false, error, problems } satisfies ActionResult, { status });

  if (intent === "discard") {
    await discardDrafts(db, shop);
    return { ok: true, intent: "discard" } satisfies ActionResult;
  }
  if (intent !== "save" && intent !== "publish") return fail("common.error.body", 400);

  let parsed: unknown;
  try {
    parsed = JSON.parse(String(form.get("content") ?? ""));
  } catch {
    return fail("policy.editor.invalid", 400);
  }
  const { content, problems } = validateBoth(parsed);
  if (!content) return fail("policy.editor.invalid", 400, problems);

  if (intent === "save") {
    for (const language of POLICY_LANGUAGES) await saveDraft(db, shop, language, content[language]);
    return { ok: true, intent: "save" } satisfies ActionResult;
  }

  try {
    const api = await adminGraphqlForShop(shop);
    const result = await publishPolicy(db, api, {
      shop,
      content,
      changeNote: String(form.get("changeNote") ?? ""),
      publishedBy: actor,
    });
    return { ok: true, intent: "publish", version: result.version, purposesChanged: result.purposesChanged } satisfies ActionResult;
  } catch (error) {
    if (error instanceof PolicyValidationError) return fail("policy.editor.invalid", 400, error.problems);
    if (error instanceof PublishError) {
      const key: Record<PublishError["code"], MessageKey> = {
        change_note_required: "policy.editor.changeNoteRequired",
        change_note_too_long: "policy.editor.changeNoteRequired",
        unchanged: "policy.editor.unchanged",
        concurrent_publish: "policy.editor.concurrent",
      };
      return fail(key[error.code], error.code === "concurrent_publish" ? 409 : 400);
    }
    if (error instanceof AdminApiError || error instanceof UserErrorsError) {
      log.warn("policy.publish_failed", { shop, errorKind: errorKind(error) });
      return fail("policy.editor.adminError", 502);
    }
    throw error;
  }
};

/** Next free id in a section, following the prefix its items already use ("purpose_15"). */
function nextItemId(doc: PolicyDocument, sectionIndex: number): string {
  const section = doc.sections[sectionIndex];
  const prefix = section.items[0]?.id.replace(/_\d+$/, "") ?? section.id;
  const taken = new Set(doc.sections.flatMap((candidate) => candidate.items.map((item) => item.id)));
  for (let n = section.items.length + 1; ; n++) {
    const id = `${prefix}_${String(n).padStart(2, "0")}`;
    if (!taken.has(id)) return id;
  }
}

export default function PolicyEditPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const shopify = useAppBridge();
  const fetcher = useFetcher<ActionResult>();
  const [content, setContent] = useState<PolicyContent>(data.content);
  const [dirty, setDirty] = useState(false);
  // The document in the admin's language first.
  const [tab, setTab] = useState(locale === "en" ? 1 : 0);
  const [previewLanguage, setPreviewLanguage] = useState<PolicyLanguage>(locale === "en" ? "en" : "ja");
  const [changeNote, setChangeNote] = useState("");
  const [problems, setProblems] = useState<PolicyProblem[]>([]);
  const busy = fetcher.state !== "idle";
  const pendingIntent = fetcher.formData?.get("intent");

  useEffect(() => {
    setContent(data.content);
    setDirty(false);
  }, [data.content]);

  useEffect(() => {
    const result = fetcher.data;
    if (!result || fetcher.state !== "idle") return;
    if (result.ok) {
      setProblems([]);
      setDirty(false);
      if (result.intent === "publish") {
        setChangeNote("");
        shopify.toast.show(t("policy.editor.published", { version: result.version }));
      } else shopify.toast.show(t(result.intent === "save" ? "policy.editor.saved" : "policy.editor.discarded"));
    } else {
      setProblems(result.problems ?? []);
      shopify.toast.show(t(result.error), { isError: true });
    }
  }, [fetcher.data, fetcher.state, shopify, t]);

  const edit = (mutate: (draft: PolicyContent) => void) => {
    setContent((current) => {
      const next = structuredClone(current);
      mutate(next);
      return next;
    });
    setDirty(true);
  };

  const errorFor = (language: PolicyLanguage, path: string) => {
    const problem = problems.find((candidate) => candidate.language === language && candidate.path === path);
    return problem ? policyProblemWhat(t, problem) : undefined;
  };

  const submit = (intent: "save" | "publish" | "discard") => {
    const form = new FormData();
    form.set("intent", intent);
    if (intent !== "discard") form.set("content", JSON.stringify(content));
    if (intent === "publish") form.set("changeNote", changeNote);
    fetcher.submit(form, { method: "post" });
  };

  const purposesDiffer = useMemo(() => (data.published ? purposesChanged(data.published.content, content) : false), [data.published, content]);
  const diffs = useMemo(
    () => POLICY_LANGUAGES.map((language) => ({ language, changes: diffPolicy(data.published?.content[language] ?? null, content[language]) })),
    [data.published, content],
  );

  const tabs = [
    { id: "ja", content: t("policy.editor.tab.ja") },
    { id: "en", content: t("policy.editor.tab.en") },
    { id: "preview", content: t("policy.editor.tab.preview") },
    { id: "diff", content: t("policy.editor.tab.diff") },
  ];

  const editor = (language: PolicyLanguage) => {
    const doc = content[language];
    return (
      <BlockStack gap="400">
        <Card>
          <FormLayout>
            <Text as="h2" variant="headingMd">
              {t("policy.editor.general")}
            </Text>
            <TextField
              label={t("policy.editor.titleField")}
              autoComplete="off"
              value={doc.title}
              error={errorFor(language, "title")}
              onChange={(value) => edit((draft) => void (draft[language].title = value))}
            />
            <TextField
              label={t("policy.editor.intro")}
              autoComplete="off"
              multiline={4}
              value={doc.intro}
              error={errorFor(language, "intro")}
              onChange={(value) => edit((draft) => void (draft[language].intro = value))}
            />
          </FormLayout>
        </Card>
        {doc.sections.map((section, sectionIndex) => (
          <Card key={section.id}>
            <FormLayout>
              <InlineStack align="space-between">
                <Text as="h2" variant="headingMd">
                  {t("policy.editor.sectionNumber", { number: sectionIndex + 1 })} {section.heading || t("policy.editor.untitled")}
                </Text>
              </InlineStack>
              {section.id === PURPOSES_SECTION_ID ? (
                <Text as="p" tone="subdued">
                  {t("policy.editor.purposesHelp")}
                </Text>
              ) : null}
              <TextField
                label={t("policy.editor.heading")}
                autoComplete="off"
                value={section.heading}
                error={errorFor(language, `sections[${sectionIndex}].heading`)}
                onChange={(value) => edit((draft) => void (draft[language].sections[sectionIndex].heading = value))}
              />
              <TextField
                label={t("policy.editor.paragraphs")}
                helpText={t("policy.editor.paragraphsHelp")}
                autoComplete="off"
                multiline={3}
                value={writtenParagraphs(section).join("\n\n")}
                onChange={(value) =>
                  edit((draft) => {
                    const target = draft[language].sections[sectionIndex];
                    // The generated paragraphs stay at the end; only staff's own text is typed here.
                    target.paragraphs = [...value.split(/\n[ \t]*\n/), ...generatedParagraphs(target)];
                  })
                }
              />
              {section.generated ? (
                <Box background="bg-surface-secondary" padding="300" borderRadius="200">
                  <BlockStack gap="200">
                    <InlineStack gap="200" blockAlign="center">
                      <Badge tone="info">{t("policy.editor.generated")}</Badge>
                      <Text as="span" tone="subdued" variant="bodySm">
                        {t("policy.editor.generatedHelp")}
                      </Text>
                    </InlineStack>
                    {generatedParagraphs(section).map((paragraph, index) => (
                      <p key={index} style={{ whiteSpace: "pre-line", margin: 0 }}>
                        {paragraph}
                      </p>
                    ))}
                    <InlineStack>
                      <Button variant="plain" url="/app/records">
                        {t("policy.editor.generatedEdit")}
                      </Button>
                    </InlineStack>
                  </BlockStack>
                </Box>
              ) : null}
              {section.items.map((item, itemIndex) => (
                <TextField
                  key={item.id}
                  label={t("policy.editor.itemLabel", { number: itemIndex + 1 })}
                  autoComplete="off"
                  multiline
                  value={item.text}
                  error={errorFor(language, `sections[${sectionIndex}].items[${itemIndex}].text`)}
                  onChange={(value) => edit((draft) => void (draft[language].sections[sectionIndex].items[itemIndex].text = value))}
                  connectedRight={
                    <Button
                      accessibilityLabel={`${t("policy.editor.removeItem")} ${t("policy.editor.itemLabel", { number: itemIndex + 1 })}`}
                      onClick={() =>
                        edit((draft) => {
                          // Items exist in every language together, so ids stay aligned.
                          for (const other of POLICY_LANGUAGES) {
                            const items = draft[other].sections[sectionIndex].items;
                            draft[other].sections[sectionIndex].items = items.filter((candidate) => candidate.id !== item.id);
                          }
                        })
                      }
                    >
                      {t("policy.editor.removeItem")}
                    </Button>
                  }
                />
              ))}
              {section.items.length || ["purposes", "purposes_exceptions", "third_party", "refusal_grounds"].includes(section.id) ? (
                <InlineStack>
                  <Button
                    onClick={() =>
                      edit((draft) => {
                        const id = nextItemId(draft[language], sectionIndex);
                        for (const other of POLICY_LANGUAGES) draft[other].sections[sectionIndex].items.push({ id, text: "" });
                      })
                    }
                  >
                    {t("policy.editor.addItem")}
                  </Button>
                </InlineStack>
              ) : null}
            </FormLayout>
          </Card>
        ))}
        <Card>
          <FormLayout>
            <Text as="h2" variant="headingMd">
              {t("policy.editor.business")}
            </Text>
            {(
              [
                ["name", "policy.editor.businessName"],
                ["address", "policy.editor.businessAddress"],
                ["representative", "policy.editor.representative"],
                ["email", "policy.editor.email"],
                ["phone", "policy.editor.phone"],
              ] as const
            ).map(([field, label]) => (
              <TextField
                key={field}
                label={t(label)}
                autoComplete="off"
                type={field === "email" ? "email" : field === "phone" ? "tel" : "text"}
                value={doc.business[field]}
                error={errorFor(language, `business.${field}`)}
                onChange={(value) => edit((draft) => void (draft[language].business[field] = value))}
              />
            ))}
          </FormLayout>
        </Card>
      </BlockStack>
    );
  };

  const nextVersion = (data.published?.version ?? 0) + 1;

  return (
    <Page>
      <PageTitleBar
        title={t("policy.editor.title")}
        back={{ label: t("policy.title"), url: "/app/policy" }}
        secondary={data.savedAt ? [{ label: t("policy.editor.discard"), onAction: () => submit("discard"), disabled: busy, critical: true }] : []}
      />
      {/* Unsaved edits are kept or dropped from Shopify's save bar, as in Settings. */}
      <SaveBar id="policy-editor-save-bar" open={dirty}>
        <button variant="primary" onClick={() => submit("save")} disabled={busy}>
          {t("policy.editor.save")}
        </button>
        <button
          onClick={() => {
            setContent(data.content);
            setDirty(false);
          }}
        >
          {t("desk.common.discard")}
        </button>
      </SaveBar>
      <Layout>
        {dirty || data.savedAt ? (
          <Layout.Section>
            <Text as="p" tone="subdued">
              {dirty ? t("policy.editor.unsaved") : t("policy.editor.savedAt", { date: formatDateTime(locale, data.savedAt ?? "") })}
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
        {data.registerChanged ? (
          <Layout.Section>
            <Banner tone="info" title={t("policy.editor.registerChanged")} action={{ content: t("policy.editor.generatedEdit"), url: "/app/records" }}>
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
        <Layout.Section>
          <Card padding="0">
            <Tabs tabs={tabs} selected={tab} onSelect={setTab} fitted />
          </Card>
        </Layout.Section>
        <Layout.Section>
          {tab === 0 ? editor("ja") : null}
          {tab === 1 ? editor("en") : null}
          {tab === 2 ? (
            <Card>
              <BlockStack gap="400">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="p" tone="subdued">
                    {t("policy.preview.note")}
                  </Text>
                  <InlineStack gap="200">
                    {POLICY_LANGUAGES.map((language) => (
                      <Button key={language} pressed={previewLanguage === language} onClick={() => setPreviewLanguage(language)}>
                        {t(`policy.editor.tab.${language}`)}
                      </Button>
                    ))}
                  </InlineStack>
                </InlineStack>
                <PolicyPreview doc={content[previewLanguage]} language={previewLanguage} versionLabel={t("policy.status.version", { version: nextVersion })} />
              </BlockStack>
            </Card>
          ) : null}
          {tab === 3 ? (
            <BlockStack gap="400">
              {diffs.map(({ language, changes }) => (
                <Card key={language}>
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">
                      {t(`policy.editor.tab.${language}`)}
                    </Text>
                    <PolicyDiffView changes={changes} firstVersion={!data.published} />
                  </BlockStack>
                </Card>
              ))}
            </BlockStack>
          ) : null}
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("policy.editor.publishTitle")}
              </Text>
              <TextField
                label={t("policy.editor.changeNote")}
                helpText={t("policy.editor.changeNoteHelp")}
                autoComplete="off"
                multiline={2}
                maxLength={1000}
                value={changeNote}
                onChange={setChangeNote}
              />
              <InlineStack align="end">
                <Button
                  variant="primary"
                  tone={purposesDiffer ? "critical" : undefined}
                  disabled={busy || !changeNote.trim()}
                  loading={busy && pendingIntent === "publish"}
                  onClick={() => submit("publish")}
                >
                  {`${t("policy.editor.publish")} (v${nextVersion})`}
                </Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  const t = useT();
  return <ConsentPageError back={{ label: t("policy.title"), url: "/app/policy" }} />;
}
