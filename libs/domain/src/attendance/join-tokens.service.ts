import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Session } from '../catalog/session.entity';
import { Registration } from '../registrations/registration.entity';
import { Actor } from '../shared/actor';
import { conflict, notFound } from '../shared/domain.errors';
import { joinTokenExpiry, signJoinToken } from './join-token';

export interface IssuedJoinToken {
  token: string;
  expiresAt: Date;
  registrationId: string;
  sessionId: string;
}

/** Personal join links for one's own registrations (the reminder e-mails carry the same token). */
@Injectable()
export class JoinTokensService {
  constructor(private readonly ds: DataSource) {}

  /** The owner's token; anybody else's registration is a 404, as everywhere under /me. */
  async issueForOwner(
    actor: Actor,
    registrationId: string,
    secret: string,
    now = new Date(),
  ): Promise<IssuedJoinToken> {
    const r = await this.ds
      .getRepository(Registration)
      .findOneBy({ id: registrationId, userId: actor.userId });
    if (!r) throw notFound('Registration', registrationId);
    if (r.status !== 'registered') {
      throw conflict(
        'not_registered',
        `The registration is ${r.status}: only a registered seat has a join link`,
      );
    }
    const session = await this.ds.getRepository(Session).findOneByOrFail({ id: r.sessionId });
    if (session.status === 'cancelled') throw conflict('session_cancelled', 'The session was cancelled');
    if (joinTokenExpiry(session.endAt) <= now) throw conflict('session_ended', 'The session is over');
    const { token, expiresAt } = signJoinToken(
      secret,
      { userId: r.userId, registrationId: r.id, sessionId: r.sessionId, sessionEndAt: session.endAt },
      now,
    );
    return { token, expiresAt, registrationId: r.id, sessionId: r.sessionId };
  }
}
