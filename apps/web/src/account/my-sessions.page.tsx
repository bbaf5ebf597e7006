import { useMemo, useState } from 'react';
import { useAuth } from '../api/auth-store';
import { http } from '../api/http';
import { Loading } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { usePublicI18n } from '../public/public-i18n';
import type { MyRegistrationItem } from '../public/public-types';
import { ConfirmButton, PublicError, ShortWhen } from '../public/public-ui';
import { loadMyRegistrations } from '../public/my-registrations';
import { Group, groupOf } from './my-sessions.policy';

const TITLES: Record<Group, 'acc.my.upcoming' | 'acc.my.waitlisted' | 'acc.my.past' | 'acc.my.cancelled'> = {
  upcoming: 'acc.my.upcoming',
  waitlisted: 'acc.my.waitlisted',
  past: 'acc.my.past',
  cancelled: 'acc.my.cancelled',
};

/** Everything I registered for: upcoming, on the waiting list, past, cancelled; cancel from here. */
export function MySessionsPage() {
  const { auth } = useAuth();
  const { t } = useI18n();
  if (!auth) {
    return (
      <section className="card narrow">
        <p>
          <Link to="/signin?next=%2Fmy-sessions">{t('action.signIn')}</Link>
        </p>
      </section>
    );
  }
  return <MySessions />;
}

function MySessions() {
  const { p } = usePublicI18n();
  const regs = useAsync(loadMyRegistrations, []);
  const groups = useMemo(() => {
    const now = Date.now();
    const out: Record<Group, MyRegistrationItem[]> = {
      upcoming: [],
      waitlisted: [],
      past: [],
      cancelled: [],
    };
    for (const r of regs.data ?? []) out[groupOf(r, now)].push(r);
    // Past and cancelled: the latest first.
    out.past.reverse();
    out.cancelled.reverse();
    return out;
  }, [regs.data]);

  return (
    <>
      <section className="card">
        <h1>{p('acc.my.title')}</h1>
        {regs.loading && !regs.data && <Loading />}
        <PublicError error={regs.error} onRetry={regs.reload} />
        {regs.data && regs.data.length === 0 && (
          <p>
            {p('acc.my.none')} <Link to="/programs">{p('acc.my.find')}</Link>
          </p>
        )}
      </section>
      {(Object.keys(TITLES) as Group[])
        .filter((g) => groups[g].length > 0)
        .map((g) => (
          <section key={g} className="card" aria-labelledby={`my-${g}`}>
            <h2 id={`my-${g}`}>{p(TITLES[g])}</h2>
            <ul className="list">
              {groups[g].map((r) => (
                <MyRow key={r.id} r={r} group={g} onChange={regs.reload} />
              ))}
            </ul>
          </section>
        ))}
    </>
  );
}

function MyRow({ r, group, onChange }: { r: MyRegistrationItem; group: Group; onChange: () => void }) {
  const { p, lang, explain } = usePublicI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const title = r.session.title ?? '—';
  const cancel = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await http.del(`/me/registrations/${r.id}`);
      onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="list-item">
      <div className="list-main">
        <Link to={`/sessions/${r.session.id}`}>
          <strong>{title}</strong>
        </Link>
        <ShortWhen start={r.session.start} end={r.session.end} zone={r.session.timeZone} />
        {r.session.status === 'cancelled' && (
          <span className="chip chip-cancelled">{p('acc.my.sessionCancelled')}</span>
        )}
        {error ? (
          <span className="error" role="alert">
            {explain(error)}
          </span>
        ) : null}
      </div>
      <div className="list-actions">
        {group === 'upcoming' && (
          <Link to={`/s/${r.session.id}`} className="button">
            {p('pub.reg.openLive')}
          </Link>
        )}
        {(group === 'upcoming' || group === 'waitlisted') && (
          <>
            <a
              className="button secondary"
              href={`/sessions/${r.session.id}/calendar.ics?lang=${lang}`}
              download
            >
              {p('pub.cal.ics')}
            </a>
            <ConfirmButton
              label={p(group === 'waitlisted' ? 'pub.reg.leaveWaitlist' : 'pub.reg.cancel')}
              question={p('pub.reg.confirm', { title })}
              yes={p('pub.reg.confirmYes')}
              no={p('pub.reg.confirmNo')}
              busy={busy}
              onConfirm={cancel}
            />
          </>
        )}
      </div>
    </li>
  );
}
