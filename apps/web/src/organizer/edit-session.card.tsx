/**
 * Editing and rescheduling a session (PATCH /sessions/:id): the same wall time + zone as when it
 * was scheduled, only the fields that changed are sent (a new start alone moves the session and
 * keeps its length; the API tells the attendees), and a speaker clash asks before booking.
 */
import { FormEvent, useMemo, useState } from 'react';
import { http } from '../api/http';
import type { LocalizedText, Program, Session, SessionFormat, SpeakerConflict } from '../api/types';
import { Field, useViewerZone } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { useRegions } from '../lib/regions';
import { checkWallTime, dateTimeText, offsetLabel } from '../lib/time';
import { useAsync } from '../lib/use-async';
import {
  checkSessionForm,
  cleanText,
  LocalizedInputs,
  RegionTargets,
  SessionPlaceFields,
  sessionSaveFailure,
  SessionWhenFields,
} from './forms';
import { OrgError, useOrgText } from './organizer-ui';
import { ConflictWarning } from './schedule-session.page';

const FIELDS = [
  'title',
  'description',
  'moduleId',
  'start',
  'durationMinutes',
  'timeZone',
  'format',
  'joinUrl',
  'venue',
  'capacity',
  'targetRegionIds',
] as const;

const minutesBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 60_000);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function EditSessionCard({ session: s, onSaved }: { session: Session; onSaved(s: Session): void }) {
  const { t, pick, lang } = useI18n();
  const ot = useOrgText();
  const viewer = useViewerZone();
  const regions = useRegions();
  const program = useAsync(() => http.get<Program>(`/programs/${s.program.id}`), [s.program.id]);

  const initial = useMemo(
    () => ({
      title: s.title,
      description: s.description ?? {},
      moduleId: s.module?.id ?? '',
      start: s.startAt.ofRecord.local.slice(0, 16),
      duration: String(minutesBetween(s.startAt.utc, s.endAt.utc)),
      zone: s.timeZone,
      format: s.format,
      joinUrl: s.joinUrl ?? '',
      venue: s.venue ?? '',
      capacity: s.capacity === null ? '' : String(s.capacity),
      targets: s.targetRegions.map((r) => r.id).sort((a, b) => a - b),
    }),
    [s],
  );
  const [title, setTitle] = useState<LocalizedText>(initial.title);
  const [description, setDescription] = useState<LocalizedText>(initial.description);
  const [moduleId, setModuleId] = useState(initial.moduleId);
  const [start, setStart] = useState(initial.start);
  const [duration, setDuration] = useState(initial.duration);
  const [zone, setZone] = useState(initial.zone);
  const [format, setFormat] = useState<SessionFormat>(initial.format);
  const [joinUrl, setJoinUrl] = useState(initial.joinUrl);
  const [venue, setVenue] = useState(initial.venue);
  const [capacity, setCapacity] = useState(initial.capacity);
  const [targets, setTargets] = useState<number[]>(initial.targets);
  const [errors, setErrors] = useState<Partial<Record<(typeof FIELDS)[number], string[]>>>({});
  const [failure, setFailure] = useState<unknown>();
  const [conflicts, setConflicts] = useState<SpeakerConflict[] | null>(null);
  const [note, setNote] = useState<string>();
  const [busy, setBusy] = useState(false);

  const wall = start ? checkWallTime(start, zone) : null;

  /** Only what changed: an unchanged time must not look like a reschedule. */
  const changes = (): Record<string, unknown> => {
    const body: Record<string, unknown> = {};
    if (!same(cleanText(title), cleanText(initial.title))) body.title = cleanText(title);
    if (!same(cleanText(description), cleanText(initial.description)))
      body.description = cleanText(description);
    if (moduleId !== initial.moduleId) body.moduleId = moduleId || null;
    if (start !== initial.start || zone !== initial.zone) {
      body.start = start;
      body.timeZone = zone;
    }
    if (duration !== initial.duration || body.start) body.durationMinutes = Number(duration);
    if (format !== initial.format) body.format = format;
    if (joinUrl.trim() !== initial.joinUrl) body.joinUrl = joinUrl.trim() || null;
    if (venue.trim() !== initial.venue) body.venue = venue.trim() || null;
    if (capacity !== initial.capacity) body.capacity = capacity ? Number(capacity) : null;
    const sorted = [...targets].sort((a, b) => a - b);
    if (!same(sorted, initial.targets)) body.targetRegionIds = sorted;
    return body;
  };

  const validate = (): typeof errors =>
    checkSessionForm(t, { title, start, wall, duration, format, joinUrl, venue, capacity });

  const send = async (override: boolean) => {
    const body = changes();
    if (!Object.keys(body).length) {
      setNote(ot('edit.noChange'));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const next = await http.patch<Session>(`/sessions/${s.id}`, {
        ...body,
        ...(override ? { overrideSpeakerConflicts: true } : {}),
      });
      setConflicts(null);
      onSaved(next);
      setNote(
        next.version !== s.version
          ? ot('edit.savedMoved', {
              time: `${dateTimeText(next.startAt.utc, next.timeZone, lang)} (${next.timeZone}, ${offsetLabel(next.startAt.utc, next.timeZone)})`,
            })
          : ot('action.saved'),
      );
    } catch (err) {
      const failed = sessionSaveFailure(err, FIELDS);
      if (failed.conflicts) {
        setConflicts(failed.conflicts);
      } else {
        setErrors(failed.byField);
        setFailure(failed.rest);
      }
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setConflicts(null);
    setNote(undefined);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length) return;
    void send(false);
  };

  const modules = program.data?.modules ?? [];

  return (
    <section className="card">
      <h2>{ot('edit.title')}</h2>
      <p className="meta">
        {ot('edit.startsNow', {
          time: `${dateTimeText(s.startAt.utc, viewer, lang)} (${offsetLabel(s.startAt.utc, viewer)})`,
        })}
      </p>
      <form className="form" onSubmit={submit} noValidate aria-label={ot('edit.title')}>
        <LocalizedInputs
          label={t('form.title')}
          name="editTitle"
          value={title}
          onChange={setTitle}
          error={errors.title}
        />
        <LocalizedInputs
          label={ot('program.description')}
          name="editDescription"
          value={description}
          onChange={setDescription}
          error={errors.description}
          multiline
        />
        {modules.length > 0 && (
          <Field label={t('schedule.module')} error={errors.moduleId}>
            {({ id, describedBy }) => (
              <select
                id={id}
                name="moduleId"
                value={moduleId}
                aria-describedby={describedBy}
                onChange={(e) => setModuleId(e.target.value)}
              >
                <option value="">{t('schedule.noModule')}</option>
                {modules.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.position}. {pick(m.title)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <SessionWhenFields
          value={{ start, zone, duration }}
          onChange={(c) => {
            if (c.start !== undefined) setStart(c.start);
            if (c.zone !== undefined) setZone(c.zone);
            if (c.duration !== undefined) setDuration(c.duration);
          }}
          wall={wall}
          errors={errors}
        />
        <RegionTargets
          regions={regions.data ?? []}
          targets={targets}
          onChange={setTargets}
          error={errors.targetRegionIds}
        />
        <SessionPlaceFields
          value={{ format, capacity, joinUrl, venue }}
          onChange={(c) => {
            if (c.format !== undefined) setFormat(c.format);
            if (c.capacity !== undefined) setCapacity(c.capacity);
            if (c.joinUrl !== undefined) setJoinUrl(c.joinUrl);
            if (c.venue !== undefined) setVenue(c.venue);
          }}
          errors={errors}
        />
        {conflicts && (
          <ConflictWarning conflicts={conflicts} busy={busy} onBookAnyway={() => void send(true)} />
        )}
        <OrgError error={failure} />
        {note && (
          <p className="notice notice-ok" role="status">
            {note}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('state.working') : ot('action.save')}
        </button>
      </form>
    </section>
  );
}

/** The recording link once the session has ended (PUT /sessions/:id/live-settings). */
export function RecordingCard({ sessionId }: { sessionId: string }) {
  const ot = useOrgText();
  const current = useAsync(
    () => http.get<{ recordingUrl: string | null }>(`/sessions/${sessionId}/live-settings`),
    [sessionId],
  );
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const value = url ?? current.data?.recordingUrl ?? '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setFailure(undefined);
    if (value.trim() && !/^https?:\/\/\S+$/i.test(value.trim())) {
      setError(ot('recording.invalid'));
      return;
    }
    setError(undefined);
    try {
      current.set(
        await http.put<{ recordingUrl: string | null }>(`/sessions/${sessionId}/live-settings`, {
          recordingUrl: value.trim() || null,
        }),
      );
      setUrl(null);
      setSaved(true);
    } catch (err) {
      setFailure(err);
    }
  };

  return (
    <section className="card">
      <h2>{ot('recording.title')}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={ot('recording.label')} hint={ot('recording.hint')} error={error}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="recordingUrl"
              type="url"
              inputMode="url"
              placeholder="https://"
              value={value}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setUrl(e.target.value)}
            />
          )}
        </Field>
        <OrgError error={failure ?? current.error} />
        {saved && (
          <p className="notice notice-ok" role="status">
            {ot('action.saved')}
          </p>
        )}
        <button type="submit">{ot('recording.save')}</button>
      </form>
    </section>
  );
}
