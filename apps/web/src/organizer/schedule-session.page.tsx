/**
 * Scheduling a session in local wall time + zone, as organizers think of it ("12:00 in Astana"),
 * with a preview of the start in every targeted region's own zone, and the speaker overlap
 * warning: a 409 speaker_conflict lists the clashes and offers to book anyway.
 */
import { FormEvent, useMemo, useState } from 'react';
import { http } from '../api/http';
import type {
  LocalizedText,
  Page,
  Program,
  Region,
  Session,
  SessionFormat,
  Speaker,
  SpeakerConflict,
} from '../api/types';
import { ErrorNote, Field, Loading, useViewerZone } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { useRegions } from '../lib/regions';
import { Link, navigate } from '../lib/router';
import { checkWallTime, dateTimeText, dateTimeWithZone, offsetLabel } from '../lib/time';
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
import { DraftWarning } from './organizer-ui';

const FIELDS = [
  'title',
  'moduleId',
  'start',
  'durationMinutes',
  'timeZone',
  'format',
  'joinUrl',
  'venue',
  'capacity',
  'targetRegionIds',
  'speakerIds',
] as const;

export function ScheduleSessionPage({ programId }: { programId: string }) {
  const program = useAsync(() => http.get<Program>(`/programs/${programId}`), [programId]);
  const regions = useRegions();
  const speakers = useAsync(() => http.get<Page<Speaker>>('/speakers?pageSize=100'), []);
  if ((program.loading && !program.data) || (regions.loading && !regions.data)) return <Loading />;
  if (!program.data) return <ErrorNote error={program.error} onRetry={program.reload} />;
  if (!regions.data) return <ErrorNote error={regions.error} onRetry={regions.reload} />;
  return <ScheduleForm program={program.data} regions={regions.data} speakers={speakers.data?.items ?? []} />;
}

function ScheduleForm({
  program,
  regions,
  speakers,
}: {
  program: Program;
  regions: Region[];
  speakers: Speaker[];
}) {
  const { t, pick, lang } = useI18n();
  const [title, setTitle] = useState<LocalizedText>({});
  const [moduleId, setModuleId] = useState('');
  const [start, setStart] = useState('');
  const [duration, setDuration] = useState('240');
  const [zone, setZone] = useState(program.defaultTimeZone);
  const [format, setFormat] = useState<SessionFormat>('online');
  const [joinUrl, setJoinUrl] = useState('');
  const [venue, setVenue] = useState('');
  const [capacity, setCapacity] = useState('');
  const [targets, setTargets] = useState<number[]>([]);
  const [speakerIds, setSpeakerIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<Partial<Record<(typeof FIELDS)[number], string[]>>>({});
  const [failure, setFailure] = useState<unknown>();
  const [conflicts, setConflicts] = useState<SpeakerConflict[] | null>(null);
  const [busy, setBusy] = useState(false);

  const wall = start ? checkWallTime(start, zone) : null;
  const preview = useMemo(() => {
    if (!wall?.ok) return [];
    const chosen = targets.length ? regions.filter((r) => targets.includes(r.id)) : regions;
    // One line per zone, naming the regions in it: 20 regions share 7 zones.
    const byZone = new Map<string, Region[]>();
    for (const r of chosen) byZone.set(r.timeZone, [...(byZone.get(r.timeZone) ?? []), r]);
    return [...byZone.entries()].map(([z, rs]) => ({
      zone: z,
      regions: rs.map((r) => pick(r.names)).join(', '),
      text: dateTimeText(wall.utc, z, lang),
      offset: offsetLabel(wall.utc, z),
    }));
  }, [wall?.ok, wall && wall.ok ? wall.utc : '', targets, regions, pick, lang]);

  const validate = (): typeof errors =>
    checkSessionForm(t, { title, start, wall, duration, format, joinUrl, venue, capacity });

  const send = async (override: boolean) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const s = await http.post<Session>('/sessions', {
        programId: program.id,
        title: cleanText(title),
        ...(moduleId ? { moduleId } : {}),
        start,
        durationMinutes: Number(duration),
        timeZone: zone,
        format,
        ...(format !== 'offline' ? { joinUrl: joinUrl.trim() } : {}),
        ...(format !== 'online' ? { venue: venue.trim() } : {}),
        ...(capacity ? { capacity: Number(capacity) } : {}),
        targetRegionIds: targets,
        speakerIds,
        ...(override ? { overrideSpeakerConflicts: true } : {}),
      });
      navigate(`/organizer/sessions/${s.id}`);
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
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length) {
      // Take keyboard users to the first problem.
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('.has-error input, .has-error select')?.focus(),
      );
      return;
    }
    void send(false);
  };

  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  return (
    <section className="card">
      <p className="crumbs">
        <Link to={`/organizer/programs/${program.id}`}>{pick(program.title)}</Link>
      </p>
      <h1>{t('schedule.title')}</h1>
      <DraftWarning program={{ id: program.id, title: pick(program.title), status: program.status }} />
      <form className="form" onSubmit={submit} noValidate>
        <LocalizedInputs
          label={t('form.title')}
          name="title"
          value={title}
          onChange={setTitle}
          error={errors.title}
        />
        {program.modules.length > 0 && (
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
                {program.modules.map((m) => (
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
            if (c.start !== undefined) {
              setStart(c.start);
              setErrors(({ start: _old, ...rest }) => rest);
            }
            if (c.zone !== undefined) setZone(c.zone);
            if (c.duration !== undefined) setDuration(c.duration);
          }}
          wall={wall}
          errors={errors}
        />

        <RegionTargets
          regions={regions}
          targets={targets}
          onChange={setTargets}
          error={errors.targetRegionIds}
        />

        <section className="preview" aria-live="polite" aria-label={t('schedule.preview')}>
          <h2>{t('schedule.preview')}</h2>
          {preview.length === 0 ? (
            <p className="hint">{t('schedule.previewEmpty')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('schedule.previewRegions')}</th>
                  <th scope="col">{t('schedule.previewStart')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.map((p) => (
                  <tr key={p.zone}>
                    <td>
                      {p.regions}
                      <br />
                      <small>{p.zone}</small>
                    </td>
                    <td>
                      {p.text} <small>({p.offset})</small>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

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

        <fieldset>
          <legend>{t('schedule.speakers')}</legend>
          {speakers.length === 0 && (
            <p className="hint">
              {t('schedule.noSpeakers')} <Link to="/organizer/speakers">{t('nav.speakers')}</Link>
            </p>
          )}
          <div className="checks">
            {speakers.map((s) => (
              <label key={s.id} className="check">
                <input
                  type="checkbox"
                  name="speakerIds"
                  value={s.id}
                  checked={speakerIds.includes(s.id)}
                  onChange={() => setSpeakerIds(toggle(speakerIds, s.id))}
                />
                {s.fullName}
              </label>
            ))}
          </div>
          {errors.speakerIds && <p className="error">{errors.speakerIds.join(' ')}</p>}
        </fieldset>

        {conflicts && (
          <ConflictWarning conflicts={conflicts} busy={busy} onBookAnyway={() => void send(true)} />
        )}
        <ErrorNote error={failure} />
        <button type="submit" disabled={busy}>
          {busy ? t('state.working') : t('schedule.submit')}
        </button>
      </form>
    </section>
  );
}

/** The overlap warning: who is already booked where, and the choice to book anyway. */
export function ConflictWarning({
  conflicts,
  busy,
  onBookAnyway,
}: {
  conflicts: SpeakerConflict[];
  busy: boolean;
  onBookAnyway(): void;
}) {
  const { t, lang } = useI18n();
  const viewer = useViewerZone();
  return (
    <div className="notice notice-warn" role="alert">
      <p>
        <strong>{t('conflict.title')}</strong>
      </p>
      <ul>
        {conflicts.map((c) => (
          <li key={`${c.speakerId}-${c.sessionId}`}>
            {t('conflict.line', {
              speaker: c.speakerName,
              session: c.title,
              time: dateTimeWithZone(c.startAt, viewer, lang),
            })}
          </li>
        ))}
      </ul>
      <button type="button" className="warn" disabled={busy} onClick={onBookAnyway}>
        {t('conflict.bookAnyway')}
      </button>
    </div>
  );
}
