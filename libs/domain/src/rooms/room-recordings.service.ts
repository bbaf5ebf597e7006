import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AnyOutboxHandler } from '../events/outbox-dispatcher';
import { domainEvent, recordEvents } from '../events/domain-events';
import { conflict, notFound } from '../shared/domain.errors';
import { roomByExternalId, takeCallback } from './rooms.queries';
import { VideoProviders } from './video-providers';

/**
 * A recording became watchable: recorded as `room.recording_ready`, whose handler puts the link
 * on the session's live settings (where the follow-ups and the attendee page read it).
 */
@Injectable()
export class RoomRecordingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly providers: VideoProviders,
  ) {}

  /** BigBlueButton's recording-ready callback (already verified): unknown meeting 404, replay 409. */
  async bbbRecordingReady(meetingId: string, recordId: string): Promise<{ sessionId: string; url: string }> {
    const bbb = this.providers.bbb;
    if (!bbb) throw notFound('Meeting', meetingId);
    return this.ds.transaction(async (em) => {
      const room = await roomByExternalId(em, 'bigbluebutton', meetingId);
      if (!room) throw notFound('Meeting', meetingId);
      if (!(await takeCallback(em, `bbb-recording:${meetingId}:${recordId}`))) {
        throw conflict('callback_replayed', 'This callback was already taken');
      }
      const url = bbb.playbackUrl(recordId);
      await em.query(`UPDATE session_rooms SET recording_status = 'ready' WHERE session_id = $1`, [
        room.sessionId,
      ]);
      await recordEvents(em, [
        domainEvent('room.recording_ready', room.sessionId, {
          sessionId: room.sessionId,
          provider: 'bigbluebutton',
          url,
        }),
      ]);
      return { sessionId: room.sessionId, url };
    });
  }
}

/** What the rooms' handlers leave for the worker once the outbox batch committed. */
export interface RoomEffects {
  /** Sessions whose recording needs its conversion job (queue `recordings`). */
  convertRecordings: string[];
}

/**
 * `room.ended`: a built-in room that was recorded gets its conversion job (the room's
 * `recording_status = 'pending'` is the row; the job only carries it, and the worker's room
 * clock makes it again if Redis lost it). `room.recording_ready`: the link goes on the session's
 * settings (the organizer may change it afterwards like any link).
 */
export const ROOM_HANDLERS: readonly AnyOutboxHandler<RoomEffects>[] = [
  {
    type: 'room.ended',
    async handle(_em, event, effects) {
      const p = event.payload;
      if (p.provider === 'builtin' && p.recording === 'pending') effects.convertRecordings.push(p.sessionId);
    },
  },
  {
    type: 'room.recording_ready',
    async handle(em, event) {
      await em.query(
        `INSERT INTO session_live_settings (session_id, recording_url) VALUES ($1, $2)
         ON CONFLICT (session_id) DO UPDATE SET recording_url = EXCLUDED.recording_url, updated_at = now()`,
        [event.payload.sessionId, event.payload.url],
      );
    },
  },
];
