import { useMemo } from 'react';
import { http } from '../api/http';
import { Loading } from '../components/ui';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { usePublicI18n } from './public-i18n';
import type { PageOf, PublicProgram, PublicSessionSummary } from './public-types';
import { PublicError, RegionsText, SeatsText, ShortWhen } from './public-ui';
import { ShareLink } from './share-link';

/** How many sessions one page of the schedule may carry (the API's maximum). */
const PAGE = 100;

async function allSessions(programId: string): Promise<PublicSessionSummary[]> {
  const out: PublicSessionSummary[] = [];
  for (let page = 1; page <= 20; page++) {
    const res = await http.get<PageOf<PublicSessionSummary>>(
      `/public/sessions?programId=${programId}&pageSize=${PAGE}&page=${page}`,
      { anonymous: true },
    );
    out.push(...res.items);
    if (out.length >= res.total || res.items.length < PAGE) break;
  }
  return out;
}

/** A published program: description, modules in order, each with its sessions. */
export function ProgramPage({ id }: { id: string }) {
  const { p, pick } = usePublicI18n();
  const program = useAsync(
    () => http.get<PublicProgram>(`/public/programs/${encodeURIComponent(id)}`, { anonymous: true }),
    [id],
  );
  const sessions = useAsync(() => allSessions(id), [id]);

  const groups = useMemo(() => {
    const list = sessions.data ?? [];
    const byModule = new Map<string | null, PublicSessionSummary[]>();
    for (const s of list) {
      const k = s.module?.id ?? null;
      byModule.set(k, [...(byModule.get(k) ?? []), s]);
    }
    return byModule;
  }, [sessions.data]);

  if (program.loading && !program.data) return <Loading />;
  if (program.error) return <PublicError error={program.error} onRetry={program.reload} />;
  const prog = program.data!;
  const loose = groups.get(null) ?? [];
  return (
    <>
      <section className="card">
        <p className="crumbs">
          <Link to="/programs">{p('pub.programs.title')}</Link>
        </p>
        <h1>{pick(prog.title)}</h1>
        {pick(prog.description) && <p className="prose">{pick(prog.description)}</p>}
        {(prog.startsOn || prog.endsOn) && (
          <p>{p('pub.program.dates', { from: prog.startsOn ?? '…', to: prog.endsOn ?? '…' })}</p>
        )}
        <ShareLink />
      </section>
      {sessions.loading && !sessions.data && <Loading />}
      <PublicError error={sessions.error} onRetry={sessions.reload} />
      {prog.modules.map((m) => (
        <section key={m.id} className="card" aria-labelledby={`module-${m.id}`}>
          <h2 id={`module-${m.id}`}>
            {p('pub.program.module', { n: m.position })}. {pick(m.title)}
          </h2>
          {pick(m.description) && <p className="prose">{pick(m.description)}</p>}
          <SessionList sessions={groups.get(m.id) ?? []} ready={!!sessions.data} />
        </section>
      ))}
      {(loose.length > 0 || (prog.modules.length === 0 && sessions.data)) && (
        <section className="card" aria-labelledby="module-none">
          <h2 id="module-none">{p('pub.program.withoutModule')}</h2>
          <SessionList sessions={loose} ready={!!sessions.data} />
        </section>
      )}
    </>
  );
}

export function SessionList({ sessions, ready }: { sessions: PublicSessionSummary[]; ready: boolean }) {
  const { p, pick } = usePublicI18n();
  if (ready && sessions.length === 0) return <p>{p('pub.program.noSessions')}</p>;
  return (
    <ul className="list">
      {sessions.map((s) => (
        <li key={s.id} className="list-item">
          <div className="list-main">
            <Link to={`/sessions/${s.id}`}>
              <strong>{pick(s.title)}</strong>
            </Link>
            <ShortWhen start={s.startAt} end={s.endAt} zone={s.timeZone} />
            <span className="meta">
              <RegionsText regions={s.targetRegions} />
              {' · '}
              <SeatsText s={s} />
            </span>
            {s.status !== 'scheduled' && (
              <span className="chips">
                <span className={`chip chip-${s.status}`}>
                  {p(
                    s.status === 'live'
                      ? 'pub.session.live'
                      : s.status === 'ended'
                        ? 'pub.session.ended'
                        : 'pub.session.cancelled',
                  )}
                </span>
              </span>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
