import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction, pgErrorCode } from '@qatys/persistence';
import { NewDomainEvent, recordEvents } from '../events/domain-events';
import { Actor } from '../shared/actor';
import { conflict, notFound } from '../shared/domain.errors';
import { Call, Quotas } from './call.entity';
import { normalizeQuotas } from './call.policy';
import { CallsService } from './calls.service';
import { CohortEnrolmentService, EnrollmentReport } from './cohort-enrolment.service';
import { cohortChanged, decisionEvent } from './selection-events';
import { assertNotDecided, assertSelectionOrganizer, lockCall, recordAudit } from './selection-access';
import { RunOutcome, SelectionOverride, SelectionRun } from './selection-run.entity';
import { planSelection } from './selection-run.policy';
import { loadSelectionInputs } from './selection-inputs.queries';

/**
 * Selection runs: a preview computed from the ranking, overrides and quotas (stored with the hash
 * of its inputs), and its commit. The commit is one transaction on the selection's own tables
 * (decisions, audit, events) under the call's row lock, guarded by a partial unique index (one
 * committed run per call): of two concurrent commits exactly one wins, the other gets a 409.
 */
@Injectable()
export class SelectionRunsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly calls: CallsService,
    private readonly cohort: CohortEnrolmentService,
  ) {}

  /**
   * Computes a selection from the current ranking, the overrides and the quotas (the call's, or
   * ones to try out), and stores it as a preview with the hash of its inputs. Quotas that cannot
   * add up: 400, nothing stored.
   */
  async preview(actor: Actor, callId: string, quotasToTry?: Partial<Quotas>): Promise<SelectionRun> {
    assertSelectionOrganizer(actor);
    const call = await this.ds.getRepository(Call).findOneBy({ id: callId });
    if (!call) throw notFound('Call', callId);
    assertNotDecided(call);
    const quotas = quotasToTry
      ? normalizeQuotas(
          { ...call.quotas, ...quotasToTry },
          call.capacity,
          call.allowedRegionIds.length ? call.allowedRegionIds : await this.calls.allActiveRegionIds(),
        )
      : call.quotas;
    return inTransaction(this.ds, async (em) => {
      // The inputs are read by separate statements without the call's lock: a write landing in
      // between can only make this preview's hash differ from the one the commit recomputes under
      // the lock (409 run_stale), never make a commit decide on inputs it did not preview.
      const inputs = await loadSelectionInputs(em, call, quotas);
      const { outcomes, summary } = planSelection({
        capacity: call.capacity,
        quotas,
        minReviews: call.minReviews,
        apps: inputs.apps,
        ranking: inputs.ranking,
        overrides: inputs.overrides,
      });
      const res = await em.insert(SelectionRun, {
        callId,
        status: 'preview',
        inputsHash: inputs.hash,
        quotas,
        outcomes,
        summary,
        createdBy: actor.userId,
      } as never);
      const id = res.identifiers[0].id as string;
      await recordAudit(em, [
        {
          callId,
          actorId: actor.userId,
          action: 'run.previewed',
          details: { runId: id, inputsHash: inputs.hash, summary },
        },
      ]);
      return em.findOneByOrFail(SelectionRun, { id });
    });
  }

  async getRun(actor: Actor, runId: string): Promise<SelectionRun> {
    assertSelectionOrganizer(actor);
    const run = await this.ds.getRepository(SelectionRun).findOneBy({ id: runId });
    if (!run) throw notFound('Selection run', runId);
    return run;
  }

  /**
   * Commits a preview: every competing application gets its decision (selected, waitlisted with
   * its place, rejected), each with an audit entry and an `application.decided` event, and the
   * cohort's `selection.cohort_changed` event, all in one transaction. The enrolment of the
   * selected follows through the outbox; the response says where it stands (usually pending).
   * 409 `selection_already_committed` when the call has a committed run (also for the loser of
   * two concurrent commits), 409 `run_stale` when anything the preview used has changed.
   */
  async commit(actor: Actor, runId: string): Promise<{ run: SelectionRun; enrollment: EnrollmentReport }> {
    assertSelectionOrganizer(actor);
    const found = await this.ds.getRepository(SelectionRun).findOneBy({ id: runId });
    if (!found) throw notFound('Selection run', runId);
    let committed: SelectionRun;
    try {
      committed = await inTransaction(this.ds, async (em) => {
        const call = await lockCall(em, found.callId, 'update');
        const run = await em.findOneByOrFail(SelectionRun, { id: runId });
        const winner = await em.findOneBy(SelectionRun, { callId: call.id, status: 'committed' });
        if (winner || call.decidedAt) throw this.alreadyCommitted(call.id, winner);
        const inputs = await loadSelectionInputs(em, call, run.quotas);
        if (inputs.hash !== run.inputsHash) {
          throw conflict(
            'run_stale',
            `Selection run ${runId} is stale: applications, scores or overrides of call ${call.id} changed since it was previewed; preview again`,
            { previewHash: run.inputsHash, currentHash: inputs.hash },
          );
        }
        const now = new Date();
        await em.update(
          SelectionRun,
          { id: runId },
          { status: 'committed', committedAt: now, committedBy: actor.userId },
        );
        await em.update(Call, { id: call.id }, { decidedAt: now });
        await this.applyOutcomes(em, call, run, actor.userId);
        await recordAudit(em, [
          {
            callId: call.id,
            actorId: actor.userId,
            action: 'run.committed',
            details: { runId, summary: run.summary },
          },
        ]);
        // The selected are enrolled by the outbox, not in this request (CohortEnrolmentService).
        await recordEvents(em, [cohortChanged(call, 'commit', actor.userId)]);
        return em.findOneByOrFail(SelectionRun, { id: runId });
      });
    } catch (e) {
      // The partial unique index is the last word if two commits ever got past the lock.
      if (pgErrorCode(e) === '23505') throw this.alreadyCommitted(found.callId, null);
      throw e;
    }
    return { run: committed, enrollment: await this.cohort.status(this.ds.manager, committed.callId) };
  }

  /** Where the enrolment of a committed run stands. */
  async enrollmentStatus(
    actor: Actor,
    runId: string,
  ): Promise<{ run: SelectionRun; enrollment: EnrollmentReport }> {
    const run = await this.committedRun(actor, runId);
    return { run, enrollment: await this.cohort.status(this.ds.manager, run.callId) };
  }

  /**
   * Asks again for the enrolment of a committed run (after a failure was fixed, say): records the
   * request; the outbox brings the program in line. Returns where it stands now.
   */
  async completeEnrollment(
    actor: Actor,
    runId: string,
  ): Promise<{ run: SelectionRun; enrollment: EnrollmentReport }> {
    const run = await this.committedRun(actor, runId);
    const call = await this.ds.getRepository(Call).findOneByOrFail({ id: run.callId });
    await this.ds.transaction((em) => recordEvents(em, [cohortChanged(call, 'request', actor.userId)]));
    return { run, enrollment: await this.cohort.status(this.ds.manager, run.callId) };
  }

  private async committedRun(actor: Actor, runId: string): Promise<SelectionRun> {
    assertSelectionOrganizer(actor);
    const run = await this.ds.getRepository(SelectionRun).findOneBy({ id: runId });
    if (!run) throw notFound('Selection run', runId);
    if (run.status !== 'committed')
      throw conflict('run_not_committed', `Selection run ${runId} is a preview: commit it first`);
    return run;
  }

  private alreadyCommitted(callId: string, winner: SelectionRun | null) {
    return conflict(
      'selection_already_committed',
      winner
        ? `Call ${callId} already has a committed selection (run ${winner.id}, ${winner.committedAt?.toISOString()})`
        : `Call ${callId} already has a committed selection`,
      winner ? { runId: winner.id } : undefined,
    );
  }

  /** Writes a run's decisions with one statement, plus the audit entries and events. */
  private async applyOutcomes(
    em: EntityManager,
    call: Call,
    run: SelectionRun,
    actorId: string,
  ): Promise<void> {
    const outcomes: RunOutcome[] = run.outcomes;
    const overrideReasons = new Map(
      (await em.findBy(SelectionOverride, { callId: call.id })).map((o) => [o.applicationId, o.reason]),
    );
    const reasonOf = (o: RunOutcome) =>
      o.why === 'forced' || o.why === 'override'
        ? `override: ${overrideReasons.get(o.a) ?? ''}`.slice(0, 500)
        : o.why;
    await em.query(
      `UPDATE selection_applications a
          SET status = v.d, waitlist_rank = v.w, decision_reason = v.why, decided_at = now(),
              decision_run_id = $5, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[]) AS v(id, d, w, why)
        WHERE a.id = v.id`,
      [
        outcomes.map((o) => o.a),
        outcomes.map((o) => o.d),
        outcomes.map((o) => o.w),
        outcomes.map(reasonOf),
        run.id,
      ],
    );
    const people: { id: string; userId: string; language: string }[] = await em.query(
      `SELECT a.id, a.user_id AS "userId", u.language FROM selection_applications a JOIN users u ON u.id = a.user_id
        WHERE a.id = ANY($1::uuid[])`,
      [outcomes.map((o) => o.a)],
    );
    const who = new Map(people.map((p) => [p.id, p]));
    const events: NewDomainEvent[] = outcomes.map((o) =>
      decisionEvent(call, o.a, who.get(o.a)!, o.d, o.w, false),
    );
    for (let i = 0; i < events.length; i += 1000) await recordEvents(em, events.slice(i, i + 1000));
    await recordAudit(
      em,
      outcomes.map((o) => ({
        callId: call.id,
        applicationId: o.a,
        actorId,
        action: 'decision' as const,
        details: { runId: run.id, decision: o.d, rank: o.r, waitlistRank: o.w, reason: reasonOf(o) },
      })),
    );
  }
}
