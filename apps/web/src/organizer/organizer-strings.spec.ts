import {
  ORGANIZER_STRINGS,
  offsetsText,
  organizerError,
  organizerText,
  reminderReason,
} from './organizer-strings';
import { parseOffsets } from './reminder-offsets';

describe('organizer console strings', () => {
  it('has every key in kk, ru and en, none empty, with the same placeholders', () => {
    const keys = Object.keys(ORGANIZER_STRINGS.en).sort();
    const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const lang of ['kk', 'ru'] as const) {
      expect(Object.keys(ORGANIZER_STRINGS[lang]).sort()).toEqual(keys);
      for (const k of keys) {
        const key = k as keyof typeof ORGANIZER_STRINGS.en;
        expect(ORGANIZER_STRINGS[lang][key].trim()).not.toBe('');
        expect([k, vars(ORGANIZER_STRINGS[lang][key])]).toEqual([k, vars(ORGANIZER_STRINGS.en[key])]);
      }
    }
  });

  it.each(['kk', 'ru'] as const)('lets no English into %s (file formats and field names aside)', (lang) => {
    const allowed = new Set(['CSV', 'http', 's', 'name', 'email', 'phone', 'region_code', 'language']);
    for (const w of ['organization', 'position', 'region', 'code']) allowed.add(w);
    const latin = Object.values(ORGANIZER_STRINGS[lang]).flatMap((s) =>
      (s.replace(/\{\w+\}/g, '').match(/[A-Za-z_]+/g) ?? []).filter((w) => !allowed.has(w)),
    );
    expect(latin).toEqual([]);
  });

  it('fills the variables and translates known API error codes only', () => {
    expect(organizerText('ru', 'confirm.cancelBody', { n: 3 })).toContain('(3)');
    expect(organizerError('kk', 'program_archived')).toBe(ORGANIZER_STRINGS.kk['err.program_archived']);
    expect(organizerError('ru', 'something_else')).toBeUndefined();
    expect(organizerError('ru', undefined)).toBeUndefined();
    expect(reminderReason('kk', 'registration_cancelled')).toBe('орын болдырылмады');
    expect(reminderReason('ru', '550 mailbox unavailable')).toBe('550 mailbox unavailable');
  });

  it('says reminder times with the plural forms of each language', () => {
    expect(offsetsText('en', [10, 1440, 60])).toBe('1 day, 1 hour, and 10 minutes');
    expect(offsetsText('ru', [2880, 120, 5])).toBe('2 дня, 2 часа и 5 минут');
    expect(offsetsText('ru', [300])).toBe('5 часов');
    expect(offsetsText('kk', [90])).toBe('90 минут');
    expect(offsetsText('kk', [10, 1440, 60])).toBe('1 күн, 1 сағат және 10 минут');
    expect(offsetsText('ru', [1440, 30])).toBe('1 день и 30 минут');
    expect(offsetsText('ru', [21 * 60, 1])).toBe('21 час и 1 минута');
    expect(offsetsText('en', [60, 1])).toBe('1 hour and 1 minute');
    expect(offsetsText('en', [])).toBe('');
  });

  it('reads reminder offsets typed as a list, refusing what the API refuses', () => {
    expect(parseOffsets('10, 1440 60')).toEqual([1440, 60, 10]);
    expect(parseOffsets('')).toEqual([]);
    expect(parseOffsets('0')).toBeNull();
    expect(parseOffsets('43201')).toBeNull();
    expect(parseOffsets('60, 60')).toBeNull();
    expect(parseOffsets('1.5')).toBeNull();
    expect(parseOffsets('1,2,3,4,5,6,7,8,9,10,11')).toBeNull();
  });
});
