// A button that opens the app's confirmation modal (ConfirmModal) and posts one intent to the page's action.
// The modal stays open with the error when the action refuses, and closes with a toast when it is done.
import { Banner, Button } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useFetcher } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { useT } from "../../i18n/react";
import { actionErrorText } from "./labels";
import { ConfirmModal } from "../ConfirmModal";

export interface ActionResult {
  ok: boolean;
  error?: string;
  /** The domain's stable error code, translated on the page (see actionErrorText). */
  code?: string;
  done?: string;
}

export function ConfirmAction(props: {
  id: string;
  intent: string;
  label: string;
  /** The modal's title; by default the button's label, so the modal says what was clicked. */
  title?: string;
  /** The modal's confirm button; by default the action's own name, never a bare "OK". */
  confirmLabel?: string;
  doneMessage: string;
  values?: Record<string, string>;
  destructive?: boolean;
  primary?: boolean;
  disabled?: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  const shopify = useAppBridge();
  const fetcher = useFetcher<ActionResult>();
  const [open, setOpen] = useState(false);
  const busy = fetcher.state !== "idle";
  // The answer arrives while the page revalidates; toasting then (not at idle) matters because the
  // revalidated page may no longer render this action, e.g. after a request is closed.
  const result = fetcher.state === "submitting" ? undefined : fetcher.data;

  useEffect(() => {
    if (!result) return;
    if (result.ok) {
      setOpen(false);
      shopify.toast.show(props.doneMessage);
    }
    // Only a new answer should toast, not a re-render with the same one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result]);

  const confirm = () => fetcher.submit({ intent: props.intent, ...(props.values ?? {}) }, { method: "post" });

  return (
    <>
      <Button
        onClick={() => setOpen(true)}
        tone={props.destructive ? "critical" : undefined}
        variant={props.primary ? "primary" : undefined}
        disabled={props.disabled}
      >
        {props.label}
      </Button>
      <ConfirmModal
        id={props.id}
        open={open}
        title={props.title ?? props.label}
        confirmLabel={props.confirmLabel ?? props.label}
        onConfirm={confirm}
        onClose={() => setOpen(false)}
        destructive={props.destructive}
        busy={busy}
      >
        {result && !result.ok ? (
          <Banner tone="critical">
            <p>{actionErrorText(t, result)}</p>
          </Banner>
        ) : null}
        {props.children}
      </ConfirmModal>
    </>
  );
}
