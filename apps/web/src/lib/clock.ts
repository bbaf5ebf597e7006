/**
 * Instants shown to people, in a zone, with the browser's Intl and its IANA rules (the offset in
 * force at that instant, never a fixed one): no Luxon, so the attendee's first download stays
 * small. time.ts re-exports all of it beside the wall-time checks (Luxon) of the console.
 */
import type { Language } from '../api/types';

let zone: string | undefined;

/**
 * The browser's own zone, read once per page: every time on a page asks for it (a live page of
 * questions, 100+ times a render), and each read built a new Intl.DateTimeFormat.
 */
export function browserZone(): string {
  if (zone === undefined) {
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    } catch {
      zone = 'UTC';
    }
  }
  return zone;
}

const locale = (lang: Language) => (lang === 'ru' ? 'ru-RU' : 'en-GB');

// Browsers ship reduced ICU data, often without Kazakh (Chromium prints "2026 M11 21, Sat"):
// Kazakh dates are spelled out here instead of trusting Intl.
const KK_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
];
/** Monday first, as Intl's "Mon".."Sun" below are mapped. */
const KK_WEEKDAYS = ['дс', 'сс', 'ср', 'бс', 'жм', 'сб', 'жс'];
const EN_WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: string, zone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(opts)}`;
  let f = formats.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: zone });
    } catch {
      // A zone this browser does not know: UTC, which the offset label then says.
      f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: 'UTC' });
    }
    formats.set(key, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone (numbers, 24-hour; weekday 1 = Monday). */
function fields(utc: string, zone: string) {
  const parts = format('en-US', zone, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(utc));
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    weekday: EN_WEEKDAYS.indexOf(get('weekday')) + 1,
    // Some engines write midnight as 24 even with h23.
    hh: get('hour') === '24' ? '00' : get('hour').padStart(2, '0'),
    mm: get('minute').padStart(2, '0'),
  };
}

export function dateTimeText(utc: string, zone: string, lang: Language): string {
  if (lang === 'kk') {
    const f = fields(utc, zone);
    return `${KK_WEEKDAYS[f.weekday - 1]}, ${f.year} ж. ${f.day} ${KK_MONTHS[f.month - 1]}, ${f.hh}:${f.mm}`;
  }
  return format(locale(lang), zone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(utc));
}

/** 24-hour clock time, the same in the three languages. */
export function timeText(utc: string, zone: string): string {
  const f = fields(utc, zone);
  return `${f.hh}:${f.mm}`;
}

/** "UTC+5" style label of a zone at an instant (from the IANA rules in force then). */
export function offsetLabel(utc: string, zone: string): string {
  // "GMT+05:30", "GMT-03:00", or "GMT" for no offset.
  const name =
    format('en-US', zone, { timeZoneName: 'longOffset' })
      .formatToParts(new Date(utc))
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 'UTC+0';
  const sign = m[1] === '-' ? '−' : '+';
  const h = Number(m[2]);
  const min = Number(m[3] ?? 0);
  return `UTC${sign}${h}${min ? `:${String(min).padStart(2, '0')}` : ''}`;
}

/** A calendar day ("2026-12-07") as words: "7 желтоқсан, дс" / "понедельник, 7 декабря" / "Monday 7 December". */
export function dayText(isoDate: string, lang: Language): string {
  const noon = `${isoDate}T12:00:00Z`;
  if (lang === 'kk') {
    const f = fields(noon, 'UTC');
    return `${f.day} ${KK_MONTHS[f.month - 1]}, ${KK_WEEKDAYS[f.weekday - 1]}`;
  }
  return format(locale(lang), 'UTC', { weekday: 'long', day: 'numeric', month: 'long' }).format(
    new Date(noon),
  );
}

/** A clock time that says its zone: "14:05 (UTC+5)" (a bare "14:05" is ambiguous across Kazakhstan). */
export function timeWithZone(utc: string, zone: string): string {
  return `${timeText(utc, zone)} (${offsetLabel(utc, zone)})`;
}

/** A date and time that says its zone: "пн, 1 июн. 2026 г., 11:00 (UTC+5)". */
export function dateTimeWithZone(utc: string, zone: string, lang: Language): string {
  return `${dateTimeText(utc, zone, lang)} (${offsetLabel(utc, zone)})`;
}

/** Whole days, hours, minutes, seconds until an instant (all 0 once it has passed). */
export function countdown(toUtc: string, nowMs: number) {
  let s = Math.max(0, Math.floor((Date.parse(toUtc) - nowMs) / 1000));
  const days = Math.floor(s / 86400);
  s -= days * 86400;
  const hours = Math.floor(s / 3600);
  s -= hours * 3600;
  const minutes = Math.floor(s / 60);
  return { days, hours, minutes, seconds: s - minutes * 60 };
}

/**
 * The date-time field's text, read as a wall time "yyyy-MM-ddTHH:mm": "2026-03-15 14:00", with a
 * "T" or several spaces, a 1-digit hour or "14.00" too. Always 24-hour: a locale's "2:00 PM" is
 * exactly what the field exists to avoid. Text it cannot read comes back as it is (the form
 * then says the time is not valid).
 */
export function wallTimeOfInput(text: string): string {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:\s*T\s*|\s+)(\d{1,2})[:.](\d{2})\s*$/i.exec(text);
  if (!m) return text.trim();
  const [, y, mo, d, h, mi] = m;
  const two = (v: string) => v.padStart(2, '0');
  return `${y}-${two(mo)}-${two(d)}T${two(h)}:${mi}`;
}

/** A wall time "yyyy-MM-ddTHH:mm" as the field shows it: "2026-03-15 14:00". */
export const inputOfWallTime = (wall: string): string => wall.replace('T', ' ');

/** Zones offered first in a picker: Kazakhstan's, then every zone the browser knows. */
export const KZ_ZONES = [
  'Asia/Almaty',
  'Asia/Qostanay',
  'Asia/Aqtobe',
  'Asia/Aqtau',
  'Asia/Atyrau',
  'Asia/Oral',
  'Asia/Qyzylorda',
];

export function allZones(): string[] {
  const withIntl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const list = withIntl.supportedValuesOf?.('timeZone') ?? [];
  return [...new Set([...list, 'UTC'])].filter((z) => !KZ_ZONES.includes(z)).sort();
}

/** A clock time typed as "22:00", "7:30" or "7.30", read as "HH:mm" (24-hour); anything else as typed. */
export function clockTimeOfInput(text: string): string {
  const m = /^\s*(\d{1,2})[:.](\d{2})\s*$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return text.trim();
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}
