// Publishing asks for the change note the version history keeps and says what follows (purposes
// changed: shoppers must be told); its button names the version it publishes.
import { Banner, Text, TextField } from "@shopify/polaris";
import { useT } from "../../i18n/react";
import { ConfirmModal } from "../ConfirmModal";

export function PublishModal(props: {
  open: boolean;
  onClose: () => void;
  onPublish: () => void;
  busy: boolean;
  version: number;
  changeNote: string;
  onChangeNote: (value: string) => void;
  purposesDiffer: boolean;
  unsaved: boolean;
  error: string | null;
}) {
  const t = useT();
  return (
    <ConfirmModal
      id="policy-publish-modal"
      open={props.open}
      title={t("policy.editor.publishTitle")}
      confirmLabel={t("policy.editor.publishVersion", { version: props.version })}
      busy={props.busy}
      disabled={!props.changeNote.trim()}
      onConfirm={props.onPublish}
      onClose={props.onClose}
    >
      {props.error ? (
        <Banner tone="critical">
          <p>{props.error}</p>
        </Banner>
      ) : null}
      <Text as="p">{t(props.unsaved ? "policy.editor.publishBodyUnsaved" : "policy.editor.publishBody", { version: props.version })}</Text>
      {props.purposesDiffer ? (
        <Banner tone="warning">
          <p>{t("policy.editor.purposesWarning")}</p>
        </Banner>
      ) : null}
      <TextField
        label={t("policy.editor.changeNote")}
        helpText={t("policy.editor.changeNoteHelp")}
        autoComplete="off"
        multiline={2}
        maxLength={1000}
        value={props.changeNote}
        onChange={props.onChangeNote}
      />
    </ConfirmModal>
  );
}
