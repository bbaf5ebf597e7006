import { Injectable } from '@nestjs/common';
import type { AnyOutboxHandler } from '../events/outbox-dispatcher';
import { notFound } from '../shared/domain.errors';
import { ProgramEnrollmentsService } from './program-enrollments.service';
import { lockSession } from './registration.queries';
import { promoteWaitlist } from './seats';

/**
 * What registrations do when the catalog changes, as outbox handlers (the catalog does not know
 * about registrations): more seats on a session or a section let its waitlist in; a session added
 * to a program registers the people enrolled in the whole program. Both plan from the rows as they
 * are when the event is handled, so a replay finds nothing more to do.
 */
@Injectable()
export class RegistrationHandlers {
  readonly handlers: readonly AnyOutboxHandler<unknown>[];

  constructor(enrollments: ProgramEnrollmentsService) {
    this.handlers = [
      {
        type: 'session.capacity_raised',
        async handle(em, { payload: p }) {
          const session = await lockSession(em, p.sessionId);
          if (!session) throw notFound('Session', p.sessionId);
          await promoteWaitlist(em, session);
        },
      },
      {
        type: 'session.created',
        async handle(em, { payload: p }) {
          await enrollments.enrollProgramMembersIntoSession(em, p.sessionId);
        },
      },
    ];
  }
}
