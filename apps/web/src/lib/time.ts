/**
 * Time on the page: instants come from the API in UTC with the zone of record; they are shown in
 * the viewer's zone (profile, else the browser's) with Luxon and the IANA database, never with a
 * fixed offset. Wall times typed by an organizer are checked here before sending: a time that
 * does not exist in the zone (a gap) or happens twice (a fold) is refused with a reason.
 */
import { DateTime, IANAZone } from 'luxon';
import type { Language } from '../api/types';

export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export const isZone = (z: string): boolean => IANAZone.isValidZone(z);

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
/** Luxon's weekday 1 is Monday. */
const KK_WEEKDAYS = ['дс', 'сс', 'ср', 'бс', 'жм', 'сб', 'жс'];

export function dateTimeText(utc: string, zone: string, lang: Language): string {
  const dt = DateTime.fromISO(utc, { zone });
  if (lang === 'kk') {
    return `${KK_WEEKDAYS[dt.weekday - 1]}, ${dt.year} ж. ${dt.day} ${KK_MONTHS[dt.month - 1]}, ${dt.toFormat('HH:mm')}`;
  }
  return dt.setLocale(locale(lang)).toLocaleString({
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/** 24-hour clock time, the same in the three languages. */
export function timeText(utc: string, zone: string): string {
  return DateTime.fromISO(utc, { zone }).toFormat('HH:mm');
}

/** "UTC+5" style label of a zone at an instant (from the IANA rules in force then). */
export function offsetLabel(utc: string, zone: string): string {
  const m = DateTime.fromISO(utc, { zone }).offset;
  const sign = m < 0 ? '−' : '+';
  const a = Math.abs(m);
  return `UTC${sign}${Math.floor(a / 60)}${a % 60 ? `:${String(a % 60).padStart(2, '0')}` : ''}`;
}

export type WallTimeCheck =
  { ok: true; utc: string } | { ok: false; reason: 'invalid' | 'nonexistent' | 'ambiguous' | 'zone' };

const WALL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** Resolves a local wall time ("2024-03-02T12:00") in an IANA zone to exactly one instant, or says why not. */
export function checkWallTime(wall: string, zone: string): WallTimeCheck {
  if (!isZone(zone)) return { ok: false, reason: 'zone' };
  if (!WALL.test(wall)) return { ok: false, reason: 'invalid' };
  const naive = DateTime.fromISO(wall, { zone: 'UTC' });
  if (!naive.isValid) return { ok: false, reason: 'invalid' };
  // Every offset the zone has around that day; each that maps back to the same wall time is a
  // real instant with that clock reading.
  const offsets = new Set<number>();
  for (const h of [-36, -12, 0, 12, 36]) offsets.add(naive.plus({ hours: h }).setZone(zone).offset);
  const hits = new Set<number>();
  for (const off of offsets) {
    const instant = naive.minus({ minutes: off });
    if (instant.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm") === wall) hits.add(instant.toMillis());
  }
  if (hits.size === 0) return { ok: false, reason: 'nonexistent' };
  if (hits.size > 1) return { ok: false, reason: 'ambiguous' };
  return { ok: true, utc: DateTime.fromMillis([...hits][0], { zone: 'UTC' }).toISO()! };
}

/** Whole days, hours, minutes, seconds until an instant (all 0 once it has passed). */
export function countdown(toUtc: string, nowMs: number) {
  let s = Math.max(0, Math.floor((DateTime.fromISO(toUtc).toMillis() - nowMs) / 1000));
  const days = Math.floor(s / 86400);
  s -= days * 86400;
  const hours = Math.floor(s / 3600);
  s -= hours * 3600;
  const minutes = Math.floor(s / 60);
  return { days, hours, minutes, seconds: s - minutes * 60 };
}

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

/** A calendar day ("2026-12-07") as words: "7 желтоқсан, дс" / "понедельник, 7 декабря" / "Monday 7 December". */
export function dayText(isoDate: string, lang: Language): string {
  const dt = DateTime.fromISO(isoDate, { zone: 'UTC' });
  if (lang === 'kk') return `${dt.day} ${KK_MONTHS[dt.month - 1]}, ${KK_WEEKDAYS[dt.weekday - 1]}`;
  return dt.setLocale(locale(lang)).toLocaleString({ weekday: 'long', day: 'numeric', month: 'long' });
}
