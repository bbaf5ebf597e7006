import {
  parsePasswordResetToken,
  passwordResetToken,
  passwordResetUrl,
  verifyPasswordResetToken,
} from './password-reset-token';

const ID = '7d1f3a52-8f3e-4c1b-9b43-0b8f2f6c9a10';
const NOW = new Date('2026-06-15T10:00:00Z');
const LATER = new Date('2026-06-15T10:30:00Z');

describe('password reset token', () => {
  const token = passwordResetToken('s3cret', ID, 'hash-1', LATER);

  it('verifies for the account as it was, before the expiry', () => {
    expect(verifyPasswordResetToken('s3cret', token, 'hash-1', NOW)).toBe(true);
    expect(parsePasswordResetToken(token)).toEqual({ userId: ID, expiresAt: LATER });
  });

  it('is single-use: a new password hash makes it invalid', () => {
    expect(verifyPasswordResetToken('s3cret', token, 'hash-2', NOW)).toBe(false);
  });

  it('expires', () => {
    expect(verifyPasswordResetToken('s3cret', token, 'hash-1', LATER)).toBe(false);
  });

  it('refuses another secret, a changed expiry and garbage', () => {
    expect(verifyPasswordResetToken('other', token, 'hash-1', NOW)).toBe(false);
    const [id, , sig] = token.split('.');
    const forged = `${id}.${(Math.floor(LATER.getTime() / 1000) + 86400).toString(36)}.${sig}`;
    expect(verifyPasswordResetToken('s3cret', forged, 'hash-1', NOW)).toBe(false);
    for (const bad of ['', 'x', `${ID}.zz`, `${ID}.1.2.3`, 'not-a-uuid.1.abc'])
      expect(verifyPasswordResetToken('s3cret', bad, 'hash-1', NOW)).toBe(false);
    expect(parsePasswordResetToken(42)).toBeNull();
  });

  it('makes the web page link', () => {
    expect(passwordResetUrl('https://q.example/', 'a.b.c')).toBe(
      'https://q.example/app/reset-password?token=a.b.c',
    );
  });
});
