import { INVITE_STRINGS, inviteText } from './invite-strings';

describe('invitation and certificate strings', () => {
  it('has every key in kk, ru and en, none empty', () => {
    const keys = Object.keys(INVITE_STRINGS.en).sort();
    for (const lang of ['kk', 'ru'] as const) {
      expect(Object.keys(INVITE_STRINGS[lang]).sort()).toEqual(keys);
      for (const k of keys)
        expect(INVITE_STRINGS[lang][k as keyof typeof INVITE_STRINGS.en].trim()).not.toBe('');
    }
  });

  it.each(['kk', 'ru'] as const)('lets no English into %s', (lang) => {
    const latin = Object.values(INVITE_STRINGS[lang]).flatMap((s) =>
      (s.replace(/\{\w+\}/g, '').match(/[A-Za-z]+/g) ?? []).filter((w) => w !== 'Qatys'),
    );
    expect(latin).toEqual([]);
  });

  it('fills the variables', () => {
    expect(inviteText('kk', 'invite.hello', { name: 'Әлия' })).toBe('Сәлеметсіз бе, Әлия!');
  });
});
