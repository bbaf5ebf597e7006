/**
 * The admin screens (users and roles, regions): their own chunk, loaded only when an admin opens
 * them. The API checks the admin role on every call; this shell only keeps others out politely.
 */
import { useState } from 'react';
import { useAuth } from '../api/auth-store';
import { useI18n } from '../i18n/i18n';
import { Link, match } from '../lib/router';
import { SignInForm } from '../pages/sign-in.page';
import './admin.css';
import { useAdminText } from './admin-ui';
import { NewAccountCard } from './new-account.card';
import { RegionsPage } from './regions.page';
import { UserPage } from './user.page';
import { UsersPage } from './users.page';
import { registerStrings } from '../i18n/i18n';
import { STRINGS } from '../i18n/strings';

// The console's words come with the console: the attendee's first download carries only theirs.
registerStrings(STRINGS);

export const isAdmin = (roles: readonly string[] | undefined): boolean => !!roles?.includes('admin');

export default function AdminApp({ path }: { path: string }) {
  const { auth } = useAuth();
  const { at } = useAdminText();
  const { t } = useI18n();
  if (!auth) {
    return (
      <section className="card narrow">
        <h1>{at('admin.title')}</h1>
        <p>{at('admin.signInFirst')}</p>
        <SignInForm onDone={() => undefined} />
      </section>
    );
  }
  if (!isAdmin(auth.user.roles)) {
    return (
      <section className="notice notice-error" role="alert">
        <p>{at('admin.noAccess')}</p>
        <Link to="/">{t('nav.home')}</Link>
      </section>
    );
  }
  return (
    <div className="console">
      <nav className="subnav" aria-label={at('admin.title')}>
        <Link to="/admin">{at('admin.users')}</Link>
        <Link to="/admin/regions">{at('admin.regions')}</Link>
        <Link to="/organizer">{at('admin.backToConsole')}</Link>
      </nav>
      <AdminRoutes path={path} />
    </div>
  );
}

function AdminRoutes({ path }: { path: string }) {
  const { t } = useI18n();
  // Each account made below redraws the list above, so the new person shows up in it.
  const [made, setMade] = useState(0);
  let m: Record<string, string> | null;
  if (path === '/' || path === '' || path === '/users')
    return (
      <>
        <UsersPage key={made} />
        <NewAccountCard onCreated={() => setMade((n) => n + 1)} />
      </>
    );
  if (path === '/regions') return <RegionsPage />;
  if ((m = match('/users/:id', path))) return <UserPage id={m.id} />;
  return <p>{t('page.notFound')}</p>;
}
