import { ADMIN_STRINGS, adminCount, adminErrorKey, adminText } from './admin-strings';

describe('admin strings', () => {
  it('has every key in kk, ru and en, none empty', () => {
    const keys = Object.keys(ADMIN_STRINGS.en).sort();
    for (const lang of ['kk', 'ru'] as const) {
      expect(Object.keys(ADMIN_STRINGS[lang]).sort()).toEqual(keys);
      for (const k of keys)
        expect(ADMIN_STRINGS[lang][k as keyof typeof ADMIN_STRINGS.en].trim()).not.toBe('');
    }
  });

  it.each(['kk', 'ru'] as const)('lets no English into %s', (lang) => {
    const latin = Object.values(ADMIN_STRINGS[lang]).flatMap(
      (s) => s.replace(/\{\w+\}/g, '').match(/[A-Za-z]+/g) ?? [],
    );
    expect(latin).toEqual([]);
  });

  it.each(['kk', 'ru', 'en'] as const)(
    'gives %s buttons accessible names that contain their visible text (WCAG 2.5.3)',
    (lang) => {
      const s = ADMIN_STRINGS[lang];
      expect(s['regions.retire']).toContain(s['regions.retireConfirm']);
      expect(s['regions.restore']).toContain(s['regions.restoreShort']);
    },
  );

  it('counts people with the plural form of each language', () => {
    expect(['1', '3', '5', '21', '22', '11'].map((n) => adminCount('ru', Number(n)))).toEqual([
      '1 человек',
      '3 человека',
      '5 человек',
      '21 человек',
      '22 человека',
      '11 человек',
    ]);
    expect(adminCount('en', 1)).toBe('1 person');
    expect(adminCount('en', 2)).toBe('2 people');
    expect(adminCount('kk', 2)).toBe('2 адам');
  });

  it('fills the variables and knows the API codes it translates', () => {
    expect(adminText('ru', 'regions.retireQuestion', { name: 'Абайская область' })).toBe(
      'Вывести из списка регион «Абайская область»?',
    );
    expect(adminErrorKey('cannot_disable_self')).toBe('error.cannot_disable_self');
    expect(adminErrorKey('status.404')).toBeUndefined();
    expect(adminErrorKey('no_such_code')).toBeUndefined();
  });
});
