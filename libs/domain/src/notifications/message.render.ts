/**
 * Rendering: the facts of a message (instants, zones, ids) -> subject, plain text and HTML in the
 * recipient's language. Pure: the caller passes `now` (the moment of sending).
 */
import { DateTime } from 'luxon';
import type { Language } from '../shared/localized-text';
import { zoneOrUtc } from '../shared/time-zone';
import { composeMessage, MessageView, ZONE_LABELS } from './message-templates';
import type { NotificationKind } from './notification.entity';

/** Locale per language for Luxon/Intl formatting. */
export const LOCALES: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

export interface MessageFacts {
  kind: NotificationKind;
  lang: Language;
  recipientName: string;
  sessionTitle: string;
  programTitle: string | null;
  /** The session's start; null for messages about no session (selection decisions). */
  startAt: Date | null;
  sessionZone: string;
  attendeeZone: string;
  /** Rescheduled: the previous start. */
  oldStartAt?: Date | null;
  joinLink?: string | null;
  venue?: string | null;
  reason?: string | null;
  calendarAttached?: boolean;
  /** Follow-ups: the session's recording link. */
  recordingUrl?: string | null;
  /** Decisions: the call's title, its waitlist place, whether a freed seat made the selection. */
  callTitle?: string | null;
  waitlistRank?: number | null;
  promoted?: boolean;
  /** Facts a context supplies for its own kinds (NoticeContentProvider); they win over the above. */
  extra?: Partial<MessageView>;
  now: Date;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const LONG: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

/**
 * Formatting is pure and a burst repeats itself (20,000 reminders of one session: one start, a
 * handful of zones and three languages), while each Luxon call costs ~50 µs: remember answers.
 */
function remembered<K extends string>(limit: number, compute: (key: K) => string): (key: K) => string {
  const answers = new Map<K, string>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = compute(key);
      if (answers.size >= limit) answers.clear();
      answers.set(key, answer);
    }
    return answer;
  };
}

// Building an Intl.DateTimeFormat costs far more than using one: one per (zone, language).
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(zone: string, lang: Language): Intl.DateTimeFormat {
  const key = `${zone}|${lang}`;
  let f = zoneFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: zone, timeZoneName: 'shortGeneric' });
    if (zoneFormats.size >= 1000) zoneFormats.clear();
    zoneFormats.set(key, f);
  }
  return f;
}

/**
 * A zone named the way people say it, in the reader's language, from ICU's CLDR data (the generic
 * location format): "Алматы уақыты", "Алматы", "Almaty Time", "Қостанай уақыты", "Ұлыбритания
 * уақыты". Where CLDR has no name for a zone, ICU gives the localized UTC offset ("GMT+5").
 * Never a raw IANA id.
 */
export function zoneName(instant: Date, zone: string, lang: Language): string {
  const part = zoneFormat(zoneOrUtc(zone), lang)
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

const instantText = remembered<string>(5000, (key) => {
  const [ms, zone, lang] = key.split('|') as [string, string, Language];
  const instant = new Date(Number(ms));
  const local = DateTime.fromMillis(instant.getTime(), { zone })
    .setLocale(LOCALES[lang])
    .toLocaleString(LONG);
  return `${local} (${ZONE_LABELS[lang](zoneName(instant, zone, lang))})`;
});

/** A start time in a zone, long form in the language, with the zone named: "Monday, 4 March 2024 at 12:00 (Kostanay Time)". */
export function formatInstant(instant: Date, zone: string, lang: Language): string {
  return instantText(`${instant.getTime()}|${zoneOrUtc(zone)}|${lang}`);
}

/**
 * The session's own time beside the attendee's, only when its clock reads differently at that
 * instant: an attendee in Aqtobe of an Almaty session (both UTC+5 since 2024-03-01) is not told
 * the same 12:00 twice; before that day (Almaty UTC+6) they are.
 */
export function formatSessionTime(
  instant: Date,
  sessionZone: string,
  attendeeZone: string,
  lang: Language,
): string | null {
  const ms = instant.getTime();
  const session = zoneOrUtc(sessionZone);
  if (
    DateTime.fromMillis(ms, { zone: session }).offset ===
    DateTime.fromMillis(ms, { zone: zoneOrUtc(attendeeZone) }).offset
  ) {
    return null;
  }
  return formatInstant(instant, session, lang);
}

/**
 * "in 10 minutes" / "через 24 часа" / "24 сағаттан кейін": the time left from `now` to the start,
 * rounded to the minute, told in whole minutes under an hour (or when not a whole hour under two),
 * hours under two days, else days. Luxon picks the locale's grammar.
 */
export function formatStartsIn(startAt: Date, now: Date, lang: Language): string {
  const minutes = Math.max(1, Math.round((startAt.getTime() - now.getTime()) / 60_000));
  let unit: 'minutes' | 'hours' | 'days';
  let value: number;
  if (minutes < 60 || (minutes < 120 && minutes % 60 !== 0)) {
    unit = 'minutes';
    value = minutes;
  } else if (minutes < 48 * 60) {
    unit = 'hours';
    value = Math.round(minutes / 60);
  } else {
    unit = 'days';
    value = Math.round(minutes / 1440);
  }
  return startsInText(`${lang}|${unit}|${value}`);
}

// In UTC a whole number of units from any base is the same relative phrase: one per (language, unit, value).
const startsInText = remembered<string>(5000, (key) => {
  const [lang, unit, value] = key.split('|');
  const base = DateTime.fromMillis(0, { zone: 'utc' });
  return base
    .plus({ [unit]: Number(value) })
    .toRelative({ base, locale: LOCALES[lang as Language], unit: unit as 'minutes' | 'hours' | 'days' })!;
});

export function messageView(f: MessageFacts): MessageView {
  return {
    name: f.recipientName,
    title: f.sessionTitle,
    program: f.programTitle,
    when: f.startAt ? formatInstant(f.startAt, f.attendeeZone, f.lang) : '',
    sessionWhen: f.startAt ? formatSessionTime(f.startAt, f.sessionZone, f.attendeeZone, f.lang) : null,
    startsIn: f.startAt ? formatStartsIn(f.startAt, f.now, f.lang) : '',
    oldWhen: f.oldStartAt ? formatInstant(f.oldStartAt, f.attendeeZone, f.lang) : null,
    oldSessionWhen: f.oldStartAt
      ? formatSessionTime(f.oldStartAt, f.sessionZone, f.attendeeZone, f.lang)
      : null,
    joinLink: f.joinLink ?? null,
    venue: f.venue ?? null,
    reason: f.reason ?? null,
    calendarAttached: f.calendarAttached ?? false,
    recordingUrl: f.recordingUrl ?? null,
    call: f.callTitle ?? null,
    waitlistRank: f.waitlistRank ?? null,
    promoted: f.promoted ?? false,
    ...f.extra,
  };
}

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Links in a line become anchors; everything else is escaped. */
function htmlLine(line: string): string {
  const parts = line.split(/(https?:\/\/\S+)/g);
  return parts
    .map((part, i) =>
      i % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part),
    )
    .join('');
}

export function renderMessage(f: MessageFacts): RenderedMessage {
  const { subject, lines } = composeMessage(f.kind, f.lang, messageView(f));
  const html =
    `<!doctype html><html lang="${f.lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body>${lines.map((l) => `<p>${htmlLine(l)}</p>`).join('')}</body></html>`;
  return { subject, text: `${lines.join('\n\n')}\n`, html };
}
