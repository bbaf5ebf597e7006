/**
 * The console's way in to the people screens: the routes (their chunk loads when opened) and the
 * link the program and session pages show. Only these few words load with the console itself.
 */
import { lazy, ReactNode, Suspense } from 'react';
import type { Language } from '../api/types';
import { Loading } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { Link, match } from '../lib/router';

const ListsApp = lazy(() => import('./lists.app'));

export const LISTS_LINK_TEXT: Record<Language, string> = {
  kk: 'Адамдар, шақырулар және сертификаттар',
  ru: 'Люди, приглашения и сертификаты',
  en: 'People, invitations and certificates',
};

/** `/programs/:id/people/:tab?` and `/sessions/:id/people/:tab?` of the console, else null. */
export function listsRoute(path: string): ReactNode | null {
  const m = match('/programs/:id/people/:tab?', path) ?? match('/sessions/:id/people/:tab?', path);
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
      to={`/organizer/${type === 'program' ? 'programs' : 'sessions'}/${id}/people`}
    >
      {LISTS_LINK_TEXT[lang]}
    </Link>
  );
}
