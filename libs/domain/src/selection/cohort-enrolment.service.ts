import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { pgErrorCode } from '@qatys/persistence';
import type { AnyOutboxHandler } from '../events/outbox-dispatcher';
import { ProgramEnrollment } from '../registrations/registration.entity';
import { ProgramEnrollmentsService } from '../registrations/program-enrollments.service';
import { Application } from './application.entity';
import { Call } from './call.entity';
import { NewAudit, organizerOnBehalf, recordAudit } from './selection-access';
import { SelectionRun } from './selection-run.entity';
import { EnrollmentReport, enrollmentStatus } from './selection.queries';

export type { EnrollmentReport } from './selection.queries';

const TRANSIENT = new Set(['40001', '40P01']);

/**
 * Brings a decided call's program in line with its decisions: enrols every selected applicant not
 * enrolled yet, unenrols every withdrawn one still enrolled. It runs as the outbox handler of
 * `selection.cohort_changed` (a commit, a decline, an organizer's request), in the consuming
 * transaction: a cohort of 50 is one transaction in the worker, never 50 in an HTTP request.
 * Each person is a savepoint of their own, so one refusal (a disabled account, an archived
 * program) is audited and the rest goes on; `enrolled_at` records progress, so a replay does
 * nothing twice.
 */
@Injectable()
export class CohortEnrolmentService {
  private readonly logger = new Logger(CohortEnrolmentService.name);
  readonly handlers: readonly AnyOutboxHandler<unknown>[];

  constructor(
    private readonly ds: DataSource,
    private readonly enrollments: ProgramEnrollmentsService,
  ) {
    this.handlers = [
      {
        type: 'selection.cohort_changed',
        handle: async (em, { payload: p }) => {
          await this.reconcile(em, p.callId, p.actorId);
        },
      },
    ];
  }

  async reconcile(em: EntityManager, callId: string, actorId: string): Promise<void> {
    const call = await em.findOneByOrFail(Call, { id: callId });
    if (!call.decidedAt) return;
    const actor = organizerOnBehalf(actorId);
    const audits: NewAudit[] = [];
    let enrolled = 0;
    let unenrolled = 0;
    const toEnroll = await em.find(Application, {
      where: { callId, status: 'selected', enrolledAt: IsNull() },
      order: { decidedAt: 'ASC', id: 'ASC' },
    });
    for (const app of toEnroll) {
      const ok = await this.step(em, app.id, audits, actorId, async () => {
        await this.enrollments.enrollIn(em, actor, call.programId, {
          userId: app.userId,
          regionId: app.regionId,
        });
        await em
          .createQueryBuilder()
          .update(Application)
          .set({ enrolledAt: () => 'now()' })
          .where(`id = :id AND status = 'selected'`, { id: app.id })
          .execute();
      });
      if (ok) enrolled++;
    }
    const toUnenroll = await em.find(Application, {
      where: { callId, status: 'withdrawn', enrolledAt: Not(IsNull()) },
    });
    for (const app of toUnenroll) {
      const ok = await this.step(em, app.id, audits, actorId, async () => {
        const enrollment = await em.findOneBy(ProgramEnrollment, {
          programId: call.programId,
          userId: app.userId,
        });
        if (enrollment) await this.enrollments.cancelEnrollmentIn(em, actor, call.programId, enrollment.id);
        await em.update(Application, { id: app.id, status: 'withdrawn' }, { enrolledAt: null });
      });
      if (ok) unenrolled++;
    }
    const failed = audits.length;
    if (enrolled || unenrolled) {
      audits.push({
        callId,
        actorId,
        action: 'enrollment.completed',
        details: { enrolled, unenrolled, failed },
      });
    }
    await recordAudit(em, audits);
    if (!failed) {
      await em
        .createQueryBuilder()
        .update(SelectionRun)
        .set({ enrollmentCompletedAt: () => 'now()' })
        .where(`call_id = :callId AND status = 'committed' AND enrollment_completed_at IS NULL`, { callId })
        .execute();
    }
  }

  /** Where the enrolment stands now (the API's answer to a commit, a decline or a request). */
  status(em: EntityManager, callId: string): Promise<EnrollmentReport> {
    return enrollmentStatus(em, callId);
  }

  /** One person's change under a savepoint; a refusal is audited, anything unexpected aborts the event. */
  private async step(
    em: EntityManager,
    applicationId: string,
    audits: NewAudit[],
    actorId: string,
    work: () => Promise<void>,
  ): Promise<boolean> {
    await em.query('SAVEPOINT cohort_member');
    try {
      await work();
      await em.query('RELEASE SAVEPOINT cohort_member');
      return true;
    } catch (e) {
      await em.query('ROLLBACK TO SAVEPOINT cohort_member');
      const err = e as { kind?: string; code?: string; message?: string };
      // A deadlock or an internal error: the event stays unprocessed and is tried again.
      if (!err.kind || TRANSIENT.has(pgErrorCode(e) ?? '')) throw e;
      this.logger.warn({ applicationId, code: err.code, err: err.message }, 'cohort enrolment refused');
      audits.push({
        callId: (await em.findOneByOrFail(Application, { id: applicationId })).callId,
        applicationId,
        actorId,
        action: 'enrollment.failed',
        details: { code: err.code ?? 'error', message: err.message ?? '' },
      });
      return false;
    }
  }
}
