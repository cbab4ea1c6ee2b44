import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { SaveBar, useAppBridge } from "@shopify/app-bridge-react";
import { PageTitleBar } from "../components/PageTitleBar";
import { Banner, BlockStack, Button, ButtonGroup, Card, InlineGrid, InlineStack, Layout, Page, Tabs, Text } from "@shopify/polaris";
import { useEffect, useMemo, useState } from "react";
import { authenticate } from "../shopify.server";
import { staffSession } from "../privacy/desk/staffSession.server";
import db from "../db.server";
import { adminGraphqlForShop } from "../shopifyAdmin.server";
import { AdminApiError, UserErrorsError } from "../privacy/adminApi";
import {
  parsePolicyDocument,
  POLICY_LANGUAGES,
  PolicyValidationError,
  purposesChanged,
  type PolicyContent,
  type PolicyLanguage,
  type PolicyProblem,
} from "../privacy/policy/policyDocument";
import { registerChangedSincePublished, registerStatementForShop } from "../privacy/policy/registerStatement";
import { diffPolicy } from "../privacy/policy/policyDiff";
import { discardDrafts, loadDraft, saveDraft } from "../privacy/policy/policyDrafts";
import { latestPolicy } from "../privacy/policy/publishedPolicy";
import { publishPolicy, PublishError } from "../privacy/policy/publishPolicy";
import { errorKind, log } from "../log.server";
import { loadPolicyPageUrl, parsePolicyPageUrl, savePolicyPageUrl } from "../privacy/policy/policyPage";
import { liveLinks } from "../components/policy/liveLinks.server";
import { useLocale, useT } from "../i18n/react";
import type { MessageKey } from "../i18n";
import { PolicyPreview } from "../components/consent/PolicyPreview";
import { policyProblemText, policyProblemWhat } from "../components/consent/policyProblemText";
import { PolicyDiffView } from "../components/consent/PolicyDiffView";
import { formatDateTime } from "../components/consent/format";
import { PageError } from "../components/PageError";
import { ConfirmModal } from "../components/ConfirmModal";
import { useLeaveGuard } from "../components/useLeaveGuard";
import { PolicyDocumentEditor } from "../components/policy/PolicyDocumentEditor";
import { navEntries, PolicySectionNav, useSectionNavigation } from "../components/policy/PolicySectionNav";
import { PublishModal } from "../components/policy/PublishModal";
import { LivePolicyCard } from "../components/policy/LivePolicyCard";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [draft, published, statement, pageUrl] = await Promise.all([
    loadDraft(db, session.shop),
    latestPolicy(db, session.shop),
    registerStatementForShop(db, session.shop),
    loadPolicyPageUrl(db, session.shop),
  ]);
  return {
    live: liveLinks(session.shop, pageUrl, published !== null),
    content: draft.content,
    savedAt: draft.savedAt?.toISOString() ?? null,
    published: published ? { version: published.version, content: published.content } : null,
    registerChanged: registerChangedSincePublished(published?.content ?? null, statement),
  };
};

type ActionResult =
  | { ok: true; intent: "save" | "discard" | "page_url" }
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
  if (intent === "page_url") {
    const parsed = parsePolicyPageUrl(form.get("pageUrl"));
    if (!parsed.ok) return fail(parsed.code === "too_long" ? "policy.live.tooLong" : "policy.live.invalid", 400);
    await savePolicyPageUrl(db, shop, parsed.value);
    return { ok: true, intent: "page_url" } satisfies ActionResult;
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
  const [modal, setModal] = useState<"publish" | "discard" | null>(null);
  const [lastIntent, setLastIntent] = useState<"save" | "publish" | "discard" | null>(null);
  const busy = fetcher.state !== "idle";
  const pendingIntent = fetcher.formData?.get("intent");
  useLeaveGuard(dirty);

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
      setModal(null);
      if (result.intent === "publish") {
        setChangeNote("");
        shopify.toast.show(t("policy.editor.published", { version: result.version }));
      } else shopify.toast.show(t(result.intent === "save" ? "policy.editor.saved" : "policy.editor.discarded"));
    } else {
      setProblems(result.problems ?? []);
      // Problems in the text are shown on the page, beside their fields; other refusals stay in the modal.
      if (result.problems?.length) setModal(null);
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
    setLastIntent(intent);
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
  const editingLanguage: PolicyLanguage | null = tab === 0 ? "ja" : tab === 1 ? "en" : null;
  const navigation = useSectionNavigation(editingLanguage ? navEntries(content[editingLanguage], editingLanguage, {
    general: t("policy.editor.general"),
    business: t("policy.editor.business"),
    untitled: t("policy.editor.untitled"),
  }) : []);

  const nextVersion = (data.published?.version ?? 0) + 1;
  const openLive = data.live.url ? () => window.open(data.live.url!, "_blank", "noopener,noreferrer") : undefined;

  return (
    <Page>
      <PageTitleBar
        title={t("policy.editor.title")}
        back={{ label: t("policy.title"), url: "/app/policy" }}
        primary={{ label: t("policy.editor.publish"), onAction: () => setModal("publish"), disabled: busy }}
        secondary={[
          ...(openLive ? [{ label: t("policy.live.view"), onAction: openLive }] : []),
          ...(data.savedAt ? [{ label: t("policy.editor.discard"), onAction: () => setModal("discard"), disabled: busy, critical: true }] : []),
        ]}
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
      <PublishModal
        open={modal === "publish"}
        onClose={() => setModal(null)}
        onPublish={() => submit("publish")}
        busy={busy && pendingIntent === "publish"}
        version={nextVersion}
        changeNote={changeNote}
        onChangeNote={setChangeNote}
        purposesDiffer={purposesDiffer}
        unsaved={dirty}
        error={!busy && lastIntent === "publish" && fetcher.data && !fetcher.data.ok && !fetcher.data.problems?.length ? t(fetcher.data.error) : null}
      />
      <ConfirmModal
        id="policy-discard-modal"
        open={modal === "discard"}
        title={t("policy.editor.discardTitle")}
        confirmLabel={t("policy.editor.discard")}
        destructive
        busy={busy && pendingIntent === "discard"}
        onConfirm={() => submit("discard")}
        onClose={() => setModal(null)}
      >
        <Text as="p">
          {data.published ? t("policy.editor.discardBody", { version: data.published.version }) : t("policy.editor.discardBodyFirst")}
        </Text>
      </ConfirmModal>
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
        <Layout.Section>
          <LivePolicyCard live={data.live} />
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <Tabs tabs={tabs} selected={tab} onSelect={setTab} fitted />
          </Card>
        </Layout.Section>
        {editingLanguage ? (
          <Layout.Section>
            {/* As Shopify's settings pages: the list of sections beside the form on a wide screen, above it on a phone. */}
            <InlineGrid columns={{ xs: 1, md: ["oneThird", "twoThirds"] }} gap="400">
              <div>
                <PolicySectionNav entries={navigation.entries} active={navigation.active} onSelect={navigation.jump} />
              </div>
              <PolicyDocumentEditor content={content} language={editingLanguage} edit={edit} errorFor={errorFor} highlighted={navigation.highlighted} />
            </InlineGrid>
          </Layout.Section>
        ) : null}
        {tab === 2 ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="400">
                <InlineStack align="space-between" blockAlign="center" gap="200">
                  <Text as="p" tone="subdued">
                    {t("policy.preview.note")}
                  </Text>
                  <ButtonGroup variant="segmented">
                    {POLICY_LANGUAGES.map((language) => (
                      <Button key={language} pressed={previewLanguage === language} onClick={() => setPreviewLanguage(language)}>
                        {t(`policy.editor.tab.${language}`)}
                      </Button>
                    ))}
                  </ButtonGroup>
                </InlineStack>
                <PolicyPreview doc={content[previewLanguage]} language={previewLanguage} version={nextVersion} />
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
        {tab === 3 ? (
          <Layout.Section>
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
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError area="policy" />;
}
