import type { Role } from './roles';
import type { Language } from './localized-text';

/** Who is acting, as established by the server from a verified token; never from a request body. */
export interface Actor {
  userId: string;
  roles: readonly Role[];
  coordinatorRegionIds: readonly number[];
  timeZone: string;
  language: Language;
}

export const hasRole = (actor: Actor, ...roles: Role[]): boolean =>
  roles.some((r) => actor.roles.includes(r));

/** Organizers and admins manage every program of the platform. */
export const isOrganizer = (actor: Actor): boolean => hasRole(actor, 'admin', 'organizer');

/** Nobody's id: the reader of the public pages (no account, no role). */
export const ANONYMOUS_USER_ID = '00000000-0000-0000-0000-000000000000';

/**
 * A visitor without an account, reading the public pages: no role, so every visibility rule
 * treats them like an attendee who sees published programs only.
 */
export const anonymousReader = (timeZone: string, language: Language = 'ru'): Actor => ({
  userId: ANONYMOUS_USER_ID,
  roles: [],
  coordinatorRegionIds: [],
  timeZone,
  language,
});
