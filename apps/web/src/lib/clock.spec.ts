import { DateTime } from 'luxon';
import { browserZone, dateTimeText, offsetLabel, timeText } from './clock';

/**
 * The attendee's page shows times with Intl instead of Luxon (a smaller download); they must
 * read exactly as Luxon would have written them, across zones, offset changes and midnights.
 */
describe('clock (Intl) reads as Luxon', () => {
  const zones = ['Asia/Almaty', 'Asia/Qostanay', 'Asia/Aqtau', 'Asia/Kolkata', 'America/St_Johns', 'UTC'];
  const instants = [
    '2024-02-29T18:00:00Z', // Almaty's last hour at UTC+6
    '2024-02-29T19:30:00Z', // after it moved to UTC+5
    '2024-03-01T00:00:00Z',
    '2026-06-01T06:05:00Z',
    '2026-12-31T23:59:00Z',
    '2026-11-01T04:30:00Z',
  ];

  it.each(zones)('in %s', (zone) => {
    for (const utc of instants) {
      const dt = DateTime.fromISO(utc, { zone });
      const m = dt.offset;
      const luxonOffset = `UTC${m < 0 ? '−' : '+'}${Math.floor(Math.abs(m) / 60)}${Math.abs(m) % 60 ? `:${String(Math.abs(m) % 60).padStart(2, '0')}` : ''}`;
      expect([utc, timeText(utc, zone)]).toEqual([utc, dt.toFormat('HH:mm')]);
      expect([utc, offsetLabel(utc, zone)]).toEqual([utc, luxonOffset]);
      for (const [lang, locale] of [
        ['ru', 'ru-RU'],
        ['en', 'en-GB'],
      ] as const) {
        const luxon = dt.setLocale(locale).toLocaleString({
          weekday: 'short',
          day: 'numeric',
          month: 'short',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        });
        // Luxon formats UTC itself through another path, with a plain space where Intl puts a no-break one.
        const spaces = (x: string) => x.replace(/\s/g, ' ');
        expect([utc, lang, spaces(dateTimeText(utc, zone, lang))]).toEqual([utc, lang, spaces(luxon)]);
      }
    }
  });

  it('falls back to UTC for a zone it does not know, and says so', () => {
    expect(offsetLabel('2026-06-01T06:05:00Z', 'Mars/Base')).toBe('UTC+0');
    expect(timeText('2026-06-01T06:05:00Z', 'Mars/Base')).toBe('06:05');
  });
});

describe('browserZone', () => {
  it("reads the browser's zone once however often a page asks (each read built a formatter)", () => {
    const Real = Intl.DateTimeFormat;
    let built = 0;
    const counting = function (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      built++;
      return new Real(...args);
    } as unknown as typeof Intl.DateTimeFormat;
    Intl.DateTimeFormat = counting;
    try {
      const zones = Array.from({ length: 100 }, () => browserZone());
      expect(new Set(zones)).toEqual(new Set([new Real().resolvedOptions().timeZone || 'UTC']));
      expect(built).toBeLessThanOrEqual(1);
    } finally {
      Intl.DateTimeFormat = Real;
    }
  });
});
