import { ERROR_STRINGS } from './error-strings';
import {
  codeText,
  fieldMessage,
  loadErrorStrings,
  rosterRowText,
  validationLines,
  validationText,
} from './errors';

// The app loads each language's words on demand; here all three are loaded first.
beforeAll(() => Promise.all((['kk', 'ru', 'en'] as const).map(loadErrorStrings)));

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('error strings', () => {
  it('have the same keys and placeholders in kk, ru and en, none empty', () => {
    const keys = Object.keys(ERROR_STRINGS.en).sort();
    for (const lang of ['kk', 'ru'] as const) {
      expect(Object.keys(ERROR_STRINGS[lang]).sort()).toEqual(keys);
      for (const k of keys as (keyof typeof ERROR_STRINGS.en)[]) {
        expect([k, ERROR_STRINGS[lang][k].trim() !== '']).toEqual([k, true]);
        expect([k, placeholders(ERROR_STRINGS[lang][k])]).toEqual([k, placeholders(ERROR_STRINGS.en[k])]);
      }
    }
  });

  it.each(['kk', 'ru'] as const)('let no English into %s', (lang) => {
    const latin = Object.values(ERROR_STRINGS[lang]).flatMap(
      (s) => s.replace(/\{\w+\}|region_code,expected|CSV/g, '').match(/[A-Za-z]+/g) ?? [],
    );
    expect(latin).toEqual([]);
  });
});

describe('the API’s failures in the reader’s language', () => {
  it('translates a validation message of the API (the field stays, the rule is translated)', () => {
    const msg = 'title.kk must be shorter than or equal to 300 characters';
    expect(validationText('ru', msg)).toEqual({ field: 'title.kk', text: 'не больше 300 символов' });
    expect(validationText('kk', msg)).toEqual({ field: 'title.kk', text: '300 таңбадан аспауы керек' });
    expect(fieldMessage('ru', msg)).toBe('На казахском: не больше 300 символов');
    expect(fieldMessage('kk', 'capacity must not be greater than 100000')).toBe(
      '100000 санынан аспауы керек.',
    );
    expect(fieldMessage('ru', 'property foo should not exist')).toBe('Здесь не ожидается.');
    expect(validationLines('ru', { errors: ['startAt must be a valid ISO 8601 date string', 42] })).toEqual([
      'startAt: неверная дата',
    ]);
  });

  it('leaves a message the page wrote itself as it is, and never shows an unknown English sentence in kk/ru', () => {
    expect(fieldMessage('ru', 'Укажите название хотя бы на одном языке.')).toBe(
      'Укажите название хотя бы на одном языке.',
    );
    expect(fieldMessage('kk', 'joinUrl is something new the client has no words for')).toBe('Дұрыс емес.');
    expect(fieldMessage('en', 'joinUrl is something new the client has no words for')).toBe(
      'Is something new the client has no words for.',
    );
  });

  it('translates stable codes, <thing>_not_found included, and says when it has no words', () => {
    expect(codeText('ru', 'speaker_conflict')).toBe('Спикер уже занят в это время.');
    expect(codeText('kk', 'session_not_found')).toBe('Табылмады.');
    expect(codeText('ru', 'brand_new_code')).toBeNull();
  });

  it('translates refused roster rows by their code and values', () => {
    expect(
      rosterRowText('ru', {
        line: 3,
        code: 'unknown_region',
        params: { region: 'KZ-99' },
        message: 'region "KZ-99" does not exist or is retired',
      }),
    ).toBe('Региона с кодом «KZ-99» нет (или он выведен из списка).');
    expect(
      rosterRowText('kk', {
        line: 4,
        code: 'expected_invalid',
        params: { got: 'lots', max: 1000000 },
        message: 'expected must be a whole number from 0 to 1000000 (got "lots")',
      }),
    ).toBe('Күтілетін сан 0-ден 1000000-ға дейінгі бүтін сан болуы керек (қазір «lots»).');
    expect(rosterRowText('ru', { line: 2, message: 'something only an older API says' })).toBe(
      'Указано неверно.',
    );
  });
});
