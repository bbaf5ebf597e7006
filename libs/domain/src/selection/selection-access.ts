import type { EntityManager } from 'typeorm';
import { Program } from '../catalog/program.entity';
import { Actor, isOrganizer } from '../shared/actor';
import { conflict, forbidden, notFound } from '../shared/domain.errors';
import { Call } from './call.entity';
import { CallReviewer, ReviewAssignment, ReviewConflict } from './review.entity';
import { AuditAction, SelectionAudit } from './selection-audit.entity';

/** The controllers require the role already; the domain checks again so no other caller skips it. */
export function assertSelectionOrganizer(actor: Actor): void {
  if (!isOrganizer(actor)) throw forbidden('Only organizers and admins manage calls for applications');
}

/**
 * The call row is the call's lock: writers that change what a selection depends on (applications,
 * scores, overrides, nominations, conflicts) take it FOR SHARE, so they run side by side; a commit
 * or a seat decline takes it FOR UPDATE and sees a still picture.
 */
export async function lockCall(em: EntityManager, id: string, mode: 'share' | 'update'): Promise<Call> {
  const call = await em
    .getRepository(Call)
    .createQueryBuilder('c')
    .setLock(mode === 'share' ? 'pessimistic_read' : 'pessimistic_write')
    .where('c.id = :id', { id })
    .getOne();
  if (!call) throw notFound('Call', id);
  return call;
}

export function assertNotDecided(call: Call): void {
  if (call.decidedAt) {
    throw conflict(
      'call_decided',
      `Call ${call.id} was decided at ${call.decidedAt.toISOString()} (selection committed): it can no longer change`,
    );
  }
}

/** A call of an unpublished program does not exist for anyone but organizers. */
export async function visibleCall(em: EntityManager, actor: Actor, id: string): Promise<Call> {
  const call = await em.findOneBy(Call, { id });
  if (!call) throw notFound('Call', id);
  if (!isOrganizer(actor)) {
    const program = await em.findOneBy(Program, { id: call.programId });
    if (program?.status !== 'published' && !(await isReviewer(em, id, actor.userId)))
      throw notFound('Call', id);
  }
  return call;
}

export async function isReviewer(em: EntityManager, callId: string, userId: string): Promise<boolean> {
  return em.existsBy(CallReviewer, { callId, userId });
}

export type ReviewerAccess = 'ok' | 'not_reviewer' | 'not_assigned' | 'conflict';

/** Whether `userId` reviews this application: named for the call, assigned (explicit mode), no conflict declared. */
export async function reviewerAccess(
  em: EntityManager,
  call: Call,
  applicationId: string,
  userId: string,
): Promise<ReviewerAccess> {
  if (!(await isReviewer(em, call.id, userId))) return 'not_reviewer';
  if (await em.existsBy(ReviewConflict, { applicationId, reviewerId: userId })) return 'conflict';
  if (
    call.assignmentMode === 'explicit' &&
    !(await em.existsBy(ReviewAssignment, { applicationId, reviewerId: userId }))
  ) {
    return 'not_assigned';
  }
  return 'ok';
}

export function reviewerAccessError(
  access: Exclude<ReviewerAccess, 'ok'>,
  callId: string,
  applicationId: string,
) {
  switch (access) {
    case 'not_reviewer':
      return forbidden(`You are not a reviewer of call ${callId}`);
    case 'not_assigned':
      return forbidden(`Application ${applicationId} is not assigned to you`);
    case 'conflict':
      return forbidden(
        `You declared a conflict of interest with application ${applicationId}: you do not review it`,
      );
  }
}

export interface NewAudit {
  callId: string;
  applicationId?: string | null;
  actorId: string | null;
  action: AuditAction;
  details?: Record<string, unknown>;
}

/** Appends to the audit trail with the transaction's manager (in chunks: a commit may decide thousands). */
export async function recordAudit(em: EntityManager, entries: readonly NewAudit[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    await em.insert(
      SelectionAudit,
      entries.slice(i, i + 1000).map((e) => ({
        callId: e.callId,
        applicationId: e.applicationId ?? null,
        actorId: e.actorId,
        action: e.action,
        details: e.details ?? {},
      })) as never,
    );
  }
}

/**
 * Enrolments the selection makes after a commit or a declined seat act for the organizer who
 * committed the run: built here, on the server, never from a request.
 */
export function organizerOnBehalf(userId: string): Actor {
  return { userId, roles: ['organizer'], coordinatorRegionIds: [], timeZone: 'UTC', language: 'ru' };
}
