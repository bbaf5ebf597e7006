import { Injectable } from '@nestjs/common';
import type { SessionReadModel } from '../catalog/session.read-model';
import { NewSession, SessionPatch, SessionsService } from '../catalog/sessions.service';
import type { Actor } from '../shared/actor';
import { RegistrationsService } from './registrations.service';

/**
 * Scheduling use cases that reach past the catalog: a session added to a program registers the
 * people enrolled in the whole program, and more seats let the waitlist in. Each follow-up runs
 * after the catalog change committed (its own transaction, idempotent), so a retry repairs a
 * follow-up that failed without redoing the change.
 */
@Injectable()
export class SessionSchedulingService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly registrations: RegistrationsService,
  ) {}

  async create(actor: Actor, input: NewSession): Promise<SessionReadModel> {
    const session = await this.sessions.create(actor, input);
    const enrolled = await this.registrations.enrollProgramMembersIntoSession(session.id);
    return enrolled.length ? this.sessions.get(actor, session.id) : session;
  }

  async update(actor: Actor, id: string, patch: SessionPatch): Promise<SessionReadModel> {
    const session = await this.sessions.update(actor, id, patch);
    if (patch.capacity === undefined) return session;
    const promoted = await this.registrations.promoteFromWaitlist(id);
    return promoted.length ? this.sessions.get(actor, id) : session;
  }
}
