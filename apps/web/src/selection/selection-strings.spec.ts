import { CALLS_LINK, SELECTION_LINK } from './selection-nav';
import { SELECTION_STRINGS, selectionPlural, selectionText } from './selection-strings';

describe('selection strings', () => {
  it('has every key in kk, ru and en, none empty', () => {
    const keys = Object.keys(SELECTION_STRINGS.en).sort();
    for (const lang of ['kk', 'ru'] as const) {
      expect(Object.keys(SELECTION_STRINGS[lang]).sort()).toEqual(keys);
      for (const k of keys)
        expect(SELECTION_STRINGS[lang][k as keyof typeof SELECTION_STRINGS.en].trim()).not.toBe('');
    }
  });

  it('keeps the same placeholders in every language', () => {
    const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [k, en] of Object.entries(SELECTION_STRINGS.en)) {
      for (const lang of ['kk', 'ru'] as const)
        expect([k, vars(SELECTION_STRINGS[lang][k as keyof typeof SELECTION_STRINGS.en])]).toEqual([
          k,
          vars(en),
        ]);
    }
  });

  it.each(['kk', 'ru'] as const)('lets no English into %s', (lang) => {
    const latin = Object.values(SELECTION_STRINGS[lang]).flatMap(
      (s) =>
        s
          .replace(/\{\w+\}/g, '')
          .replace(/https:\/\//g, '')
          // the file format's name, the same in every language
          .replace(/\bCSV\b/g, '')
          .match(/[A-Za-z]+/g) ?? [],
    );
    expect(latin).toEqual([]);
  });

  it('chooses the plural form by Intl.PluralRules', () => {
    expect(selectionPlural('ru', 'seats', 1)).toBe('1 место');
    expect(selectionPlural('ru', 'seats', 3)).toBe('3 места');
    expect(selectionPlural('ru', 'seats', 30)).toBe('30 мест');
    expect(selectionPlural('ru', 'seats', 21)).toBe('21 место');
    expect(selectionPlural('en', 'seats', 1)).toBe('1 seat');
    expect(selectionPlural('en', 'seats', 50)).toBe('50 seats');
    expect(selectionPlural('kk', 'seats', 50)).toBe('50 орын');
  });

  it('fills the variables', () => {
    expect(selectionText('ru', 'mine.waitlist', { n: 2 })).toBe('Место в листе ожидания: 2');
  });
});

describe('the header link to the calls', () => {
  it('says the same as the selection pages', () => {
    for (const lang of ['kk', 'ru', 'en'] as const) {
      expect(CALLS_LINK[lang]).toBe(SELECTION_STRINGS[lang]['nav.calls']);
      expect(SELECTION_LINK[lang]).toBe(SELECTION_STRINGS[lang]['nav.console']);
    }
  });
});
