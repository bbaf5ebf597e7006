/**
 * A router small enough to read: the History API, one hook for the current location, a Link that
 * keeps the keyboard and middle-click behaviour of a real <a>, and `/a/:b` patterns.
 * Every route lives under BASE (the api serves the app there).
 */
import { AnchorHTMLAttributes, MouseEvent, ReactNode, useSyncExternalStore } from 'react';

export { match } from './route-match';

export const BASE = '/app';

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

const current = () => window.location.pathname + window.location.search + window.location.hash;

export interface Location {
  /** Path inside the app, always starting with "/" ("/organizer/programs"). */
  path: string;
  query: URLSearchParams;
  hash: string;
}

function parse(full: string): Location {
  const u = new URL(full, window.location.origin);
  let path = u.pathname.startsWith(BASE) ? u.pathname.slice(BASE.length) : u.pathname;
  if (!path.startsWith('/')) path = `/${path}`;
  return { path, query: u.searchParams, hash: u.hash.replace(/^#/, '') };
}

let cachedKey = '';
let cached: Location | undefined;
function snapshot(): Location {
  const key = current();
  if (key !== cachedKey || !cached) {
    cachedKey = key;
    cached = parse(key);
  }
  return cached;
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, snapshot);
}

export const href = (to: string): string => (to.startsWith('/') ? `${BASE}${to}` : to);

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = href(to);
  if (opts.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  notify();
  window.scrollTo(0, 0);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; children: ReactNode };

export function Link({ to, onClick, ...rest }: LinkProps) {
  const onNav = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  const here = snapshot().path === to;
  return <a href={href(to)} onClick={onNav} aria-current={here ? 'page' : undefined} {...rest} />;
}
