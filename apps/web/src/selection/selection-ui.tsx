/** What every selection screen shares: its words, translated API errors, times with their zone, status chips. */
import { useMemo } from 'react';
import { ApiError } from '../api/http';
import type { Language, LocalizedText } from '../api/types';
import { useViewerZone } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { useRegions } from '../lib/regions';
import { dateTimeText, offsetLabel, timeText } from '../lib/time';
import {
  PluralBase,
  SELECTION_STRINGS,
  SelectionKey,
  selectionPlural,
  selectionText,
} from './selection-strings';
import type { ApplicationStatus, TimeView } from './selection-types';

export interface Sel {
  lang: Language;
  s(key: SelectionKey, vars?: Record<string, string | number>): string;
  plural(base: PluralBase, n: number): string;
  pick(text: LocalizedText | null | undefined): string;
  /** A number for people: at most two decimals, in the language's digits and separators. */
  num(n: number | null | undefined): string;
}

export function useSel(): Sel {
  const { lang, pick } = useI18n();
  return useMemo(() => {
    const fmt = new Intl.NumberFormat(lang === 'kk' ? 'ru' : lang, { maximumFractionDigits: 2 });
    return {
      lang,
      s: (key, vars) => selectionText(lang, key, vars),
      plural: (base, n) => selectionPlural(lang, base, n),
      pick,
      num: (n) => (n === null || n === undefined ? '—' : fmt.format(n)),
    };
  }, [lang, pick]);
}

/** The API's stable error code in the reader's language; the status decides when the code is unknown. */
export function errorText(sel: Sel, e: unknown): string {
  if (!(e instanceof ApiError)) return sel.s('err.other');
  if (e.isNetwork) return sel.s('err.network');
  const key = `err.${e.code}` as SelectionKey;
  if (key in SELECTION_STRINGS.en) return sel.s(key);
  if (e.status === 403) return sel.s('err.forbidden');
  if (e.status === 404) return sel.s('err.not_found');
  if (e.status === 400) return sel.s('err.validation_failed');
  return sel.s('err.other');
}

export function SelError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const sel = useSel();
  const { t } = useI18n();
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{errorText(sel, error)}</strong>
      </p>
      {onRetry && (
        <button type="button" className="secondary" onClick={onRetry}>
          {t('action.retry')}
        </button>
      )}
    </div>
  );
}

/** An instant in the viewer's zone with its offset, and the call's own zone beside it when that differs. */
export function At({ time, zone }: { time: TimeView | string; zone: string }) {
  const { lang } = useSel();
  const viewer = useViewerZone();
  const utc = typeof time === 'string' ? time : time.utc;
  return (
    <span className="when">
      <time dateTime={utc}>{dateTimeText(utc, viewer, lang)}</time>{' '}
      <span className="zone">
        ({offsetLabel(utc, viewer)}
        {zone !== viewer ? ` · ${timeText(utc, zone)} ${zone}` : ''})
      </span>
    </span>
  );
}

/** The same as text (inside sentences and accessible names). */
export function atText(utc: string, viewer: string, lang: Language): string {
  return `${dateTimeText(utc, viewer, lang)} (${offsetLabel(utc, viewer)})`;
}

export function StatusChip({ status }: { status: ApplicationStatus }) {
  const sel = useSel();
  return <span className={`chip chip-app-${status}`}>{sel.s(`status.${status}`)}</span>;
}

/** A region's name in the reader's language (its code until the regions have loaded). */
export function useRegionName(): (id: number, code: string | null) => string {
  const regions = useRegions();
  const { lang } = useI18n();
  return (id, code) => regions.data?.find((r) => r.id === id)?.names[lang] ?? code ?? String(id);
}

/**
 * After a refused submit, the keyboard goes to the first field with a problem (once React has
 * drawn the messages), so nobody has to hunt for it.
 */
export function focusFirstProblem(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    const el = form?.querySelector<HTMLElement>(
      '[aria-invalid="true"], .has-error input, .has-error textarea, .has-error select',
    );
    el?.focus();
  });
}
