import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SaveBar } from "@shopify/app-bridge-react";
import { PageTitleBar } from "../components/PageTitleBar";
import { Card, InlineGrid, Layout, Page, Tabs } from "@shopify/polaris";
import { useMemo, useState } from "react";
import { authenticate } from "../shopify.server";
import { staffSession } from "../privacy/desk/staffSession.server";
import db from "../db.server";
import { adminGraphqlForShop } from "../shopifyAdmin.server";
import { AdminApiError, UserErrorsError } from "../privacy/adminApi";
import { parsePolicyDrafts, POLICY_LANGUAGES, PolicyValidationError, purposesChanged, type PolicyContent, type PolicyLanguage, type PolicyProblem } from "../privacy/policy/policyDocument";
import { registerChangedSincePublished, registerStatementForShop } from "../privacy/policy/registerStatement";
import { discardDrafts, loadDraft, saveDraft } from "../privacy/policy/policyDrafts";
import { latestPolicy } from "../privacy/policy/publishedPolicy";
import { publishPolicy, PublishError } from "../privacy/policy/publishPolicy";
import { errorKind, log } from "../log.server";
import { loadPolicyPageUrl, parsePolicyPageUrl, savePolicyPageUrl } from "../privacy/policy/policyPage";
import { liveLinks } from "../components/policy/liveLinks.server";
import { useLocale, useT } from "../i18n/react";
import type { MessageKey } from "../i18n";
import { PageError } from "../components/PageError";
import { DiscardDraftModal } from "../components/policy/DiscardDraftModal";
import { EditorNotices } from "../components/policy/EditorNotices";
import { PolicyDiffCards } from "../components/policy/PolicyDiffCards";
import { PolicyDocumentEditor } from "../components/policy/PolicyDocumentEditor";
import { PolicyPreviewCard } from "../components/policy/PolicyPreviewCard";
import { navEntries, PolicySectionNav, useSectionNavigation } from "../components/policy/PolicySectionNav";
import { PublishModal } from "../components/policy/PublishModal";
import { LivePolicyCard } from "../components/policy/LivePolicyCard";
import { usePolicyEditor, type PolicyEditResult } from "../components/policy/usePolicyEditor";

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

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await staffSession(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const fail = (error: MessageKey, status: number, problems?: PolicyProblem[]) => Response.json({ ok: false, error, problems } satisfies PolicyEditResult, { status });

  if (intent === "discard") {
    await discardDrafts(db, shop);
    return { ok: true, intent: "discard" } satisfies PolicyEditResult;
  }
  if (intent === "page_url") {
    const parsed = parsePolicyPageUrl(form.get("pageUrl"));
    if (!parsed.ok) return fail(parsed.code === "too_long" ? "policy.live.tooLong" : "policy.live.invalid", 400);
    await savePolicyPageUrl(db, shop, parsed.value);
    return { ok: true, intent: "page_url" } satisfies PolicyEditResult;
  }
  if (intent !== "save" && intent !== "publish") return fail("common.error.body", 400);

  let parsed: unknown;
  try {
    parsed = JSON.parse(String(form.get("content") ?? ""));
  } catch {
    return fail("policy.editor.invalid", 400);
  }
  let content: PolicyContent;
  try {
    content = parsePolicyDrafts(parsed);
  } catch (error) {
    if (error instanceof PolicyValidationError) return fail("policy.editor.invalid", 400, error.problems);
    throw error;
  }

  if (intent === "save") {
    for (const language of POLICY_LANGUAGES) await saveDraft(db, shop, language, content[language]);
    return { ok: true, intent: "save" } satisfies PolicyEditResult;
  }

  try {
    const api = await adminGraphqlForShop(shop);
    const result = await publishPolicy(db, api, {
      shop,
      content,
      changeNote: String(form.get("changeNote") ?? ""),
      publishedBy: actor,
    });
    return { ok: true, intent: "publish", version: result.version, purposesChanged: result.purposesChanged } satisfies PolicyEditResult;
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
  const editor = usePolicyEditor(data.content);
  const { content, dirty, busy, pendingIntent, modal, setModal, submit } = editor;
  // The document in the admin's language first.
  const [tab, setTab] = useState(locale === "en" ? 1 : 0);
  const [previewLanguage, setPreviewLanguage] = useState<PolicyLanguage>(locale === "en" ? "en" : "ja");

  const purposesDiffer = useMemo(() => (data.published ? purposesChanged(data.published.content, content) : false), [data.published, content]);

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
        <button onClick={editor.revert}>{t("desk.common.discard")}</button>
      </SaveBar>
      <PublishModal
        open={modal === "publish"}
        onClose={() => setModal(null)}
        onPublish={() => submit("publish")}
        busy={busy && pendingIntent === "publish"}
        version={nextVersion}
        changeNote={editor.changeNote}
        onChangeNote={editor.setChangeNote}
        purposesDiffer={purposesDiffer}
        unsaved={dirty}
        error={editor.publishError}
      />
      <DiscardDraftModal
        open={modal === "discard"}
        busy={busy && pendingIntent === "discard"}
        publishedVersion={data.published?.version ?? null}
        onConfirm={() => submit("discard")}
        onClose={() => setModal(null)}
      />
      <Layout>
        <EditorNotices dirty={dirty} savedAt={data.savedAt} problems={editor.problems} content={content} registerChanged={data.registerChanged} purposesDiffer={purposesDiffer} />
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
              <PolicyDocumentEditor content={content} language={editingLanguage} edit={editor.edit} errorFor={editor.errorFor} highlighted={navigation.highlighted} />
            </InlineGrid>
          </Layout.Section>
        ) : null}
        {tab === 2 ? (
          <Layout.Section>
            <PolicyPreviewCard content={content} language={previewLanguage} onLanguage={setPreviewLanguage} version={nextVersion} />
          </Layout.Section>
        ) : null}
        {tab === 3 ? (
          <Layout.Section>
            <PolicyDiffCards published={data.published?.content ?? null} content={content} />
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError area="policy" />;
}
