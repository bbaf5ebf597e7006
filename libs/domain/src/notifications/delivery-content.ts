/**
 * What one delivery carries, built from the row the delivery service loaded: the rendered message
 * in the person's language, the personal join link, the .ics file, and the channel-specific shapes
 * (an e-mail, a signed webhook request). Pure apart from signing: the caller passes `now`.
 */
import { signJoinToken } from '../attendance/join-token';
import { ICS_PRODID, sessionIcsFilename, sessionToIcsEvent } from '../calendar/calendar-event.policy';
import { serializeCalendar } from '../calendar/ics.serializer';
import { Language, LANGUAGES, pickText } from '../shared/localized-text';
import { CALENDAR_KINDS, ChannelTarget, JOIN_LINK_KINDS } from './delivery.policy';
import type { DeliveryRow } from './delivery.queries';
import type { DeliverySettings, EmailMessage } from './delivery.types';
import type { MessageView } from './message-templates';
import { renderMessage, RenderedMessage } from './message.render';
import type { NoticeAttachment } from './notice-content';
import { webhookHeaders } from './webhook-signature';

export interface CalendarFile {
  filename: string;
  content: string;
}

export interface DeliveryContent {
  lang: Language;
  joinLink: string | null;
  calendar: CalendarFile | null;
  message: RenderedMessage;
  /** Files the kind's own context attaches (a certificate's PDF). */
  attachments: NoticeAttachment[];
}

export function deliveryContent(
  row: DeliveryRow,
  targets: readonly ChannelTarget[],
  settings: DeliverySettings,
  now: Date,
  /** Facts and attachments from the context that owns the kind (invitations, certificates). */
  provided?: { view: Partial<MessageView>; attachments?: NoticeAttachment[] },
): DeliveryContent {
  const lang: Language = (LANGUAGES as readonly string[]).includes(row.language)
    ? (row.language as Language)
    : 'ru';
  const link = joinLink(row, settings, now);
  const calendar = CALENDAR_KINDS.includes(row.kind) ? calendarFile(row, lang, now) : null;
  const message = renderMessage({
    kind: row.kind,
    lang,
    recipientName: row.display_name,
    sessionTitle: pickText(row.s_title, lang) ?? '',
    programTitle: pickText(row.p_title, lang),
    startAt: row.s_start_at,
    sessionZone: row.s_time_zone ?? row.time_zone,
    attendeeZone: row.time_zone,
    oldStartAt: typeof row.payload.oldStartAt === 'string' ? new Date(row.payload.oldStartAt) : null,
    joinLink: link,
    venue: row.s_format !== 'online' ? row.s_venue : null,
    reason: typeof row.payload.reason === 'string' ? row.payload.reason : null,
    calendarAttached: calendar !== null && targets.some((t) => t.channel === 'email'),
    recordingUrl: typeof row.payload.recordingUrl === 'string' ? row.payload.recordingUrl : null,
    callTitle: pickText(row.c_title, lang),
    waitlistRank:
      row.a_waitlist_rank ?? (typeof row.payload.waitlistRank === 'number' ? row.payload.waitlistRank : null),
    promoted: row.payload.promoted === true,
    extra: provided?.view,
    now,
  });
  return { lang, joinLink: link, calendar, message, attachments: provided?.attachments ?? [] };
}

function joinLink(row: DeliveryRow, settings: DeliverySettings, now: Date): string | null {
  if (
    !JOIN_LINK_KINDS.includes(row.kind) ||
    !row.registration_id ||
    !row.s_id ||
    row.s_format === 'offline'
  ) {
    return null;
  }
  const base = `${settings.publicBaseUrl.replace(/\/+$/, '')}/join/${row.registration_id}`;
  if (!settings.joinTokenSecret) return base;
  const { token } = signJoinToken(
    settings.joinTokenSecret,
    {
      userId: row.user_id,
      registrationId: row.registration_id,
      sessionId: row.s_id,
      sessionEndAt: row.s_end_at!,
    },
    now,
  );
  return `${base}?t=${token}`;
}

function calendarFile(row: DeliveryRow, lang: Language, now: Date): CalendarFile | null {
  if (!row.s_id) return null;
  const event = sessionToIcsEvent(
    {
      id: row.s_id,
      title: row.s_title ?? {},
      description: row.s_description ?? {},
      startAt: row.s_start_at!,
      endAt: row.s_end_at!,
      venue: row.s_venue,
      joinUrl: row.s_join_url,
      status: row.s_status as never,
      version: row.s_version!,
      createdAt: row.s_created_at!,
      updatedAt: row.s_updated_at!,
    },
    lang,
  );
  return {
    filename: sessionIcsFilename(row.s_id),
    content: serializeCalendar({ prodId: ICS_PRODID, name: event.summary, events: [event] }, now),
  };
}

export function emailMessage(
  row: DeliveryRow,
  target: ChannelTarget,
  content: DeliveryContent,
  settings: DeliverySettings,
): EmailMessage {
  const { message: m, calendar } = content;
  return {
    to: { name: row.display_name, address: target.target },
    subject: m.subject,
    text: m.text,
    html: m.html,
    messageId: `<${row.dedupe_key}.${target.key}@${settings.messageIdDomain}>`,
    headers: { 'X-Qatys-Notification': row.dedupe_key, 'X-Qatys-Kind': row.kind },
    attachments: [
      ...(calendar
        ? [
            {
              filename: calendar.filename,
              content: calendar.content,
              contentType: 'text/calendar; charset=utf-8',
            },
          ]
        : []),
      ...content.attachments,
    ],
  };
}

/** The JSON body and signed headers of a webhook delivery (the receiver's contract, docs/worker.md). */
export function webhookRequest(
  row: DeliveryRow,
  target: ChannelTarget,
  content: DeliveryContent,
  now: Date,
): { url: string; body: string; headers: Record<string, string> } {
  const { lang, message: m } = content;
  const body = JSON.stringify({
    id: row.dedupe_key,
    type: row.kind,
    notificationId: row.id,
    createdAt: now.toISOString(),
    recipient: {
      userId: row.user_id,
      email: row.email,
      name: row.display_name,
      language: lang,
      timeZone: row.time_zone,
    },
    registrationId: row.registration_id,
    session: row.s_id
      ? {
          id: row.s_id,
          title: pickText(row.s_title, lang),
          startAt: row.s_start_at!.toISOString(),
          endAt: row.s_end_at!.toISOString(),
          timeZone: row.s_time_zone,
          version: row.s_version,
        }
      : null,
    offsetMinutes: row.offset_minutes,
    joinUrl: content.joinLink,
    message: { subject: m.subject, text: m.text },
    data: row.payload,
  });
  const headers = webhookHeaders(
    target.endpoint!.secret,
    body,
    { deliveryKey: `${row.dedupe_key}.${target.key}`, kind: row.kind },
    now,
  );
  return { url: target.target, body, headers };
}
