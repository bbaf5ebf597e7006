import { JwtService } from '@nestjs/jwt';
import type { AccessTokenClaims, LiveClientEvents, LiveServerEvents } from '@qatys/contracts';
import { joinTokenClaimsOf, LiveIdentity } from '@qatys/domain';
import type { Socket } from 'socket.io';

/** Who is on a socket, from the verified token only (never from anything the client sends later). */
export interface LiveActor {
  userId: string;
  roles: string[];
  coordinatorRegionIds: number[];
  timeZone: string;
  language: string;
}

export interface LiveSocketData {
  actor: LiveActor;
  /** Set for a socket opened with a personal join token: it may join this one session, as an attendee. */
  joinToken?: { registrationId: string; sessionId: string };
}

export type LiveSocket = Socket<LiveClientEvents, LiveServerEvents, Record<string, never>, LiveSocketData>;

/** Shared by every join-token socket: nothing per connection for "no roles, no regions". */
const NONE: readonly never[] = Object.freeze([]);

/** The client sees `connect_error` with this message ("unauthorized: <reason>") and `data.code`. */
export class SocketAuthError extends Error {
  readonly data: { code: 'unauthorized'; reason: string };
  constructor(reason: string) {
    super(`unauthorized: ${reason}`);
    this.data = { code: 'unauthorized', reason };
  }
}

/** The identity the domain decides rights on: roles only from an access token. */
export function identityOf(data: LiveSocketData): LiveIdentity {
  return {
    userId: data.actor.userId,
    staff: data.joinToken
      ? null
      : { roles: data.actor.roles, coordinatorRegionIds: data.actor.coordinatorRegionIds },
    joinToken: data.joinToken,
  };
}

/**
 * Socket.IO middleware: Nest guards do not run on connection, so the handshake is checked here,
 * before the socket joins the namespace. The token comes from `handshake.auth.token` only (query
 * strings end up in proxy logs): an access token the API issued (HS256, issuer qatys), or a
 * personal join token (typ "join", bound to one registration, expiring after the session).
 */
export function socketAuth(jwt: JwtService) {
  return async (socket: Socket, next: (err?: Error) => void): Promise<void> => {
    const auth = socket.handshake.auth as Record<string, unknown> | undefined;
    const token: unknown = auth?.token;
    if (typeof token !== 'string' || token.length === 0) return next(new SocketAuthError('missing token'));
    // Not kept for the connection's life: a bearer token lying in memory is one more to leak, and
    // its few hundred bytes times 10,000 connections are heap for nothing.
    delete auth!.token;
    let claims: AccessTokenClaims | { typ?: unknown };
    try {
      claims = await jwt.verifyAsync<AccessTokenClaims>(token);
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      return next(new SocketAuthError(expired ? 'token expired' : 'invalid token'));
    }
    const data = socket.data as LiveSocketData;
    if (claims.typ === 'join') {
      const join = joinTokenClaimsOf(claims);
      if (!join) return next(new SocketAuthError('malformed join token'));
      data.actor = {
        userId: join.sub,
        roles: NONE as never[],
        coordinatorRegionIds: NONE as never[],
        timeZone: 'UTC',
        language: 'ru',
      };
      data.joinToken = { registrationId: join.reg, sessionId: join.ses };
      return next();
    }
    if (claims.typ !== 'access') return next(new SocketAuthError('not an access token'));
    const access = claims as AccessTokenClaims;
    if (typeof access.sub !== 'string' || !Array.isArray(access.roles)) {
      return next(new SocketAuthError('malformed token claims'));
    }
    data.actor = {
      userId: access.sub,
      roles: access.roles.filter((r) => typeof r === 'string'),
      coordinatorRegionIds: Array.isArray(access.rgn) ? access.rgn.filter((n) => Number.isInteger(n)) : [],
      timeZone: access.tz,
      language: access.lng,
    };
    next();
  };
}
