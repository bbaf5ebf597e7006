import type { Session } from '../catalog/session.entity';
import { Language, pickText } from '../shared/localized-text';
import type { IcsEvent } from './ics.serializer';

export const ICS_PRODID = '-//Qatys//Qatys Scheduling//EN';
/** Reminder the calendar app shows itself; the platform's own reminders are separate. */
export const ICS_ALARM_MINUTES = 15;

/** Stable across reschedules and renames, so calendar apps update the event instead of duplicating it. */
export const sessionUid = (sessionId: string): string => `session-${sessionId}@qatys`;

const LABELS: Record<
  Language,
  { join: string; speakers: string; untitled: string; startsSoon: string; feed: string }
> = {
  kk: {
    join: 'Қосылу сілтемесі',
    speakers: 'Спикерлер',
    untitled: 'Сессия',
    startsSoon: '15 минуттан кейін басталады',
    feed: 'Qatys: менің сессияларым',
  },
  ru: {
    join: 'Ссылка для подключения',
    speakers: 'Спикеры',
    untitled: 'Сессия',
    startsSoon: 'Начнётся через 15 минут',
    feed: 'Qatys: мои сессии',
  },
  en: {
    join: 'Join link',
    speakers: 'Speakers',
    untitled: 'Session',
    startsSoon: 'Starts in 15 minutes',
    feed: 'Qatys: my sessions',
  },
};

export const feedCalendarName = (lang: Language): string => LABELS[lang].feed;

export type CalendarSession = Pick<
  Session,
  | 'id'
  | 'title'
  | 'description'
  | 'startAt'
  | 'endAt'
  | 'venue'
  | 'joinUrl'
  | 'status'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
>;

/**
 * One session as a calendar event, in the reader's language (falling back to another language
 * rather than to nothing). SEQUENCE follows the session version, which rises on every change of
 * time, so calendar apps take the new time; a cancelled session stays in the output with
 * STATUS:CANCELLED so apps remove it, and a waitlisted attendee sees STATUS:TENTATIVE.
 */
export function sessionToIcsEvent(
  session: CalendarSession,
  lang: Language,
  opts: { speakerNames?: string[]; waitlisted?: boolean } = {},
): IcsEvent {
  const labels = LABELS[lang];
  const summary = pickText(session.title, lang)?.trim() || labels.untitled;
  const description = [
    pickText(session.description, lang)?.trim(),
    opts.speakerNames?.length ? `${labels.speakers}: ${opts.speakerNames.join(', ')}` : null,
    session.joinUrl ? `${labels.join}: ${session.joinUrl}` : null,
  ]
    .filter(Boolean)
    .join('\n\n');
  const cancelled = session.status === 'cancelled';
  return {
    uid: sessionUid(session.id),
    start: session.startAt,
    end: session.endAt,
    summary,
    description: description || null,
    location: session.venue?.trim() || session.joinUrl || null,
    url: session.joinUrl || null,
    sequence: Math.max(0, session.version - 1),
    // A waitlisted seat is not a sure one: TENTATIVE says so in every calendar app.
    status: cancelled ? 'CANCELLED' : opts.waitlisted ? 'TENTATIVE' : 'CONFIRMED',
    created: session.createdAt,
    lastModified: session.updatedAt,
    alarm: cancelled
      ? null
      : { minutesBefore: ICS_ALARM_MINUTES, description: `${summary}: ${labels.startsSoon}` },
  };
}

/** A download name with nothing a header or a file system could trip on. */
export const sessionIcsFilename = (sessionId: string): string =>
  `qatys-session-${sessionId.replace(/[^a-zA-Z0-9-]/g, '')}.ics`;
