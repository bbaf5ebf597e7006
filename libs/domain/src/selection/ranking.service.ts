import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not } from 'typeorm';
import { inTransaction } from '@qatys/persistence';
import type { User } from '../identity/user.entity';
import { Actor } from '../shared/actor';
import { conflict, invalid, notFound } from '../shared/domain.errors';
import { Application, OPEN_APPLICATION_STATUSES } from './application.entity';
import { Call } from './call.entity';
import type { RankEntry } from './ranking.policy';
import { rankingCsv } from './ranking-csv.policy';
import { assertNotDecided, assertSelectionOrganizer, lockCall, recordAudit } from './selection-access';
import { SelectionAudit } from './selection-audit.entity';
import { OverrideDecision, OVERRIDE_DECISIONS, SelectionOverride } from './selection-run.entity';
import { loadSelectionInputs } from './selection-inputs.queries';

export interface RankingRow extends RankEntry {
  application: Application & { user: User };
  override: SelectionOverride | null;
}

/** The commission's ranking of a call, the organizer's overrides (with reasons) and the audit trail. */
@Injectable()
export class RankingService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async ranking(actor: Actor, callId: string): Promise<{ call: Call; rows: RankingRow[] }> {
    assertSelectionOrganizer(actor);
    const call = await this.ds.getRepository(Call).findOneBy({ id: callId });
    if (!call) throw notFound('Call', callId);
    const inputs = await loadSelectionInputs(this.ds.manager, call, call.quotas);
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
}
