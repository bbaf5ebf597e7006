import {
  certificateNumber,
  normalizeVerifyCode,
  publicHolderName,
  verificationOf,
  verifyCodeFrom,
} from './certificate.policy';

describe('certificate policy', () => {
  it('numbers certificates by year and sequence', () => {
    expect(certificateNumber(2024, 42)).toBe('QTS-2024-000042');
  });

  it('makes 16-symbol codes and reads them back as a person types them', () => {
    const code = verifyCodeFrom(Uint8Array.from({ length: 16 }, (_, i) => i * 7));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(normalizeVerifyCode(code.toLowerCase())).toBe(code);
    expect(normalizeVerifyCode('oooo0000iiii1111')).toBe('0000000011111111');
    expect(normalizeVerifyCode('short')).toBeNull();
    expect(normalizeVerifyCode('!!!!!!!!!!!!!!!!')).toBeNull();
    expect(normalizeVerifyCode('x'.repeat(500))).toBeNull();
  });

  it('shows the full name only with consent, else initials (Kazakh letters kept)', () => {
    expect(publicHolderName('Әлия Ғабитқызы Құрманова', false)).toBe('Ә. Ғ. Қ.');
    expect(publicHolderName('Әлия Құрманова', true)).toBe('Әлия Құрманова');
  });

  it('answers valid, revoked or unknown (a pending one is unknown)', () => {
    const base = {
      number: 'QTS-2024-000001',
      holderName: 'Әлия Құрманова',
      publicName: false,
      programTitle: 'Праймериз',
      completedAt: new Date('2024-07-01T10:00:00Z'),
      issuedAt: new Date('2024-07-02T10:00:00Z'),
      revokedAt: null,
    };
    expect(verificationOf(null)).toEqual({ status: 'unknown' });
    expect(verificationOf({ ...base, status: 'pending' })).toEqual({ status: 'unknown' });
    expect(verificationOf({ ...base, status: 'issued' })).toEqual({
      status: 'valid',
      number: 'QTS-2024-000001',
      holder: 'Ә. Қ.',
      program: 'Праймериз',
      completedOn: '2024-07-01',
      issuedOn: '2024-07-02',
      revokedOn: null,
    });
    expect(
      verificationOf({ ...base, status: 'revoked', revokedAt: new Date('2024-08-01T00:00:00Z') }),
    ).toMatchObject({ status: 'revoked', revokedOn: '2024-08-01' });
  });
});
