import { useState } from 'react';
import { useAuth } from '../api/auth-store';
import { http } from '../api/http';
import { Loading } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { navText } from '../i18n/public-nav-strings';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { googleCalendarUrl, outlookCalendarUrl } from './calendar-links';
import { usePublicI18n } from './public-i18n';
import { loadMyRegistrations } from './my-registrations';
import type { PublicSession, RegistrationResult } from './public-types';
import { BothClocks, ConfirmButton, PublicError, RegionsText, SeatsText } from './public-ui';
import { ShareLink } from './share-link';

/** A session of a published program: everything about it, and registering for it. */
export function SessionPage({ id }: { id: string }) {
  const { p, pick } = usePublicI18n();
  const session = useAsync(
    () => http.get<PublicSession>(`/public/sessions/${encodeURIComponent(id)}`, { anonymous: true }),
    [id],
  );
  if (session.loading && !session.data) return <Loading />;
  if (session.error) return <PublicError error={session.error} onRetry={session.reload} />;
  const s = session.data!;
  return (
    <>
      <section className="card">
        <p className="crumbs">
          <Link to={`/programs/${s.program.id}`}>
            {p('pub.session.program', { title: pick(s.program.title) })}
          </Link>
          {s.module && (
            <>
              {' · '}
              {p('pub.program.module', { n: s.module.position })}. {pick(s.module.title)}
            </>
          )}
        </p>
        <h1>{pick(s.title)}</h1>
        {s.status !== 'scheduled' && (
          <p className={`notice ${s.status === 'cancelled' ? 'notice-warn' : ''}`} role="status">
            {p(
              s.status === 'live'
                ? 'pub.session.live'
                : s.status === 'ended'
                  ? 'pub.session.ended'
                  : 'pub.session.cancelled',
            )}
          </p>
        )}
        <BothClocks start={s.startAt} end={s.endAt} zone={s.timeZone} />
        <dl className="facts">
          <div>
            <dt>{p('pub.session.regions')}</dt>
            <dd>
              <RegionsText regions={s.targetRegions} />
            </dd>
          </div>
          <div>
            <dt>{p('pub.session.seats')}</dt>
            <dd>
              <SeatsText s={s} />
            </dd>
          </div>
          <div>
            <dt>{p('pub.session.format')}</dt>
            <dd>{p(`pub.session.format.${s.format}`)}</dd>
          </div>
          {s.venue && (
            <div>
              <dt>{p('pub.session.venue')}</dt>
              <dd>{s.venue}</dd>
            </div>
          )}
        </dl>
        {pick(s.description) && <p className="prose">{pick(s.description)}</p>}
        <ShareLink />
      </section>
      <Registration session={s} onChange={session.reload} />
      <AddToCalendar session={s} />
      {s.speakerProfiles.length > 0 && (
        <section className="card" aria-labelledby="speakers">
          <h2 id="speakers">{p('pub.session.speakers')}</h2>
          <ul className="list">
            {s.speakerProfiles.map((sp) => (
              <li key={sp.id} className="list-item speaker">
                {sp.photoUrl && (
                  // Same-origin (the CSP allows no other images); the name beside it is the alt.
                  <img
                    className="speaker-photo"
                    src={sp.photoUrl}
                    alt={sp.fullName}
                    width={72}
                    height={72}
                    decoding="async"
                  />
                )}
                <div className="list-main">
                  <strong>{sp.fullName}</strong>
                  {sp.affiliation && <span className="meta">{sp.affiliation}</span>}
                  {pick(sp.bio) && <p className="prose">{pick(sp.bio)}</p>}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {s.sections.length > 0 && (
        <section className="card" aria-labelledby="sections">
          <h2 id="sections">{p('pub.session.sections')}</h2>
          <ul className="list">
            {s.sections.map((sec) => (
              <li key={sec.id} className="list-item">
                <div className="list-main">
                  <strong>{pick(sec.title)}</strong>
                  {sec.leadSpeaker && <span className="meta">{sec.leadSpeaker.fullName}</span>}
                  {pick(sec.description) && <p className="prose">{pick(sec.description)}</p>}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function Registration({ session: s, onChange }: { session: PublicSession; onChange: () => void }) {
  const { auth } = useAuth();
  const { p, lang, explain } = usePublicI18n();
  const { t } = useI18n();
  const next = encodeURIComponent(`/sessions/${s.id}`);
  if (!auth) {
    return (
      <section className="card" aria-labelledby="register">
        <h2 id="register">{p('pub.reg.heading')}</h2>
        <p>{p('pub.reg.signInToRegister')}</p>
        <div className="actions">
          <Link to={`/signin?next=${next}`} className="button">
            {t('action.signIn')}
          </Link>
          <Link to={`/signup?next=${next}`} className="button secondary">
            {navText(lang, 'nav.signUp')}
          </Link>
        </div>
      </section>
    );
  }
  return <SignedInRegistration session={s} onChange={onChange} explain={explain} />;
}

function SignedInRegistration({
  session: s,
  onChange,
  explain,
}: {
  session: PublicSession;
  onChange: () => void;
  explain: (e: unknown) => string;
}) {
  const { p, pick } = usePublicI18n();
  const mine = useAsync(
    async () =>
      (await loadMyRegistrations()).find((r) => r.sessionId === s.id && r.status !== 'cancelled') ?? null,
    [s.id],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [note, setNote] = useState<string>();
  const open = s.status === 'scheduled' || s.status === 'live';

  const register = async () => {
    setBusy(true);
    setError(undefined);
    setNote(undefined);
    try {
      const r = await http.post<RegistrationResult>(`/sessions/${s.id}/registrations`, {});
      mine.reload();
      onChange();
      setNote(p(r.status === 'waitlisted' ? 'pub.reg.waitlisted' : 'pub.reg.registered'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const cancel = async (regId: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await http.del(`/me/registrations/${regId}`);
      mine.reload();
      onChange();
      setNote(p('pub.reg.cancelled'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const r = mine.data;
  return (
    <section className="card" aria-labelledby="register">
      <h2 id="register">{p('pub.reg.heading')}</h2>
      {mine.loading && mine.data === undefined && <Loading />}
      {mine.error ? <PublicError error={mine.error} onRetry={mine.reload} /> : null}
      {r && (
        <p className="notice notice-ok" role="status">
          {p(r.status === 'waitlisted' ? 'pub.reg.waitlisted' : 'pub.reg.registered')}
        </p>
      )}
      {!r && note && (
        <p className="notice" role="status">
          {note}
        </p>
      )}
      {error ? (
        <p className="notice notice-error" role="alert">
          {explain(error)}
        </p>
      ) : null}
      <div className="actions">
        {mine.data === null && open && (
          <button type="button" onClick={() => void register()} disabled={busy}>
            {p(s.seatsLeft === 0 ? 'pub.reg.joinWaitlist' : 'pub.reg.register')}
          </button>
        )}
        {r?.status === 'registered' && open && (
          <Link to={`/s/${s.id}`} className="button">
            {p('pub.reg.openLive')}
          </Link>
        )}
        {r && open && (
          <ConfirmButton
            label={p(r.status === 'waitlisted' ? 'pub.reg.leaveWaitlist' : 'pub.reg.cancel')}
            question={p('pub.reg.confirm', { title: pick(s.title) })}
            yes={p('pub.reg.confirmYes')}
            no={p('pub.reg.confirmNo')}
            busy={busy}
            onConfirm={() => cancel(r.id)}
          />
        )}
      </div>
    </section>
  );
}

function AddToCalendar({ session: s }: { session: PublicSession }) {
  const { p, pick, lang } = usePublicI18n();
  if (s.status === 'cancelled' || s.status === 'ended') return null;
  const page = window.location.origin + window.location.pathname;
  const event = {
    title: pick(s.title),
    details: `${pick(s.program.title)}\n${page}`,
    startUtc: s.startAt.utc,
    endUtc: s.endAt.utc,
    timeZone: s.timeZone,
    location: s.venue,
  };
  return (
    <section className="card" aria-labelledby="calendar">
      <h2 id="calendar">{p('pub.cal.title')}</h2>
      <div className="actions">
        <a className="button secondary" href={`/sessions/${s.id}/calendar.ics?lang=${lang}`} download>
          {p('pub.cal.ics')}
        </a>
        <a
          className="button secondary"
          href={googleCalendarUrl(event)}
          target="_blank"
          rel="noopener noreferrer"
        >
          {p('pub.cal.google')}
        </a>
        <a
          className="button secondary"
          href={outlookCalendarUrl(event)}
          target="_blank"
          rel="noopener noreferrer"
        >
          {p('pub.cal.outlook')}
        </a>
      </div>
    </section>
  );
}
