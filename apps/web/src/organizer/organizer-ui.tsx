/**
 * Pieces the console's editing screens share: their words, a confirmation dialog for every step
 * that cannot be undone, the draft warning, and API errors by their stable code.
 */
import { KeyboardEvent, ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../api/http';
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

/**
 * A modal confirmation. The native <dialog> makes the rest of the page inert and turns Escape
 * into "cancel"; Tab is kept cycling inside it; focus starts on the safe choice and returns to
 * where it was.
 */
export function ConfirmDialog({
  request,
  onAnswer,
}: {
  request: ConfirmRequest | null;
  onAnswer(yes: boolean): void;
}) {
  const ot = useOrgText();
  const ref = useRef<HTMLDialogElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const before = useRef<HTMLElement | null>(null);
  const id = useId();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (request && !d.open) {
      before.current = document.activeElement as HTMLElement | null;
      d.showModal();
      keepRef.current?.focus();
    } else if (!request && d.open) {
      d.close();
      before.current?.focus();
    }
  }, [request]);

  const trapTab = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab') return;
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>('button:not([disabled])')];
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        e.preventDefault();
        onAnswer(false);
      }}
      onKeyDown={trapTab}
    >
      {request && (
        <>
          <h2 id={`${id}-title`}>{request.title}</h2>
          <p id={`${id}-body`}>{request.body}</p>
          <div className="actions">
            <button ref={keepRef} type="button" className="secondary" onClick={() => onAnswer(false)}>
              {ot('confirm.keep')}
            </button>
            <button type="button" className="danger" onClick={() => onAnswer(true)}>
              {request.action}
            </button>
          </div>
        </>
      )}
    </dialog>
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
 * A wide table on a narrow phone scrolls sideways inside this box; while it does, the box is a
 * labelled tab stop so keyboard users can scroll it too (axe: scrollable-region-focusable), and
 * no tab stop when everything fits. (The shared TableWrap of the defects branch does the same.)
 */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(check);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    return () => ro.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className="table-wrap"
      {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': label } : {})}
    >
      {children}
    </div>
  );
}
