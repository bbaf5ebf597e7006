import { JwtService } from '@nestjs/jwt';
import type { AccessTokenClaims } from '@qatys/contracts';
import type { Socket } from 'socket.io';

/** Who is on a socket, from the verified access token only (never from anything the client sends later). */
export interface LiveActor {
  userId: string;
  roles: string[];
  coordinatorRegionIds: number[];
  timeZone: string;
  language: string;
}

export interface LiveSocketData {
  actor: LiveActor;
}

export type LiveSocket = Socket<
  Record<string, never>,
  Record<string, never>,
  Record<string, never>,
  LiveSocketData
>;

/** The client sees `connect_error` with this message ("unauthorized: <reason>") and `data.code`. */
export class SocketAuthError extends Error {
  readonly data: { code: 'unauthorized'; reason: string };
  constructor(reason: string) {
    super(`unauthorized: ${reason}`);
    this.data = { code: 'unauthorized', reason };
  }
}

/**
 * Socket.IO middleware: Nest guards do not run on connection, so the handshake is checked here,
 * before the socket joins the namespace. The token comes from `handshake.auth.token` only (query
 * strings end up in proxy logs) and must be an access token the API issued (HS256, issuer qatys).
 */
export function socketAuth(jwt: JwtService) {
  return async (socket: Socket, next: (err?: Error) => void): Promise<void> => {
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    if (typeof token !== 'string' || token.length === 0) return next(new SocketAuthError('missing token'));
    let claims: AccessTokenClaims;
    try {
      claims = await jwt.verifyAsync<AccessTokenClaims>(token);
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      return next(new SocketAuthError(expired ? 'token expired' : 'invalid token'));
    }
    if (claims.typ !== 'access') return next(new SocketAuthError('not an access token'));
    if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) {
      return next(new SocketAuthError('malformed token claims'));
    }
    (socket.data as LiveSocketData).actor = {
      userId: claims.sub,
      roles: claims.roles.filter((r) => typeof r === 'string'),
      coordinatorRegionIds: Array.isArray(claims.rgn) ? claims.rgn.filter((n) => Number.isInteger(n)) : [],
      timeZone: claims.tz,
      language: claims.lng,
    };
    next();
  };
}
