import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { inTransaction } from '@qatys/persistence';
import { User } from '../identity/user.entity';
import { Actor } from '../shared/actor';
import { conflict, invalid, notFound } from '../shared/domain.errors';
import { Application } from './application.entity';
import { Call } from './call.entity';
import { CallReviewer, ReviewAssignment, Score } from './review.entity';
import { assertNotDecided, assertSelectionOrganizer, lockCall, recordAudit } from './selection-access';
import { reviewersOf, ReviewerView } from './selection.queries';

export type { ReviewerView } from './selection.queries';

/** A call's commission: reviewers added and removed, and explicit assignments of applications. */
@Injectable()
export class CallReviewersService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async addReviewer(actor: Actor, callId: string, userId: string): Promise<ReviewerView> {
    assertSelectionOrganizer(actor);
    await inTransaction(this.ds, async (em) => {
      const call = await lockCall(em, callId, 'share');
      assertNotDecided(call);
      const user = await em.findOneBy(User, { id: userId });
      if (!user || user.disabledAt)
        throw invalid('unknown_user', `userId: user ${userId} does not exist or is disabled`);
      const res = await em
        .createQueryBuilder()
        .insert()
        .into(CallReviewer)
        .values({ callId, userId, createdBy: actor.userId })
        .orIgnore()
        .returning(['userId'])
        .execute();
      if ((res.raw as unknown[]).length) {
        await recordAudit(em, [
          { callId, actorId: actor.userId, action: 'reviewer.added', details: { userId } },
        ]);
      }
    });
    const [view] = (await this.listReviewers(actor, callId)).filter((r) => r.userId === userId);
    return view;
  }

  async removeReviewer(actor: Actor, callId: string, userId: string): Promise<void> {
    assertSelectionOrganizer(actor);
    await inTransaction(this.ds, async (em) => {
      const call = await lockCall(em, callId, 'share');
      assertNotDecided(call);
      if (!(await em.existsBy(CallReviewer, { callId, userId })))
        throw notFound('Reviewer', `${userId} of call ${callId}`);
      if (await em.existsBy(Score, { callId, reviewerId: userId })) {
        throw conflict(
          'reviewer_has_scores',
          `Reviewer ${userId} has scored applications of call ${callId}: they stay on the commission`,
        );
      }
      await em.delete(ReviewAssignment, { callId, reviewerId: userId });
      await em.delete(CallReviewer, { callId, userId });
      await recordAudit(em, [
        { callId, actorId: actor.userId, action: 'reviewer.removed', details: { userId } },
      ]);
    });
  }

  async listReviewers(actor: Actor, callId: string): Promise<ReviewerView[]> {
    assertSelectionOrganizer(actor);
    if (!(await this.ds.getRepository(Call).existsBy({ id: callId }))) throw notFound('Call', callId);
    const call = await this.ds.getRepository(Call).findOneByOrFail({ id: callId });
    return reviewersOf(this.ds.manager, callId, call.rubric.criteria.length);
  }

  /** The calls the actor reviews (named on their commission), newest window first: a reviewer's way in. */
  async listMyCalls(actor: Actor): Promise<Call[]> {
    return this.ds
      .getRepository(Call)
      .createQueryBuilder('c')
      .innerJoin(CallReviewer, 'r', 'r.call_id = c.id AND r.user_id = :me', { me: actor.userId })
      .orderBy('c.opensAt', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
  }

  /** Explicit assignments (mode `explicit`): these applications go to this reviewer. Idempotent. */
  async assign(actor: Actor, callId: string, reviewerId: string, applicationIds: string[]): Promise<number> {
    assertSelectionOrganizer(actor);
    const ids = [...new Set(applicationIds)];
    if (!ids.length) throw invalid('empty_assignment', 'applicationIds must list at least one application');
    return inTransaction(this.ds, async (em) => {
      const call = await lockCall(em, callId, 'share');
      assertNotDecided(call);
      if (!(await em.existsBy(CallReviewer, { callId, userId: reviewerId }))) {
        throw invalid(
          'not_a_reviewer',
          `reviewerId: user ${reviewerId} is not a reviewer of call ${callId}; add them first`,
        );
      }
      const found = await em.find(Application, { where: { id: In(ids), callId }, select: { id: true } });
      if (found.length !== ids.length) {
        const known = new Set(found.map((a) => a.id));
        throw invalid(
          'unknown_application',
          `applicationIds: ${ids.filter((i) => !known.has(i)).join(', ')} are not applications of call ${callId}`,
        );
      }
      const res = await em
        .createQueryBuilder()
        .insert()
        .into(ReviewAssignment)
        .values(ids.map((applicationId) => ({ applicationId, reviewerId, callId, createdBy: actor.userId })))
        .orIgnore()
        .returning(['applicationId'])
        .execute();
      const added = (res.raw as unknown[]).length;
      if (added) {
        await recordAudit(em, [
          {
            callId,
            actorId: actor.userId,
            action: 'assignment.added',
            details: { reviewerId, applicationIds: ids },
          },
        ]);
      }
      return added;
    });
  }
}
