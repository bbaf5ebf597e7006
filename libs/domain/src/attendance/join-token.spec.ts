import { JwtService } from '@nestjs/jwt';
import { joinTokenClaimsOf, joinTokenExpiry, signJoinToken, verifyJoinToken } from './join-token';

const SECRET = 'join-token-spec-secret-long-enough-0123456789';
const ids = {
  userId: '11111111-1111-4111-8111-111111111111',
  registrationId: '22222222-2222-4222-8222-222222222222',
  sessionId: '33333333-3333-4333-8333-333333333333',
};

describe('join tokens', () => {
  it('round-trips the claims and expires an hour after the session', () => {
    const sessionEndAt = new Date(Date.now() + 3 * 3600_000);
    const { token, expiresAt } = signJoinToken(SECRET, { ...ids, sessionEndAt });
    expect(expiresAt.getTime()).toBe(sessionEndAt.getTime() + 3600_000);
    expect(verifyJoinToken(SECRET, token)).toEqual({
      sub: ids.userId,
      reg: ids.registrationId,
      ses: ids.sessionId,
      typ: 'join',
    });
    const decoded = new JwtService({}).decode(token) as { exp: number; iss: string };
    expect(decoded.exp).toBe(Math.floor(expiresAt.getTime() / 1000));
    expect(decoded.iss).toBe('qatys');
  });

  it('refuses an expired, forged or foreign token', () => {
    const past = signJoinToken(SECRET, { ...ids, sessionEndAt: new Date(Date.now() - 2 * 3600_000) }).token;
    expect(() => verifyJoinToken(SECRET, past)).toThrow('token expired');
    const good = signJoinToken(SECRET, { ...ids, sessionEndAt: new Date(Date.now() + 3600_000) }).token;
    expect(() => verifyJoinToken(`${SECRET}-other`, good)).toThrow('invalid token');
    const access = new JwtService({ secret: SECRET }).sign(
      { sub: ids.userId, typ: 'access' },
      { issuer: 'qatys' },
    );
    expect(() => verifyJoinToken(SECRET, access)).toThrow('not a join token');
    const otherIssuer = new JwtService({ secret: SECRET }).sign({ ...ids, typ: 'join' }, { issuer: 'x' });
    expect(() => verifyJoinToken(SECRET, otherIssuer)).toThrow('invalid token');
  });

  it('accepts only well-formed claims', () => {
    const ok = { sub: ids.userId, reg: ids.registrationId, ses: ids.sessionId, typ: 'join' };
    expect(joinTokenClaimsOf(ok)).toEqual(ok);
    expect(joinTokenClaimsOf({ ...ok, ses: 'x' })).toBeNull();
    expect(joinTokenClaimsOf({ ...ok, reg: 5 })).toBeNull();
    expect(joinTokenClaimsOf({ ...ok, typ: 'access' })).toBeNull();
    expect(joinTokenClaimsOf(null)).toBeNull();
    expect(joinTokenExpiry(new Date('2024-06-20T09:00:00Z')).toISOString()).toBe('2024-06-20T10:00:00.000Z');
  });
});
