/**
 * The console's way in to the people screens: the routes (their chunk loads when opened) and the
 * link the program and session pages show. Only these few words load with the console itself.
 */
import { lazy, ReactNode, Suspense } from 'react';
import { Loading } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { Link, match } from '../lib/router';
import { LISTS_LINK_TEXT } from './lists-link-text';

const ListsApp = lazy(() => import('./lists.app'));

/** `/programs/:id/invitations/:tab?` and `/sessions/:id/invitations/:tab?` of the console, else null. */
export function listsRoute(path: string): ReactNode | null {
  const m = match('/programs/:id/invitations/:tab?', path) ?? match('/sessions/:id/invitations/:tab?', path);
  if (!m) return null;
  const type = path.startsWith('/programs/') ? 'program' : 'session';
  return (
    <Suspense fallback={<Loading />}>
      <ListsApp scope={{ type, id: m.id }} tab={m.tab ?? 'list'} />
    </Suspense>
  );
}

/** A button-like link on a page, or (`tab`) one more link in a row of tabs. */
export function ListsLink({ type, id, tab }: { type: 'program' | 'session'; id: string; tab?: boolean }) {
  const { lang } = useI18n();
  return (
    <Link
      className={tab ? undefined : 'button secondary'}
      to={`/organizer/${type === 'program' ? 'programs' : 'sessions'}/${id}/invitations`}
    >
      {LISTS_LINK_TEXT[lang]}
    </Link>
  );
}
