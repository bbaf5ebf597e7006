/**
 * The one confirmation dialog of the console, admin and people screens. It lives in its own module
 * (with its own styles) so that pages which never ask — the attendee's live page above all — do not
 * carry it in their bundle.
 */
import { ReactNode, useEffect, useId, useRef } from 'react';
import './confirm-dialog.css';

export interface ConfirmDialogProps {
  open: boolean;
  /** The question, also the dialog's accessible name. */
  question: string;
  /** What will happen, also its accessible description (when the question alone does not say). */
  effect?: string;
  /** The button that does it: names the action, never "OK". */
  confirmLabel: string;
  /** The safe choice, in the caller's words. */
  cancelLabel: string;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
  children?: ReactNode;
}

const CONTROLS = 'button:not([disabled]), input:not([disabled]), textarea, select, a[href]';

/**
 * Asks before a step that cannot be taken back. A native modal <dialog>: the page behind is inert
 * and Escape becomes "cancel"; Tab goes round the dialog's own controls (it could otherwise leave
 * for the browser's); the safe choice has the focus first so Enter never confirms by accident; and
 * on closing, the focus returns to where it was.
 */
export function ConfirmDialog({
  open,
  question,
  effect,
  confirmLabel,
  cancelLabel,
  busy,
  onConfirm,
  onCancel,
  children,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const before = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const effectId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      before.current = document.activeElement as HTMLElement | null;
      d.showModal();
      cancelRef.current?.focus();
    } else if (!open && d.open) {
      d.close();
      if (before.current?.isConnected) before.current.focus();
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={effect ? effectId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Tab' || !ref.current) return;
        const controls = Array.from(ref.current.querySelectorAll<HTMLElement>(CONTROLS));
        if (!controls.length) return;
        const first = controls[0];
        const last = controls[controls.length - 1];
        const active = document.activeElement;
        if (e.shiftKey && (active === first || !ref.current.contains(active))) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && (active === last || !ref.current.contains(active))) {
          e.preventDefault();
          first.focus();
        }
      }}
    >
      <h2 id={titleId}>{question}</h2>
      {effect && <p id={effectId}>{effect}</p>}
      {children}
      <div className="actions">
        <button ref={cancelRef} type="button" className="secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
