/**
 * RFC 5545 (iCalendar) output as pure functions: no I/O, no clock (the caller passes `now`).
 * Every time is written in UTC form (20240302T070000Z), so no VTIMEZONE is needed and the
 * 2024-03-01 Kazakhstan offset change cannot shift anything.
 */
import { DateTime } from 'luxon';

export const CRLF = '\r\n';
/** RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
export const MAX_LINE_OCTETS = 75;

export type IcsEventStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';

export interface IcsAlarm {
  /** Minutes before the start. */
  minutesBefore: number;
  description: string;
}

export interface IcsEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string | null;
  location?: string | null;
  url?: string | null;
  sequence: number;
  status: IcsEventStatus;
  lastModified?: Date | null;
  created?: Date | null;
  alarm?: IcsAlarm | null;
}

export interface IcsCalendar {
  prodId: string;
  /** X-WR-CALNAME, shown by most calendar apps as the calendar's title. */
  name?: string | null;
  /** For subscribed feeds: how often clients should re-fetch. */
  refreshIntervalMinutes?: number | null;
  events: IcsEvent[];
}

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, and newlines as `\n`. */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // Other control characters are not allowed in TEXT (HTAB is).
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

/** URI values are not TEXT-escaped, but a line break or control character must never get through. */
export function cleanUri(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]/g, '');
}

/** 20240302T070000Z */
export function formatUtc(instant: Date): string {
  const dt = DateTime.fromJSDate(instant, { zone: 'utc' });
  if (!dt.isValid) throw new Error(`Not a valid instant: ${String(instant)}`);
  return dt.toFormat("yyyyMMdd'T'HHmmss'Z'");
}

const octets = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * Folds one content line into physical lines of at most 75 octets joined by CRLF + space
 * (RFC 5545 3.1). Splits only between code points, so a Kazakh or Russian letter (2 octets in
 * UTF-8) or an emoji (4) is never cut in half.
 */
export function foldLine(line: string): string {
  if (octets(line) <= MAX_LINE_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let used = 0;
  // The first physical line holds 75 octets; continuation lines start with a space, leaving 74.
  let limit = MAX_LINE_OCTETS;
  for (const ch of line) {
    const size = octets(ch);
    if (used + size > limit) {
      parts.push(current);
      current = '';
      used = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    current += ch;
    used += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** Undoes folding (for tests and readers): CRLF followed by one space or tab is removed. */
export function unfold(text: string): string {
  return text.replace(/\r\n[ \t]/g, '');
}

export function textLine(name: string, value: string): string {
  return `${name}:${escapeText(value)}`;
}

function eventLines(e: IcsEvent, now: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `DTSTAMP:${formatUtc(now)}`,
    `DTSTART:${formatUtc(e.start)}`,
    `DTEND:${formatUtc(e.end)}`,
    textLine('SUMMARY', e.summary),
  ];
  if (e.description) lines.push(textLine('DESCRIPTION', e.description));
  if (e.location) lines.push(textLine('LOCATION', e.location));
  if (e.url) lines.push(`URL:${cleanUri(e.url)}`);
  lines.push(`SEQUENCE:${Math.max(0, Math.trunc(e.sequence))}`, `STATUS:${e.status}`);
  if (e.created) lines.push(`CREATED:${formatUtc(e.created)}`);
  if (e.lastModified) lines.push(`LAST-MODIFIED:${formatUtc(e.lastModified)}`);
  if (e.alarm) {
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `TRIGGER:-PT${Math.max(0, Math.trunc(e.alarm.minutesBefore))}M`,
      textLine('DESCRIPTION', e.alarm.description),
      'END:VALARM',
    );
  }
  lines.push('END:VEVENT');
  return lines;
}

/** A whole VCALENDAR (METHOD:PUBLISH), folded, CRLF after every line including the last. */
export function serializeCalendar(cal: IcsCalendar, now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    textLine('PRODID', cal.prodId),
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  if (cal.name) lines.push(textLine('X-WR-CALNAME', cal.name));
  if (cal.refreshIntervalMinutes) {
    lines.push(
      `REFRESH-INTERVAL;VALUE=DURATION:PT${cal.refreshIntervalMinutes}M`,
      `X-PUBLISHED-TTL:PT${cal.refreshIntervalMinutes}M`,
    );
  }
  for (const e of cal.events) lines.push(...eventLines(e, now));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
