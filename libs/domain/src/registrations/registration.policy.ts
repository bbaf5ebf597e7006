import type { SessionStatus } from '../catalog/session.entity';
import { Actor, hasRole, isOrganizer } from '../shared/actor';
import type { RegistrationStatus } from './registration.entity';

/** A seat pool: a session or one of its sections. `capacity` null = unlimited. */
export interface SeatPool {
  capacity: number | null;
  registeredCount: number;
}

export const hasFreeSeat = (pool: SeatPool | null | undefined): boolean =>
  !pool || pool.capacity === null || pool.registeredCount < pool.capacity;

export const freeSeats = (pool: SeatPool): number =>
  pool.capacity === null ? Number.POSITIVE_INFINITY : Math.max(0, pool.capacity - pool.registeredCount);

/** A seat needs room in the session AND in the chosen section; otherwise the person waits. */
export function decideRegistrationStatus(
  session: SeatPool,
  section?: SeatPool | null,
): Extract<RegistrationStatus, 'registered' | 'waitlisted'> {
  return hasFreeSeat(session) && hasFreeSeat(section) ? 'registered' : 'waitlisted';
}

/**
 * Registration is closed once a session is cancelled or ended, whether the status says so or the
 * end time has simply passed (the status may lag behind the clock).
 */
export function registrationClosedReason(
  session: { status: SessionStatus; endAt: Date },
  now: Date,
): string | null {
  if (session.status === 'cancelled') return 'cancelled';
  if (session.status === 'ended' || session.endAt.getTime() <= now.getTime()) return 'ended';
  return null;
}

/** An empty target list means the session is open to every region. */
export function isRegionTargeted(targetRegionIds: readonly number[], regionId: number | null): boolean {
  return targetRegionIds.length === 0 || (regionId !== null && targetRegionIds.includes(regionId));
}

export interface WaitlistCandidate {
  id: string;
  sectionId: string | null;
}

/**
 * Who gets the free seats, first come first served: walks the waitlist in FIFO order and promotes
 * each person whose promotion fits both the session and their section; someone waiting for a full
 * section is skipped (not a blocker) so a free seat elsewhere still goes to the next in line.
 * Pure: the caller passes the counters as read under lock, in waitlist order.
 */
export function planPromotions(
  session: SeatPool,
  sections: ReadonlyMap<string, SeatPool>,
  waitlist: readonly WaitlistCandidate[],
): string[] {
  let sessionCount = session.registeredCount;
  const sectionCounts = new Map([...sections].map(([id, s]) => [id, s.registeredCount]));
  const promoted: string[] = [];
  for (const c of waitlist) {
    if (!hasFreeSeat({ capacity: session.capacity, registeredCount: sessionCount })) break;
    if (c.sectionId !== null) {
      const section = sections.get(c.sectionId);
      // A section deleted under the person's feet leaves them section-less (FK SET NULL) — never here.
      if (!section) continue;
      const count = sectionCounts.get(c.sectionId)!;
      if (!hasFreeSeat({ capacity: section.capacity, registeredCount: count })) continue;
      sectionCounts.set(c.sectionId, count + 1);
    }
    sessionCount++;
    promoted.push(c.id);
  }
  return promoted;
}

/**
 * Which registrations an actor may read across a session: organizers and admins all of them,
 * coordinators those of their regions, everybody else none (null).
 */
export function registrationReadScope(actor: Actor): 'all' | readonly number[] | null {
  if (isOrganizer(actor)) return 'all';
  if (hasRole(actor, 'coordinator')) return actor.coordinatorRegionIds;
  return null;
}

/** Organizers edit every roster entry; a coordinator only those of their own regions. */
export function canEditRosterRegion(actor: Actor, regionId: number): boolean {
  return (
    isOrganizer(actor) || (hasRole(actor, 'coordinator') && actor.coordinatorRegionIds.includes(regionId))
  );
}
