/** Form pieces the console shares: kk/ru/en text inputs, a zone picker, API errors by field. */
import { useMemo } from 'react';
import { ApiError } from '../api/http';
import type { Language, LocalizedText } from '../api/types';
import { LANGUAGES } from '../api/types';
import { Field } from '../components/ui';
import { fieldMessage } from '../i18n/errors';
import { useI18n } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';
import { allZones, KZ_ZONES } from '../lib/time';

const LANG_KEY: Record<Language, StringKey> = { kk: 'lang.inKk', ru: 'lang.inRu', en: 'lang.inEn' };

/** A title (or description) in up to three languages; the error belongs to the group. */
export function LocalizedInputs({
  label,
  value,
  onChange,
  error,
  name,
  multiline,
}: {
  label: string;
  value: LocalizedText;
  onChange(v: LocalizedText): void;
  error?: string | string[];
  name: string;
  multiline?: boolean;
}) {
  const { t, lang } = useI18n();
  return (
    <fieldset className={`localized${error ? ' has-error' : ''}`}>
      <legend>{label}</legend>
      {LANGUAGES.map((l) => (
        <Field key={l} label={t(LANG_KEY[l])}>
          {({ id, describedBy }) =>
            multiline ? (
              <textarea
                id={id}
                name={`${name}.${l}`}
                lang={l}
                rows={3}
                value={value[l] ?? ''}
                aria-describedby={describedBy}
                onChange={(e) => onChange({ ...value, [l]: e.target.value })}
              />
            ) : (
              <input
                id={id}
                name={`${name}.${l}`}
                lang={l}
                value={value[l] ?? ''}
                aria-describedby={describedBy}
                onChange={(e) => onChange({ ...value, [l]: e.target.value })}
              />
            )
          }
        </Field>
      ))}
      {error && (
        <p className="error" role="alert">
          {(Array.isArray(error) ? error : [error]).map((e) => fieldMessage(lang, e)).join(' ')}
        </p>
      )}
    </fieldset>
  );
}

export const hasText = (v: LocalizedText): boolean => LANGUAGES.some((l) => (v[l] ?? '').trim().length > 0);

/** Only the languages that have text, trimmed (the API refuses blank strings). */
export function cleanText(v: LocalizedText): LocalizedText {
  const out: LocalizedText = {};
  for (const l of LANGUAGES) if ((v[l] ?? '').trim()) out[l] = v[l]!.trim();
  return out;
}

export function ZoneSelect({
  id,
  value,
  onChange,
  describedBy,
  name = 'timeZone',
}: {
  id: string;
  value: string;
  onChange(z: string): void;
  describedBy?: string;
  name?: string;
}) {
  const { t } = useI18n();
  const others = useMemo(allZones, []);
  return (
    <select
      id={id}
      name={name}
      value={value}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value)}
    >
      <optgroup label={t('zone.kazakhstan')}>
        {KZ_ZONES.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </optgroup>
      <optgroup label={t('zone.other')}>
        {others.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </optgroup>
    </select>
  );
}

/**
 * Splits an API error into messages next to fields and the rest for the form's own note.
 * A 400 naming fields goes next to them; anything else is shown once for the whole form.
 */
export function splitApiError(
  e: unknown,
  fields: readonly string[],
): { byField: Record<string, string[]>; rest: unknown } {
  if (!(e instanceof ApiError) || e.status !== 400) return { byField: {}, rest: e };
  const all = e.fieldErrors();
  const byField: Record<string, string[]> = {};
  let unplaced = Object.keys(all).length === 0;
  for (const [k, v] of Object.entries(all)) {
    if (fields.includes(k)) byField[k] = v;
    else unplaced = true;
  }
  return { byField, rest: unplaced ? e : undefined };
}
