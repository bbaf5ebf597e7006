import { FormEvent, useState } from 'react';
import { isOrganizer, useAuth } from '../api/auth-store';
import { http, qs } from '../api/http';
import type { Page, Session, TimeView } from '../api/types';
import { ErrorNote, Field, Loading, When } from '../components/ui';
import { TableWrap } from '../components/table-wrap';
import { useI18n } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';
import { useRegions } from '../lib/regions';
import { useAsync } from '../lib/use-async';
import { Link } from '../lib/router';
import { splitApiError } from './forms';
import { offsetsText, reminderReason } from './organizer-strings';
import { OrgError, useOrgText } from './organizer-ui';
import { parseOffsets } from './reminder-offsets';
import type { ProgramDetails } from './program.page';

/** GET /sessions/:id/reminders: counts by status and, per attendee, each reminder. */
export type ReminderStatus = 'planned' | 'sent' | 'failed' | 'skipped' | 'cancelled';
export interface Reminder {
  id: string;
  offsetMinutes: number;
  sessionVersion: number;
  dueAt: TimeView;
  status: ReminderStatus;
  attempts: number;
  lastError: string | null;
  channel: string | null;
  sentAt: string | null;
}
export interface AttendeeReminders {
  registrationId: string;
  userId: string;
  displayName: string;
  regionId: number | null;
  registrationStatus: string;
  reminders: Reminder[];
}
export interface SessionReminders {
  sessionId: string;
  sessionVersion: number;
  counts: Record<ReminderStatus | 'total', number>;
  attendees: Page<AttendeeReminders>;
}

const STATUS: [ReminderStatus, StringKey][] = [
  ['planned', 'reminders.planned'],
  ['sent', 'reminders.sent'],
  ['failed', 'reminders.failed'],
  ['skipped', 'reminders.skipped'],
  ['cancelled', 'reminders.cancelledCount'],
];
const STATUS_KEY = Object.fromEntries(STATUS) as Record<ReminderStatus, StringKey>;

export function RemindersTab({ session, onChange }: { session: Session; onChange?(s: Session): void }) {
  const { auth } = useAuth();
  const editable = isOrganizer(auth?.user) && (session.status === 'scheduled' || session.status === 'live');
  return (
    <>
      {editable && onChange && <SessionReminderSettings session={session} onSaved={onChange} />}
      <ReminderList session={session} />
    </>
  );
}

/**
 * The session's own reminder times, or the program's (PATCH /sessions/:id reminderOffsetsMinutes;
 * the API re-plans the reminders not yet sent). Quiet hours belong to the program: shown here.
 */
function SessionReminderSettings({ session, onSaved }: { session: Session; onSaved(s: Session): void }) {
  const { lang } = useI18n();
  const ot = useOrgText();
  const program = useAsync(
    () => http.get<ProgramDetails>(`/programs/${session.program.id}`),
    [session.program.id],
  );
  const own = session.reminderOffsetsMinutes;
  const [useProgram, setUseProgram] = useState(own === null);
  const [offsets, setOffsets] = useState((own ?? []).join(', '));
  const [error, setError] = useState<string | string[]>();
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setFailure(undefined);
    const parsed = useProgram ? null : parseOffsets(offsets);
    if (!useProgram && !parsed) {
      setError(ot('reminders.offsetsInvalid'));
      return;
    }
    setError(undefined);
    try {
      onSaved(await http.patch<Session>(`/sessions/${session.id}`, { reminderOffsetsMinutes: parsed }));
      setSaved(true);
    } catch (err) {
      const { byField, rest } = splitApiError(err, ['reminderOffsetsMinutes']);
      setError(byField.reminderOffsetsMinutes);
      setFailure(rest);
    }
  };

  const p = program.data;
  return (
    <section className="card">
      <h2>{ot('reminders.sessionTitle')}</h2>
      {p && (
        <>
          <p className="meta">
            {ot('reminders.programHas', {
              list: offsetsText(lang, p.reminderOffsetsMinutes) || ot('reminders.none'),
            })}{' '}
            {p.quietHoursStart && p.quietHoursEnd
              ? ot('reminders.programQuiet', { from: p.quietHoursStart, until: p.quietHoursEnd })
              : ot('reminders.programNoQuiet')}
          </p>
          <p>
            <Link to={`/organizer/programs/${p.id}`}>{ot('reminders.programLink')}</Link>
          </p>
        </>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <label className="check">
          <input
            type="checkbox"
            name="useProgramReminders"
            checked={useProgram}
            onChange={(e) => setUseProgram(e.target.checked)}
          />
          {ot('reminders.useProgram')}
        </label>
        {!useProgram && (
          <Field label={ot('reminders.sessionOwn')} hint={ot('reminders.offsetsHint')} error={error}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="sessionReminderOffsets"
                inputMode="numeric"
                value={offsets}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => setOffsets(e.target.value)}
              />
            )}
          </Field>
        )}
        <OrgError error={failure ?? program.error} />
        {saved && (
          <p className="notice notice-ok" role="status">
            {ot('action.saved')}
          </p>
        )}
        <button type="submit">{ot('action.save')}</button>
      </form>
    </section>
  );
}

function ReminderList({ session }: { session: Session }) {
  const { t, pick, lang } = useI18n();
  const regions = useRegions();
  const [status, setStatus] = useState<ReminderStatus | ''>('');
  const data = useAsync(
    () => http.get<SessionReminders>(`/sessions/${session.id}/reminders${qs({ status, pageSize: 100 })}`),
    [session.id, status],
  );
  const regionName = (id: number | null) =>
    id === null ? '—' : pick(regions.data?.find((r) => r.id === id)?.names) || `#${id}`;
  const offsetText = (m: number) =>
    m % 1440 === 0
      ? t('reminders.daysBefore', { n: m / 1440 })
      : m % 60 === 0
        ? t('reminders.hoursBefore', { n: m / 60 })
        : t('reminders.minutesBefore', { n: m });

  return (
    <section className="card">
      <div className="card-head">
        <h2>{t('tab.reminders')}</h2>
        <button type="button" className="secondary" onClick={data.reload}>
          {t('action.refresh')}
        </button>
      </div>
      {data.loading && !data.data && <Loading />}
      <ErrorNote error={data.error} onRetry={data.reload} />
      {data.data && (
        <>
          <dl className="totals" data-testid="reminder-counts">
            {STATUS.map(([s, key]) => (
              <div key={s}>
                <dt>{t(key)}</dt>
                <dd data-figure={s}>{data.data!.counts[s] ?? 0}</dd>
              </div>
            ))}
          </dl>
          <Field label={t('registrations.filter')}>
            {({ id }) => (
              <select
                id={id}
                name="status"
                value={status}
                onChange={(e) => setStatus(e.target.value as ReminderStatus | '')}
              >
                <option value="">{t('registrations.all')}</option>
                {STATUS.map(([s, key]) => (
                  <option key={s} value={s}>
                    {t(key)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {data.data.attendees.items.length === 0 && <p className="hint">{t('reminders.none')}</p>}
          {data.data.attendees.items.length > 0 && (
            <TableWrap label={t('reminders.planned')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('registrations.person')}</th>
                    <th scope="col">{t('reminders.which')}</th>
                    <th scope="col">{t('reminders.due')}</th>
                    <th scope="col">{t('registrations.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.data.attendees.items.flatMap((a) =>
                    a.reminders.map((r, i) => (
                      <tr key={r.id}>
                        {i === 0 && (
                          <th scope="row" rowSpan={a.reminders.length}>
                            {a.displayName}
                            <br />
                            <small>{regionName(a.regionId)}</small>
                          </th>
                        )}
                        <td>{offsetText(r.offsetMinutes)}</td>
                        <td>
                          <When utc={r.dueAt.utc} zone={session.timeZone} />
                        </td>
                        <td>
                          <span className={`chip chip-reminder-${r.status}`}>{t(STATUS_KEY[r.status])}</span>
                          {r.lastError && <p className="error">{reminderReason(lang, r.lastError)}</p>}
                        </td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </TableWrap>
          )}
        </>
      )}
    </section>
  );
}
