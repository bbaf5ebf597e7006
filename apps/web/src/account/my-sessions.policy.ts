import type { MyRegistrationItem } from '../public/public-types';

export type Group = 'upcoming' | 'waitlisted' | 'past' | 'cancelled';

/** Which list a registration belongs in, now. */
export function groupOf(r: MyRegistrationItem, nowMs: number): Group {
  if (r.status === 'cancelled' || r.session.status === 'cancelled') return 'cancelled';
  const over = r.session.status === 'ended' || Date.parse(r.session.end.utc) <= nowMs;
  if (over) return r.status === 'waitlisted' ? 'cancelled' : 'past';
  return r.status === 'waitlisted' ? 'waitlisted' : 'upcoming';
}
