import ICAL from 'ical.js';
import {
  CRLF,
  escapeText,
  foldLine,
  formatUtc,
  IcsEvent,
  MAX_LINE_OCTETS,
  serializeCalendar,
  unfold,
} from './ics.serializer';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');
const physicalLines = (ics: string) => ics.split(CRLF).slice(0, -1);

const event = (e: Partial<IcsEvent> = {}): IcsEvent => ({
  uid: 'session-1@qatys',
  start: new Date('2024-03-02T07:00:00Z'),
  end: new Date('2024-03-02T11:00:00Z'),
  summary: 'Webinar',
  sequence: 0,
  status: 'CONFIRMED',
  ...e,
});

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and every kind of newline', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('escapes the backslash first, so an escape is never escaped twice', () => {
    expect(escapeText('\\,')).toBe('\\\\\\,');
  });

  it('drops control characters but keeps tabs and non-Latin text', () => {
    expect(escapeText('Сұрақ\u0000\u0007\tвопрос')).toBe('Сұрақ\tвопрос');
  });
});

describe('formatUtc', () => {
  it('writes the UTC form whatever the offset in force', () => {
    expect(formatUtc(new Date('2024-03-02T07:00:00Z'))).toBe('20240302T070000Z');
    expect(formatUtc(new Date('2024-02-28T06:00:00.900Z'))).toBe('20240228T060000Z');
  });
});

describe('foldLine', () => {
  it('leaves a short line alone', () => {
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
    const exact = `X:${'a'.repeat(MAX_LINE_OCTETS - 2)}`;
    expect(foldLine(exact)).toBe(exact);
  });

  it('folds ASCII at exactly 75 octets with a space on continuation lines', () => {
    const line = `DESCRIPTION:${'x'.repeat(200)}`;
    const folded = foldLine(line);
    const parts = folded.split(CRLF);
    expect(parts[0]).toHaveLength(75);
    expect(parts.slice(1).every((p) => p.startsWith(' ') && octets(p) <= 75)).toBe(true);
    expect(parts[1]).toHaveLength(75);
    expect(unfold(folded)).toBe(line);
  });

  it('never splits a multi-byte character (Kazakh, Russian, emoji) and unfolds to the same text', () => {
    const text =
      'Өңірлік форум: Қарағанды облысы, бастауыш партия ұйымдары. Форум первичных организаций 🇰🇿🎤 '.repeat(
        4,
      );
    for (const prefix of ['SUMMARY:', 'SUMMARY:x', 'SUMMARY:xy']) {
      const line = prefix + text;
      const folded = foldLine(line);
      const parts = folded.split(CRLF);
      expect(parts.length).toBeGreaterThan(3);
      for (const p of parts) {
        expect(octets(p)).toBeLessThanOrEqual(75);
        // A cut inside a UTF-8 sequence would show up as U+FFFD after a round trip through bytes.
        expect(Buffer.from(p, 'utf8').toString('utf8')).not.toContain('\uFFFD');
        expect(p).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
      }
      expect(unfold(folded)).toBe(line);
    }
  });

  it('fills lines as far as a two-octet letter allows', () => {
    const folded = foldLine(`S:${'Қ'.repeat(100)}`);
    const [first, second] = folded.split(CRLF);
    // "S:" is 2 octets; 36 letters of 2 octets make 74, a 37th would make 76.
    expect(octets(first)).toBe(74);
    expect(octets(second)).toBe(75);
  });
});

describe('serializeCalendar', () => {
  const now = new Date('2024-02-20T10:00:00Z');

  it('writes a VCALENDAR with CRLF everywhere, folded lines and the required properties', () => {
    const ics = serializeCalendar(
      {
        prodId: '-//Qatys//Test//EN',
        name: 'Бағдарлама',
        events: [
          event({
            summary: 'Саяси шешендік өнер; модуль 4, спикерлер',
            description: 'Бірінші жол\nвторая строка\\слэш; '.repeat(5),
            location: 'Астана, Мәңгілік Ел 8',
            url: 'https://meet.example.kz/abc?x=1,2',
            sequence: 2,
            lastModified: new Date('2024-02-19T09:30:00Z'),
            alarm: { minutesBefore: 15, description: 'Starts soon' },
          }),
        ],
      },
      now,
    );
    expect(ics.endsWith(CRLF)).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of physicalLines(ics)) expect(octets(line)).toBeLessThanOrEqual(75);
    const unfolded = unfold(ics).split(CRLF);
    expect(unfolded.slice(0, 5)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Qatys//Test//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
    ]);
    expect(unfolded).toEqual(
      expect.arrayContaining([
        'X-WR-CALNAME:Бағдарлама',
        'UID:session-1@qatys',
        'DTSTAMP:20240220T100000Z',
        'DTSTART:20240302T070000Z',
        'DTEND:20240302T110000Z',
        'SUMMARY:Саяси шешендік өнер\\; модуль 4\\, спикерлер',
        'LOCATION:Астана\\, Мәңгілік Ел 8',
        'URL:https://meet.example.kz/abc?x=1,2',
        'SEQUENCE:2',
        'STATUS:CONFIRMED',
        'LAST-MODIFIED:20240219T093000Z',
        'TRIGGER:-PT15M',
        'ACTION:DISPLAY',
      ]),
    );

    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    const vevent = cal.getFirstSubcomponent('vevent')!;
    const e = new ICAL.Event(vevent);
    expect(e.uid).toBe('session-1@qatys');
    expect(e.summary).toBe('Саяси шешендік өнер; модуль 4, спикерлер');
    expect(e.description).toBe('Бірінші жол\nвторая строка\\слэш; '.repeat(5));
    expect(e.location).toBe('Астана, Мәңгілік Ел 8');
    expect(e.sequence).toBe(2);
    expect(e.startDate.toJSDate().toISOString()).toBe('2024-03-02T07:00:00.000Z');
    expect(e.startDate.zone?.tzid).toBe('UTC');
    const alarm = vevent.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(String(alarm.getFirstPropertyValue('trigger'))).toBe('-PT15M');
  });

  it('marks cancelled events, adds feed refresh hints and writes one VEVENT per event', () => {
    const ics = serializeCalendar(
      {
        prodId: 'p',
        refreshIntervalMinutes: 60,
        events: [event({ uid: 'a@q', status: 'CANCELLED' }), event({ uid: 'b@q', sequence: -3 })],
      },
      now,
    );
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getFirstPropertyValue('x-published-ttl')).toBe('PT60M');
    const events = cal.getAllSubcomponents('vevent');
    expect(events.map((v) => v.getFirstPropertyValue('uid'))).toEqual(['a@q', 'b@q']);
    expect(events.map((v) => v.getFirstPropertyValue('status'))).toEqual(['CANCELLED', 'CONFIRMED']);
    expect(events[1].getFirstPropertyValue('sequence')).toBe(0);
    expect(events[0].getFirstSubcomponent('valarm')).toBeNull();
  });

  it('keeps line breaks out of URI values', () => {
    const ics = serializeCalendar(
      { prodId: 'p', events: [event({ url: 'https://x.kz/\r\nX-EVIL:1' })] },
      now,
    );
    expect(unfold(ics)).toContain('URL:https://x.kz/X-EVIL:1\r\n');
    expect(unfold(ics)).not.toContain('\r\nX-EVIL');
  });
});
