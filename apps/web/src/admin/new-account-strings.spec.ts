import { NEW_ACCOUNT_STRINGS, newAccountErrorKey, newAccountText } from './new-account-strings';

describe('new staff account strings', () => {
  it('has every key in kk, ru and en, none empty', () => {
    const keys = Object.keys(NEW_ACCOUNT_STRINGS.en).sort();
    for (const lang of ['kk', 'ru'] as const) {
      expect(Object.keys(NEW_ACCOUNT_STRINGS[lang]).sort()).toEqual(keys);
      for (const k of keys)
        expect(NEW_ACCOUNT_STRINGS[lang][k as keyof typeof NEW_ACCOUNT_STRINGS.en].trim()).not.toBe('');
    }
  });

  it.each(['kk', 'ru'] as const)('lets no English into %s', (lang) => {
    const latin = Object.values(NEW_ACCOUNT_STRINGS[lang]).flatMap(
      (s) => s.replace(/\{\w+\}/g, '').match(/[A-Za-z]+/g) ?? [],
    );
    expect(latin).toEqual([]);
  });

  it("translates the API's codes it knows and fills the name in", () => {
    expect(newAccountErrorKey('email_taken')).toBe('error.email_taken');
    expect(newAccountErrorKey('forbidden')).toBeUndefined();
    expect(newAccountText('kk', 'new.created', { name: 'Гүлнар' })).toBe('Тіркелгі ашылды: Гүлнар.');
  });
});
