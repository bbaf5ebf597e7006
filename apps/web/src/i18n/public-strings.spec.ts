import { NAV_STRINGS } from './public-nav-strings';
import { errorText, LATIN_BRANDS, PUBLIC_STRINGS, publicText, seatsLeftText } from './public-strings';

describe('public and account strings', () => {
  it('has every key in kk, ru and en, none empty, with the same variables', () => {
    const keys = Object.keys(PUBLIC_STRINGS.en).sort();
    const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const lang of ['kk', 'ru'] as const) {
      expect(Object.keys(PUBLIC_STRINGS[lang]).sort()).toEqual(keys);
      for (const k of keys) {
        const key = k as keyof typeof PUBLIC_STRINGS.en;
        expect(PUBLIC_STRINGS[lang][key].trim()).not.toBe('');
        expect([k, vars(PUBLIC_STRINGS[lang][key])]).toEqual([k, vars(PUBLIC_STRINGS.en[key])]);
      }
    }
  });

  it('has the header and sign-in words in kk, ru and en, without English in kk and ru', () => {
    const keys = Object.keys(NAV_STRINGS.en).sort();
    for (const lang of ['kk', 'ru'] as const) {
      expect(Object.keys(NAV_STRINGS[lang]).sort()).toEqual(keys);
      for (const v of Object.values(NAV_STRINGS[lang])) {
        expect(v.trim()).not.toBe('');
        expect(v).not.toMatch(/[A-Za-z]/);
      }
    }
  });

  it.each(['kk', 'ru'] as const)('lets no English into %s (brand names aside)', (lang) => {
    const latin = Object.values(PUBLIC_STRINGS[lang]).flatMap((s) =>
      (s.replace(/\{\w+\}/g, '').match(/[A-Za-z]+/g) ?? []).filter((w) => !LATIN_BRANDS.includes(w)),
    );
    expect(latin).toEqual([]);
  });

  it('counts seats with the plural the language asks for', () => {
    expect(seatsLeftText('ru', 1)).toBe('Осталось 1 место');
    expect(seatsLeftText('ru', 3)).toBe('Осталось 3 места');
    expect(seatsLeftText('ru', 5)).toBe('Осталось 5 мест');
    expect(seatsLeftText('ru', 21)).toBe('Осталось 21 место');
    expect(seatsLeftText('en', 1)).toBe('1 seat left');
    expect(seatsLeftText('en', 2)).toBe('2 seats left');
    expect(seatsLeftText('kk', 2)).toBe('2 бос орын қалды');
    expect(seatsLeftText('ru', 1500).replace(/\s/g, ' ')).toBe('Осталось 1 500 мест');
  });

  it('translates API error codes and fills variables', () => {
    expect(errorText('kk', 'email_taken')).toMatch(/тіркелгі бар/);
    expect(errorText('ru', 'no_such_code')).toBeNull();
    expect(publicText('ru', 'pub.program.module', { n: 2 })).toBe('Модуль 2');
  });
});
