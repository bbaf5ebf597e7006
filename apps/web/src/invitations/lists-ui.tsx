/** Pieces the people screens share: their words, error notes with row problems, the confirmation dialog. */
import { useCallback } from 'react';
import { apiErrorKey, ErrorMessage } from '../components/error-message';
import { ConfirmDialog as SharedConfirmDialog, type ConfirmDialogProps } from '../components/confirm-dialog';
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
    (error: unknown): string => lt(apiErrorKey(error, listsErrorKey, BY_STATUS, 'error.status.other')),
    [lt],
  );
}

export function ListsError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { lt } = useListsText();
  const text = useErrorText();
  if (!error) return null;
  return <ErrorMessage message={text(error)} retryLabel={lt('action.retry')} onRetry={onRetry} />;
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

/** The shared confirmation dialog, its safe choice in the people screens' words. */
export function ConfirmDialog(props: Omit<ConfirmDialogProps, 'cancelLabel'>) {
  const { lt } = useListsText();
  return <SharedConfirmDialog {...props} cancelLabel={lt('confirm.cancel')} />;
}
