/** Pieces the admin screens share: their words, their error note and the confirmation dialog. */
import { ReactNode, useCallback, useEffect, useId, useRef } from 'react';
import { ApiError } from '../api/http';
import { useI18n } from '../i18n/i18n';
import { AdminKey, adminCount, adminErrorKey, adminText, AdminVars } from './admin-strings';

export function useAdminText() {
  const { lang } = useI18n();
  const at = useCallback((key: AdminKey, vars?: AdminVars) => adminText(lang, key, vars), [lang]);
  const count = useCallback((n: number) => adminCount(lang, n), [lang]);
  return { at, count, lang };
}

const BY_STATUS: Record<number, AdminKey> = {
  0: 'error.status.0',
  400: 'error.status.400',
  401: 'error.status.401',
  403: 'error.status.403',
  404: 'error.status.404',
  409: 'error.status.409',
  429: 'error.status.429',
};

/** The message for a failure, in the reader's language: by the API's stable code, else by status. */
export function useErrorText() {
  const { at } = useAdminText();
  return useCallback(
    (error: unknown): string => {
      if (!(error instanceof ApiError)) return at('error.status.other');
      const byCode = adminErrorKey(error.code);
      return at(byCode ?? BY_STATUS[error.status] ?? 'error.status.other');
    },
    [at],
  );
}

export function AdminError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { at } = useAdminText();
  const text = useErrorText();
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>{text(error)}</p>
      {onRetry && (
        <button type="button" className="secondary" onClick={onRetry}>
          {at('action.retry')}
        </button>
      )}
    </div>
  );
}

/**
 * Asks before an irreversible step. A modal <dialog>: focus moves into it, Escape cancels, and
 * the page behind cannot be clicked. Cancel has the focus first, so Enter never confirms by accident.
 */
export function ConfirmDialog({
  open,
  question,
  effect,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
  children,
}: {
  open: boolean;
  question: string;
  effect: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
  children?: ReactNode;
}) {
  const { at } = useAdminText();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const effectId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={effectId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{question}</h2>
      <p id={effectId}>{effect}</p>
      {children}
      <div className="actions">
        <button type="button" className="secondary" autoFocus onClick={onCancel}>
          {at('confirm.cancel')}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
