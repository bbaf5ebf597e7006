/**
 * The organizer console (its own chunk: attendees never download it). Staff only; coordinators
 * see what the API lets them see (their regions), organizers and admins everything.
 */
import { isOrganizer, isStaff, useAuth } from '../api/auth-store';
import { useI18n } from '../i18n/i18n';
import { Link, match } from '../lib/router';
import { SignInForm } from '../pages/sign-in.page';
import { SELECTION_LINK } from '../selection/selection-nav';
import { PeoplePage } from './people.page';
import { ProgramReportPage } from './program-report.page';
import { ProgramPage } from './program.page';
import { ProgramsPage } from './programs.page';
import { ScheduleSessionPage } from './schedule-session.page';
import { SessionConsole } from './session-console';
import { SpeakersPage } from './speakers.page';
import { AdminNavLink } from '../admin/admin-nav';
import { listsRoute } from '../invitations/lists-nav';
import { registerStrings } from '../i18n/i18n';
import { STRINGS } from '../i18n/strings';
import { registerEngagementStrings } from '../i18n/engagement-text';
import { ENGAGEMENT_STRINGS } from '../i18n/engagement-strings';

// The console's words come with the console: the attendee's first download carries only theirs.
registerStrings(STRINGS);
registerEngagementStrings(ENGAGEMENT_STRINGS);

export default function OrganizerApp({ path }: { path: string }) {
  const { auth } = useAuth();
  const { t, lang } = useI18n();
  if (!auth) {
    return (
      <section className="card narrow">
        <h1>{t('console.title')}</h1>
        <p>{t('console.signInFirst')}</p>
        <SignInForm onDone={() => undefined} />
      </section>
    );
  }
  if (!isStaff(auth.user)) {
    return (
      <section className="notice notice-error" role="alert">
        <p>{t('console.noAccess')}</p>
        <Link to="/">{t('nav.home')}</Link>
      </section>
    );
  }
  return (
    <div className="console">
      <nav className="subnav" aria-label={t('console.title')}>
        <Link to="/organizer">{t('nav.programs')}</Link>
        <Link to="/organizer/speakers">{t('nav.speakers')}</Link>
        {isOrganizer(auth.user) && <Link to="/selection">{SELECTION_LINK[lang]}</Link>}
        <AdminNavLink roles={auth.user.roles} />
      </nav>
      <ConsoleRoutes path={path} />
    </div>
  );
}

function ConsoleRoutes({ path }: { path: string }) {
  const { t } = useI18n();
  let m: Record<string, string> | null;
  if (path === '/' || path === '') return <ProgramsPage />;
  if (path === '/speakers') return <SpeakersPage />;
  const lists = listsRoute(path);
  if (lists) return lists;
  if ((m = match('/programs/:id/schedule', path))) return <ScheduleSessionPage programId={m.id} />;
  if ((m = match('/programs/:id/report', path))) return <ProgramReportPage id={m.id} />;
  if ((m = match('/programs/:id/people', path))) return <PeoplePage programId={m.id} />;
  if ((m = match('/programs/:id', path))) return <ProgramPage id={m.id} />;
  if ((m = match('/sessions/:id/:tab?', path))) return <SessionConsole id={m.id} tab={m.tab ?? 'overview'} />;
  return <p>{t('page.notFound')}</p>;
}
