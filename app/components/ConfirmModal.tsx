// The confirmation Shopify admin asks before a destructive or final step started from the title bar:
// an App Bridge modal whose confirm button is named by what it does ("記録を削除", never a bare "OK"),
// with Cancel beside it. The page owns the open state and the action; see ConfirmAction for a
// button that carries its own modal and fetcher.
import { BlockStack, Box } from "@shopify/polaris";
import { Modal, TitleBar } from "@shopify/app-bridge-react";
import type { ReactNode } from "react";
import { useT } from "../i18n/react";

export function ConfirmModal(props: {
  id: string;
  open: boolean;
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  destructive?: boolean;
  busy?: boolean;
  /** Disables the confirm button, e.g. until a required field in the body is filled. */
  disabled?: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <Modal id={props.id} open={props.open} onHide={props.onClose}>
      <Box padding="400">
        <BlockStack gap="300">{props.children}</BlockStack>
      </Box>
      <TitleBar title={props.title}>
        <button
          variant="primary"
          tone={props.destructive ? "critical" : undefined}
          onClick={props.onConfirm}
          disabled={props.busy || props.disabled}
          loading={props.busy ? "" : undefined}
        >
          {props.confirmLabel}
        </button>
        <button onClick={props.onClose}>{t("desk.common.cancel")}</button>
      </TitleBar>
    </Modal>
  );
}
