import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { inTransaction, pgErrorCode } from '@qatys/persistence';
import { Program } from '../catalog/program.entity';
import { Section, Session } from '../catalog/session.entity';
import { recordEvents, NewDomainEvent } from '../events/domain-events';
import { Region } from '../identity/region.entity';
import { User } from '../identity/user.entity';
import {
  cancelRegistrationReminders,
  planSessionReminders,
  wakeNotifications,
} from '../reminders/reminder-planner';
import { Actor, isOrganizer } from '../shared/actor';
import { conflict, forbidden, invalid, notFound } from '../shared/domain.errors';
import {
  ProgramEnrollment,
  Registration,
  RegistrationSource,
  RegistrationStatus,
} from './registration.entity';
import {
  registrationClosedReason,
  decideRegistrationStatus,
  freeSeats,
  hasFreeSeat,
  isRegionTargeted,
  planPromotions,
  registrationReadScope,
} from './registration.policy';

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

/** A registration with its session (and section when chosen) loaded, ready to render. */
export type RegistrationView = Registration & { session: Session };

export interface EnrollmentResult {
  enrollment: ProgramEnrollment;
  /** The program-sourced registrations of the enrollment (or, when nothing changed, the current ones). */
  registrations: RegistrationView[];
  created: boolean;
}

interface Placement {
  userId: string;
  regionId: number | null;
  sectionId: string | null;
  source: RegistrationSource;
  createdBy: string;
  programEnrollmentId: string | null;
}

/**
 * Registrations, waitlist and whole-program enrolment.
 *
 * Concurrency: every change to the registrations of a session happens with the session row locked
 * (SELECT ... FOR UPDATE), and its sections after it (session -> sections, sections by id), so the
 * seat counters on sessions/sections are exact and the capacity check cannot be raced. Whole-program
 * operations lock the program row first (program -> sessions by id -> sections). Nobody takes
 * these locks in another order, so they cannot deadlock one another.
 */
@Injectable()
export class RegistrationsService {
  constructor(private readonly ds: DataSource) {}

  // ---------------------------------------------------------------- one session

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
      return await inTransaction(this.ds, async (em) => {
        const session = await this.lockVisibleSession(em, actor, sessionId);
        this.assertOpen(session);
        const section = input.sectionId ? await this.lockSectionOf(em, session, input.sectionId) : null;
        const user = await em.findOneBy(User, { id: userId });
        if (!user || user.disabledAt)
          throw invalid('unknown_user', `userId: user ${userId} does not exist or is disabled`);
        const regionId =
          input.regionId !== undefined ? (await this.activeRegion(em, input.regionId)).id : user.homeRegionId;

        const existing = await em.findOneBy(Registration, { sessionId, userId });
        if (existing && existing.status !== 'cancelled')
          return { registration: this.view(existing, session), created: false };
        if (!organizer && !isRegionTargeted(session.targetRegionIds, regionId)) {
          throw conflict(
            'region_not_targeted',
            `Session ${sessionId} is aimed at regions [${session.targetRegionIds.join(', ')}]; ` +
              (regionId === null
                ? 'your profile has no home region'
                : `your region ${regionId} is not among them`),
          );
        }
        const registration = await this.place(em, session, section, existing, {
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
      const session = (await this.lockSession(em, found.sessionId))!;
      const reg = await em.findOneByOrFail(Registration, { id: registrationId });
      if (reg.status === 'cancelled')
        return { registration: this.view(reg, session), promoted: [], changed: false };
      // History stays put: an attendee cannot un-register from a session that is over.
      if (!manage && registrationClosedReason(session, new Date()) === 'ended') {
        throw conflict(
          'session_closed',
          `Session ${session.id} has ended: its registrations can no longer be cancelled`,
        );
      }
      await this.cancelInTx(em, session, reg);
      const promoted = await this.promoteInTx(em, session);
      return {
        registration: this.view(await em.findOneByOrFail(Registration, { id: reg.id }), session),
        promoted,
        changed: true,
      };
    });
  }

  /**
   * Fills the free seats of a session from its waitlist, first come first served (a person waiting
   * for a full section is skipped, the next one who fits gets the seat), recording
   * `registration.promoted` for each. Call it after anything that frees seats outside this service,
   * e.g. a catalog PATCH that raises a session's or a section's capacity — after that change has
   * committed, and without holding a section lock (this takes session -> sections).
   * Does nothing for a cancelled or ended session.
   */
  async promoteFromWaitlist(sessionId: string): Promise<RegistrationView[]> {
    return inTransaction(this.ds, async (em) => {
      const session = await this.lockSession(em, sessionId);
      if (!session) throw notFound('Session', sessionId);
      return this.promoteInTx(em, session);
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
      const session = await this.lockSession(em, sessionId);
      if (!session) throw notFound('Session', sessionId);
      const reg = await em.findOneBy(Registration, { id: registrationId, sessionId });
      if (!reg) throw notFound('Registration', registrationId);
      const changes: Partial<Registration> = {};
      if (patch.regionId !== undefined) changes.regionId = (await this.activeRegion(em, patch.regionId)).id;
      let sectionMoved = false;
      if (patch.sectionId !== undefined && patch.sectionId !== reg.sectionId) {
        const target =
          patch.sectionId === null ? null : await this.lockSectionOf(em, session, patch.sectionId);
        if (reg.status === 'registered') {
          if (target && !hasFreeSeat(target)) {
            throw conflict(
              'section_full',
              `Section ${target.id} is full (${target.registeredCount}/${target.capacity})`,
            );
          }
          if (reg.sectionId) await this.adjust(em, 'sections', reg.sectionId, -1);
          if (target) await this.adjust(em, 'sections', target.id, +1);
        }
        changes.sectionId = target?.id ?? null;
        sectionMoved = true;
      }
      if (Object.keys(changes).length) await em.update(Registration, { id: reg.id }, changes);
      // A seat left behind in the old section, or a waiting person now in a section with room.
      if (sectionMoved) await this.promoteInTx(em, session);
      return this.view(await em.findOneByOrFail(Registration, { id: reg.id }), session);
    });
  }

  // ---------------------------------------------------------------- reads

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
    const qb = this.ds
      .getRepository(Registration)
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.user', 'u')
      .leftJoinAndSelect('r.section', 'sec')
      .leftJoinAndSelect('r.region', 'reg')
      .where('r.sessionId = :sessionId', { sessionId });
    if (f.status) qb.andWhere('r.status = :status', { status: f.status });
    if (f.regionId !== undefined) qb.andWhere('r.regionId = :regionId', { regionId: f.regionId });
    if (f.sectionId) qb.andWhere('r.sectionId = :sectionId', { sectionId: f.sectionId });
    if (scope !== 'all') {
      if (scope.length) qb.andWhere('r.regionId IN (:...scope)', { scope: [...scope] });
      else qb.andWhere('1 = 0');
    }
    const [rows, total] = await qb
      .orderBy('r.createdAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .skip((f.page - 1) * f.pageSize)
      .take(f.pageSize)
      .getManyAndCount();
    return { items: rows.map((r) => this.view(r, session)), total, page: f.page, pageSize: f.pageSize };
  }

  /** The actor's own registrations, soonest session first. */
  async listMine(
    actor: Actor,
    f: { status?: RegistrationStatus; page: number; pageSize: number },
  ): Promise<RegistrationPage<RegistrationView>> {
    const qb = this.ds
      .getRepository(Registration)
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.session', 's')
      .leftJoinAndSelect('r.section', 'sec')
      .leftJoinAndSelect('r.region', 'reg')
      .where('r.userId = :userId', { userId: actor.userId });
    if (f.status) qb.andWhere('r.status = :status', { status: f.status });
    const [rows, total] = await qb
      .orderBy('s.startAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .skip((f.page - 1) * f.pageSize)
      .take(f.pageSize)
      .getManyAndCount();
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

  // ---------------------------------------------------------------- whole program

  /**
   * Enrols the actor (or, for organizers, `input.userId`) in a whole program and registers them
   * for every session of it that is neither cancelled nor over and is open to the enrolment's
   * region (a session aimed at other regions is skipped, as a self-registration there would be
   * refused). Each session applies its own capacity, so some may end waitlisted. A registration
   * the person already holds is kept as it is. Idempotent: an active enrolment is returned unchanged.
   */
  async enrollInProgram(
    actor: Actor,
    programId: string,
    input: { userId?: string; regionId?: number },
  ): Promise<EnrollmentResult> {
    const { organizer, userId } = targetOf(
      actor,
      input,
      'enrol someone else or choose the region of an enrolment',
    );
    try {
      return await inTransaction(this.ds, async (em) => {
        const program = await this.lockProgram(em, programId);
        if (!program || (!organizer && program.status !== 'published')) throw notFound('Program', programId);
        if (program.status === 'archived')
          throw conflict('program_closed', `Program ${programId} is archived`);
        const user = await em.findOneBy(User, { id: userId });
        if (!user || user.disabledAt)
          throw invalid('unknown_user', `userId: user ${userId} does not exist or is disabled`);
        const regionId =
          input.regionId !== undefined ? (await this.activeRegion(em, input.regionId)).id : user.homeRegionId;

        let enrollment = await em.findOneBy(ProgramEnrollment, { programId, userId });
        if (enrollment?.status === 'active') {
          return {
            enrollment,
            registrations: await this.enrollmentRegistrations(em, enrollment.id),
            created: false,
          };
        }
        if (enrollment) {
          await em.update(ProgramEnrollment, { id: enrollment.id }, { status: 'active', regionId });
        } else {
          const res = await em.insert(ProgramEnrollment, { programId, userId, regionId, status: 'active' });
          enrollment = { id: res.identifiers[0].id } as ProgramEnrollment;
        }
        enrollment = await em.findOneByOrFail(ProgramEnrollment, { id: enrollment.id });

        const sessions = await this.lockOpenSessionsOfProgram(em, programId);
        const existing = await this.registrationsOf(em, userId, sessions);
        const registrations: RegistrationView[] = [];
        for (const session of sessions) {
          if (!isRegionTargeted(session.targetRegionIds, regionId)) continue;
          const prior = existing.get(session.id) ?? null;
          if (prior && prior.status !== 'cancelled') continue;
          registrations.push(
            await this.place(em, session, null, prior, {
              userId,
              regionId,
              sectionId: null,
              source: 'program',
              createdBy: actor.userId,
              programEnrollmentId: enrollment.id,
            }),
          );
        }
        return { enrollment, registrations, created: true };
      });
    } catch (e) {
      if (pgErrorCode(e) === '23505') {
        const enrollment = await this.ds.getRepository(ProgramEnrollment).findOneBy({ programId, userId });
        if (enrollment) {
          return {
            enrollment,
            registrations: await this.enrollmentRegistrations(this.ds.manager, enrollment.id),
            created: false,
          };
        }
      }
      throw e;
    }
  }

  /**
   * Cancels a program enrolment (`'me'` = the actor's own) and the registrations it created
   * (source `program`), promoting from each session's waitlist. Registrations the person made on
   * their own stay. Idempotent. Someone else's enrolment is a 404 unless the actor organizes.
   */
  async cancelEnrollment(
    actor: Actor,
    programId: string,
    enrollmentId: string | 'me',
  ): Promise<{
    enrollment: ProgramEnrollment;
    cancelled: RegistrationView[];
    promoted: RegistrationView[];
    changed: boolean;
  }> {
    return inTransaction(this.ds, async (em) => {
      const program = await this.lockProgram(em, programId);
      if (!program) throw notFound('Program', programId);
      const enrollment =
        enrollmentId === 'me'
          ? await em.findOneBy(ProgramEnrollment, { programId, userId: actor.userId })
          : await em.findOneBy(ProgramEnrollment, { programId, id: enrollmentId });
      if (!enrollment || (!isOrganizer(actor) && enrollment.userId !== actor.userId)) {
        throw notFound(
          'Program enrollment',
          enrollmentId === 'me' ? `of user ${actor.userId} in program ${programId}` : enrollmentId,
        );
      }
      if (enrollment.status === 'cancelled')
        return { enrollment, cancelled: [], promoted: [], changed: false };
      await em.update(ProgramEnrollment, { id: enrollment.id }, { status: 'cancelled' });

      const regs = await em.find(Registration, {
        where: { programEnrollmentId: enrollment.id, source: 'program', status: Not('cancelled') },
      });
      const sessionIds = [...new Set(regs.map((r) => r.sessionId))].sort();
      const cancelled: RegistrationView[] = [];
      const promoted: RegistrationView[] = [];
      for (const sessionId of sessionIds) {
        const session = (await this.lockSession(em, sessionId))!;
        for (const reg of regs.filter((r) => r.sessionId === sessionId)) {
          await this.cancelInTx(em, session, reg);
          cancelled.push(this.view(await em.findOneByOrFail(Registration, { id: reg.id }), session));
        }
        promoted.push(...(await this.promoteInTx(em, session)));
      }
      return {
        enrollment: await em.findOneByOrFail(ProgramEnrollment, { id: enrollment.id }),
        cancelled,
        promoted,
        changed: true,
      };
    });
  }

  /**
   * Registers every active enrolment of the session's program for this session — call it after a
   * session has been added to a program (after that insert committed). Same rules as an enrolment:
   * skipped when the session is cancelled/over or not open to the enrolment's region; people who
   * already have a registration for the session (in any status) are left alone, so calling it
   * twice is harmless. Returns the registrations it created.
   */
  async enrollProgramMembersIntoSession(sessionId: string): Promise<RegistrationView[]> {
    const found = await this.ds.getRepository(Session).findOneBy({ id: sessionId });
    if (!found) throw notFound('Session', sessionId);
    return inTransaction(this.ds, async (em) => {
      await this.lockProgram(em, found.programId);
      const session = await this.lockSession(em, sessionId);
      if (!session || registrationClosedReason(session, new Date())) return [];
      const enrollments = await em.find(ProgramEnrollment, {
        where: { programId: session.programId, status: 'active' },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      if (!enrollments.length) return [];
      const taken = new Set(
        (
          await em.find(Registration, {
            where: { sessionId, userId: In(enrollments.map((e) => e.userId)) },
            select: { userId: true },
          })
        ).map((r) => r.userId),
      );
      const created: RegistrationView[] = [];
      for (const e of enrollments) {
        if (taken.has(e.userId) || !isRegionTargeted(session.targetRegionIds, e.regionId)) continue;
        created.push(
          await this.place(em, session, null, null, {
            userId: e.userId,
            regionId: e.regionId,
            sectionId: null,
            source: 'program',
            createdBy: e.userId,
            programEnrollmentId: e.id,
          }),
        );
      }
      return created;
    });
  }

  // ---------------------------------------------------------------- internals

  private view(reg: Registration, session: Session): RegistrationView {
    reg.session = session;
    return reg as RegistrationView;
  }

  private lockSession(em: EntityManager, id: string): Promise<Session | null> {
    return em
      .getRepository(Session)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.id = :id', { id })
      .getOne();
  }

  /** Locks the session; a session of an unpublished program does not exist for non-organizers. */
  private async lockVisibleSession(em: EntityManager, actor: Actor, id: string): Promise<Session> {
    const session = await this.lockSession(em, id);
    if (!session) throw notFound('Session', id);
    if (!isOrganizer(actor)) {
      const program = await em.findOneBy(Program, { id: session.programId });
      if (program?.status !== 'published') throw notFound('Session', id);
    }
    return session;
  }

  private assertOpen(session: Session): void {
    const reason = registrationClosedReason(session, new Date());
    if (reason)
      throw conflict('session_closed', `Session ${session.id} is ${reason}: registration is closed`);
  }

  private async lockSectionOf(em: EntityManager, session: Session, sectionId: string): Promise<Section> {
    const section = await em
      .getRepository(Section)
      .createQueryBuilder('x')
      .setLock('pessimistic_write')
      .where('x.id = :sectionId AND x.sessionId = :sessionId', { sectionId, sessionId: session.id })
      .getOne();
    if (!section)
      throw invalid(
        'unknown_section',
        `sectionId: section ${sectionId} does not belong to session ${session.id}`,
      );
    return section;
  }

  private lockProgram(em: EntityManager, id: string): Promise<Program | null> {
    // NO KEY UPDATE serializes enrolments of a program without blocking inserts that reference it.
    return em
      .getRepository(Program)
      .createQueryBuilder('p')
      .setLock('for_no_key_update')
      .where('p.id = :id', { id })
      .getOne();
  }

  private lockOpenSessionsOfProgram(em: EntityManager, programId: string): Promise<Session[]> {
    return em
      .getRepository(Session)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.programId = :programId', { programId })
      .andWhere(`s.status NOT IN ('cancelled', 'ended')`)
      .andWhere('s.endAt > now()')
      .orderBy('s.id', 'ASC')
      .getMany();
  }

  private async activeRegion(em: EntityManager, id: number): Promise<Region> {
    const region = await em.findOneBy(Region, { id, retiredAt: IsNull() });
    if (!region) throw invalid('unknown_region', `regionId: region ${id} does not exist or is retired`);
    return region;
  }

  private async registrationsOf(
    em: EntityManager,
    userId: string,
    sessions: Session[],
  ): Promise<Map<string, Registration>> {
    if (!sessions.length) return new Map();
    const rows = await em.findBy(Registration, { userId, sessionId: In(sessions.map((s) => s.id)) });
    return new Map(rows.map((r) => [r.sessionId, r]));
  }

  private async enrollmentRegistrations(
    em: EntityManager,
    enrollmentId: string,
  ): Promise<RegistrationView[]> {
    const rows = await em
      .getRepository(Registration)
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.session', 's')
      .where('r.programEnrollmentId = :enrollmentId', { enrollmentId })
      .andWhere(`r.status <> 'cancelled'`)
      .orderBy('s.startAt', 'ASC')
      .getMany();
    return rows as RegistrationView[];
  }

  /** Counters move only under the session lock; raw SQL so a seat taken does not touch updated_at. */
  private async adjust(
    em: EntityManager,
    table: 'sessions' | 'sections',
    id: string,
    delta: number,
  ): Promise<void> {
    await em.query(`UPDATE ${table} SET registered_count = registered_count + $2 WHERE id = $1`, [id, delta]);
  }

  /** Inserts (or reactivates) a registration with the status the capacities allow, and records it. */
  private async place(
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
      await this.adjust(em, 'sessions', session.id, +1);
      session.registeredCount++;
      if (section) {
        await this.adjust(em, 'sections', section.id, +1);
        section.registeredCount++;
      }
    }
    const reg = await em.findOneByOrFail(Registration, { id });
    await recordEvents(em, [
      {
        type: 'registration.created',
        aggregateType: 'registration',
        aggregateId: reg.id,
        payload: {
          registrationId: reg.id,
          sessionId: session.id,
          userId: reg.userId,
          status: reg.status,
          regionId: reg.regionId,
          sectionId: reg.sectionId,
          source: reg.source,
          programEnrollmentId: reg.programEnrollmentId,
          reactivated: existing !== null,
        },
      },
    ]);
    // Reminders are rows of this same transaction: the registration and its plan commit together.
    if (reg.status === 'registered')
      await planSessionReminders(em, session.id, { registrationIds: [reg.id] });
    await wakeNotifications(em);
    return this.view(reg, session);
  }

  /** Marks a registration cancelled and frees its seat; the caller holds the session lock. */
  private async cancelInTx(em: EntityManager, session: Session, reg: Registration): Promise<void> {
    await em.update(Registration, { id: reg.id }, { status: 'cancelled', cancelledAt: new Date() });
    if (reg.status === 'registered') {
      await this.adjust(em, 'sessions', session.id, -1);
      session.registeredCount--;
      if (reg.sectionId) await this.adjust(em, 'sections', reg.sectionId, -1);
    }
    await recordEvents(em, [
      {
        type: 'registration.cancelled',
        aggregateType: 'registration',
        aggregateId: reg.id,
        payload: {
          registrationId: reg.id,
          sessionId: session.id,
          userId: reg.userId,
          previousStatus: reg.status,
          regionId: reg.regionId,
          sectionId: reg.sectionId,
        },
      },
    ]);
    await cancelRegistrationReminders(em, [reg.id], 'registration_cancelled');
  }

  /** Promotes waitlisted registrations into free seats (FIFO, both capacities); the caller holds the session lock. */
  private async promoteInTx(em: EntityManager, session: Session): Promise<RegistrationView[]> {
    if (registrationClosedReason(session, new Date()) || freeSeats(session) === 0) return [];
    const waitlist = await em.find(Registration, {
      where: { sessionId: session.id, status: 'waitlisted' },
      select: { id: true, sectionId: true },
      order: { waitlistedAt: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
    if (!waitlist.length) return [];
    const sections = waitlist.some((w) => w.sectionId !== null)
      ? await em
          .getRepository(Section)
          .createQueryBuilder('x')
          .setLock('pessimistic_write')
          .where('x.sessionId = :sessionId', { sessionId: session.id })
          .orderBy('x.id', 'ASC')
          .getMany()
      : [];
    const ids = planPromotions(session, new Map(sections.map((s) => [s.id, s])), waitlist);
    if (!ids.length) return [];

    await em.update(Registration, { id: In(ids) }, { status: 'registered' });
    await this.adjust(em, 'sessions', session.id, ids.length);
    session.registeredCount += ids.length;
    const bySection = new Map<string, number>();
    const byId = new Map(waitlist.map((w) => [w.id, w]));
    for (const id of ids) {
      const sectionId = byId.get(id)!.sectionId;
      if (sectionId) bySection.set(sectionId, (bySection.get(sectionId) ?? 0) + 1);
    }
    for (const [sectionId, n] of [...bySection].sort(([a], [b]) => (a < b ? -1 : 1))) {
      await this.adjust(em, 'sections', sectionId, n);
    }

    const rows = new Map((await em.findBy(Registration, { id: In(ids) })).map((r) => [r.id, r]));
    const promoted = ids.map((id) => this.view(rows.get(id)!, session));
    const events: NewDomainEvent[] = promoted.map((r) => ({
      type: 'registration.promoted',
      aggregateType: 'registration',
      aggregateId: r.id,
      payload: {
        registrationId: r.id,
        sessionId: session.id,
        userId: r.userId,
        regionId: r.regionId,
        sectionId: r.sectionId,
      },
    }));
    await recordEvents(em, events);
    await planSessionReminders(em, session.id, { registrationIds: ids });
    await wakeNotifications(em);
    return promoted;
  }
}

/**
 * Whom a registration or enrolment is for: the actor, or (organizers only) the given user, with a
 * region chosen by the organizer. Anyone else naming a user or a region is refused.
 */
function targetOf(
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
