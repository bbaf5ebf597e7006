import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { inTransaction } from '@qatys/persistence';
import { recordEvents } from '../events/domain-events';
import { Actor, isOrganizer } from '../shared/actor';
import { conflict, invalid, notFound } from '../shared/domain.errors';
import { Application } from './application.entity';
import { Call } from './call.entity';
import { CohortEnrolmentService, EnrollmentReport } from './cohort-enrolment.service';
import { fillVacancies } from './quota-selection.policy';
import { lockCall, NewAudit, recordAudit } from './selection-access';
import { cohortChanged, decisionEvent } from './selection-events';
import { SelectionRun } from './selection-run.entity';

export interface WithdrawResult {
  application: Application;
  promoted: Application[];
  /** Where the program's enrolment stands, when the call was decided (null otherwise). */
  enrollment: EnrollmentReport | null;
}

/** Withdrawals and declined seats; a declined seat goes to the next on the waitlist. */
@Injectable()
export class SeatDeclinesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly cohort: CohortEnrolmentService,
  ) {}

  /**
   * The applicant (or an organizer) withdraws an application. Before the decision it simply
   * leaves the competition; waitlisted, it leaves the waitlist; selected, it is a declined seat:
   * the seat goes to the next on the waitlist under the run's quotas (fillVacancies), who is
   * selected (event + audit) and enrolled, while the decliner is unenrolled (both through the
   * outbox, see CohortEnrolmentService). Under the call's
   * row lock, so two declines never promote the same person. Withdrawing again changes nothing.
   * `declineOnly`: the /decline route, which is for selected applicants only.
   */
  async withdraw(
    actor: Actor,
    applicationId: string,
    opts: { declineOnly?: boolean; reason?: string } = {},
  ): Promise<WithdrawResult> {
    const found = await this.ds.getRepository(Application).findOneBy({ id: applicationId });
    if (!found || (found.userId !== actor.userId && !isOrganizer(actor)))
      throw notFound('Application', applicationId);
    const reason = opts.reason?.trim() || null;
    if (reason && reason.length > 500)
      throw invalid('invalid_reason', 'reason must be at most 500 characters');
    const result = await inTransaction(this.ds, async (em) => {
      const call = await lockCall(em, found.callId, 'update');
      const app = await em.findOneByOrFail(Application, { id: applicationId });
      if (app.status === 'withdrawn') return { app, promoted: [] as Application[], cohortChanged: false };
      if (opts.declineOnly && app.status !== 'selected') {
        throw conflict(
          'not_selected',
          `Application ${applicationId} is ${app.status}: only a selected applicant can decline a seat`,
        );
      }
      if (app.status === 'rejected') {
        throw conflict(
          'already_decided',
          `Application ${applicationId} was rejected: there is nothing to withdraw`,
        );
      }
      await em.update(
        Application,
        { id: applicationId },
        { status: 'withdrawn', withdrawnAt: new Date(), waitlistRank: null },
      );
      const audits: NewAudit[] = [
        {
          callId: call.id,
          applicationId,
          actorId: actor.userId,
          action: 'application.withdrawn',
          details: { previousStatus: app.status, declinedSeat: app.status === 'selected', reason },
        },
      ];
      let promoted: Application[] = [];
      if (app.status === 'selected') promoted = await promoteFromWaitlist(em, call, audits);
      await recordAudit(em, audits);
      // A decided call's cohort changed: the decliner leaves the program, the promoted join (outbox).
      const committed = await em.findOneBy(SelectionRun, { callId: call.id, status: 'committed' });
      if (committed)
        await recordEvents(em, [cohortChanged(call, 'withdrawal', committed.committedBy ?? actor.userId)]);
      return {
        app: await em.findOneByOrFail(Application, { id: applicationId }),
        promoted,
        cohortChanged: committed !== null,
      };
    });
    const enrollment = result.cohortChanged ? await this.cohort.status(this.ds.manager, found.callId) : null;
    return { application: result.app, promoted: result.promoted, enrollment };
  }
}

/** Fills the free seats of a decided call from its waitlist (the caller holds the call's row lock). */
async function promoteFromWaitlist(
  em: EntityManager,
  call: Call,
  audits: NewAudit[],
): Promise<Application[]> {
  const run = await em.findOneByOrFail(SelectionRun, { callId: call.id, status: 'committed' });
  const current = await em.find(Application, { where: { callId: call.id, status: 'selected' } });
  const waitlist = await em.find(Application, {
    where: { callId: call.id, status: 'waitlisted' },
    order: { waitlistRank: 'ASC', id: 'ASC' },
  });
  const chosen = fillVacancies(call.capacity, current, waitlist, run.quotas);
  if (!chosen.length) return [];
  const ids = chosen.map((c) => c.id);
  const now = new Date();
  for (const id of ids) {
    await em.update(
      Application,
      { id },
      { status: 'selected', waitlistRank: null, decisionReason: 'waitlist_promotion', decidedAt: now },
    );
  }
  const promoted = waitlist.filter((w) => ids.includes(w.id));
  const languages: { id: string; language: string }[] = await em.query(
    `SELECT id, language FROM users WHERE id = ANY($1::uuid[])`,
    [promoted.map((p) => p.userId)],
  );
  const language = new Map(languages.map((u) => [u.id, u.language]));
  await recordEvents(
    em,
    promoted.map((p) =>
      decisionEvent(
        call,
        p.id,
        { userId: p.userId, language: language.get(p.userId) ?? 'ru' },
        'selected',
        null,
        true,
      ),
    ),
  );
  for (const p of promoted) {
    audits.push({
      callId: call.id,
      applicationId: p.id,
      actorId: null,
      action: 'decision',
      details: { decision: 'selected', reason: 'waitlist_promotion', fromWaitlistRank: p.waitlistRank },
    });
  }
  return em.find(Application, { where: { id: In(ids) }, order: { decidedAt: 'ASC', id: 'ASC' } });
}
