import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { inTransaction, pgErrorCode } from '@qatys/persistence';
import { Actor, isOrganizer } from '../shared/actor';
import { conflict, forbidden, invalid, notFound } from '../shared/domain.errors';
import { Application, OPEN_APPLICATION_STATUSES } from './application.entity';
import { Call, Rubric } from './call.entity';
import { ReviewConflict, Score } from './review.entity';
import {
  assertNotDecided,
  lockCall,
  recordAudit,
  reviewerAccess,
  reviewerAccessError,
} from './selection-access';

export interface ScoreInput {
  criterion: string;
  value: number;
  comment?: string | null;
}

export interface ScoresView {
  applicationId: string;
  rubric: Rubric;
  /** The reader's own scores, then (once visible) everybody's. */
  scores: Score[];
  /** False while a reviewer has not scored every criterion themselves: others' scores stay hidden. */
  othersVisible: boolean;
  /** Reviewers who declared a conflict of interest (organizers only). */
  conflicts?: ReviewConflict[];
}

export const COMMENT_MAX = 2000;

/**
 * Checks a reviewer's scores against the rubric before anything is written: known criteria, each
 * once, on the scale, at most two decimals. Pure; the whole request fails on the first problem.
 */
export function checkScores(rubric: Rubric, items: readonly ScoreInput[]): void {
  if (!items.length) throw invalid('empty_scores', 'scores must list at least one criterion');
  const keys = new Set(rubric.criteria.map((c) => c.key));
  const seen = new Set<string>();
  const { min, max } = rubric.scale;
  for (const [i, s] of items.entries()) {
    if (!keys.has(s.criterion)) {
      throw invalid(
        'unknown_criterion',
        `scores[${i}].criterion "${s.criterion}" is not in the rubric (${[...keys].join(', ')})`,
      );
    }
    if (seen.has(s.criterion))
      throw invalid('duplicate_criterion', `scores[${i}]: ${s.criterion} is scored twice in one request`);
    seen.add(s.criterion);
    if (typeof s.value !== 'number' || !Number.isFinite(s.value) || s.value < min || s.value > max) {
      throw invalid(
        'score_out_of_scale',
        `scores[${i}]: ${s.criterion} ${s.value} is outside the scale ${min}-${max}`,
      );
    }
    if (Math.abs(s.value * 100 - Math.round(s.value * 100)) > 1e-9) {
      throw invalid('score_precision', `scores[${i}]: ${s.criterion} ${s.value} has more than 2 decimals`);
    }
    if (s.comment != null && s.comment.length > COMMENT_MAX) {
      throw invalid('comment_too_long', `scores[${i}].comment is longer than ${COMMENT_MAX} characters`);
    }
  }
}

@Injectable()
export class ReviewsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * A reviewer scores criteria of an application assigned to them, each criterion once: a
   * criterion scored already fails the whole request (409, nothing written), as do a score off
   * the scale (400) and an application that is not theirs to review (403).
   */
  async submitScores(actor: Actor, applicationId: string, items: ScoreInput[]): Promise<ScoresView> {
    try {
      await inTransaction(this.ds, async (em) => {
        const app = await em.findOneBy(Application, { id: applicationId });
        if (!app) throw notFound('Application', applicationId);
        const call = await lockCall(em, app.callId, 'share');
        const access = await reviewerAccess(em, call, applicationId, actor.userId);
        if (access !== 'ok') throw reviewerAccessError(access, call.id, applicationId);
        assertNotDecided(call);
        if (!OPEN_APPLICATION_STATUSES.includes(app.status)) {
          throw conflict(
            'application_closed',
            `Application ${applicationId} is ${app.status}: it is no longer scored`,
          );
        }
        checkScores(call.rubric, items);
        const prior = await em.findBy(Score, {
          applicationId,
          reviewerId: actor.userId,
          criterion: In(items.map((s) => s.criterion)),
        });
        if (prior.length) throw this.scoredTwice(applicationId, prior);
        await em.insert(
          Score,
          items.map((s) => ({
            callId: call.id,
            applicationId,
            reviewerId: actor.userId,
            criterion: s.criterion,
            value: s.value,
            comment: s.comment?.trim() || null,
          })),
        );
        if (app.status === 'submitted')
          await em.update(Application, { id: applicationId }, { status: 'under_review' });
        await recordAudit(em, [
          {
            callId: call.id,
            applicationId,
            actorId: actor.userId,
            action: 'score.submitted',
            details: {
              scores: items.map((s) => ({
                criterion: s.criterion,
                value: s.value,
                comment: s.comment ?? null,
              })),
            },
          },
        ]);
      });
    } catch (e) {
      // The same criterion sent twice in parallel: the unique index keeps the first.
      if (pgErrorCode(e) === '23505') {
        const prior = await this.ds.getRepository(Score).findBy({
          applicationId,
          reviewerId: actor.userId,
          criterion: In(items.map((s) => s.criterion)),
        });
        throw this.scoredTwice(applicationId, prior);
      }
      throw e;
    }
    return this.list(actor, applicationId);
  }

  /**
   * Organizers see every score. A reviewer sees their own, and everybody's once they have scored
   * every criterion of the application themselves (so nobody anchors on the others). Others: 403.
   */
  async list(actor: Actor, applicationId: string): Promise<ScoresView> {
    const app = await this.ds.getRepository(Application).findOneBy({ id: applicationId });
    if (!app) throw notFound('Application', applicationId);
    const call = await this.ds.getRepository(Call).findOneByOrFail({ id: app.callId });
    const order = { createdAt: 'ASC', id: 'ASC' } as const;
    if (isOrganizer(actor)) {
      return {
        applicationId,
        rubric: call.rubric,
        scores: await this.ds.getRepository(Score).find({ where: { applicationId }, order }),
        othersVisible: true,
        conflicts: await this.ds
          .getRepository(ReviewConflict)
          .find({ where: { applicationId }, order: { declaredAt: 'ASC' } }),
      };
    }
    const access = await reviewerAccess(this.ds.manager, call, applicationId, actor.userId);
    if (access !== 'ok') {
      if (app.userId === actor.userId) throw forbidden('Scores are for the commission and the organizers');
      throw reviewerAccessError(access, call.id, applicationId);
    }
    const mine = await this.ds
      .getRepository(Score)
      .find({ where: { applicationId, reviewerId: actor.userId }, order });
    const othersVisible = mine.length >= call.rubric.criteria.length;
    if (!othersVisible) return { applicationId, rubric: call.rubric, scores: mine, othersVisible };
    // Scores of reviewers who declared a conflict do not count, and are not shown either.
    const all: Score[] = await this.ds
      .getRepository(Score)
      .createQueryBuilder('s')
      .where('s.applicationId = :applicationId', { applicationId })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM selection_conflicts c WHERE c.application_id = s.application_id AND c.reviewer_id = s.reviewer_id)',
      )
      .orderBy('s.createdAt', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .getMany();
    return { applicationId, rubric: call.rubric, scores: all, othersVisible };
  }

  /**
   * A reviewer declares a conflict of interest with an application: from then on they do not see
   * or score it, and any scores they gave it no longer count. Declaring again changes nothing.
   */
  async declareConflict(actor: Actor, applicationId: string, reason: string): Promise<ReviewConflict> {
    const text = reason?.trim();
    if (!text || text.length > 500) throw invalid('invalid_reason', 'reason must be 1-500 characters');
    return inTransaction(this.ds, async (em) => {
      const app = await em.findOneBy(Application, { id: applicationId });
      if (!app) throw notFound('Application', applicationId);
      const call = await lockCall(em, app.callId, 'share');
      const existing = await em.findOneBy(ReviewConflict, { applicationId, reviewerId: actor.userId });
      if (existing) return existing;
      const access = await reviewerAccess(em, call, applicationId, actor.userId);
      if (access !== 'ok') throw reviewerAccessError(access, call.id, applicationId);
      assertNotDecided(call);
      await em.insert(ReviewConflict, {
        applicationId,
        reviewerId: actor.userId,
        callId: call.id,
        reason: text,
      });
      await recordAudit(em, [
        {
          callId: call.id,
          applicationId,
          actorId: actor.userId,
          action: 'conflict.declared',
          details: { reason: text },
        },
      ]);
      return em.findOneByOrFail(ReviewConflict, { applicationId, reviewerId: actor.userId });
    });
  }

  private scoredTwice(applicationId: string, prior: Score[]) {
    const what = prior.map((s) => `${s.criterion} (${s.createdAt.toISOString()})`).join(', ');
    return conflict(
      'already_scored',
      `You already scored ${what} of application ${applicationId}; a score is given once`,
      { criteria: prior.map((s) => s.criterion) },
    );
  }
}
