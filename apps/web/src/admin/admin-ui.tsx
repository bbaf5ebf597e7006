/** Pieces the admin screens share: their words, their error note and the confirmation dialog. */
import { useCallback } from 'react';
import { apiErrorKey, ErrorMessage } from '../components/error-message';
import { ConfirmDialog as SharedConfirmDialog, type ConfirmDialogProps } from '../components/confirm-dialog';
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
    (error: unknown): string => at(apiErrorKey(error, adminErrorKey, BY_STATUS, 'error.status.other')),
    [at],
  );
}

export function AdminError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { at } = useAdminText();
  const text = useErrorText();
  if (!error) return null;
  return <ErrorMessage message={text(error)} retryLabel={at('action.retry')} onRetry={onRetry} />;
}

/** The shared confirmation dialog, its safe choice in the admin screens' words. */
export function ConfirmDialog(props: Omit<ConfirmDialogProps, 'cancelLabel'>) {
  const { at } = useAdminText();
  return <SharedConfirmDialog {...props} cancelLabel={at('confirm.cancel')} />;
}
