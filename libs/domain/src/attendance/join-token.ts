import { JwtService } from '@nestjs/jwt';
import { createSecretKey, KeyObject } from 'crypto';
import { DateTime } from 'luxon';
import type { JoinTokenClaims } from '@qatys/contracts';
import { unauthorized } from '../shared/domain.errors';

/** A join link stays usable this long after the session's end (late reconnects, overruns). */
export const JOIN_TOKEN_GRACE_MINUTES = 60;
const ISSUER = 'qatys';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A KeyObject per secret: given a string, jsonwebtoken re-parses it (trying it as a public key
// first) on every call.
const keys = new Map<string, KeyObject>();
function jwtFor(secret: string): JwtService {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size > 16) keys.clear();
    key = createSecretKey(Buffer.from(secret));
    keys.set(secret, key);
  }
  const k = key;
  return new JwtService({ secretOrKeyProvider: () => k });
}

export interface JoinTokenInput {
  userId: string;
  registrationId: string;
  sessionId: string;
  sessionEndAt: Date;
}

export const joinTokenExpiry = (sessionEndAt: Date): Date =>
  // UTC: minutes on an instant need no zone (the system zone costs an Intl lookup per token).
  DateTime.fromJSDate(sessionEndAt, { zone: 'utc' }).plus({ minutes: JOIN_TOKEN_GRACE_MINUTES }).toJSDate();

/**
 * Signs the personal join token of a registration (HS256 with JWT_SECRET, issuer qatys), valid
 * until JOIN_TOKEN_GRACE_MINUTES after the session. The worker puts it in reminder e-mails; the
 * gateway accepts it in the handshake.
 */
export function signJoinToken(
  secret: string,
  input: JoinTokenInput,
  now = new Date(),
): { token: string; expiresAt: Date } {
  const expiresAt = joinTokenExpiry(input.sessionEndAt);
  const claims: JoinTokenClaims & { exp: number; iat: number } = {
    sub: input.userId,
    reg: input.registrationId,
    ses: input.sessionId,
    typ: 'join',
    iat: Math.floor(now.getTime() / 1000),
    exp: Math.floor(expiresAt.getTime() / 1000),
  };
  const token = jwtFor(secret).sign(claims, { issuer: ISSUER, algorithm: 'HS256' });
  return { token, expiresAt };
}

/** The claims of a verified token if they are a well-formed join token's, else null. */
export function joinTokenClaimsOf(payload: unknown): JoinTokenClaims | null {
  const p = payload as Partial<JoinTokenClaims> | null;
  if (!p || p.typ !== 'join') return null;
  if (typeof p.sub !== 'string' || typeof p.reg !== 'string' || typeof p.ses !== 'string') return null;
  if (!UUID.test(p.sub) || !UUID.test(p.reg) || !UUID.test(p.ses)) return null;
  return { sub: p.sub, reg: p.reg, ses: p.ses, typ: 'join' };
}

/** Verifies signature, issuer and expiry, then the claims; a DomainError (unauthorized) says what was wrong. */
export function verifyJoinToken(secret: string, token: string): JoinTokenClaims {
  let payload: unknown;
  try {
    payload = jwtFor(secret).verify(token, { issuer: ISSUER, algorithms: ['HS256'] });
  } catch (e) {
    throw unauthorized((e as Error).name === 'TokenExpiredError' ? 'token expired' : 'invalid token');
  }
  const claims = joinTokenClaimsOf(payload);
  if (!claims) throw unauthorized('not a join token');
  return claims;
}
