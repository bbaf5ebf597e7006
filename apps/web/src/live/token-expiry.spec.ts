import { refreshDelay, tokenExpiresAt } from './token-expiry';

const b64url = (o: object) =>
  btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('tokenExpiresAt', () => {
  it('reads exp (seconds) as ms', () => {
    const token = `${b64url({ alg: 'HS256' })}.${b64url({ sub: 'u', exp: 1_800_000_000, typ: 'access' })}.sig`;
    expect(tokenExpiresAt(token)).toBe(1_800_000_000_000);
  });

  it('is null without a token, without exp, or for anything that is not a token', () => {
    expect(tokenExpiresAt(undefined)).toBeNull();
    expect(tokenExpiresAt('')).toBeNull();
    expect(tokenExpiresAt('not-a-token')).toBeNull();
    expect(tokenExpiresAt(`x.${b64url({ sub: 'u' })}.y`)).toBeNull();
    expect(tokenExpiresAt(`x.${b64url({ exp: 'soon' })}.y`)).toBeNull();
  });
});

describe('refreshDelay', () => {
  it('refreshes a minute ahead of a 15-minute token', () => {
    expect(refreshDelay(900_000, 0)).toBe(840_000);
  });

  it('refreshes a short-lived token half-way, and an expired one at once', () => {
    expect(refreshDelay(10_000, 0)).toBe(5_000);
    expect(refreshDelay(1_000, 5_000)).toBe(0);
  });
});
