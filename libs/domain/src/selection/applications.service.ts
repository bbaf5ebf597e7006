import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction, pgErrorCode } from '@qatys/persistence';
import { User } from '../identity/user.entity';
import { Actor, isOrganizer } from '../shared/actor';
import { conflict, forbidden, invalid, notFound } from '../shared/domain.errors';
import {
  Application,
  APPLICATION_STATUSES,
  ApplicationStatus,
  OPEN_APPLICATION_STATUSES,
} from './application.entity';
import { Call } from './call.entity';
import { Score } from './review.entity';
import { validateAnswers } from './call-form.policy';
import { assertEligible, assertWindowOpen, localDate } from './call.policy';
import {
  assertNotDecided,
  assertSelectionOrganizer,
  isReviewer,
  lockCall,
  recordAudit,
  reviewerAccess,
  visibleCall,
} from './selection-access';
import { scoredCriteria } from './selection.queries';

export interface NewApplication {
  /** YYYY-MM-DD: the age rules are checked against it. */
  birthDate: string;
  answers: Record<string, unknown>;
}

export type ApplicationViewer = 'owner' | 'organizer' | 'reviewer';

/** An application with its applicant, region and call loaded, and who is looking. */
export interface ApplicationView {
  application: Application & { user: User };
  call: Call;
  viewer: ApplicationViewer;
  /** For a reviewer: how far their own review of it is. */
  myReview?: 'none' | 'partial' | 'complete';
}

export interface ApplicationFilter {
  status?: ApplicationStatus;
  regionId?: number;
  nominated?: boolean;
  page: number;
  pageSize: number;
}

@Injectable()
export class ApplicationsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Applies the actor to a call: once per call, while the window is open, if eligible (age on
   * the call's day from `birthDate`, home region among the allowed ones), with answers that fit
   * the form. The region is the applicant's home region from their profile, never the request.
   */
  async apply(actor: Actor, callId: string, input: NewApplication): Promise<ApplicationView> {
    try {
      const id = await inTransaction(this.ds, async (em) => {
        await visibleCall(em, actor, callId);
        const call = await lockCall(em, callId, 'share');
        const now = new Date();
        assertWindowOpen(call, now);
        const prior = await em.findOneBy(Application, { callId, userId: actor.userId });
        if (prior) throw this.duplicate(callId, prior);
        const user = await em.findOneByOrFail(User, { id: actor.userId });
        if (user.homeRegionId === null) {
          throw invalid(
            'home_region_required',
            'Set your home region in your profile before applying: quotas count it',
          );
        }
        assertEligible(call, input.birthDate, user.homeRegionId, localDate(now, call.timeZone));
        const answers = validateAnswers(call.form, input.answers ?? {});
        const res = await em.insert(Application, {
          callId,
          userId: actor.userId,
          regionId: user.homeRegionId,
          birthDate: input.birthDate,
          answers,
          status: 'submitted',
        } as never);
        const applicationId = res.identifiers[0].id as string;
        await recordAudit(em, [
          { callId, applicationId, actorId: actor.userId, action: 'application.submitted' },
        ]);
        return applicationId;
      });
      return this.load(this.ds.manager, id, 'owner');
    } catch (e) {
      // Two first applications racing past the check: the unique index keeps one.
      if (pgErrorCode(e) === '23505') {
        const prior = await this.ds.getRepository(Application).findOneBy({ callId, userId: actor.userId });
        if (prior) throw this.duplicate(callId, prior);
      }
      throw e;
    }
  }

  async listMine(actor: Actor): Promise<ApplicationView[]> {
    const rows = await this.ds.getRepository(Application).find({
      where: { userId: actor.userId },
      relations: { user: true, region: true, call: true },
      order: { submittedAt: 'DESC' },
    });
    return rows.map((a) => ({
      application: a as Application & { user: User },
      call: a.call!,
      viewer: 'owner' as const,
    }));
  }

  /** The applicant, organizers and the application's reviewers see it; anybody else gets a 404. */
  async get(actor: Actor, id: string): Promise<ApplicationView> {
    const app = await this.ds.getRepository(Application).findOneBy({ id });
    if (!app) throw notFound('Application', id);
    if (app.userId === actor.userId) return this.load(this.ds.manager, id, 'owner');
    if (isOrganizer(actor)) return this.load(this.ds.manager, id, 'organizer');
    const call = await this.ds.getRepository(Call).findOneByOrFail({ id: app.callId });
    if ((await reviewerAccess(this.ds.manager, call, id, actor.userId)) === 'ok') {
      const view = await this.load(this.ds.manager, id, 'reviewer');
      view.myReview = await this.myReview(id, actor.userId, call);
      return view;
    }
    throw notFound('Application', id);
  }

  /** All of a call's applications for organizers; a reviewer's own (assigned, no conflict) for them. */
  async listForCall(
    actor: Actor,
    callId: string,
    f: ApplicationFilter,
  ): Promise<{ items: ApplicationView[]; total: number; page: number; pageSize: number }> {
    const call = await this.ds.getRepository(Call).findOneBy({ id: callId });
    if (!call) throw notFound('Call', callId);
    const organizer = isOrganizer(actor);
    if (!organizer && !(await isReviewer(this.ds.manager, callId, actor.userId))) {
      throw forbidden(`Only organizers and the reviewers of call ${callId} list its applications`);
    }
    if (f.status && !APPLICATION_STATUSES.includes(f.status))
      throw invalid('invalid_status', `status must be one of ${APPLICATION_STATUSES.join(', ')}`);
    const qb = this.ds
      .getRepository(Application)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.user', 'u')
      .leftJoinAndSelect('a.region', 'r')
      .where('a.callId = :callId', { callId });
    if (f.status) qb.andWhere('a.status = :status', { status: f.status });
    if (f.regionId !== undefined) qb.andWhere('a.regionId = :regionId', { regionId: f.regionId });
    if (f.nominated !== undefined) qb.andWhere('a.nominated = :nominated', { nominated: f.nominated });
    if (!organizer) {
      qb.andWhere(`a.status <> 'withdrawn'`).andWhere(
        'NOT EXISTS (SELECT 1 FROM selection_conflicts c WHERE c.application_id = a.id AND c.reviewer_id = :me)',
        { me: actor.userId },
      );
      if (call.assignmentMode === 'explicit') {
        qb.andWhere(
          'EXISTS (SELECT 1 FROM selection_assignments x WHERE x.application_id = a.id AND x.reviewer_id = :me)',
        );
      }
    }
    const [rows, total] = await qb
      .orderBy('a.submittedAt', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .skip((f.page - 1) * f.pageSize)
      .take(f.pageSize)
      .getManyAndCount();
    const progress = organizer
      ? new Map<string, number>()
      : await this.reviewProgress(
          callId,
          actor.userId,
          rows.map((r) => r.id),
        );
    const n = call.rubric.criteria.length;
    return {
      items: rows.map((a) => ({
        application: a as Application & { user: User },
        call,
        viewer: organizer ? ('organizer' as const) : ('reviewer' as const),
        ...(organizer ? {} : { myReview: reviewState(progress.get(a.id) ?? 0, n) }),
      })),
      total,
      page: f.page,
      pageSize: f.pageSize,
    };
  }

  /** Organizers mark an application nominated by a body (or clear it with null). */
  async setNomination(actor: Actor, id: string, nominatedBy: string | null): Promise<ApplicationView> {
    assertSelectionOrganizer(actor);
    const body = nominatedBy === null ? null : nominatedBy.trim();
    if (body !== null && (!body || body.length > 300)) {
      throw invalid('invalid_nomination', 'nominatedBy must name the nominating body (1-300 characters)');
    }
    await inTransaction(this.ds, async (em) => {
      const app = await em.findOneBy(Application, { id });
      if (!app) throw notFound('Application', id);
      const call = await lockCall(em, app.callId, 'share');
      assertNotDecided(call);
      if (!OPEN_APPLICATION_STATUSES.includes(app.status)) {
        throw conflict(
          'application_closed',
          `Application ${id} is ${app.status}: its nomination can no longer change`,
        );
      }
      await em.update(Application, { id }, { nominated: body !== null, nominatedBy: body });
      await recordAudit(em, [
        {
          callId: call.id,
          applicationId: id,
          actorId: actor.userId,
          action: 'application.nominated',
          details: { nominatedBy: body },
        },
      ]);
    });
    return this.load(this.ds.manager, id, 'organizer');
  }

  // ---------------------------------------------------------------- internals

  private duplicate(callId: string, prior: Application) {
    return conflict(
      'already_applied',
      `You applied to call ${callId} already (application ${prior.id}, ${prior.submittedAt.toISOString()}); one application per call`,
      { applicationId: prior.id },
    );
  }

  async load(em: EntityManager, id: string, viewer: ApplicationViewer): Promise<ApplicationView> {
    const application = await em.getRepository(Application).findOne({
      where: { id },
      relations: { user: true, region: true, call: true },
    });
    if (!application) throw notFound('Application', id);
    return { application: application as Application & { user: User }, call: application.call!, viewer };
  }

  private async myReview(
    applicationId: string,
    reviewerId: string,
    call: Call,
  ): Promise<'none' | 'partial' | 'complete'> {
    const n = await this.ds.getRepository(Score).countBy({ applicationId, reviewerId });
    return reviewState(n, call.rubric.criteria.length);
  }

  private async reviewProgress(
    callId: string,
    reviewerId: string,
    ids: string[],
  ): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    return scoredCriteria(this.ds.manager, callId, reviewerId, ids);
  }
}

function reviewState(scored: number, criteria: number): 'none' | 'partial' | 'complete' {
  return scored === 0 ? 'none' : scored >= criteria ? 'complete' : 'partial';
}
