/**
 * Who is signed in: the API's tokens and user, kept in localStorage so a reload keeps the
 * session. Components read it through useAuth() (useSyncExternalStore); http.ts updates it on
 * refresh and clears it when the API says the sign-in is no longer valid.
 */
import { useSyncExternalStore } from 'react';
import type { TokenResponse, User } from './types';

export interface AuthState {
  accessToken: string;
  refreshToken: string;
  user: User;
}

export interface AuthSnapshot {
  auth: AuthState | null;
  /** Set when the API refused the stored sign-in (expired, revoked): the UI says so plainly. */
  expired: boolean;
}

const KEY = 'qatys.auth';
const listeners = new Set<() => void>();

function load(): AuthState | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as AuthState;
    return v && typeof v.accessToken === 'string' && v.user ? v : null;
  } catch {
    return null;
  }
}

let snapshot: AuthSnapshot = { auth: load(), expired: false };

function set(next: AuthSnapshot): void {
  snapshot = next;
  try {
    if (next.auth) localStorage.setItem(KEY, JSON.stringify(next.auth));
    else localStorage.removeItem(KEY);
  } catch {
    // private mode: the session lasts as long as the tab
  }
  for (const l of listeners) l();
}

export const authStore = {
  get: (): AuthState | null => snapshot.auth,
  snapshot: (): AuthSnapshot => snapshot,
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  setTokens(t: TokenResponse): void {
    set({ auth: { accessToken: t.accessToken, refreshToken: t.refreshToken, user: t.user }, expired: false });
  },
  setUser(user: User): void {
    if (snapshot.auth) set({ ...snapshot, auth: { ...snapshot.auth, user } });
  },
  signOut(): void {
    set({ auth: null, expired: false });
  },
  expire(): void {
    set({ auth: null, expired: true });
  },
  clearExpired(): void {
    if (snapshot.expired) set({ ...snapshot, expired: false });
  },
};

// Another tab signed in or out: follow it.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === KEY) {
      snapshot = { auth: load(), expired: false };
      for (const l of listeners) l();
    }
  });
}

export function useAuth(): AuthSnapshot {
  return useSyncExternalStore(authStore.subscribe, authStore.snapshot);
}

const STAFF = ['admin', 'organizer', 'coordinator', 'moderator', 'speaker'];
export const isStaff = (u: User | undefined | null): boolean => !!u?.roles.some((r) => STAFF.includes(r));
export const isOrganizer = (u: User | undefined | null): boolean =>
  !!u?.roles.some((r) => r === 'admin' || r === 'organizer');
