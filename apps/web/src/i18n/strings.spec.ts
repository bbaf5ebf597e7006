import { en, kk, ru, STRINGS } from './strings';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('string tables', () => {
  it('have the same keys in kk, ru and en, none empty', () => {
    const keys = Object.keys(en).sort();
    for (const table of [kk, ru]) expect(Object.keys(table).sort()).toEqual(keys);
    for (const [lang, table] of Object.entries(STRINGS)) {
      for (const [key, text] of Object.entries(table)) {
        expect(`${lang}.${key}=${text.trim() ? 'ok' : 'empty'}`).toBe(`${lang}.${key}=ok`);
      }
    }
  });

  it('use the same placeholders in every language', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect([key, placeholders(kk[key])]).toEqual([key, placeholders(en[key])]);
      expect([key, placeholders(ru[key])]).toEqual([key, placeholders(en[key])]);
    }
  });

  it('are really translated: Kazakh and Russian differ from English wherever there are words', () => {
    const words = (s: string) =>
      /[A-Za-z]{4}/.test(
        s.replace(
          /\{\w+\}|region_code,expected|https?:\/\/|BigBlueButton|Zoom|YouTube Live|CSV|Qatys|name@example\.kz/g,
          '',
        ),
      );
    const untranslated = (Object.keys(en) as (keyof typeof en)[]).filter(
      (k) => words(en[k]) && (kk[k] === en[k] || ru[k] === en[k] || words(kk[k]) || words(ru[k])),
    );
    expect(untranslated).toEqual([]);
  });
});
