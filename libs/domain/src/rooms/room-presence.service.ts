import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { conflict, notFound, unauthorized } from '../shared/domain.errors';
import type { BbbAnalyticsAttendee, BbbPresenceEvent } from './bbb/bbb-callbacks';
import {
  closeJanusIntervals,
  closeRoomIntervals,
  openJanusIntervals,
  openRoomInterval,
  RoomEntry,
  roomByExternalId,
  RoomRow,
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

type RoomLeave = { participantKey: string; at: Date };

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

  /**
   * One POST of the sample event handler: an event or an array of them (Janus groups up to 100
   * that piled up while the previous post was answered; it sends one post at a time). Returns
   * intervals changed. Answered after the writes: Janus sends a post again only when it got no
   * answer (refused, or none within 10 s), so an api restarting loses nothing its retries cover.
   * A post costs one statement per run of joins or of leaves it carries, not a transaction with
   * four round trips per join — the same api answers the grants of the people joining. Events
   * that change nothing here (subscribing, configured, ...) cost no query at all.
   */
  async janusEvents(body: unknown): Promise<number> {
    const events = (Array.isArray(body) ? body : [body]) as JanusEvent[];
    let changed = 0;
    // Runs of consecutive joins or leaves, in the order they happened: a leave after a join of
    // the same participant closes what the join opened.
    const runs: ({ kind: 'enter'; items: RoomEntry[] } | { kind: 'leave'; items: RoomLeave[] })[] = [];
    for (const e of events) {
      if (e?.type !== 64 || e.event?.plugin !== 'janus.plugin.videoroom') continue;
      const data = e.event.data ?? {};
      const at = typeof e.timestamp === 'number' ? new Date(Math.floor(e.timestamp / 1000)) : new Date();
      const key = `janus:${String(data.room)}:${String(data.id)}`;
      if (data.event === 'joined' && typeof data.token === 'string') {
        const entry: RoomEntry = {
          id: stableUuid(`${key}:${String(e.emitter)}`),
          token: data.token,
          room: String(data.room),
          participantKey: key,
          at,
        };
        const last = runs.at(-1);
        if (last?.kind === 'enter') last.items.push(entry);
        else runs.push({ kind: 'enter', items: [entry] });
      } else if (data.event === 'leaving' || data.event === 'kicked') {
        const last = runs.at(-1);
        if (last?.kind === 'leave') last.items.push({ participantKey: key, at });
        else runs.push({ kind: 'leave', items: [{ participantKey: key, at }] });
      }
    }
    for (const run of runs) {
      // Each statement commits on its own and is idempotent (a join's interval has a stable id, a
      // closed interval is not closed again), so a post Janus repeats (its answer was late) does
      // only what is left; the live counts follow each statement at once for the same reason.
      if (run.kind === 'enter') {
        const opened = await openJanusIntervals(this.ds.manager, run.items);
        changed += opened.length;
        await this.live.apply(opened.map((o) => ({ kind: 'enter' as const, ...o })));
      } else {
        const closed = await closeJanusIntervals(this.ds.manager, run.items);
        changed += closed.length;
        await this.live.apply(closed.map((c) => ({ kind: 'leave' as const, ...c })));
      }
    }
    await this.relayEvents(events);
    return changed;
  }

  /**
   * Speakers publishing and leaving on a room's origin: the relay nodes follow (broadcast mode).
   * Each room is read once per post, not once per event (a room's viewers leaving together are
   * many `leaving` events of one room).
   */
  private async relayEvents(events: JanusEvent[]): Promise<void> {
    const rooms = new Map<string, Promise<RoomRow | null>>();
    const roomOf = (external: string) => {
      let r = rooms.get(external);
      if (!r) rooms.set(external, (r = roomByExternalId(this.ds.manager, 'builtin', external)));
      return r;
    };
    // Leaves gathered per room and node until the next `published` (order kept: a speaker who
    // unpublishes and publishes again in one post is saved again after being dropped).
    let leaving = new Map<string, { room: RoomRow; emitter: string; ids: number[] }>();
    const flush = async () => {
      for (const l of leaving.values()) await this.relays.left(l.room, l.emitter, l.ids);
      leaving = new Map();
    };
    for (const e of events) {
      if (e?.type !== 64 || e.event?.plugin !== 'janus.plugin.videoroom') continue;
      const data = e.event.data ?? {};
      const kind = data.event;
      if (kind !== 'published' && kind !== 'unpublished' && kind !== 'leaving' && kind !== 'kicked') continue;
      if (typeof data.id !== 'number') continue;
      const room = await roomOf(String(data.room));
      if (!room || room.status !== 'open') continue;
      const emitter = String(e.emitter);
      if (kind === 'published' && Array.isArray(data.streams)) {
        await flush();
        await this.relays.published(room, emitter, {
          id: data.id,
          display: typeof data.display === 'string' ? data.display : null,
          streams: data.streams as PublishedStream[],
        });
      } else if (kind !== 'published') {
        const k = `${room.externalId}@${emitter}`;
        const l = leaving.get(k) ?? { room, emitter, ids: [] };
        l.ids.push(data.id);
        leaving.set(k, l);
      }
    }
    await flush();
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
