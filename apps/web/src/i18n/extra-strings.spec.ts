import { EXTRA_STRINGS, extraText } from './extra-strings';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('extra strings', () => {
  it('have the same keys and placeholders in kk, ru and en, and no English in kk/ru', () => {
    const keys = Object.keys(EXTRA_STRINGS.en).sort() as (keyof typeof EXTRA_STRINGS.en)[];
    for (const lang of ['kk', 'ru'] as const) {
      expect(Object.keys(EXTRA_STRINGS[lang]).sort()).toEqual(keys);
      for (const k of keys) {
        expect([k, placeholders(EXTRA_STRINGS[lang][k])]).toEqual([k, placeholders(EXTRA_STRINGS.en[k])]);
        expect([k, /[A-Za-z]/.test(EXTRA_STRINGS[lang][k].replace(/\{\w+\}/g, ''))]).toEqual([k, false]);
      }
    }
  });

  it('fills the variables', () => {
    expect(extraText('ru', 'dashboard.joinedOf', { joined: 1, expected: 3 })).toBe('подключились 1 из 3');
  });
});
