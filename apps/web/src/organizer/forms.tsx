/** Form pieces the console shares: kk/ru/en text inputs, a zone picker, API errors by field. */
import { ApiError } from '../api/http';
import type { Language, LocalizedText, Region, SessionFormat, SpeakerConflict } from '../api/types';
import { LANGUAGES } from '../api/types';
import { Field, NumberField } from '../components/ui';
import { fieldMessage } from '../i18n/errors';
import { useI18n } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';
import { ZoneOptions } from '../components/zone-options';
import type { WallTimeCheck } from '../lib/time';
import { WallTimeInput } from '../components/wall-time-input';

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
  return (
    <select
      id={id}
      name={name}
      value={value}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value)}
    >
      <ZoneOptions value={value} kzLabel={t('zone.kazakhstan')} otherLabel={t('zone.other')} />
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

/**
 * A failed save of a session (scheduling or editing): a 409 speaker_conflict lists the clashes
 * (the form offers to book anyway); anything else splits into field errors and the rest.
 */
export function sessionSaveFailure(
  e: unknown,
  fields: readonly string[],
):
  | { conflicts: SpeakerConflict[] }
  | { conflicts?: undefined; byField: Record<string, string[]>; rest: unknown } {
  if (e instanceof ApiError && e.code === 'speaker_conflict')
    return { conflicts: (e.details?.conflicts as SpeakerConflict[] | undefined) ?? [] };
  return splitApiError(e, fields);
}

const FORMAT_KEY: Record<SessionFormat, StringKey> = {
  online: 'format.online',
  offline: 'format.offline',
  hybrid: 'format.hybrid',
};

const WALL_REASON: Record<string, StringKey> = {
  invalid: 'schedule.startInvalid',
  nonexistent: 'schedule.startNonexistent',
  ambiguous: 'schedule.startAmbiguous',
  zone: 'schedule.zoneInvalid',
};

/**
 * The regions a session is meant for (scheduling and editing it). A retired region is offered only
 * while it is already chosen, so it can be taken off but not newly added.
 */
export function RegionTargets({
  regions,
  targets,
  onChange,
  error,
}: {
  regions: Region[];
  targets: number[];
  onChange(targets: number[]): void;
  error?: string[];
}) {
  const { t, pick, lang } = useI18n();
  const toggle = (id: number) =>
    onChange(targets.includes(id) ? targets.filter((x) => x !== id) : [...targets, id]);
  return (
    <fieldset className="regions">
      <legend>{t('schedule.regions')}</legend>
      <p className="hint">{t('schedule.regionsHint')}</p>
      <div className="checks">
        {regions
          .filter((r) => !r.retiredAt || targets.includes(r.id))
          .sort((a, b) => pick(a.names).localeCompare(pick(b.names), lang))
          .map((r) => (
            <label key={r.id} className="check">
              <input
                type="checkbox"
                name="targetRegionIds"
                value={r.id}
                checked={targets.includes(r.id)}
                onChange={() => toggle(r.id)}
              />
              {pick(r.names)}
            </label>
          ))}
      </div>
      {error && <p className="error">{error.join(' ')}</p>}
    </fieldset>
  );
}

export interface SessionPlace {
  format: SessionFormat;
  capacity: string;
  joinUrl: string;
  venue: string;
}

/**
 * Where and for how many a session happens (scheduling and editing it): the link only when it is
 * (also) online, the venue only when it is (also) in a room.
 */
export function SessionPlaceFields({
  value,
  onChange,
  errors,
}: {
  value: SessionPlace;
  onChange(change: Partial<SessionPlace>): void;
  errors: Partial<Record<keyof SessionPlace, string[]>>;
}) {
  const { t } = useI18n();
  const { format, capacity, joinUrl, venue } = value;
  return (
    <>
      <div className="row">
        <Field label={t('schedule.format')} error={errors.format}>
          {({ id, describedBy }) => (
            <select
              id={id}
              name="format"
              value={format}
              aria-describedby={describedBy}
              onChange={(e) => onChange({ format: e.target.value as SessionFormat })}
            >
              {(['online', 'hybrid', 'offline'] as const).map((f) => (
                <option key={f} value={f}>
                  {t(FORMAT_KEY[f])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <NumberField
          label={t('schedule.capacity')}
          hint={t('schedule.capacityHint')}
          error={errors.capacity}
          name="capacity"
          min={1}
          value={capacity}
          onChange={(v) => onChange({ capacity: v })}
        />
      </div>
      {format !== 'offline' && (
        <Field label={t('schedule.joinUrl')} hint={t('schedule.joinUrlHint')} error={errors.joinUrl}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="joinUrl"
              type="url"
              inputMode="url"
              placeholder="https://"
              value={joinUrl}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => onChange({ joinUrl: e.target.value })}
            />
          )}
        </Field>
      )}
      {format !== 'online' && (
        <Field label={t('schedule.venue')} error={errors.venue}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="venue"
              value={venue}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => onChange({ venue: e.target.value })}
            />
          )}
        </Field>
      )}
    </>
  );
}

export interface SessionWhen {
  start: string;
  zone: string;
  duration: string;
}

/**
 * When a session starts and for how long (scheduling and editing it): a wall time in a chosen zone,
 * and why that wall time does not exist there when it does not.
 */
export function SessionWhenFields({
  value,
  onChange,
  wall,
  errors,
}: {
  value: SessionWhen;
  onChange(change: Partial<SessionWhen>): void;
  wall: WallTimeCheck | null;
  errors: { start?: string[]; timeZone?: string[]; durationMinutes?: string[] };
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="row">
        <Field label={t('schedule.start')} hint={t('schedule.startHint')} error={errors.start}>
          {({ id, describedBy, invalid }) => (
            <WallTimeInput
              id={id}
              name="start"
              value={value.start}
              describedBy={describedBy}
              invalid={invalid}
              onChange={(start) => onChange({ start })}
            />
          )}
        </Field>
        <Field label={t('schedule.zone')} error={errors.timeZone}>
          {({ id, describedBy }) => (
            <ZoneSelect
              id={id}
              value={value.zone}
              onChange={(zone) => onChange({ zone })}
              describedBy={describedBy}
            />
          )}
        </Field>
        <NumberField
          label={t('schedule.duration')}
          error={errors.durationMinutes}
          name="durationMinutes"
          min={1}
          max={20160}
          value={value.duration}
          onChange={(duration) => onChange({ duration })}
        />
      </div>
      {wall && !wall.ok && !errors.start && (
        <p className="error" role="alert">
          {t(WALL_REASON[wall.reason])}
        </p>
      )}
    </>
  );
}

export type SessionFormErrors = Partial<
  Record<'title' | 'start' | 'durationMinutes' | 'joinUrl' | 'venue' | 'capacity', string[]>
>;

/** What the browser can tell about a session form before sending it (scheduling and editing). */
export function checkSessionForm(
  t: (key: StringKey) => string,
  f: SessionPlace & { title: LocalizedText; start: string; wall: WallTimeCheck | null; duration: string },
): SessionFormErrors {
  const e: SessionFormErrors = {};
  if (!hasText(f.title)) e.title = [t('form.titleNeeded')];
  if (!f.start) e.start = [t('form.required')];
  else if (f.wall && !f.wall.ok) e.start = [t(WALL_REASON[f.wall.reason])];
  const d = Number(f.duration);
  if (!Number.isInteger(d) || d < 1 || d > 20160) e.durationMinutes = [t('schedule.durationInvalid')];
  if (f.format !== 'offline') {
    if (!f.joinUrl.trim()) e.joinUrl = [t('schedule.joinUrlNeeded')];
    else if (!/^https?:\/\/\S+$/i.test(f.joinUrl.trim())) e.joinUrl = [t('schedule.joinUrlInvalid')];
  }
  if (f.format !== 'online' && !f.venue.trim()) e.venue = [t('schedule.venueNeeded')];
  if (f.capacity && (!/^\d+$/.test(f.capacity) || Number(f.capacity) < 1))
    e.capacity = [t('schedule.capacityInvalid')];
  return e;
}
