import { Component, ErrorInfo, lazy, ReactNode, Suspense } from 'react';
import { authStore, isStaff, useAuth } from './api/auth-store';
import { LanguageSwitch, Loading } from './components/ui';
import { I18nProvider, useI18n } from './i18n/i18n';
import { Link, match, navigate, useLocation } from './lib/router';
import { LivePage } from './pages/live.page';
import { http } from './api/http';
import { CALLS_LINK, SELECTION_PATH } from './selection/selection-nav';
import { navText } from './i18n/public-nav-strings';
import { isAccountPath, isPublicPath } from './public/paths';

// The console is most of the code and no attendee needs it: its own chunks, loaded on demand.
const OrganizerApp = lazy(() => import('./organizer/organizer.app'));
const SelectionApp = lazy(() => import('./selection/selection.app'));
const AdminApp = lazy(() => import('./admin/admin.app'));
// The public pages and the account pages: each a chunk of its own, loaded when opened.
const PublicRoutes = lazy(() => import('./public/public.routes'));
const AccountRoutes = lazy(() => import('./account/account.routes'));
// Pages an attendee on the live page never sees: chunks of their own, so the live page's first
// download is only what it draws (issue 13, attendee JS budget).
const HomePage = lazy(() => import('./pages/home.page').then((m) => ({ default: m.HomePage })));
const SignInPage = lazy(() => import('./pages/sign-in.page').then((m) => ({ default: m.SignInPage })));
const InvitePage = lazy(() => import('./pages/invite.page').then((m) => ({ default: m.InvitePage })));

export function App() {
  return (
    <I18nProvider>
      <Shell />
    </I18nProvider>
  );
}

function Shell() {
  const loc = useLocation();
  const { t } = useI18n();
  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <Header />
      <ExpiredNotice />
      <main id="main" tabIndex={-1}>
        <ErrorBoundary key={loc.path}>
          <Routes path={loc.path} />
        </ErrorBoundary>
      </main>
    </>
  );
}

function Routes({ path }: { path: string }) {
  let m: Record<string, string> | null;
  if ((m = match('/join/:sessionId?', path))) return <LivePage sessionId={m.sessionId} viaJoinLink />;
  if ((m = match('/s/:sessionId', path))) return <LivePage sessionId={m.sessionId} />;
  if ((m = match('/invite/:token', path)))
    return (
      <Suspense fallback={<Loading />}>
        <InvitePage token={m.token} />
      </Suspense>
    );
  if (path === '/signin')
    return (
      <Suspense fallback={<Loading />}>
        <SignInPage />
      </Suspense>
    );
  if (isPublicPath(path) || isAccountPath(path)) {
    const Chunk = isPublicPath(path) ? PublicRoutes : AccountRoutes;
    return (
      <Suspense fallback={<Loading />}>
        <Chunk path={path} />
      </Suspense>
    );
  }
  if (path === '/organizer' || path.startsWith('/organizer/')) {
    return (
      <Suspense fallback={<Loading />}>
        <OrganizerApp path={path.slice('/organizer'.length) || '/'} />
      </Suspense>
    );
  }
  if (SELECTION_PATH.test(path)) {
    return (
      <Suspense fallback={<Loading />}>
        <SelectionApp path={path} />
      </Suspense>
    );
  }
  if (path === '/admin' || path.startsWith('/admin/')) {
    return (
      <Suspense fallback={<Loading />}>
        <AdminApp path={path.slice('/admin'.length) || '/'} />
      </Suspense>
    );
  }
  if (path === '/' || path === '')
    return (
      <Suspense fallback={<Loading />}>
        <HomePage />
      </Suspense>
    );
  return <NotFound />;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <section className="card">
      <h1>{t('page.notFound')}</h1>
      <p>
        <Link to="/">{t('nav.home')}</Link>
      </p>
    </section>
  );
}

function Header() {
  const { auth } = useAuth();
  const { t, lang } = useI18n();
  const signOut = async () => {
    const refreshToken = authStore.get()?.refreshToken;
    authStore.signOut();
    if (refreshToken) await http.post('/auth/logout', { refreshToken }, { anonymous: true }).catch(() => {});
    navigate('/');
  };
  return (
    <header className="top">
      <Link to="/" className="brand">
        Qatys
      </Link>
      <nav aria-label={t('nav.main')}>
        <Link to="/programs">{navText(lang, 'nav.programs')}</Link>
        <Link to="/schedule">{navText(lang, 'nav.schedule')}</Link>
        <Link to="/calls">{CALLS_LINK[lang]}</Link>
        {auth && <Link to="/my-sessions">{navText(lang, 'nav.mySessions')}</Link>}
        {auth && <Link to="/profile">{navText(lang, 'nav.profile')}</Link>}
        {isStaff(auth?.user) && <Link to="/organizer">{t('nav.console')}</Link>}
      </nav>
      <div className="top-right">
        <LanguageSwitch />
        {auth ? (
          <span className="who">
            <span className="who-name">{auth.user.displayName}</span>
            <button type="button" className="link" onClick={() => void signOut()}>
              {t('action.signOut')}
            </button>
          </span>
        ) : (
          <span className="who">
            <Link to="/signin">{t('action.signIn')}</Link>
            <Link to="/signup">{navText(lang, 'nav.signUp')}</Link>
          </span>
        )}
      </div>
    </header>
  );
}

function ExpiredNotice() {
  const { expired } = useAuth();
  const { t } = useI18n();
  if (!expired) return null;
  return (
    <div className="notice notice-warn" role="alert">
      <p>{t('auth.expired')}</p>
      <Link
        to={`/signin?next=${encodeURIComponent(window.location.pathname.replace(/^\/app/, ''))}`}
        onClick={() => authStore.clearExpired()}
      >
        {t('action.signIn')}
      </Link>
    </div>
  );
}

interface BoundaryState {
  failed: boolean;
}

/** A rendering bug shows a sentence and a way out, never a blank page. */
class ErrorBoundary extends Component<{ children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { failed: false };

  static getDerivedStateFromError(): BoundaryState {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Visible in the browser console for whoever debugs it; the page shows a plain sentence.
    // eslint-disable-next-line no-console
    console.error(error, info.componentStack);
  }

  override render() {
    return this.state.failed ? <Crashed /> : this.props.children;
  }
}

function Crashed() {
  const { t } = useI18n();
  return (
    <section className="notice notice-error" role="alert">
      <p>
        <strong>{t('error.unexpected')}</strong>
      </p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('action.reload')}
      </button>
    </section>
  );
}
