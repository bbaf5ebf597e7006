/**
 * Pieces the console's editing screens share: their words, a confirmation dialog for every step
 * that cannot be undone, the draft warning, and API errors by their stable code.
 */
import { ReactNode, useCallback, useState } from 'react';
import { ApiError } from '../api/http';
import { ConfirmDialog as SharedConfirmDialog } from '../components/confirm-dialog';
import { ErrorNote } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { Link } from '../lib/router';
import './organizer.css';
import { organizerError, organizerText, type OrganizerTranslate } from './organizer-strings';

/** The console's own words in the reader's language. */
export function useOrgText(): OrganizerTranslate {
  const { lang } = useI18n();
  return useCallback((key, vars) => organizerText(lang, key, vars), [lang]);
}

export interface ConfirmRequest {
  title: string;
  body: string;
  /** The button that does it: names the action, never "OK". */
  action: string;
}

/** The shared confirmation dialog for one request at a time (none: closed). */
export function ConfirmDialog({
  request,
  onAnswer,
}: {
  request: ConfirmRequest | null;
  onAnswer(yes: boolean): void;
}) {
  const ot = useOrgText();
  return (
    <SharedConfirmDialog
      open={!!request}
      question={request?.title ?? ''}
      effect={request?.body ?? ''}
      confirmLabel={request?.action ?? ''}
      cancelLabel={ot('confirm.keep')}
      onConfirm={() => onAnswer(true)}
      onCancel={() => onAnswer(false)}
    />
  );
}

/** `const [dialog, confirm] = useConfirm()`: render `dialog`, `await confirm({...})` before acting. */
export function useConfirm(): [ReactNode, (r: ConfirmRequest) => Promise<boolean>] {
  const [pending, setPending] = useState<{ request: ConfirmRequest; resolve(yes: boolean): void } | null>(
    null,
  );
  const ask = useCallback(
    (request: ConfirmRequest) => new Promise<boolean>((resolve) => setPending({ request, resolve })),
    [],
  );
  const dialog = (
    <ConfirmDialog
      request={pending?.request ?? null}
      onAnswer={(yes) => {
        pending?.resolve(yes);
        setPending(null);
      }}
    />
  );
  return [dialog, ask];
}

/** An API failure: the console's translation of its code when it has one, else the shared note. */
export function OrgError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { lang } = useI18n();
  const known = error instanceof ApiError ? organizerError(lang, error.code) : undefined;
  if (!known) return <ErrorNote error={error} onRetry={onRetry} />;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{known}</strong>
      </p>
    </div>
  );
}

/** Drafts are invisible to attendees: said wherever an organizer might forget it. */
export function DraftWarning({ program }: { program: { id: string; title: string; status: string } }) {
  const ot = useOrgText();
  if (program.status !== 'draft') return null;
  return (
    <div className="notice notice-warn draft-warning" role="note">
      <p>{ot('draft.session', { program: program.title })}</p>
      <p>
        <Link to={`/organizer/programs/${program.id}`}>{ot('draft.openProgram')}</Link>
      </p>
    </div>
  );
}

/**
 * Runs one change to an ordered list (move, delete) at a time: `busy` while it runs, `failure` if it
 * failed, and `onDone` (reload) when it succeeded.
 */
export function useListAction(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const act = async (fn: () => Promise<unknown>) => {
    setFailure(undefined);
    setBusy(true);
    try {
      await fn();
      onDone();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, act };
}

/**
 * Up, down, edit and delete for one item of an ordered list (a program's modules, a session's
 * sections). Each button's accessible name says which item it acts on.
 */
export function OrderActions({
  kind,
  title,
  first,
  last,
  busy,
  onMove,
  onEdit,
  onDelete,
}: {
  kind: 'module' | 'sections';
  title: string;
  first: boolean;
  last: boolean;
  busy: boolean;
  /** -1 up, +1 down. */
  onMove(step: -1 | 1): void;
  onEdit(): void;
  onDelete(): void;
}) {
  const ot = useOrgText();
  return (
    <div className="order-actions">
      <button
        type="button"
        className="secondary"
        disabled={busy || first}
        aria-label={ot(`${kind}.moveUp`, { title })}
        onClick={() => onMove(-1)}
      >
        {ot('action.up')}
      </button>
      <button
        type="button"
        className="secondary"
        disabled={busy || last}
        aria-label={ot(`${kind}.moveDown`, { title })}
        onClick={() => onMove(1)}
      >
        {ot('action.down')}
      </button>
      <button type="button" className="secondary" aria-label={ot(`${kind}.edit`, { title })} onClick={onEdit}>
        {ot('action.edit')}
      </button>
      <button
        type="button"
        className="danger"
        disabled={busy}
        aria-label={ot(`${kind}.delete`, { title })}
        onClick={onDelete}
      >
        {ot('action.delete')}
      </button>
    </div>
  );
}
