// The editor's state between the loaded draft and the page's action: the edited content and
// whether it is saved, the problems the last answer named, the open modal and the change note.
import { useFetcher } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useState } from "react";
import type { MessageKey } from "../../i18n";
import { useT } from "../../i18n/react";
import type { PolicyContent, PolicyLanguage, PolicyProblem } from "../../privacy/policy/policyDocument";
import { policyProblemWhat } from "../consent/policyProblemText";
import { useLeaveGuard } from "../useLeaveGuard";

export type PolicyEditIntent = "save" | "publish" | "discard";

/** What the editor's action answers. */
export type PolicyEditResult =
  | { ok: true; intent: "save" | "discard" | "page_url" }
  | { ok: true; intent: "publish"; version: number; purposesChanged: boolean }
  | { ok: false; error: MessageKey; problems?: PolicyProblem[] };

export function usePolicyEditor(saved: PolicyContent) {
  const t = useT();
  const shopify = useAppBridge();
  const fetcher = useFetcher<PolicyEditResult>();
  const [content, setContent] = useState<PolicyContent>(saved);
  const [dirty, setDirty] = useState(false);
  const [changeNote, setChangeNote] = useState("");
  const [problems, setProblems] = useState<PolicyProblem[]>([]);
  const [modal, setModal] = useState<"publish" | "discard" | null>(null);
  const [lastIntent, setLastIntent] = useState<PolicyEditIntent | null>(null);
  const busy = fetcher.state !== "idle";
  const pendingIntent = fetcher.formData?.get("intent");
  useLeaveGuard(dirty);

  useEffect(() => {
    setContent(saved);
    setDirty(false);
  }, [saved]);

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

  const revert = () => {
    setContent(saved);
    setDirty(false);
  };

  const errorFor = (language: PolicyLanguage, path: string) => {
    const problem = problems.find((candidate) => candidate.language === language && candidate.path === path);
    return problem ? policyProblemWhat(t, problem) : undefined;
  };

  const submit = (intent: PolicyEditIntent) => {
    const form = new FormData();
    form.set("intent", intent);
    if (intent !== "discard") form.set("content", JSON.stringify(content));
    if (intent === "publish") form.set("changeNote", changeNote);
    setLastIntent(intent);
    fetcher.submit(form, { method: "post" });
  };

  // A refusal that names no problem in the text (an unchanged policy, a concurrent publish) is said in the publish modal.
  const publishError = !busy && lastIntent === "publish" && fetcher.data && !fetcher.data.ok && !fetcher.data.problems?.length ? t(fetcher.data.error) : null;

  return { content, dirty, changeNote, setChangeNote, problems, modal, setModal, busy, pendingIntent, edit, revert, errorFor, submit, publishError };
}
