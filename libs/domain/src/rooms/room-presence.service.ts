import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { conflict, notFound, unauthorized } from '../shared/domain.errors';
import type { BbbAnalyticsAttendee, BbbPresenceEvent } from './bbb/bbb-callbacks';
import {
  closeRoomIntervals,
  grantByToken,
  openRoomInterval,
  roomByExternalId,
  takeCallback,
} from './rooms.queries';
import { ROOMS_OPTIONS, RoomsOptions } from './rooms.tokens';
import { RoomLiveChange, RoomLiveCounts } from './room-live-counts';
import { RoomRelaysService } from './room-relays.service';
import type { PublishedStream } from './janus/janus-relays';

/** A uuid made from a string: the same participant always maps to the same interval id. */
export function stableUuid(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface JanusEvent {
  emitter?: unknown;
  type?: unknown;
  timestamp?: unknown;
  event?: { plugin?: unknown; data?: Record<string, unknown> };
}

/**
 * Room presence merged into the attendance intervals, so "attended" means "was in the room":
 * Janus's event handler (participant joined with its grant's token, left) and BigBlueButton's
 * webhooks (user-joined / user-left) and analytics callback each open and close intervals of
 * their own, beside the gateway's. Reports merge a person's overlapping intervals.
 */
@Injectable()
export class RoomPresenceService {
  constructor(
    private readonly ds: DataSource,
    @Inject(ROOMS_OPTIONS) private readonly options: RoomsOptions,
    private readonly live: RoomLiveCounts,
    private readonly relays: RoomRelaysService,
  ) {}

  /** Basic auth of the Janus event handler (`janus:<JANUS_EVENTS_SECRET>`). */
  checkJanusAuth(authorization: string | undefined): void {
    const secret = this.options.janus?.eventsSecret;
    if (!secret) throw unauthorized('Janus events are not configured');
    const expected = Buffer.from(`Basic ${Buffer.from(`janus:${secret}`).toString('base64')}`);
    const given = Buffer.from(authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw unauthorized('Bad credentials for Janus events');
    }
  }

  /** One POST of the sample event handler: an event or an array of them. Returns intervals changed. */
  async janusEvents(body: unknown): Promise<number> {
    const events = (Array.isArray(body) ? body : [body]) as JanusEvent[];
    let changed = 0;
    const live: RoomLiveChange[] = [];
    await this.ds.transaction(async (em) => {
      for (const e of events) {
        if (e?.type !== 64 || e.event?.plugin !== 'janus.plugin.videoroom') continue;
        const data = e.event.data ?? {};
        const at = typeof e.timestamp === 'number' ? new Date(Math.floor(e.timestamp / 1000)) : new Date();
        const key = `janus:${String(data.room)}:${String(data.id)}`;
        if (data.event === 'joined' && typeof data.token === 'string') {
          const grant = await grantByToken(em, data.token);
          const room = grant && (await roomByExternalId(em, 'builtin', String(data.room)));
          if (!grant || !room || room.sessionId !== grant.sessionId || room.status !== 'open') continue;
          const opened = await openRoomInterval(em, {
            id: stableUuid(`${key}:${String(e.emitter)}`),
            sessionId: grant.sessionId,
            userId: grant.userId,
            registrationId: grant.registrationId,
            participantKey: key,
            at,
          });
          if (opened) {
            changed++;
            live.push({
              kind: 'enter',
              sessionId: grant.sessionId,
              participantKey: key,
              userId: grant.userId,
              ...opened,
            });
          }
        } else if (data.event === 'leaving' || data.event === 'kicked') {
          const closed = await closeRoomIntervals(em, { participantKey: key }, at);
          changed += closed.length;
          live.push(...closed.map((c) => ({ kind: 'leave' as const, ...c })));
        }
      }
    });
    await this.live.apply(live);
    await this.relayEvents(events);
    return changed;
  }

  /** Speakers publishing and leaving on a room's origin: the relay nodes follow (broadcast mode). */
  private async relayEvents(events: JanusEvent[]): Promise<void> {
    for (const e of events) {
      if (e?.type !== 64 || e.event?.plugin !== 'janus.plugin.videoroom') continue;
      const data = e.event.data ?? {};
      const kind = data.event;
      if (kind !== 'published' && kind !== 'unpublished' && kind !== 'leaving' && kind !== 'kicked') continue;
      if (typeof data.id !== 'number') continue;
      const room = await roomByExternalId(this.ds.manager, 'builtin', String(data.room));
      if (!room || room.status !== 'open') continue;
      const emitter = String(e.emitter);
      if (kind === 'published' && Array.isArray(data.streams)) {
        await this.relays.published(room, emitter, {
          id: data.id,
          display: typeof data.display === 'string' ? data.display : null,
          streams: data.streams as PublishedStream[],
        });
      } else if (kind !== 'published') {
        await this.relays.left(room, emitter, data.id);
      }
    }
  }

  /** Webhook events (already verified): unknown meeting -> 404, replay -> 409, nothing written. */
  async bbbWebhook(timestamp: string, events: BbbPresenceEvent[]): Promise<number> {
    const live: RoomLiveChange[] = [];
    const changed = await this.ds.transaction(async (em) => {
      const sessions = new Map<string, string>();
      for (const ev of events) {
        if (!sessions.has(ev.meetingId))
          sessions.set(ev.meetingId, await this.sessionOfMeeting(em, ev.meetingId));
      }
      if (
        !(await takeCallback(
          em,
          `bbb-webhook:${timestamp}:${events.map((e) => `${e.meetingId}/${e.externalUserId}/${e.kind}`).join(',')}`,
        ))
      ) {
        throw conflict('callback_replayed', 'This callback was already taken');
      }
      let changed = 0;
      for (const ev of events) {
        const sessionId = sessions.get(ev.meetingId)!;
        const person = await this.personOf(em, sessionId, ev.externalUserId);
        if (!person) continue;
        const key = `bbb:${ev.meetingId}:${ev.externalUserId}`;
        if (ev.kind === 'joined') {
          const before = await closeRoomIntervals(em, { participantKey: key }, ev.at);
          live.push(...before.map((c) => ({ kind: 'leave' as const, ...c })));
          const opened = await openRoomInterval(em, {
            id: stableUuid(`${key}:${ev.at.getTime()}`),
            sessionId,
            ...person,
            participantKey: key,
            at: ev.at,
          });
          if (opened) {
            changed++;
            live.push({ kind: 'enter', sessionId, participantKey: key, userId: person.userId, ...opened });
          }
        } else {
          const closed = await closeRoomIntervals(em, { participantKey: key }, ev.at);
          changed += closed.length;
          live.push(...closed.map((c) => ({ kind: 'leave' as const, ...c })));
        }
      }
      return changed;
    });
    await this.live.apply(live);
    return changed;
  }

  /** The analytics callback after the meeting: every attendee's joins and leaves as closed intervals. */
  async bbbAnalytics(
    meetingId: string,
    internalMeetingId: string,
    attendees: BbbAnalyticsAttendee[],
  ): Promise<number> {
    return this.ds.transaction(async (em) => {
      const sessionId = await this.sessionOfMeeting(em, meetingId);
      if (!(await takeCallback(em, `bbb-analytics:${meetingId}:${internalMeetingId}`))) {
        throw conflict('callback_replayed', 'This callback was already taken');
      }
      let changed = 0;
      for (const a of attendees) {
        const person = await this.personOf(em, sessionId, a.externalUserId);
        if (!person) continue;
        for (const i of a.intervals) {
          const key = `bbb-analytics:${meetingId}:${a.externalUserId}`;
          if (
            await openRoomInterval(em, {
              id: stableUuid(`${key}:${i.joinedAt.getTime()}`),
              sessionId,
              ...person,
              participantKey: key,
              at: i.joinedAt,
              leftAt: i.leftAt ?? i.joinedAt,
            })
          )
            changed++;
        }
      }
      return changed;
    });
  }

  private async sessionOfMeeting(em: EntityManager, meetingId: string): Promise<string> {
    const room = await roomByExternalId(em, 'bigbluebutton', meetingId);
    if (!room) throw notFound('Meeting', meetingId);
    return room.sessionId;
  }

  /** `userID` given at join: our registration id, or the user id of staff without a seat. */
  private async personOf(
    em: EntityManager,
    sessionId: string,
    externalUserId: string,
  ): Promise<{ userId: string; registrationId: string | null } | null> {
    if (!/^[0-9a-f-]{36}$/i.test(externalUserId)) return null;
    const [r] = await em.query(
      `SELECT user_id, id FROM registrations WHERE id = $1 AND session_id = $2
       UNION ALL SELECT id, NULL FROM users WHERE id = $1 LIMIT 1`,
      [externalUserId, sessionId],
    );
    return r ? { userId: r.user_id, registrationId: r.id } : null;
  }
}
