import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { inTransaction, pgErrorCode } from '@qatys/persistence';
import { recordEvents, NewDomainEvent } from '../events/domain-events';
import { User } from '../identity/user.entity';
import { ProgramEnrollment } from '../registrations/registration.entity';
import { RegistrationsService } from '../registrations/registrations.service';
import { Actor, isOrganizer } from '../shared/actor';
import { conflict, invalid, notFound } from '../shared/domain.errors';
import { Application, OPEN_APPLICATION_STATUSES } from './application.entity';
import { Call, Quotas } from './call.entity';
import { normalizeQuotas } from './call.policy';
import { CallsService } from './calls.service';
import { fillVacancies } from './quota-selection.policy';
import { rankApplications, RankEntry, RankingInput } from './ranking.policy';
import { rankingCsv } from './ranking-csv.policy';
import {
  assertNotDecided,
  assertSelectionOrganizer,
  lockCall,
  NewAudit,
  organizerOnBehalf,
  recordAudit,
} from './selection-access';
import { SelectionAudit } from './selection-audit.entity';
import {
  OverrideDecision,
  OVERRIDE_DECISIONS,
  RunOutcome,
  SelectionOverride,
  SelectionRun,
} from './selection-run.entity';
import { InputsHasher, planSelection, SelectionApp } from './selection-run.policy';

/** What the selection reads: the competing applications, their counted reviews, the overrides. */
export interface SelectionInputs {
  apps: Map<string, SelectionApp & { submittedAtMs: number }>;
  ranking: RankEntry[];
  overrides: Map<string, OverrideDecision>;
  hash: string;
}

export interface RankingRow extends RankEntry {
  application: Application & { user: User };
  override: SelectionOverride | null;
}

export interface EnrollmentReport {
  enrolled: number;
  unenrolled: number;
  failed: { applicationId: string; code: string; message: string }[];
  /** Still to do (failed ones included); 0 means the program matches the decisions. */
  pending: number;
}

export interface WithdrawResult {
  application: Application;
  promoted: Application[];
  enrollment: EnrollmentReport | null;
}

/**
 * Ranking, overrides, selection runs (preview, commit), seat declines and the enrolment of the
 * selected into the cohort's program.
 *
 * Commit and enrolment: the commit is one transaction on the selection's own tables (decisions,
 * audit, `application.decided` events) under the call's row lock, guarded by a partial unique
 * index (one committed run per call): of two concurrent commits exactly one wins, the other gets
 * a 409. Enrolling the selected goes through RegistrationsService.enrollInProgram, which runs its
 * own transaction per person and is idempotent; it runs right after the commit. Each applicant's
 * `enrolled_at` records that their enrolment is done, so an interrupted enrolment (a crash, a
 * failure for one person) is finished by `reconcileEnrollment` — called again by the commit
 * endpoint's follow-up `POST /selection-runs/:id/enrollment`, by every seat decline, and safe to
 * repeat. Declined seats are unenrolled the same way.
 */
@Injectable()
export class SelectionService {
  private readonly logger = new Logger('SelectionService');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly calls: CallsService,
    private readonly registrations: RegistrationsService,
  ) {}

  // ---------------------------------------------------------------- ranking

  async ranking(actor: Actor, callId: string): Promise<{ call: Call; rows: RankingRow[] }> {
    assertSelectionOrganizer(actor);
    const call = await this.ds.getRepository(Call).findOneBy({ id: callId });
    if (!call) throw notFound('Call', callId);
    const inputs = await this.loadInputs(this.ds.manager, call, call.quotas);
    const apps = await this.ds.getRepository(Application).find({
      where: { callId, status: Not('withdrawn') },
      relations: { user: true, region: true },
    });
    const byId = new Map(apps.map((a) => [a.id, a as Application & { user: User }]));
    const overrides = new Map(
      (await this.ds.getRepository(SelectionOverride).findBy({ callId })).map((o) => [o.applicationId, o]),
    );
    return {
      call,
      rows: inputs.ranking
        .filter((e) => byId.has(e.id))
        .map((e) => ({ ...e, application: byId.get(e.id)!, override: overrides.get(e.id) ?? null })),
    };
  }

  async rankingCsv(actor: Actor, callId: string): Promise<string> {
    const { rows } = await this.ranking(actor, callId);
    return rankingCsv(
      rows.map((r) => ({
        rank: r.rank,
        applicationId: r.id,
        applicant: r.application.user.displayName,
        email: r.application.user.email,
        regionCode: r.application.region?.code ?? String(r.application.regionId),
        nominated: r.application.nominated,
        nominatedBy: r.application.nominatedBy,
        score: r.score,
        tieBreakMean: r.tieBreakMean,
        completeReviews: r.completeReviews,
        incompleteReviews: r.incompleteReviews,
        flags: r.flags,
        tieBrokenBy: r.tieBrokenBy,
        submittedAt: r.application.submittedAt.toISOString(),
        status: r.application.status,
        override: r.override ? `${r.override.decision}: ${r.override.reason}` : null,
      })),
    );
  }

  // ---------------------------------------------------------------- overrides

  /** Force an application in or out of the cohort, with the reason on record (replaces an earlier override). */
  async setOverride(
    actor: Actor,
    applicationId: string,
    decision: OverrideDecision,
    reason: string,
  ): Promise<SelectionOverride> {
    assertSelectionOrganizer(actor);
    if (!OVERRIDE_DECISIONS.includes(decision))
      throw invalid('invalid_decision', `decision must be one of ${OVERRIDE_DECISIONS.join(', ')}`);
    const text = reason?.trim();
    if (!text || text.length > 500)
      throw invalid('reason_required', 'reason must say why (1-500 characters)');
    return inTransaction(this.ds, async (em) => {
      const app = await em.findOneBy(Application, { id: applicationId });
      if (!app) throw notFound('Application', applicationId);
      const call = await lockCall(em, app.callId, 'share');
      assertNotDecided(call);
      if (!OPEN_APPLICATION_STATUSES.includes(app.status)) {
        throw conflict(
          'application_closed',
          `Application ${applicationId} is ${app.status}: it cannot be overridden`,
        );
      }
      await em
        .createQueryBuilder()
        .insert()
        .into(SelectionOverride)
        .values({ applicationId, callId: call.id, decision, reason: text, createdBy: actor.userId })
        .orUpdate(['decision', 'reason', 'created_by', 'created_at'], ['application_id'])
        .execute();
      await recordAudit(em, [
        {
          callId: call.id,
          applicationId,
          actorId: actor.userId,
          action: 'override.set',
          details: { decision, reason: text },
        },
      ]);
      return em.findOneByOrFail(SelectionOverride, { applicationId });
    });
  }

  async clearOverride(actor: Actor, applicationId: string, reason?: string): Promise<void> {
    assertSelectionOrganizer(actor);
    await inTransaction(this.ds, async (em) => {
      const app = await em.findOneBy(Application, { id: applicationId });
      if (!app) throw notFound('Application', applicationId);
      const call = await lockCall(em, app.callId, 'share');
      assertNotDecided(call);
      const res = await em.delete(SelectionOverride, { applicationId });
      if (res.affected) {
        await recordAudit(em, [
          {
            callId: call.id,
            applicationId,
            actorId: actor.userId,
            action: 'override.cleared',
            details: { reason: reason?.trim() || null },
          },
        ]);
      }
    });
  }

  // ---------------------------------------------------------------- runs

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
      const inputs = await this.loadInputs(em, call, quotas);
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
   * its place, rejected), each with an audit entry and an `application.decided` event, all in one
   * transaction; then the selected are enrolled in the program (see the class comment).
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
        const inputs = await this.loadInputs(em, call, run.quotas);
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
        return em.findOneByOrFail(SelectionRun, { id: runId });
      });
    } catch (e) {
      // The partial unique index is the last word if two commits ever got past the lock.
      if (pgErrorCode(e) === '23505') throw this.alreadyCommitted(found.callId, null);
      throw e;
    }
    const enrollment = await this.reconcileEnrollment(actor, committed.callId);
    return { run: await this.ds.getRepository(SelectionRun).findOneByOrFail({ id: runId }), enrollment };
  }

  /** Finishes the enrolment of a committed run (idempotent; see the class comment). */
  async completeEnrollment(
    actor: Actor,
    runId: string,
  ): Promise<{ run: SelectionRun; enrollment: EnrollmentReport }> {
    assertSelectionOrganizer(actor);
    const run = await this.ds.getRepository(SelectionRun).findOneBy({ id: runId });
    if (!run) throw notFound('Selection run', runId);
    if (run.status !== 'committed')
      throw conflict('run_not_committed', `Selection run ${runId} is a preview: commit it first`);
    const enrollment = await this.reconcileEnrollment(actor, run.callId);
    return { run: await this.ds.getRepository(SelectionRun).findOneByOrFail({ id: runId }), enrollment };
  }

  // ---------------------------------------------------------------- withdrawals and declines

  /**
   * The applicant (or an organizer) withdraws an application. Before the decision it simply
   * leaves the competition; waitlisted, it leaves the waitlist; selected, it is a declined seat:
   * the seat goes to the next on the waitlist under the run's quotas (fillVacancies), who is
   * selected (event + audit) and enrolled, while the decliner is unenrolled. Under the call's
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
      if (app.status === 'withdrawn') return { app, promoted: [] as Application[], changed: false };
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
      if (app.status === 'selected') promoted = await this.promoteFromWaitlist(em, call, audits);
      await recordAudit(em, audits);
      return { app: await em.findOneByOrFail(Application, { id: applicationId }), promoted, changed: true };
    });
    let enrollment: EnrollmentReport | null = null;
    if (result.changed) {
      const run = await this.ds
        .getRepository(SelectionRun)
        .findOneBy({ callId: found.callId, status: 'committed' });
      if (run)
        enrollment = await this.reconcileEnrollment(
          isOrganizer(actor) ? actor : organizerOnBehalf(run.committedBy!),
          found.callId,
        );
    }
    return { application: result.app, promoted: result.promoted, enrollment };
  }

  async audit(
    actor: Actor,
    callId: string,
    f: { applicationId?: string; page: number; pageSize: number },
  ): Promise<{ items: SelectionAudit[]; total: number; page: number; pageSize: number }> {
    assertSelectionOrganizer(actor);
    if (!(await this.ds.getRepository(Call).existsBy({ id: callId }))) throw notFound('Call', callId);
    const [items, total] = await this.ds.getRepository(SelectionAudit).findAndCount({
      where: { callId, ...(f.applicationId ? { applicationId: f.applicationId } : {}) },
      order: { id: 'ASC' },
      skip: (f.page - 1) * f.pageSize,
      take: f.pageSize,
    });
    return { items, total, page: f.page, pageSize: f.pageSize };
  }

  // ---------------------------------------------------------------- internals

  /**
   * Loads the competing applications (all but withdrawn), their reviews (one row per application
   * and reviewer, scores aligned to the rubric, conflicted reviewers left out), the overrides,
   * ranks them and hashes it all. Grouping happens in SQL, the arithmetic in rankApplications.
   */
  async loadInputs(em: EntityManager, call: Call, quotas: Quotas): Promise<SelectionInputs> {
    const hasher = new InputsHasher({
      capacity: call.capacity,
      minReviews: call.minReviews,
      rubric: call.rubric,
      quotas,
    });
    const appRows: { id: string; regionId: number; nominated: boolean; t: number }[] = await em.query(
      `SELECT id, region_id AS "regionId", nominated, (extract(epoch FROM submitted_at) * 1000)::float8 AS t
         FROM selection_applications WHERE call_id = $1 AND status <> 'withdrawn' ORDER BY id`,
      [call.id],
    );
    const apps = new Map<string, SelectionApp & { submittedAtMs: number }>();
    for (const a of appRows) {
      apps.set(a.id, { id: a.id, regionId: a.regionId, nominated: a.nominated, submittedAtMs: a.t });
      hasher.push(`a|${a.id}|${a.regionId}|${a.nominated ? 1 : 0}|${a.t}`);
    }
    const keys = call.rubric.criteria.map((c) => c.key);
    // One column per criterion (null: not scored); the criterion keys are parameters, never SQL text.
    const columns = keys
      .map((_, k) => `(max(s.value) FILTER (WHERE s.criterion = $${k + 2}))::float8 AS c${k}`)
      .join(', ');
    const reviewRows: Record<string, string | number | null>[] = await em.query(
      `SELECT s.application_id AS a, s.reviewer_id AS r, ${columns}
         FROM selection_scores s
        WHERE s.call_id = $1
          AND NOT EXISTS (SELECT 1 FROM selection_conflicts c
                           WHERE c.application_id = s.application_id AND c.reviewer_id = s.reviewer_id)
        GROUP BY s.application_id, s.reviewer_id
        ORDER BY s.application_id, s.reviewer_id`,
      [call.id, ...keys],
    );
    const reviews = new Map<string, (number | null)[][]>();
    for (const row of reviewRows) {
      const a = row.a as string;
      if (!apps.has(a)) continue;
      const values: (number | null)[] = new Array(keys.length);
      for (let k = 0; k < keys.length; k++) values[k] = row[`c${k}`] as number | null;
      let list = reviews.get(a);
      if (!list) reviews.set(a, (list = []));
      list.push(values);
      hasher.push(`r|${a}|${row.r}|${values.join(',')}`);
    }
    const overrideRows: { id: string; decision: OverrideDecision }[] = await em.query(
      `SELECT application_id AS id, decision FROM selection_overrides WHERE call_id = $1 ORDER BY application_id`,
      [call.id],
    );
    const overrides = new Map<string, OverrideDecision>();
    for (const o of overrideRows) {
      if (!apps.has(o.id)) continue;
      overrides.set(o.id, o.decision);
      hasher.push(`o|${o.id}|${o.decision}`);
    }
    const inputs: RankingInput[] = [];
    for (const a of apps.values())
      inputs.push({ id: a.id, submittedAtMs: a.submittedAtMs, reviews: reviews.get(a.id) ?? [] });
    return {
      apps,
      ranking: rankApplications(inputs, call.rubric, call.minReviews),
      overrides,
      hash: hasher.digest(),
    };
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
      this.decidedEvent(call, o.a, who.get(o.a)!, o.d, o.w, false),
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

  private decidedEvent(
    call: Call,
    applicationId: string,
    person: { userId: string; language: string },
    decision: string,
    waitlistRank: number | null,
    promoted: boolean,
  ): NewDomainEvent {
    return {
      type: 'application.decided',
      aggregateType: 'application',
      aggregateId: applicationId,
      payload: {
        applicationId,
        userId: person.userId,
        callId: call.id,
        programId: call.programId,
        decision,
        waitlistRank,
        promoted,
        // The applicant's language when decided: the notice goes out in it.
        language: person.language,
      },
    };
  }

  /** Fills the free seats of a decided call from its waitlist (the caller holds the call's row lock). */
  private async promoteFromWaitlist(
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
        this.decidedEvent(
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

  /**
   * Brings the program's enrolments in line with the decisions: enrols every selected applicant
   * not enrolled yet, unenrols every withdrawn one still enrolled. Each step is its own
   * (idempotent) transaction in RegistrationsService; `enrolled_at` records progress, so running
   * this again after an interruption finishes the job and never does anything twice.
   */
  async reconcileEnrollment(actor: Actor, callId: string): Promise<EnrollmentReport> {
    const call = await this.ds.getRepository(Call).findOneByOrFail({ id: callId });
    if (!call.decidedAt) throw conflict('call_not_decided', `Call ${callId} has no committed selection yet`);
    const report: EnrollmentReport = { enrolled: 0, unenrolled: 0, failed: [], pending: 0 };
    const toEnroll = await this.ds.getRepository(Application).find({
      where: { callId, status: 'selected', enrolledAt: IsNull() },
      order: { decidedAt: 'ASC', id: 'ASC' },
    });
    for (const app of toEnroll) {
      try {
        await this.registrations.enrollInProgram(actor, call.programId, {
          userId: app.userId,
          regionId: app.regionId,
        });
        await this.ds
          .createQueryBuilder()
          .update(Application)
          .set({ enrolledAt: () => 'now()' })
          .where(`id = :id AND status = 'selected'`, { id: app.id })
          .execute();
        report.enrolled++;
      } catch (e) {
        report.failed.push(this.failure(app.id, e));
      }
    }
    const toUnenroll = await this.ds.getRepository(Application).find({
      where: { callId, status: 'withdrawn', enrolledAt: Not(IsNull()) },
    });
    for (const app of toUnenroll) {
      try {
        const enrollment = await this.ds
          .getRepository(ProgramEnrollment)
          .findOneBy({ programId: call.programId, userId: app.userId });
        if (enrollment) await this.registrations.cancelEnrollment(actor, call.programId, enrollment.id);
        await this.ds
          .getRepository(Application)
          .update({ id: app.id, status: 'withdrawn' }, { enrolledAt: null });
        report.unenrolled++;
      } catch (e) {
        report.failed.push(this.failure(app.id, e));
      }
    }
    report.pending = report.failed.length;
    await inTransaction(this.ds, async (em) => {
      const audits: NewAudit[] = report.failed.map((f) => ({
        callId,
        applicationId: f.applicationId,
        actorId: actor.userId,
        action: 'enrollment.failed' as const,
        details: { code: f.code, message: f.message },
      }));
      if (report.enrolled || report.unenrolled) {
        audits.push({
          callId,
          actorId: actor.userId,
          action: 'enrollment.completed',
          details: { enrolled: report.enrolled, unenrolled: report.unenrolled, failed: report.failed.length },
        });
      }
      await recordAudit(em, audits);
      if (!report.pending) {
        await em
          .createQueryBuilder()
          .update(SelectionRun)
          .set({ enrollmentCompletedAt: () => 'now()' })
          .where(`call_id = :callId AND status = 'committed'`, { callId })
          .execute();
      }
    });
    return report;
  }

  private failure(
    applicationId: string,
    e: unknown,
  ): { applicationId: string; code: string; message: string } {
    const err = e as { code?: string; message?: string; kind?: string };
    if (!err.kind) this.logger.error(`enrolment of application ${applicationId} failed: ${err.message}`);
    return {
      applicationId,
      code: err.kind ? (err.code ?? 'error') : 'internal',
      message: err.kind ? (err.message ?? '') : 'Internal error',
    };
  }
}
