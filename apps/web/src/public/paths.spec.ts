import { isAccountPath, isPublicPath } from './paths';

describe('public and account paths', () => {
  it('routes the public pages to their chunk, and nothing of the live or console pages', () => {
    for (const p of ['/programs', '/programs/abc', '/sessions/abc', '/schedule'])
      expect(isPublicPath(p)).toBe(true);
    for (const p of ['/s/abc', '/sessions', '/programs/a/b', '/organizer/programs', '/'])
      expect(isPublicPath(p)).toBe(false);
  });

  it('routes the account pages to theirs', () => {
    for (const p of ['/signup', '/forgot-password', '/reset-password', '/profile', '/my-sessions'])
      expect(isAccountPath(p)).toBe(true);
    expect(isAccountPath('/signin')).toBe(false);
  });
});
