/** Pieces the people screens share: their words, error notes with row problems, the confirmation dialog. */
import { ReactNode, useCallback, useEffect, useId, useRef } from 'react';
import { ApiError } from '../api/http';
import { useI18n } from '../i18n/i18n';
import type { ImportRowError } from './lists.api';
import {
  CountNoun,
  listsCount,
  listsErrorKey,
  ListsKey,
  listsNumber,
  listsText,
  ListsVars,
  rowProblemText,
} from './lists-strings';

export function useListsText() {
  const { lang } = useI18n();
  const lt = useCallback((key: ListsKey, vars?: ListsVars) => listsText(lang, key, vars), [lang]);
  const count = useCallback((noun: CountNoun, n: number) => listsCount(lang, noun, n), [lang]);
  const num = useCallback((n: number) => listsNumber(lang, n), [lang]);
  return { lt, count, num, lang };
}

const BY_STATUS: Record<number, ListsKey> = {
  0: 'error.status.0',
  400: 'error.status.400',
  401: 'error.status.401',
  403: 'error.status.403',
  404: 'error.status.404',
  409: 'error.status.409',
  413: 'error.status.413',
  429: 'error.status.429',
};

/** A failure in the reader's language: by the API's stable code, else by its status. */
export function useErrorText() {
  const { lt } = useListsText();
  return useCallback(
    (error: unknown): string => {
      if (!(error instanceof ApiError)) return lt('error.status.other');
      return lt(listsErrorKey(error.code) ?? BY_STATUS[error.status] ?? 'error.status.other');
    },
    [lt],
  );
}

export function ListsError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { lt } = useListsText();
  const text = useErrorText();
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>{text(error)}</p>
      {onRetry && (
        <button type="button" className="secondary" onClick={onRetry}>
          {lt('action.retry')}
        </button>
      )}
    </div>
  );
}

/** The refused lines of an import, each reason worded from its code. */
export function RowErrors({ errors, total }: { errors: ImportRowError[]; total: number }) {
  const { lt, lang, count, num } = useListsText();
  const lines = new Set(errors.map((e) => e.line)).size;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{lt('import.rejected', { rows: count('rows', Math.max(lines, total)) })}</strong>
      </p>
      <ul className="row-errors">
        {errors.map((e, i) => (
          <li key={`${e.line}-${i}`}>
            <strong>{lt('import.line', { line: num(e.line) })}:</strong>{' '}
            {(e.problems?.length ? e.problems : [{ code: 'unknown' }])
              .map((p) => rowProblemText(lang, p))
              .join(' ')}
          </li>
        ))}
      </ul>
      {total > errors.length && <p>{lt('import.more', { count: num(total - errors.length) })}</p>}
    </div>
  );
}

/**
 * Asks before a step that cannot be taken back. A modal <dialog>: the page behind is inert, Tab
 * goes round the dialog's own controls, Escape cancels, and Cancel has the focus first so Enter
 * never confirms by accident.
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
  const { lt } = useListsText();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const effectId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      cancelRef.current?.focus();
    }
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
      onKeyDown={(e) => {
        // A modal dialog makes the page inert, but Tab can still leave for the browser's own
        // controls: keep it going round the dialog's controls instead.
        if (e.key !== 'Tab' || !ref.current) return;
        const controls = Array.from(
          ref.current.querySelectorAll<HTMLElement>(
            'button:not([disabled]), input, textarea, select, a[href]',
          ),
        );
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
      <p id={effectId}>{effect}</p>
      {children}
      <div className="actions">
        <button ref={cancelRef} type="button" className="secondary" onClick={onCancel}>
          {lt('confirm.cancel')}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
