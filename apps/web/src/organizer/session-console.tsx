/**
 * One session for staff: its details and status, then a tab per job (sections, registrations,
 * roster, reminders, the live dashboard, Q&A moderation, the report after it).
 */
import { FormEvent, lazy, Suspense, useState } from 'react';
import { isOrganizer, useAuth } from '../api/auth-store';
import { ApiError, http } from '../api/http';
import type { Page, Session, Speaker, SpeakerConflict } from '../api/types';
import { ErrorNote, Field, Loading, When } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { useEngagementText } from '../i18n/engagement-text';
import type { StringKey } from '../i18n/strings';
import { Link } from '../lib/router';
import { ListsLink } from '../invitations/lists-nav';
import { useAsync } from '../lib/use-async';
import { SESSION_STATUS } from '../pages/home.page';
import { ConflictWarning } from './schedule-session.page';
import { LiveSettingsCard } from './live-settings.card';
import { VideoRoomCard } from './video-room.card';
import { SectionsTab } from './sections.tab';
import { RegistrationsTab } from './registrations.tab';
import { RosterTab } from './roster.tab';
import { RemindersTab } from './reminders.tab';
import { ReportTab } from './report.tab';
import { EditSessionCard, RecordingCard } from './edit-session.card';
import { DraftWarning, OrgError, useConfirm, useOrgText } from './organizer-ui';

// The live tabs hold the socket client: loaded when opened.
const LiveDashboardTab = lazy(() => import('./live-dashboard.tab'));
const QuestionsTab = lazy(() => import('./questions.tab'));
const EngagementTab = lazy(() => import('./engagement.tab'));

const TABS: [string, StringKey][] = [
  ['overview', 'tab.overview'],
  ['sections', 'tab.sections'],
  ['registrations', 'tab.registrations'],
  ['roster', 'tab.roster'],
  ['reminders', 'tab.reminders'],
  ['live', 'tab.live'],
  ['questions', 'tab.questions'],
  ['report', 'tab.report'],
];

export function SessionConsole({ id, tab }: { id: string; tab: string }) {
  const { t, pick } = useI18n();
  const te = useEngagementText();
  const session = useAsync(() => http.get<Session>(`/sessions/${id}`), [id]);
  if (session.loading && !session.data) return <Loading />;
  if (!session.data) return <ErrorNote error={session.error} onRetry={session.reload} />;
  const s = session.data;
  return (
    <>
      <section className="card">
        <p className="crumbs">
          <Link to={`/organizer/programs/${s.program.id}`}>{pick(s.program.title)}</Link>
        </p>
        <h1>{pick(s.title)}</h1>
        <p className="meta">
          <When utc={s.startAt.utc} zone={s.timeZone} />{' '}
          <span className={`chip chip-${s.status}`}>{t(SESSION_STATUS[s.status])}</span>
        </p>
        <DraftWarning
          program={{ id: s.program.id, title: pick(s.program.title), status: s.program.status }}
        />
        <nav className="tabs" aria-label={t('tab.label')}>
          {TABS.map(([key, label]) => (
            <Link key={key} to={`/organizer/sessions/${id}${key === 'overview' ? '' : `/${key}`}`}>
              {t(label)}
            </Link>
          ))}
          <Link to={`/organizer/sessions/${id}/engagement`}>{te('eng.tab')}</Link>
          <ListsLink type="session" id={id} tab />
        </nav>
      </section>
      <Suspense fallback={<Loading />}>
        {tab === 'overview' && <Overview session={s} onChange={session.set} />}
        {tab === 'sections' && <SectionsTab session={s} onChange={session.reload} />}
        {tab === 'registrations' && <RegistrationsTab session={s} />}
        {tab === 'roster' && <RosterTab session={s} />}
        {tab === 'reminders' && <RemindersTab session={s} onChange={session.set} />}
        {tab === 'live' && <LiveDashboardTab session={s} />}
        {tab === 'questions' && <QuestionsTab session={s} />}
        {tab === 'engagement' && <EngagementTab session={s} />}
        {tab === 'report' && <ReportTab session={s} />}
      </Suspense>
    </>
  );
}

function Overview({ session: s, onChange }: { session: Session; onChange(s: Session): void }) {
  const { t, pick } = useI18n();
  const { auth } = useAuth();
  const editor = isOrganizer(auth?.user);
  const ot = useOrgText();
  const [failure, setFailure] = useState<unknown>();
  const [reason, setReason] = useState('');
  const [dialog, confirm] = useConfirm();

  const act = async (fn: () => Promise<Session>) => {
    setFailure(undefined);
    try {
      onChange(await fn());
    } catch (e) {
      setFailure(e);
    }
  };

  const end = async () => {
    const yes = await confirm({
      title: ot('confirm.endTitle'),
      body: ot('confirm.endBody'),
      action: ot('confirm.end'),
    });
    if (yes) await act(() => http.post(`/sessions/${s.id}/status`, { status: 'ended' }));
  };
  const cancel = async () => {
    const yes = await confirm({
      title: ot('confirm.cancelTitle'),
      body: ot('confirm.cancelBody', { n: s.registeredCount }),
      action: ot('confirm.cancel'),
    });
    if (yes)
      await act(() => http.post(`/sessions/${s.id}/cancel`, reason.trim() ? { reason: reason.trim() } : {}));
  };

  return (
    <>
      {dialog}
      <section className="card">
        <h2>{t('tab.overview')}</h2>
        <dl className="facts">
          <dt>{t('session.start')}</dt>
          <dd>
            <When utc={s.startAt.utc} zone={s.timeZone} />
          </dd>
          <dt>{t('session.end')}</dt>
          <dd>
            <When utc={s.endAt.utc} zone={s.timeZone} />
          </dd>
          <dt>{t('session.regions')}</dt>
          <dd>
            {s.targetRegions.length
              ? s.targetRegions.map((r) => pick(r.names)).join(', ')
              : t('session.allRegions')}
          </dd>
          <dt>{t('session.registered')}</dt>
          <dd>
            {s.registeredCount}
            {s.capacity !== null && ` / ${s.capacity}`}
          </dd>
          {s.joinUrl && (
            <>
              <dt>{t('schedule.joinUrl')}</dt>
              <dd>
                <a href={s.joinUrl} target="_blank" rel="noopener noreferrer">
                  {s.joinUrl}
                </a>
              </dd>
            </>
          )}
          {s.venue && (
            <>
              <dt>{t('schedule.venue')}</dt>
              <dd>{s.venue}</dd>
            </>
          )}
          <dt>{t('schedule.speakers')}</dt>
          <dd>{s.speakers.length ? s.speakers.map((x) => x.fullName).join(', ') : '—'}</dd>
        </dl>
        <p>
          <Link to={`/s/${s.id}`}>{t('session.attendeeView')}</Link>
        </p>
        {editor && (
          <div className="actions">
            {s.status === 'scheduled' && (
              <button
                type="button"
                onClick={() => void act(() => http.post(`/sessions/${s.id}/status`, { status: 'live' }))}
              >
                {t('session.goLive')}
              </button>
            )}
            {(s.status === 'scheduled' || s.status === 'live') && (
              <button type="button" className="secondary" onClick={() => void end()}>
                {t('session.endNow')}
              </button>
            )}
          </div>
        )}
        <OrgError error={failure} />
      </section>
      {editor && s.status === 'ended' && <RecordingCard sessionId={s.id} />}
      {editor && s.status !== 'cancelled' && s.status !== 'ended' && (
        <>
          <VideoRoomCard sessionId={s.id} />
          <LiveSettingsCard sessionId={s.id} />
          <SpeakersEditor session={s} onChange={onChange} />
          <EditSessionCard session={s} onSaved={onChange} />
          <section className="card">
            <h2>{t('session.cancelTitle')}</h2>
            <form
              className="form"
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                void cancel();
              }}
            >
              <Field label={t('session.cancelReason')}>
                {({ id }) => (
                  <textarea
                    id={id}
                    name="reason"
                    rows={2}
                    maxLength={1000}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                  />
                )}
              </Field>
              <button type="submit" className="danger">
                {t('session.cancel')}
              </button>
            </form>
          </section>
        </>
      )}
    </>
  );
}

function SpeakersEditor({ session: s, onChange }: { session: Session; onChange(s: Session): void }) {
  const { t } = useI18n();
  const all = useAsync(() => http.get<Page<Speaker>>('/speakers?pageSize=100'), []);
  const [chosen, setChosen] = useState<string[]>(s.speakers.map((x) => x.id));
  const [conflicts, setConflicts] = useState<SpeakerConflict[] | null>(null);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const save = async (override: boolean) => {
    setBusy(true);
    setFailure(undefined);
    try {
      onChange(
        await http.put<Session>(`/sessions/${s.id}/speakers`, {
          speakerIds: chosen,
          ...(override ? { overrideSpeakerConflicts: true } : {}),
        }),
      );
      setConflicts(null);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'speaker_conflict') {
        setConflicts((e.details?.conflicts as SpeakerConflict[] | undefined) ?? []);
      } else setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card">
      <h2>{t('schedule.speakers')}</h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          setConflicts(null);
          void save(false);
        }}
      >
        <fieldset>
          <legend>{t('session.chooseSpeakers')}</legend>
          <div className="checks">
            {all.data?.items.map((sp) => (
              <label key={sp.id} className="check">
                <input
                  type="checkbox"
                  name="speakerIds"
                  checked={chosen.includes(sp.id)}
                  onChange={() =>
                    setChosen(chosen.includes(sp.id) ? chosen.filter((x) => x !== sp.id) : [...chosen, sp.id])
                  }
                />
                {sp.fullName}
              </label>
            ))}
          </div>
        </fieldset>
        {conflicts && (
          <ConflictWarning conflicts={conflicts} busy={busy} onBookAnyway={() => void save(true)} />
        )}
        <ErrorNote error={failure ?? all.error} />
        <button type="submit" disabled={busy}>
          {t('action.save')}
        </button>
      </form>
    </section>
  );
}
