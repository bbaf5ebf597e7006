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
