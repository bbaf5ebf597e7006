import { LISTS_LINK_TEXT } from './lists-link-text';
import { LISTS_STRINGS, listsCount, listsErrorKey, listsText, rowProblemText } from './lists-strings';

describe('people, invitations and certificates strings', () => {
  it('has every key in kk, ru and en, none empty, with the same variables', () => {
    const keys = Object.keys(LISTS_STRINGS.en).sort();
    const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const lang of ['kk', 'ru'] as const) {
      expect(Object.keys(LISTS_STRINGS[lang]).sort()).toEqual(keys);
      for (const k of keys) {
        const key = k as keyof typeof LISTS_STRINGS.en;
        expect(LISTS_STRINGS[lang][key].trim()).not.toBe('');
        expect([key, vars(LISTS_STRINGS[lang][key])]).toEqual([key, vars(LISTS_STRINGS.en[key])]);
      }
    }
  });

  it.each(['kk', 'ru'] as const)(
    'lets no English into %s except the file’s column names and codes',
    (lang) => {
      const allowed = new Set([
        'name',
        'email',
        'phone',
        'region_code',
        'language',
        'organization',
        'position',
        'kk',
        'ru',
        'en',
        'CSV',
        'Excel',
        'xlsx',
        'XLSX',
        'PDF',
        'http',
        'https',
      ]);
      const latin = Object.values(LISTS_STRINGS[lang]).flatMap((s) =>
        (s.replace(/\{\w+\}/g, '').match(/[A-Za-z_]+/g) ?? []).filter((w) => !allowed.has(w)),
      );
      expect(latin).toEqual([]);
    },
  );

  it('has the console link in the three languages', () => {
    expect(Object.keys(LISTS_LINK_TEXT).sort()).toEqual(['en', 'kk', 'ru']);
    for (const text of Object.values(LISTS_LINK_TEXT)) expect(text.trim()).not.toBe('');
  });

  it('picks plural forms with Intl.PluralRules and groups digits', () => {
    expect(listsCount('ru', 'people', 1)).toBe('1 человек');
    expect(listsCount('ru', 'people', 3)).toBe('3 человека');
    expect(listsCount('ru', 'people', 26)).toBe('26 человек');
    expect(listsCount('ru', 'invitations', 21)).toBe('21 приглашение');
    expect(listsCount('en', 'certificates', 1)).toBe('1 certificate');
    expect(listsCount('en', 'certificates', 1500)).toBe('1,500 certificates');
    expect(listsCount('kk', 'people', 150)).toBe('150 адам');
  });

  it('words a refused row from its code and values, and never shows English for an unknown code', () => {
    expect(rowProblemText('kk', { code: 'region_unknown', params: { region: 'KZ-99' } })).toBe(
      'KZ-99 кодты белсенді өңір жоқ.',
    );
    expect(rowProblemText('ru', { code: 'duplicate_email', params: { value: 'a@x.kz', first: 2 } })).toBe(
      'Почта a@x.kz уже есть в строке 2.',
    );
    expect(rowProblemText('ru', { code: 'something_new' })).toBe('Эту строку не удаётся прочитать.');
  });

  it('knows the API codes of these screens', () => {
    expect(listsErrorKey('invalid_people_file')).toBe('error.invalid_people_file');
    expect(listsErrorKey('status.403')).toBeUndefined();
    expect(listsErrorKey('nothing_like_it')).toBeUndefined();
    expect(listsText('en', 'certs.progress', { issued: 2, total: 3 })).toBe('2 of 3 made');
  });
});
