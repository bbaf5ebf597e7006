import { engagementError, engagementText, ENGAGEMENT_STRINGS } from './engagement-strings';

const { en, kk, ru } = ENGAGEMENT_STRINGS;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('engagement strings', () => {
  it('have the same keys and placeholders in kk, ru and en, none empty, really translated', () => {
    const keys = Object.keys(en).sort();
    for (const table of [kk, ru]) expect(Object.keys(table).sort()).toEqual(keys);
    for (const key of keys as (keyof typeof en)[]) {
      for (const table of [kk, ru, en])
        expect(`${key}=${table[key].trim() ? 'ok' : 'empty'}`).toBe(`${key}=ok`);
      expect([key, placeholders(kk[key])]).toEqual([key, placeholders(en[key])]);
      expect([key, placeholders(ru[key])]).toEqual([key, placeholders(en[key])]);
      const words = (s: string) => /[A-Za-z]{4}/.test(s.replace(/\{\w+\}/g, ''));
      if (words(en[key])) expect([key, words(kk[key]) || words(ru[key])]).toEqual([key, false]);
    }
  });

  it('fills placeholders and says error codes in the reader’s language', () => {
    expect(engagementText('kk', 'eng.handUp', { n: 2 })).toBe('Қолыңыз көтерілді (2-орын).');
    const t = (k: keyof typeof en, v?: Record<string, string | number>) => engagementText('ru', k, v);
    expect(engagementError(t, { code: 'already_answered', message: 'x' })).toBe(
      'Вы уже ответили на этот опрос.',
    );
    expect(engagementError(t, { code: 'forbidden', message: 'x' })).toBe(ru['eng.noRight']);
    expect(engagementError(t, { code: 'session_ended', message: 'Session ended' })).toBe(
      'Не получилось: Session ended',
    );
  });
});
