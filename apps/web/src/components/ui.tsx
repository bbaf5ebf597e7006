/** Small building blocks every page uses: labelled fields, errors, times, the language switch. */
import { ReactNode, useId } from 'react';
import { useAuth } from '../api/auth-store';
import { ApiError } from '../api/http';
import { LANGUAGES } from '../api/types';
import { errorText } from '../i18n/error-text';
import { codeText, errorStringsReady, fieldMessage, validationLines } from '../i18n/errors';
import { useI18n } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';
import { browserZone, dateTimeText, offsetLabel, timeText } from '../lib/clock';

export function useViewerZone(): string {
  const { auth } = useAuth();
  return auth?.user.timeZone ?? browserZone();
}

/**
 * An instant in the viewer's zone, named (an offset alone does not say whose clock it is); the
 * session's own zone beside it when it is another zone (an attendee in Kostanay sees 11:00 and
 * "12:00 Asia/Almaty").
 */
export function When({ utc, zone, short }: { utc: string; zone: string; short?: boolean }) {
  const { lang, t } = useI18n();
  const viewer = useViewerZone();
  const main = short ? timeText(utc, viewer) : dateTimeText(utc, viewer, lang);
  return (
    <span className="when">
      <time dateTime={utc}>{main}</time>{' '}
      <span className="zone">
        ({viewer}, {offsetLabel(utc, viewer)})
      </span>
      {zone !== viewer && (
        <span className="record-zone">
          {' · '}
          {t('time.ofRecord', { time: timeText(utc, zone), zone })}
        </span>
      )}
    </span>
  );
}

export interface FieldProps {
  label: string;
  error?: string | string[];
  hint?: string;
  /** Renders the control with the ids it needs for its label and messages. */
  children: (ids: { id: string; describedBy?: string; invalid: boolean }) => ReactNode;
  className?: string;
}

/** A labelled form control with its hint and its error (the API's message, next to the field). */
export function Field({ label, error, hint, children, className }: FieldProps) {
  const id = useId();
  const { lang } = useI18n();
  // The API's validation messages are English: each is put in the reader's language here.
  const errors = (Array.isArray(error) ? error : error ? [error] : [])
    .filter(Boolean)
    .map((e) => fieldMessage(lang, e));
  const describedBy =
    [hint ? `${id}-hint` : '', errors.length ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errors.length ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: errors.length > 0 })}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {errors.length > 0 && (
        <p className="error" id={`${id}-err`} role="alert">
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}

/** A whole-number field: labelled, described, with the phone's number pad. */
export function NumberField({
  label,
  name,
  value,
  onChange,
  error,
  hint,
  min,
  max,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: FieldProps['error'];
  hint?: string;
  min?: number;
  max?: number;
}) {
  return (
    <Field label={label} error={error} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={name}
          type="number"
          min={min}
          max={max}
          inputMode="numeric"
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

const BY_STATUS: Record<number, StringKey> = {
  0: 'error.network',
  400: 'error.invalid',
  401: 'error.unauthorized',
  403: 'error.forbidden',
  404: 'error.notFound',
  409: 'error.conflict',
  413: 'error.tooLarge',
  429: 'error.rateLimited',
};

/**
 * What went wrong, in the reader's language: the API's stable code translated (else what its
 * status means), its validation messages translated one by one. An English message this client
 * has no words for stays folded away under "technical details", for whoever reports the problem.
 */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  const api = error instanceof ApiError ? error : undefined;
  const key: StringKey = api ? (BY_STATUS[api.status] ?? 'error.server') : 'error.unexpected';
  const title = (api && !api.isNetwork && codeText(lang, api.code)) || t(key);
  const lines = api ? validationLines(lang, api.details) : [];
  const untranslated =
    // (only once the words are here: until then a code with words would pass for one without)
    api &&
    !api.isNetwork &&
    errorStringsReady(lang) &&
    lines.length === 0 &&
    !codeText(lang, api.code) &&
    api.message
      ? api.message
      : '';
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{title}</strong>
      </p>
      {lines.length > 0 && (
        <ul className="api-message">
          {lines.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      )}
      {untranslated && (
        <details className="api-message">
          <summary>{errorText(lang, 'error.details')}</summary>
          <p lang="en">{untranslated}</p>
        </details>
      )}
      {onRetry && (
        <button type="button" className="secondary" onClick={onRetry}>
          {t('action.retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" aria-live="polite">
      {t('state.loading')}
    </p>
  );
}

export const LANGUAGE_NAMES = { kk: 'Қазақша', ru: 'Русский', en: 'English' } as const;

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === lang}
          className={l === lang ? 'active' : ''}
          onClick={() => void setLang(l)}
        >
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}

/** A horizontal bar with its value as text too (screen readers and narrow phones). */
export function Bar({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div className="bar" role="img" aria-label={label}>
      <div className="bar-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}
