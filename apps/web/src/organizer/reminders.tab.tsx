import { useState } from 'react';
import { http, qs } from '../api/http';
import type { Page, Session, TimeView } from '../api/types';
import { ErrorNote, Field, Loading, When } from '../components/ui';
import { TableWrap } from '../components/table-wrap';
import { useI18n } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';
import { useRegions } from '../lib/regions';
import { useAsync } from '../lib/use-async';

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

export function RemindersTab({ session }: { session: Session }) {
  const { t, pick } = useI18n();
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
                          {r.lastError && <p className="error">{r.lastError}</p>}
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
