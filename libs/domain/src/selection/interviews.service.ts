import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '@qatys/persistence';
import { Program } from '../catalog/program.entity';
import { SessionsService } from '../catalog/sessions.service';
import { RegistrationsService } from '../registrations/registrations.service';
import { Actor } from '../shared/actor';
import { conflict, notFound } from '../shared/domain.errors';
import { Application, OPEN_APPLICATION_STATUSES } from './application.entity';
import { ApplicationsService, ApplicationView } from './applications.service';
import { Call } from './call.entity';
import { assertNotDecided, assertSelectionOrganizer, lockCall, recordAudit } from './selection-access';

export interface InterviewInput {
  /** Local wall time in `timeZone` (default: the call's zone). */
  start: string;
  timeZone?: string;
  durationMinutes?: number;
  joinUrl: string;
}

/** Online interviews of applicants: catalog sessions with the applicant registered. */
@Injectable()
export class InterviewsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly applications: ApplicationsService,
    private readonly sessions: SessionsService,
    private readonly registrations: RegistrationsService,
  ) {}

  /**
   * An online interview with the applicant: a session in the call's "interviews" program
   * (created, as a draft, on the first interview) through the catalog, and the applicant
   * registered for it. One interview per application.
   */
  async scheduleInterview(actor: Actor, id: string, input: InterviewInput): Promise<ApplicationView> {
    assertSelectionOrganizer(actor);
    const app = await this.ds.getRepository(Application).findOneBy({ id });
    if (!app) throw notFound('Application', id);
    const call = await this.ds.getRepository(Call).findOneByOrFail({ id: app.callId });
    assertNotDecided(call);
    if (!OPEN_APPLICATION_STATUSES.includes(app.status)) {
      throw conflict(
        'application_closed',
        `Application ${id} is ${app.status}: no interview can be scheduled`,
      );
    }
    if (app.interviewSessionId) {
      throw conflict(
        'interview_already_scheduled',
        `Application ${id} already has an interview (session ${app.interviewSessionId})`,
      );
    }
    const programId = await this.interviewProgram(actor, call.id);
    const session = await this.sessions.create(actor, {
      programId,
      title: {
        en: `Interview: ${call.title.en ?? call.title.ru ?? call.title.kk}`,
        ru: `Собеседование: ${call.title.ru ?? call.title.en ?? call.title.kk}`,
        kk: `Сұхбат: ${call.title.kk ?? call.title.ru ?? call.title.en}`,
      },
      start: input.start,
      timeZone: input.timeZone ?? call.timeZone,
      durationMinutes: input.durationMinutes ?? 30,
      format: 'online',
      joinUrl: input.joinUrl,
    });
    await this.registrations.register(actor, session.id, { userId: app.userId, regionId: app.regionId });
    await inTransaction(this.ds, async (em) => {
      const locked = await lockCall(em, call.id, 'share');
      assertNotDecided(locked);
      const res = await em
        .createQueryBuilder()
        .update(Application)
        .set({ interviewSessionId: session.id, status: 'interview_scheduled' })
        .where('id = :id AND interview_session_id IS NULL', { id })
        .andWhere(`status IN ('submitted', 'under_review', 'interview_scheduled')`)
        .execute();
      if (!res.affected)
        throw conflict(
          'interview_already_scheduled',
          `Application ${id} changed while the interview was being scheduled`,
        );
      await recordAudit(em, [
        {
          callId: call.id,
          applicationId: id,
          actorId: actor.userId,
          action: 'interview.scheduled',
          details: { sessionId: session.id, startAt: session.startAt },
        },
      ]);
    });
    return this.applications.load(this.ds.manager, id, 'organizer');
  }

  /** The program that holds a call's interview sessions: made once, under the call's row lock. */
  private async interviewProgram(actor: Actor, callId: string): Promise<string> {
    return inTransaction(this.ds, async (em) => {
      const call = await lockCall(em, callId, 'update');
      if (call.interviewProgramId) return call.interviewProgramId;
      const parent = await em.findOneByOrFail(Program, { id: call.programId });
      const res = await em.insert(Program, {
        organizationId: parent.organizationId,
        title: {
          en: `Interviews: ${call.title.en ?? call.title.ru ?? call.title.kk}`,
          ru: `Собеседования: ${call.title.ru ?? call.title.en ?? call.title.kk}`,
          kk: `Сұхбаттар: ${call.title.kk ?? call.title.ru ?? call.title.en}`,
        },
        defaultTimeZone: call.timeZone,
        defaultLanguage: parent.defaultLanguage,
        status: 'draft',
        createdBy: actor.userId,
      } as never);
      const programId = res.identifiers[0].id as string;
      await em.update(Call, { id: callId }, { interviewProgramId: programId });
      return programId;
    });
  }
}
