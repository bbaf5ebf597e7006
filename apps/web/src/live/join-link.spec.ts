import { joinLinkRewrite, sessionOfJoinToken } from './join-link';

const b64url = (o: object) =>
  btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const SES = '3f1c2b9e-8a7d-4c6b-9e5f-1a2b3c4d5e6f';

describe('sessionOfJoinToken', () => {
  it('reads the session id from the token (base64url, no padding)', () => {
    const token = `${b64url({ alg: 'HS256' })}.${b64url({ sub: 'u', reg: 'r', ses: SES, typ: 'join' })}.sig`;
    expect(sessionOfJoinToken(token)).toBe(SES);
  });

  it('returns null for anything that is not a token carrying a session id', () => {
    expect(sessionOfJoinToken('')).toBeNull();
    expect(sessionOfJoinToken('not-a-token')).toBeNull();
    expect(sessionOfJoinToken(`x.${b64url({ ses: 'drop table' })}.y`)).toBeNull();
    expect(sessionOfJoinToken('x.%%%.y')).toBeNull();
  });
});

describe('joinLinkRewrite', () => {
  const token = `${b64url({ alg: 'HS256' })}.${b64url({ sub: 'u', reg: 'r', ses: SES, typ: 'join' })}.sig`;

  it('reads the link of the e-mail into the session and a clean address', () => {
    expect(joinLinkRewrite('/join/reg-1', `?t=${token}`, '')).toEqual({
      sessionId: SES,
      token,
      url: `/app/join/${SES}`,
    });
    expect(joinLinkRewrite('/app/join/reg-1', '', `#token=${token}`)?.url).toBe(`/app/join/${SES}`);
  });

  it('leaves every other address alone', () => {
    expect(joinLinkRewrite('/app/join/x', '', '')).toBeNull();
    expect(joinLinkRewrite('/app/s/x', `?t=${token}`, '')).toBeNull();
    expect(joinLinkRewrite('/join/x', '?t=forged', '')).toBeNull();
  });
});
