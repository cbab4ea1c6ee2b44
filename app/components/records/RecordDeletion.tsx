// Deleting one entry of a records page (a processor, a provision record): a critical action in the
// title bar that opens a confirmation; the page says in the modal's body what removing it means.
import { useState, type ReactNode } from "react";
import { ConfirmModal } from "../ConfirmModal";

export interface RecordDeletion {
  /** The title bar's secondary actions: the delete action for a saved entry, none for a new one. */
  secondary: Array<{ label: string; critical: true; onAction: () => void }>;
  open: boolean;
  label: string;
  busy: boolean;
  onDelete: () => void;
  close: () => void;
}

export function useRecordDeletion({ saved, label, busy, onDelete }: { saved: boolean; label: string; busy: boolean; onDelete: () => void }): RecordDeletion {
  const [open, setOpen] = useState(false);
  return {
    secondary: saved ? [{ label, critical: true, onAction: () => setOpen(true) }] : [],
    open,
    label,
    busy,
    onDelete,
    close: () => setOpen(false),
  };
}

export function RecordDeletionModal({ id, title, deletion, children }: { id: string; title: string; deletion: RecordDeletion; children: ReactNode }) {
  return (
    <ConfirmModal
      id={id}
      open={deletion.open}
      title={title}
      confirmLabel={deletion.label}
      destructive
      busy={deletion.busy}
      onConfirm={deletion.onDelete}
      onClose={deletion.close}
    >
      {children}
    </ConfirmModal>
  );
}
