import { randomUUID } from 'crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction, pgErrorCode } from '@qatys/persistence';
import { Program } from '../catalog/program.entity';
import { Session } from '../catalog/session.entity';
import { User } from '../identity/user.entity';
import { domainEvent } from '../events/domain-events';
import { Actor, isOrganizer } from '../shared/actor';
import { conflict, forbidden, invalid, notFound } from '../shared/domain.errors';
import { Registration, RegistrationStatus } from './registration.entity';
import {
  decideRegistrationStatus,
  hasFreeSeat,
  isRegionTargeted,
  registrationClosedReason,
  registrationReadScope,
} from './registration.policy';
import {
  activeRegion,
  adjustSeats,
  asView,
  lockSectionOf,
  lockSession,
  myRegistrationsPage,
  placeAtomically,
  placementFacts,
  RegistrationView,
  sessionRegistrationsPage,
} from './registration.queries';
import { cancelRegistration, placeRegistration, promoteWaitlist } from './seats';

export type { RegistrationView } from './registration.queries';

export interface RegisterInput {
  /** Organizers only: register someone else. */
  userId?: string;
  /** Organizers only: override the attendee's home region. */
  regionId?: number;
  sectionId?: string;
}

export interface UpdateRegistrationInput {
  regionId?: number;
  /** null removes the section choice. */
  sectionId?: string | null;
}

export interface RegistrationFilter {
  status?: RegistrationStatus;
  regionId?: number;
  sectionId?: string;
  page: number;
  pageSize: number;
}

export interface RegistrationPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Registrations of one session: register, cancel, move, promote by hand, and the reads. Seats are
 * decided by the seat ledger (seats.ts) under the session lock; whole-program enrolment is
 * ProgramEnrollmentsService.
 */
@Injectable()
export class RegistrationsService {
  constructor(private readonly ds: DataSource) {}

  /**
   * Registers the actor (or, for organizers, `input.userId`) for a session. Returns the existing
   * registration with `created: false` when there already is an active one (idempotent, also under
   * parallel duplicates); a cancelled one is reactivated, its status decided by capacity again.
   */
  async register(
    actor: Actor,
    sessionId: string,
    input: RegisterInput,
  ): Promise<{ registration: RegistrationView; created: boolean }> {
    const { organizer, userId } = targetOf(
      actor,
      input,
      'register someone else or choose the region of a registration',
    );
    try {
      if (input.sectionId === undefined && input.regionId === undefined) {
        const placed = await this.placeWithoutLock(actor, organizer, userId, sessionId);
        if (placed) return { registration: placed, created: true };
      }
      return await inTransaction(this.ds, async (em) => {
        const session = await lockVisibleSession(em, actor, sessionId);
        assertOpen(session);
        const section = input.sectionId ? await lockSectionOf(em, session, input.sectionId) : null;
        const user = await em.findOneBy(User, { id: userId });
        if (!user || user.disabledAt)
          throw invalid('unknown_user', `userId: user ${userId} does not exist or is disabled`);
        const regionId =
          input.regionId !== undefined ? (await activeRegion(em, input.regionId)).id : user.homeRegionId;

        const existing = await em.findOneBy(Registration, { sessionId, userId });
        if (existing && existing.status !== 'cancelled')
          return { registration: asView(existing, session), created: false };
        if (!organizer && !isRegionTargeted(session.targetRegionIds, regionId)) {
          throw conflict(
            'region_not_targeted',
            `Session ${sessionId} is aimed at regions [${session.targetRegionIds.join(', ')}]; ` +
              (regionId === null
                ? 'your profile has no home region'
                : `your region ${regionId} is not among them`),
          );
        }
        const registration = await placeRegistration(em, session, section, existing, {
          userId,
          regionId,
          sectionId: section?.id ?? null,
          source: userId !== actor.userId ? 'organizer' : 'self',
          createdBy: actor.userId,
          programEnrollmentId: null,
        });
        return { registration, created: true };
      });
    } catch (e) {
      // Two first registrations racing past the existence check: the loser re-reads the winner's row.
      if (pgErrorCode(e) === '23505') {
        const existing = await this.ds
          .getRepository(Registration)
          .findOne({ where: { sessionId, userId }, relations: { session: true } });
        if (existing) return { registration: existing as RegistrationView, created: false };
      }
      throw e;
    }
  }

  /**
   * The common case without holding the session lock across round trips: a new registration with
   * no section and no region override. Reads without locks, decides with the same policies, and
   * places the person in one statement (placeAtomically). Returns null whenever the answer is not
   * a plain new registration — an error to word, an existing or cancelled row, a session that
   * changed under it — and the locked path decides as before. Two tries: a seat taken by someone
   * else between the read and the statement turns the first try's "registered" into a null.
   */
  private async placeWithoutLock(
    actor: Actor,
    organizer: boolean,
    userId: string,
    sessionId: string,
  ): Promise<RegistrationView | null> {
    const em = this.ds.manager;
    for (let attempt = 0; attempt < 2; attempt++) {
      const facts = await placementFacts(em, sessionId, userId);
      if (!facts?.activeUser || facts.hasRow) return null;
      const { session } = facts;
      const regionId = facts.activeUser.homeRegionId;
      const source = userId !== actor.userId ? 'organizer' : 'self';
      if (registrationClosedReason(session, new Date())) return null;
      if (!organizer && session.program?.status !== 'published') return null;
      if (!organizer && !isRegionTargeted(session.targetRegionIds, regionId)) return null;
      const status = decideRegistrationStatus(session);
      const id = randomUUID();
      const placed = await placeAtomically(
        em,
        {
          sessionId,
          status: session.status,
          version: session.version,
          targetRegionIds: session.targetRegionIds,
        },
        {
          id,
          status,
          userId,
          regionId,
          source,
          createdBy: actor.userId,
          event: domainEvent('registration.created', id, {
            registrationId: id,
            sessionId,
            userId,
            status,
            regionId,
            sectionId: null,
            source,
            programEnrollmentId: null,
            reactivated: false,
          }),
        },
      );
      if (!placed) continue;
      if (status === 'registered') session.registeredCount++;
      const reg = em.create(Registration, {
        id,
        sessionId,
        userId,
        status,
        regionId,
        sectionId: null,
        source,
        createdBy: actor.userId,
        programEnrollmentId: null,
        cancelledAt: null,
        ...placed,
      });
      return asView(reg, session);
    }
    return null;
  }

  /**
   * Cancels a registration; a freed seat goes to the first waitlisted person who fits (same
   * transaction). Cancelling again changes nothing. Someone who is neither the owner nor an
   * organizer gets a 404, as if the registration did not exist (no IDOR).
   * `ownerOnly` is for /me routes, where even an organizer acts as an attendee.
   */
  async cancel(
    actor: Actor,
    registrationId: string,
    opts: { sessionId?: string; ownerOnly?: boolean } = {},
  ): Promise<{ registration: RegistrationView; promoted: RegistrationView[]; changed: boolean }> {
    const manage = isOrganizer(actor) && !opts.ownerOnly;
    return inTransaction(this.ds, async (em) => {
      const found = await em.findOneBy(Registration, { id: registrationId });
      if (
        !found ||
        (opts.sessionId !== undefined && found.sessionId !== opts.sessionId) ||
        (!manage && found.userId !== actor.userId)
      ) {
        throw notFound('Registration', registrationId);
      }
      const session = (await lockSession(em, found.sessionId))!;
      const reg = await em.findOneByOrFail(Registration, { id: registrationId });
      if (reg.status === 'cancelled')
        return { registration: asView(reg, session), promoted: [], changed: false };
      // History stays put: an attendee cannot un-register from a session that is over.
      if (!manage && registrationClosedReason(session, new Date()) === 'ended') {
        throw conflict(
          'session_closed',
          `Session ${session.id} has ended: its registrations can no longer be cancelled`,
        );
      }
      await cancelRegistration(em, session, reg);
      const promoted = await promoteWaitlist(em, session);
      return {
        registration: asView(await em.findOneByOrFail(Registration, { id: reg.id }), session),
        promoted,
        changed: true,
      };
    });
  }

  /**
   * Fills the free seats of a session from its waitlist, first come first served (a person waiting
   * for a full section is skipped, the next one who fits gets the seat), recording
   * `registration.promoted` for each: the organizer's "promote" action. A raised capacity does
   * the same through its event (registration.handlers.ts). Does nothing for a closed session.
   */
  async promoteFromWaitlist(sessionId: string): Promise<RegistrationView[]> {
    return inTransaction(this.ds, async (em) => {
      const session = await lockSession(em, sessionId);
      if (!session) throw notFound('Session', sessionId);
      return promoteWaitlist(em, session);
    });
  }

  /** Organizers move a registration to another region or section; a registered seat needs room in the new section. */
  async update(
    actor: Actor,
    sessionId: string,
    registrationId: string,
    patch: UpdateRegistrationInput,
  ): Promise<RegistrationView> {
    if (!isOrganizer(actor)) throw forbidden('Only organizers may change a registration');
    if (patch.regionId === undefined && patch.sectionId === undefined) {
      throw invalid('empty_patch', 'Give regionId and/or sectionId to change');
    }
    return inTransaction(this.ds, async (em) => {
      const session = await lockSession(em, sessionId);
      if (!session) throw notFound('Session', sessionId);
      const reg = await em.findOneBy(Registration, { id: registrationId, sessionId });
      if (!reg) throw notFound('Registration', registrationId);
      const changes: Partial<Registration> = {};
      if (patch.regionId !== undefined) changes.regionId = (await activeRegion(em, patch.regionId)).id;
      let sectionMoved = false;
      if (patch.sectionId !== undefined && patch.sectionId !== reg.sectionId) {
        const target = patch.sectionId === null ? null : await lockSectionOf(em, session, patch.sectionId);
        if (reg.status === 'registered') {
          if (target && !hasFreeSeat(target)) {
            throw conflict(
              'section_full',
              `Section ${target.id} is full (${target.registeredCount}/${target.capacity})`,
            );
          }
          if (reg.sectionId) await adjustSeats(em, 'sections', reg.sectionId, -1);
          if (target) await adjustSeats(em, 'sections', target.id, +1);
        }
        changes.sectionId = target?.id ?? null;
        sectionMoved = true;
      }
      if (Object.keys(changes).length) await em.update(Registration, { id: reg.id }, changes);
      // A seat left behind in the old section, or a waiting person now in a section with room.
      if (sectionMoved) await promoteWaitlist(em, session);
      return asView(await em.findOneByOrFail(Registration, { id: reg.id }), session);
    });
  }

  /** A session's registrations: all for organizers, a coordinator's regions only, 403 for others. */
  async listForSession(
    actor: Actor,
    sessionId: string,
    f: RegistrationFilter,
  ): Promise<RegistrationPage<RegistrationView>> {
    const scope = registrationReadScope(actor);
    if (scope === null)
      throw forbidden('Only organizers and coordinators may list the registrations of a session');
    if (scope !== 'all' && f.regionId !== undefined && !scope.includes(f.regionId)) {
      throw forbidden(`You coordinate regions [${scope.join(', ')}], not region ${f.regionId}`);
    }
    const session = await this.ds.getRepository(Session).findOneBy({ id: sessionId });
    if (!session) throw notFound('Session', sessionId);
    const [rows, total] = await sessionRegistrationsPage(this.ds.manager, { ...f, sessionId, scope });
    return { items: rows.map((r) => asView(r, session)), total, page: f.page, pageSize: f.pageSize };
  }

  /** The actor's own registrations, soonest session first. */
  async listMine(
    actor: Actor,
    f: { status?: RegistrationStatus; page: number; pageSize: number },
  ): Promise<RegistrationPage<RegistrationView>> {
    const [rows, total] = await myRegistrationsPage(this.ds.manager, { ...f, userId: actor.userId });
    return { items: rows as RegistrationView[], total, page: f.page, pageSize: f.pageSize };
  }

  /**
   * Somebody's registrations, for an organizer or admin looking a person up (the same page as
   * "my registrations"); an unknown user is a 404.
   */
  async listForUser(
    actor: Actor,
    userId: string,
    f: { status?: RegistrationStatus; page: number; pageSize: number },
  ): Promise<RegistrationPage<RegistrationView>> {
    if (!isOrganizer(actor)) throw forbidden("Only organizers may see another person's registrations");
    if (!(await this.ds.getRepository(User).existsBy({ id: userId }))) throw notFound('User', userId);
    const [rows, total] = await myRegistrationsPage(this.ds.manager, { ...f, userId });
    return { items: rows as RegistrationView[], total, page: f.page, pageSize: f.pageSize };
  }

  /** One of the actor's own registrations; anybody else's id is a 404, never a 200 or a 403. */
  async getMine(actor: Actor, registrationId: string): Promise<RegistrationView> {
    const reg = await this.ds.getRepository(Registration).findOne({
      where: { id: registrationId, userId: actor.userId },
      relations: { session: true, section: true, region: true },
    });
    if (!reg) throw notFound('Registration', registrationId);
    return reg as RegistrationView;
  }
}

/** Locks the session; a session of an unpublished program does not exist for non-organizers. */
async function lockVisibleSession(em: EntityManager, actor: Actor, id: string): Promise<Session> {
  const session = await lockSession(em, id);
  if (!session) throw notFound('Session', id);
  if (!isOrganizer(actor)) {
    const program = await em.findOneBy(Program, { id: session.programId });
    if (program?.status !== 'published') throw notFound('Session', id);
  }
  return session;
}

function assertOpen(session: Session): void {
  const reason = registrationClosedReason(session, new Date());
  if (reason) throw conflict('session_closed', `Session ${session.id} is ${reason}: registration is closed`);
}

/**
 * Whom a registration or enrolment is for: the actor, or (organizers only) the given user, with a
 * region chosen by the organizer. Anyone else naming a user or a region is refused.
 */
export function targetOf(
  actor: Actor,
  input: { userId?: string; regionId?: number },
  what: string,
): { organizer: boolean; userId: string } {
  const organizer = isOrganizer(actor);
  const forOther = input.userId !== undefined && input.userId !== actor.userId;
  if (!organizer && (forOther || input.regionId !== undefined))
    throw forbidden(`Only organizers may ${what}`);
  return { organizer, userId: input.userId ?? actor.userId };
}
