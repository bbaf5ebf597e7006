/**
 * Failures for screens with their own words for errors (admin, people): the key for a failure and
 * the note that shows it. Its own module, so pages with the shared ErrorNote only do not carry it.
 */
import { ApiError } from '../api/http';

/** The words for a failure: by the API's stable code, else by its status, else the catch-all. */
export function apiErrorKey<K>(
  error: unknown,
  byCode: (code: string) => K | undefined,
  byStatus: Partial<Record<number, K>>,
  other: K,
): K {
  if (!(error instanceof ApiError)) return other;
  return byCode(error.code) ?? byStatus[error.status] ?? other;
}

/** A failure already in the reader's words, with a retry when there is one. */
export function ErrorMessage({
  message,
  retryLabel,
  onRetry,
}: {
  message: string;
  retryLabel: string;
  onRetry?: () => void;
}) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="secondary" onClick={onRetry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}
