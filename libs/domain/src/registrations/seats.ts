/**
 * The seat ledger: placing, cancelling and promoting registrations against the capacities of a
 * session and its sections. Every function runs with the session row already locked by the caller
 * (see registration.queries.ts for the lock order), so the counters on sessions/sections are exact
 * and a capacity check cannot be raced. Each change records its domain event in the same
 * transaction; reminders and notices follow from the events (outbox).
 */
import { EntityManager, In } from 'typeorm';
import type { Section, Session } from '../catalog/session.entity';
import { domainEvent, recordEvents } from '../events/domain-events';
import { Registration, RegistrationSource } from './registration.entity';
import {
  decideRegistrationStatus,
  freeSeats,
  planPromotions,
  registrationClosedReason,
} from './registration.policy';
import { adjustSeats, asView, lockSectionsOf, RegistrationView } from './registration.queries';

export interface Placement {
  userId: string;
  regionId: number | null;
  sectionId: string | null;
  source: RegistrationSource;
  createdBy: string;
  programEnrollmentId: string | null;
}

/** Inserts (or reactivates) a registration with the status the capacities allow, and records it. */
export async function placeRegistration(
  em: EntityManager,
  session: Session,
  section: Section | null,
  existing: Registration | null,
  p: Placement,
): Promise<RegistrationView> {
  const status = decideRegistrationStatus(session, section);
  const values = {
    status,
    sectionId: p.sectionId,
    regionId: p.regionId,
    source: p.source,
    createdBy: p.createdBy,
    programEnrollmentId: p.programEnrollmentId,
    cancelledAt: null,
    // The database clock, read after the session lock was granted: FIFO is the lock order.
    waitlistedAt: status === 'waitlisted' ? () => 'clock_timestamp()' : null,
  };
  let id: string;
  if (existing) {
    await em
      .createQueryBuilder()
      .update(Registration)
      .set(values)
      .where('id = :id', { id: existing.id })
      .execute();
    id = existing.id;
  } else {
    const res = await em
      .createQueryBuilder()
      .insert()
      .into(Registration)
      .values({ ...values, userId: p.userId, sessionId: session.id })
      .execute();
    id = res.identifiers[0].id;
  }
  if (status === 'registered') {
    await adjustSeats(em, 'sessions', session.id, +1);
    session.registeredCount++;
    if (section) {
      await adjustSeats(em, 'sections', section.id, +1);
      section.registeredCount++;
    }
  }
  const reg = await em.findOneByOrFail(Registration, { id });
  await recordEvents(em, [
    domainEvent('registration.created', reg.id, {
      registrationId: reg.id,
      sessionId: session.id,
      userId: reg.userId,
      status,
      regionId: reg.regionId,
      sectionId: reg.sectionId,
      source: reg.source,
      programEnrollmentId: reg.programEnrollmentId,
      reactivated: existing !== null,
    }),
  ]);
  return asView(reg, session);
}

/** Marks a registration cancelled, frees its seat and records it. */
export async function cancelRegistration(
  em: EntityManager,
  session: Session,
  reg: Registration,
): Promise<void> {
  await em.update(Registration, { id: reg.id }, { status: 'cancelled', cancelledAt: new Date() });
  if (reg.status === 'registered') {
    await adjustSeats(em, 'sessions', session.id, -1);
    session.registeredCount--;
    if (reg.sectionId) await adjustSeats(em, 'sections', reg.sectionId, -1);
  }
  await recordEvents(em, [
    domainEvent('registration.cancelled', reg.id, {
      registrationId: reg.id,
      sessionId: session.id,
      userId: reg.userId,
      previousStatus: reg.status,
      regionId: reg.regionId,
      sectionId: reg.sectionId,
    }),
  ]);
}

/**
 * Promotes waitlisted registrations into free seats, first come first served, with both
 * capacities applied (a person waiting for a full section is skipped, the next one who fits gets
 * the seat); records `registration.promoted` for each. Nothing for a closed session. Idempotent:
 * with no free seat or nobody waiting, nothing happens.
 */
export async function promoteWaitlist(em: EntityManager, session: Session): Promise<RegistrationView[]> {
  if (registrationClosedReason(session, new Date()) || freeSeats(session) === 0) return [];
  const waitlist = await em.find(Registration, {
    where: { sessionId: session.id, status: 'waitlisted' },
    select: { id: true, sectionId: true },
    order: { waitlistedAt: 'ASC', createdAt: 'ASC', id: 'ASC' },
  });
  if (!waitlist.length) return [];
  const sections = waitlist.some((w) => w.sectionId !== null) ? await lockSectionsOf(em, session.id) : [];
  const ids = planPromotions(session, new Map(sections.map((s) => [s.id, s])), waitlist);
  if (!ids.length) return [];

  await em.update(Registration, { id: In(ids) }, { status: 'registered' });
  await adjustSeats(em, 'sessions', session.id, ids.length);
  session.registeredCount += ids.length;
  const bySection = new Map<string, number>();
  const byId = new Map(waitlist.map((w) => [w.id, w]));
  for (const id of ids) {
    const sectionId = byId.get(id)!.sectionId;
    if (sectionId) bySection.set(sectionId, (bySection.get(sectionId) ?? 0) + 1);
  }
  for (const [sectionId, n] of [...bySection].sort(([a], [b]) => (a < b ? -1 : 1))) {
    await adjustSeats(em, 'sections', sectionId, n);
  }

  const rows = new Map((await em.findBy(Registration, { id: In(ids) })).map((r) => [r.id, r]));
  const promoted = ids.map((id) => asView(rows.get(id)!, session));
  await recordEvents(
    em,
    promoted.map((r) =>
      domainEvent('registration.promoted', r.id, {
        registrationId: r.id,
        sessionId: session.id,
        userId: r.userId,
        regionId: r.regionId,
        sectionId: r.sectionId,
      }),
    ),
  );
  return promoted;
}
