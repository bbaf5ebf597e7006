/**
 * The selection screens (their own chunk: an attendee who never applies never downloads them):
 * applicants' /calls and /my-applications, reviewers' /review, and the organizer's /selection
 * console, which is a further chunk of its own.
 */
import { lazy, Suspense } from 'react';
import { isOrganizer, useAuth } from '../api/auth-store';
import { Loading } from '../components/ui';
import { Link, match } from '../lib/router';
import { ApplyPage, CallsPage, MyApplicationsPage, SignInFirst } from './applicant.pages';
import { ReviewApplicationPage, ReviewHomePage, ReviewQueuePage } from './review.pages';
import { useSel } from './selection-ui';

const SelectionConsole = lazy(() => import('./call-console'));

export default function SelectionApp({ path }: { path: string }) {
  const sel = useSel();
  const { auth } = useAuth();
  return (
    <div className="selection">
      {auth && (
        <nav className="subnav" aria-label={sel.s('org.title')}>
          <Link to="/calls">{sel.s('nav.calls')}</Link>
          <Link to="/my-applications">{sel.s('nav.mine')}</Link>
          <Link to="/review">{sel.s('nav.review')}</Link>
          {isOrganizer(auth.user) && <Link to="/selection">{sel.s('nav.console')}</Link>}
        </nav>
      )}
      {auth || path.startsWith('/selection') ? <SelectionRoutes path={path} /> : <SignInFirst next={path} />}
    </div>
  );
}

function SelectionRoutes({ path }: { path: string }) {
  let m: Record<string, string> | null;
  if (path === '/selection' || path.startsWith('/selection/')) {
    return (
      <Suspense fallback={<Loading />}>
        <SelectionConsole path={path.slice('/selection'.length) || '/'} />
      </Suspense>
    );
  }
  if (path === '/calls') return <CallsPage />;
  if ((m = match('/calls/:id', path))) return <ApplyPage callId={m.id} />;
  if (path === '/my-applications') return <MyApplicationsPage />;
  if (path === '/review') return <ReviewHomePage />;
  if ((m = match('/review/calls/:id', path))) return <ReviewQueuePage callId={m.id} />;
  if ((m = match('/review/applications/:id', path))) return <ReviewApplicationPage applicationId={m.id} />;
  return <CallsPage />;
}
