/**
 * The people of a program or a session: the expected list with its invitations, who did not
 * come, and (programs) the certificates. Its own chunk, opened from the console.
 */
import { useAuth, isOrganizer } from '../api/auth-store';
import { http } from '../api/http';
import type { Program, Session } from '../api/types';
import { Loading } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { AbsenteesTab } from './absentees.tab';
import { CertificatesTab } from './certificates.tab';
import { ExpectedListTab } from './expected-list.tab';
import type { Scope, ScopeInfo } from './lists.api';
import { ListsError, useListsText } from './lists-ui';
import './lists.css';

const TABS = [
  ['list', 'tab.list'],
  ['absent', 'tab.absent'],
  ['certificates', 'tab.certs'],
] as const;

export default function ListsApp({ scope, tab }: { scope: Scope; tab: string }) {
  const { lt } = useListsText();
  const { pick } = useI18n();
  const { auth } = useAuth();
  const organizer = isOrganizer(auth?.user);
  const info = useAsync(async () => {
    if (scope.type === 'program') {
      const p = await http.get<Program>(`/programs/${encodeURIComponent(scope.id)}`);
      return { program: p.title, session: null, programId: p.id, status: undefined };
    }
    const s = await http.get<Session>(`/sessions/${encodeURIComponent(scope.id)}`);
    return { program: s.program.title, session: s.title, programId: s.program.id, status: s.status };
  }, [scope.type, scope.id]);

  if (info.loading && !info.data) return <Loading />;
  if (!info.data) return <ListsError error={info.error} onRetry={info.reload} />;
  const d = info.data;
  const here = `/organizer/${scope.type === 'program' ? 'programs' : 'sessions'}/${scope.id}`;
  const view: ScopeInfo = {
    scope,
    programId: d.programId,
    title: pick(d.session ?? d.program),
    sessionStatus: d.status,
  };
  // Coordinators cannot issue certificates (the API says so too): the tab is not offered.
  const tabs = TABS.filter(([key]) => key !== 'certificates' || organizer);
  const current = tabs.some(([key]) => key === tab) ? tab : 'list';
  return (
    <>
      <section className="card">
        <p className="crumbs">
          <Link to={`/organizer/programs/${d.programId}`}>{pick(d.program)}</Link>
          {d.session && (
            <>
              {' › '}
              <Link to={here}>{pick(d.session)}</Link>
            </>
          )}
        </p>
        <h1>{lt('lists.title')}</h1>
        <p className="meta">
          {lt(scope.type === 'program' ? 'lists.program' : 'lists.session', { title: view.title })}
        </p>
        <nav className="tabs" aria-label={lt('lists.tabs')}>
          {tabs.map(([key, label]) => (
            <Link key={key} to={`${here}/invitations${key === 'list' ? '' : `/${key}`}`}>
              {lt(label)}
            </Link>
          ))}
        </nav>
      </section>
      {current === 'list' && <ExpectedListTab info={view} />}
      {current === 'absent' && <AbsenteesTab info={view} />}
      {current === 'certificates' && <CertificatesTab info={view} />}
    </>
  );
}
