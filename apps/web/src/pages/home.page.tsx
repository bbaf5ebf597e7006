import { useState } from 'react';
import { isStaff, useAuth } from '../api/auth-store';
import { http } from '../api/http';
import type { MyRegistration, Page } from '../api/types';
import { ErrorNote, Loading, When } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { SignInForm } from './sign-in.page';
import { MyCertificates } from './my-certificates';

export function HomePage() {
  const { auth } = useAuth();
  const { t } = useI18n();
  if (!auth) {
    return (
      <section className="card narrow">
        <h1>{t('home.welcome')}</h1>
        <p>{t('home.intro')}</p>
        <h2>{t('signin.title')}</h2>
        <SignInForm onDone={() => undefined} />
      </section>
    );
  }
  return (
    <>
      {isStaff(auth.user) && (
        <p className="notice">
          <Link to="/organizer">{t('home.toConsole')}</Link>
        </p>
      )}
      <MyRegistrations />
      <MyCertificates />
      <CalendarFeed />
    </>
  );
}

export const REG_STATUS: Record<string, StringKey> = {
  registered: 'reg.registered',
  waitlisted: 'reg.waitlisted',
  cancelled: 'reg.cancelled',
};

export const SESSION_STATUS: Record<string, StringKey> = {
  scheduled: 'session.scheduled',
  live: 'session.live',
  ended: 'session.ended',
  cancelled: 'session.cancelled',
};

function MyRegistrations() {
  const { t, lang } = useI18n();
  const regs = useAsync(() => http.get<Page<MyRegistration>>('/me/registrations?pageSize=100'), []);
  return (
    <section className="card">
      <h1>{t('home.mySessions')}</h1>
      {regs.loading && !regs.data && <Loading />}
      <ErrorNote error={regs.error} onRetry={regs.reload} />
      {regs.data && regs.data.items.length === 0 && <p>{t('home.none')}</p>}
      <ul className="list">
        {regs.data?.items.map((r) => (
          <li key={r.id} className="list-item">
            <div className="list-main">
              <strong>{r.session.title ?? '—'}</strong>
              <When utc={r.session.start.utc} zone={r.session.timeZone} />
              <span className="chips">
                <span className={`chip chip-${r.status}`}>{t(REG_STATUS[r.status])}</span>
                <span className={`chip chip-${r.session.status}`}>{t(SESSION_STATUS[r.session.status])}</span>
              </span>
            </div>
            <div className="list-actions">
              {r.status === 'registered' && r.session.status !== 'cancelled' && (
                <Link to={`/s/${r.session.id}`} className="button">
                  {t('home.open')}
                </Link>
              )}
              <a
                className="button secondary"
                href={`/sessions/${r.session.id}/calendar.ics?lang=${lang}`}
                download
              >
                {t('home.addToCalendar')}
              </a>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CalendarFeed() {
  const { t } = useI18n();
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<unknown>();
  const create = async () => {
    setError(undefined);
    try {
      setUrl((await http.post<{ url: string }>('/me/calendar-token')).url);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="card">
      <h2>{t('home.feedTitle')}</h2>
      <p>{t('home.feedHint')}</p>
      {url ? (
        <p>
          <label className="block">
            {t('home.feedUrl')}
            <input readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
          </label>
        </p>
      ) : (
        <button type="button" className="secondary" onClick={() => void create()}>
          {t('home.feedCreate')}
        </button>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
