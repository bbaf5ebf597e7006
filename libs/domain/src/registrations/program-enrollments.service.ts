import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { inTransaction, pgErrorCode } from '@qatys/persistence';
import { Session } from '../catalog/session.entity';
import { User } from '../identity/user.entity';
import { Actor, isOrganizer } from '../shared/actor';
import { conflict, invalid, notFound } from '../shared/domain.errors';
import { ProgramEnrollment, Registration } from './registration.entity';
import { isRegionTargeted, registrationClosedReason } from './registration.policy';
import {
  activeRegion,
  asView,
  enrollmentRegistrations,
  lockOpenSessionsOfProgram,
  lockProgram,
  lockSession,
  RegistrationView,
  registrationsOf,
} from './registration.queries';
import { targetOf } from './registrations.service';
import { cancelRegistration, placeRegistration, promoteWaitlist } from './seats';

export interface EnrollmentResult {
  enrollment: ProgramEnrollment;
  /** The program-sourced registrations of the enrollment (or, when nothing changed, the current ones). */
  registrations: RegistrationView[];
  created: boolean;
}

export interface EnrollmentCancellation {
  enrollment: ProgramEnrollment;
  cancelled: RegistrationView[];
  promoted: RegistrationView[];
  changed: boolean;
}

/**
 * Whole-program enrolment: a person enrolled in a program is registered for each of its open
 * sessions (each with its own capacity), and for sessions added later (on `session.created`).
 * Whole-program operations lock the program row first, then its sessions by id.
 */
@Injectable()
export class ProgramEnrollmentsService {
  constructor(private readonly ds: DataSource) {}

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
    try {
      return await inTransaction(this.ds, (em) => this.enrollIn(em, actor, programId, input));
    } catch (e) {
      // Two first enrolments racing past the existence check: the loser re-reads the winner's row.
      if (pgErrorCode(e) === '23505') {
        const userId = input.userId ?? actor.userId;
        const enrollment = await this.ds.getRepository(ProgramEnrollment).findOneBy({ programId, userId });
        if (enrollment) {
          return {
            enrollment,
            registrations: await enrollmentRegistrations(this.ds.manager, enrollment.id),
            created: false,
          };
        }
      }
      throw e;
    }
  }

  /** enrollInProgram inside the caller's transaction (the cohort enrolment's outbox handler). */
  async enrollIn(
    em: EntityManager,
    actor: Actor,
    programId: string,
    input: { userId?: string; regionId?: number },
  ): Promise<EnrollmentResult> {
    const { organizer, userId } = targetOf(
      actor,
      input,
      'enrol someone else or choose the region of an enrolment',
    );
    const program = await lockProgram(em, programId);
    if (!program || (!organizer && program.status !== 'published')) throw notFound('Program', programId);
    if (program.status === 'archived') throw conflict('program_closed', `Program ${programId} is archived`);
    const user = await em.findOneBy(User, { id: userId });
    if (!user || user.disabledAt)
      throw invalid('unknown_user', `userId: user ${userId} does not exist or is disabled`);
    const regionId =
      input.regionId !== undefined ? (await activeRegion(em, input.regionId)).id : user.homeRegionId;

    let enrollment = await em.findOneBy(ProgramEnrollment, { programId, userId });
    if (enrollment?.status === 'active') {
      return {
        enrollment,
        registrations: await enrollmentRegistrations(em, enrollment.id),
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

    const sessions = await lockOpenSessionsOfProgram(em, programId);
    const existing = await registrationsOf(em, userId, sessions);
    const registrations: RegistrationView[] = [];
    for (const session of sessions) {
      if (!isRegionTargeted(session.targetRegionIds, regionId)) continue;
      const prior = existing.get(session.id) ?? null;
      if (prior && prior.status !== 'cancelled') continue;
      registrations.push(
        await placeRegistration(em, session, null, prior, {
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
  ): Promise<EnrollmentCancellation> {
    return inTransaction(this.ds, (em) => this.cancelEnrollmentIn(em, actor, programId, enrollmentId));
  }

  /** cancelEnrollment inside the caller's transaction (the cohort enrolment's outbox handler). */
  async cancelEnrollmentIn(
    em: EntityManager,
    actor: Actor,
    programId: string,
    enrollmentId: string | 'me',
  ): Promise<EnrollmentCancellation> {
    const program = await lockProgram(em, programId);
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
    if (enrollment.status === 'cancelled') return { enrollment, cancelled: [], promoted: [], changed: false };
    await em.update(ProgramEnrollment, { id: enrollment.id }, { status: 'cancelled' });

    const regs = await em.find(Registration, {
      where: { programEnrollmentId: enrollment.id, source: 'program', status: Not('cancelled') },
    });
    const sessionIds = [...new Set(regs.map((r) => r.sessionId))].sort();
    const cancelled: RegistrationView[] = [];
    const promoted: RegistrationView[] = [];
    for (const sessionId of sessionIds) {
      const session = (await lockSession(em, sessionId))!;
      for (const reg of regs.filter((r) => r.sessionId === sessionId)) {
        await cancelRegistration(em, session, reg);
        cancelled.push(asView(await em.findOneByOrFail(Registration, { id: reg.id }), session));
      }
      promoted.push(...(await promoteWaitlist(em, session)));
    }
    return {
      enrollment: await em.findOneByOrFail(ProgramEnrollment, { id: enrollment.id }),
      cancelled,
      promoted,
      changed: true,
    };
  }

  /**
   * Registers every active enrolment of the session's program for this session: what a
   * `session.created` event leads to (registration.handlers.ts), in the consuming transaction.
   * Same rules as an enrolment: skipped when the session is cancelled/over or not open to the
   * enrolment's region; people who already have a registration for the session (in any status)
   * are left alone, so running it twice is harmless. Returns the registrations it created.
   */
  async enrollProgramMembersIntoSession(em: EntityManager, sessionId: string): Promise<RegistrationView[]> {
    const found = await em.findOneBy(Session, { id: sessionId });
    if (!found) throw notFound('Session', sessionId);
    await lockProgram(em, found.programId);
    const session = await lockSession(em, sessionId);
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
        await placeRegistration(em, session, null, null, {
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
  }
}
