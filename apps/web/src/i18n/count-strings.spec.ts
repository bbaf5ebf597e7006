import { COUNT_STRINGS, countText } from './count-strings';

describe('counted phrases', () => {
  it('have every phrase in kk, ru and en, with {n} in every form', () => {
    const keys = Object.keys(COUNT_STRINGS.en).sort();
    for (const lang of ['kk', 'ru', 'en'] as const) {
      expect(Object.keys(COUNT_STRINGS[lang]).sort()).toEqual(keys);
      for (const forms of Object.values(COUNT_STRINGS[lang]))
        for (const f of Object.values(forms)) expect(f).toContain('{n}');
    }
    // Russian needs one / few / many wherever a phrase is counted.
    for (const forms of Object.values(COUNT_STRINGS.ru))
      expect(Object.keys(forms).sort()).toEqual(['few', 'many', 'one', 'other']);
  });

  it('says the number the way each language does', () => {
    expect([1, 3, 5, 21].map((n) => countText('ru', 'votes', n))).toEqual([
      '1 голос',
      '3 голоса',
      '5 голосов',
      '21 голос',
    ]);
    expect(countText('en', 'votes', 1)).toBe('1 vote');
    expect(countText('en', 'votes', 0)).toBe('0 votes');
    expect(countText('kk', 'days', 2)).toBe('2 күн');
    expect(countText('ru', 'rowsFailed', 2)).toBe('Ничего не импортировано: ошибки в 2 строках.');
    expect(countText('ru', 'people', 12345).replace(/\s/g, ' ')).toBe('12 345 человек');
  });
});
