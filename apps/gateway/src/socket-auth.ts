import { JwtService } from '@nestjs/jwt';
import type { AccessTokenClaims } from '@qatys/contracts';
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
  /** When the socket's token expires (ms since the epoch; Infinity for a token without `exp`). */
  expiresAt: number;
}

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

type Verified = { ok: true; data: LiveSocketData } | { ok: false; reason: string };

/** Who a token says the socket is: an access token the API issued, or a personal join token. */
async function verifyToken(jwt: JwtService, token: string): Promise<Verified> {
  let claims: AccessTokenClaims | { typ?: unknown; exp?: unknown };
  try {
    claims = await jwt.verifyAsync<AccessTokenClaims>(token);
  } catch (e) {
    const expired = (e as Error).name === 'TokenExpiredError';
    return { ok: false, reason: expired ? 'token expired' : 'invalid token' };
  }
  const exp = (claims as { exp?: unknown }).exp;
  const expiresAt = typeof exp === 'number' ? exp * 1000 : Infinity;
  if (claims.typ === 'join') {
    const join = joinTokenClaimsOf(claims);
    if (!join) return { ok: false, reason: 'malformed join token' };
    return {
      ok: true,
      data: {
        actor: {
          userId: join.sub,
          roles: NONE as never[],
          coordinatorRegionIds: NONE as never[],
          timeZone: 'UTC',
          language: 'ru',
        },
        joinToken: { registrationId: join.reg, sessionId: join.ses },
        expiresAt,
      },
    };
  }
  if (claims.typ !== 'access') return { ok: false, reason: 'not an access token' };
  const access = claims as AccessTokenClaims;
  if (typeof access.sub !== 'string' || !Array.isArray(access.roles)) {
    return { ok: false, reason: 'malformed token claims' };
  }
  return {
    ok: true,
    data: {
      actor: {
        userId: access.sub,
        roles: access.roles.filter((r) => typeof r === 'string'),
        coordinatorRegionIds: Array.isArray(access.rgn) ? access.rgn.filter((n) => Number.isInteger(n)) : [],
        timeZone: access.tz,
        language: access.lng,
      },
      expiresAt,
    },
  };
}

/**
 * Socket.IO middleware: Nest guards do not run on connection, so the handshake is checked here,
 * before the socket joins the namespace. The token comes from `handshake.auth.token` only (query
 * strings end up in proxy logs): an access token the API issued (HS256, issuer qatys), or a
 * personal join token (typ "join", bound to one registration, expiring after the session). Its
 * expiry is kept: the socket ends when it passes (unless refreshed with `auth:refresh`).
 */
export function socketAuth(jwt: JwtService) {
  return async (socket: Socket, next: (err?: Error) => void): Promise<void> => {
    const auth = socket.handshake.auth as Record<string, unknown> | undefined;
    const token: unknown = auth?.token;
    if (typeof token !== 'string' || token.length === 0) return next(new SocketAuthError('missing token'));
    // Not kept for the connection's life: a bearer token lying in memory is one more to leak, and
    // its few hundred bytes times 10,000 connections are heap for nothing.
    delete auth!.token;
    const verified = await verifyToken(jwt, token);
    if (!verified.ok) return next(new SocketAuthError(verified.reason));
    Object.assign(socket.data as LiveSocketData, verified.data);
    next();
  };
}

const sameSet = (a: readonly (string | number)[], b: readonly (string | number)[]) => {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
};

/**
 * `auth:refresh`: the socket takes a fresh token's expiry when the token is of the same kind and
 * person with the same rights (roles and regions, or the same join link). Rights that changed
 * take a new connection: the rooms and counts of this one were decided on the old ones.
 */
export async function refreshSocketToken(
  jwt: JwtService,
  data: LiveSocketData,
  token: string,
): Promise<{ ok: true; expiresAt: number } | { ok: false; message: string }> {
  const verified = await verifyToken(jwt, token);
  if (!verified.ok) return { ok: false, message: `The new token was refused: ${verified.reason}` };
  const next = verified.data;
  const same =
    next.actor.userId === data.actor.userId &&
    (data.joinToken
      ? next.joinToken?.registrationId === data.joinToken.registrationId &&
        next.joinToken.sessionId === data.joinToken.sessionId
      : !next.joinToken &&
        sameSet(next.actor.roles, data.actor.roles) &&
        sameSet(next.actor.coordinatorRegionIds, data.actor.coordinatorRegionIds));
  if (!same) {
    return {
      ok: false,
      message:
        'The new token is of another kind or person, or carries other rights; reconnect with it instead',
    };
  }
  data.expiresAt = next.expiresAt;
  data.actor.timeZone = next.actor.timeZone;
  data.actor.language = next.actor.language;
  return { ok: true, expiresAt: next.expiresAt };
}
