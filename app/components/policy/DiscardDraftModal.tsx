// Discarding the draft returns the editor to the published version (or the seed, before the first).
import { Text } from "@shopify/polaris";
import { useT } from "../../i18n/react";
import { ConfirmModal } from "../ConfirmModal";

export function DiscardDraftModal(props: { open: boolean; busy: boolean; publishedVersion: number | null; onConfirm: () => void; onClose: () => void }) {
  const t = useT();
  return (
    <ConfirmModal
      id="policy-discard-modal"
      open={props.open}
      title={t("policy.editor.discardTitle")}
      confirmLabel={t("policy.editor.discard")}
      destructive
      busy={props.busy}
      onConfirm={props.onConfirm}
      onClose={props.onClose}
    >
      <Text as="p">{props.publishedVersion !== null ? t("policy.editor.discardBody", { version: props.publishedVersion }) : t("policy.editor.discardBodyFirst")}</Text>
    </ConfirmModal>
  );
}
