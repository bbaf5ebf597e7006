/**
 * Send-time decisions, pure: is a planned message still true when its moment comes, and which
 * channels carry it. The worker re-reads the session and the registration right before sending
 * and asks these.
 */
import {
  DECISION_KINDS,
  FOLLOW_UP_KINDS,
  type NotificationChannel,
  type NotificationKind,
} from './notification.entity';

export interface SendFacts {
  kind: NotificationKind;
  /** The session version the row was planned for. */
  plannedVersion: number | null;
  session: { status: string; version: number; startAt: Date; endAt: Date } | null;
  registrationStatus: string | null;
  /** Decision notices: the application's status now (null: it is gone). */
  applicationStatus?: string | null;
  recipientDisabled: boolean;
  now: Date;
}

/** A follow-up later than this after the session's end is stale: skipped rather than sent. */
export const FOLLOW_UP_MAX_AGE_MS = 7 * 24 * 3600_000;

export type SendVerdict = { send: true } | { send: false; status: 'skipped' | 'cancelled'; reason: string };

const SEND: SendVerdict = { send: true };
const no = (status: 'skipped' | 'cancelled', reason: string): SendVerdict => ({
  send: false,
  status,
  reason,
});

/** What status a notice about a registration needs the registration to still have. */
const REGISTRATION_NOTICE_STATUS: Partial<Record<NotificationKind, string>> = {
  'registration.confirmed': 'registered',
  'registration.promoted': 'registered',
  'registration.waitlisted': 'waitlisted',
  'registration.cancelled': 'cancelled',
};

/** What status a decision notice needs the application to still have. */
const DECISION_STATUS: Partial<Record<NotificationKind, string>> = {
  'application.selected': 'selected',
  'application.waitlisted': 'waitlisted',
  'application.rejected': 'rejected',
};

const isFollowUp = (k: NotificationKind) => (FOLLOW_UP_KINDS as readonly NotificationKind[]).includes(k);
const isDecision = (k: NotificationKind) => (DECISION_KINDS as readonly NotificationKind[]).includes(k);

/**
 * Reminders: cancelled (session cancelled, moved to another version, or the person is no longer
 * registered) or skipped (the session started or ended) — never sent late past the start.
 * Notices: skipped when overtaken (a later change made them untrue) or when the session is over.
 * Follow-ups are about an ended session by design: skipped only if it was cancelled, the person
 * is no longer registered, or a week has passed since the end. Decision notices have no session:
 * sent while the application still has the status they announce.
 */
export function sendVerdict(f: SendFacts): SendVerdict {
  if (f.recipientDisabled) return no('skipped', 'recipient_disabled');
  if (isDecision(f.kind)) {
    return f.applicationStatus === DECISION_STATUS[f.kind] ? SEND : no('skipped', 'superseded');
  }
  const s = f.session;
  if (!s) return no('cancelled', 'session_gone');
  const now = f.now.getTime();
  if (isFollowUp(f.kind)) {
    if (s.status === 'cancelled') return no('skipped', 'session_cancelled');
    if (f.registrationStatus !== 'registered') return no('skipped', 'not_registered');
    if (now > s.endAt.getTime() + FOLLOW_UP_MAX_AGE_MS) return no('skipped', 'stale');
    return SEND;
  }
  if (f.kind === 'reminder') {
    if (s.status === 'cancelled') return no('cancelled', 'session_cancelled');
    if (s.version !== f.plannedVersion) return no('cancelled', 'session_moved');
    if (f.registrationStatus !== 'registered') return no('cancelled', 'not_registered');
    if (s.status === 'ended' || now >= s.endAt.getTime()) return no('skipped', 'session_ended');
    if (now >= s.startAt.getTime()) return no('skipped', 'session_started');
    return SEND;
  }
  if (f.kind === 'session.cancelled') {
    if (now >= s.endAt.getTime()) return no('skipped', 'session_ended');
    if (f.registrationStatus !== 'registered' && f.registrationStatus !== 'waitlisted') {
      return no('skipped', 'not_registered');
    }
    return SEND;
  }
  if (s.status === 'ended' || now >= s.endAt.getTime()) return no('skipped', 'session_ended');
  if (s.status === 'cancelled' && f.kind !== 'registration.cancelled')
    return no('skipped', 'session_cancelled');
  if (f.kind === 'session.rescheduled') {
    if (s.version !== f.plannedVersion) return no('skipped', 'superseded');
    if (f.registrationStatus !== 'registered' && f.registrationStatus !== 'waitlisted') {
      return no('skipped', 'not_registered');
    }
    return SEND;
  }
  const needed = REGISTRATION_NOTICE_STATUS[f.kind];
  if (needed && f.registrationStatus !== needed) return no('skipped', 'superseded');
  return SEND;
}

export interface ChannelTarget {
  /** Ledger key: `email` or `webhook-<endpoint id>`. */
  key: string;
  channel: NotificationChannel;
  target: string;
  endpoint?: { id: string; url: string; secret: string };
}

/**
 * The person's preference decides; a webhook preference with no active endpoint in the
 * program's organization falls back to e-mail rather than to silence.
 */
export function chooseChannels(
  preference: NotificationChannel,
  email: string,
  endpoints: readonly { id: string; url: string; secret: string }[],
): ChannelTarget[] {
  if (preference === 'webhook' && endpoints.length) {
    return endpoints.map((e) => ({ key: `webhook-${e.id}`, channel: 'webhook', target: e.url, endpoint: e }));
  }
  return [{ key: 'email', channel: 'email', target: email }];
}

/** Kinds whose message carries the personal join link (the person holds a seat). */
export const JOIN_LINK_KINDS: readonly NotificationKind[] = [
  'reminder',
  'registration.confirmed',
  'registration.promoted',
  'session.rescheduled',
];

/** Kinds that attach the session as an .ics file (calendar apps add, move or remove it). */
export const CALENDAR_KINDS: readonly NotificationKind[] = [
  'registration.confirmed',
  'registration.promoted',
  'session.rescheduled',
  'session.cancelled',
];
