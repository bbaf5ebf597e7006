import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { domainEvent, recordEvents } from '../events/domain-events';
import { RoomLiveCounts } from './room-live-counts';
import { closeRoomIntervals, RoomRow, roomOfSession } from './rooms.queries';
import { MediaServerUnavailable } from './video-provider';
import { VideoProviders } from './video-providers';

/**
 * The clock of the rooms: ends the rooms of sessions that ended (or were cancelled, or whose end
 * time passed) and takes expired grant tokens out of the rooms' lists. Idempotent: the worker
 * runs it every few seconds; a media server that does not answer is tried again next time.
 */
@Injectable()
export class RoomLifecycleService {
  private readonly logger = new Logger(RoomLifecycleService.name);

  constructor(
    private readonly ds: DataSource,
    private readonly providers: VideoProviders,
    private readonly live: RoomLiveCounts,
  ) {}

  async sweep(now = new Date()): Promise<{ ended: number; revoked: number }> {
    const due: { session_id: string }[] = await this.ds.query(
      `SELECT r.session_id FROM session_rooms r JOIN sessions s ON s.id = r.session_id
        WHERE r.status = 'open' AND (s.status IN ('ended', 'cancelled') OR s.end_at <= $1)
        LIMIT 100`,
      [now],
    );
    let ended = 0;
    for (const { session_id } of due) if (await this.endRoom(session_id, now)) ended++;
    return { ended, revoked: await this.revokeExpired(now) };
  }

  async endRoom(sessionId: string, now = new Date()): Promise<boolean> {
    const room = await roomOfSession(this.ds.manager, sessionId);
    if (!room || room.status !== 'open') return false;
    try {
      await this.providers.get(room.provider).end(room);
    } catch (e) {
      if (!(e instanceof MediaServerUnavailable)) throw e;
      this.logger.warn(`room of session ${sessionId} not ended yet: ${e.message}`);
      return false;
    }
    await this.ds.transaction(async (em) => {
      const [{ record }] = await em.query(
        `SELECT COALESCE(vs.record, vp.record, true) AS record
           FROM sessions s LEFT JOIN video_settings vs ON vs.session_id = s.id
           LEFT JOIN video_settings vp ON vp.program_id = s.program_id WHERE s.id = $1`,
        [sessionId],
      );
      // A built-in room records only where Janus was told a folder (rooms are made recording then).
      const recorded =
        record &&
        (room.provider === 'bigbluebutton' ||
          (room.provider === 'builtin' && !!this.providers.options.janus?.recordDir));
      const recording = recorded ? 'pending' : 'none';
      const [ended]: { recording_status: 'none' | 'pending' | 'ready' | 'failed' }[] = await em.query(
        `WITH u AS (
           UPDATE session_rooms SET status = 'ended', ended_at = $2,
                  recording_status = CASE WHEN recording_status = 'none' THEN $3 ELSE recording_status END
            WHERE session_id = $1 AND status = 'open' RETURNING recording_status)
         SELECT recording_status FROM u`,
        [sessionId, now, recording],
      );
      if (!ended) return;
      await em.query(`UPDATE room_grants SET revoked_at = $2 WHERE session_id = $1 AND revoked_at IS NULL`, [
        sessionId,
        now,
      ]);
      await closeRoomIntervals(em, { sessionId }, now);
      await recordEvents(em, [
        domainEvent('room.ended', sessionId, {
          sessionId,
          provider: room.provider,
          recording: ended.recording_status === 'pending' ? 'pending' : 'none',
          endedAt: now.toISOString(),
        }),
      ]);
    });
    await this.live.clear(sessionId);
    return true;
  }

  private async revokeExpired(now: Date): Promise<number> {
    const rows: { session_id: string; node_id: string | null; tokens: string[] }[] = await this.ds.query(
      `SELECT g.session_id, g.node_id, array_agg(g.token) AS tokens
         FROM room_grants g JOIN session_rooms r ON r.session_id = g.session_id
        WHERE g.revoked_at IS NULL AND g.expires_at <= $1 AND r.provider = 'builtin' AND r.status = 'open'
        GROUP BY g.session_id, g.node_id LIMIT 100`,
      [now],
    );
    let revoked = 0;
    for (const row of rows) {
      const room = (await roomOfSession(this.ds.manager, row.session_id)) as RoomRow;
      try {
        await this.providers.janus?.revoke(room, row.tokens, row.node_id ?? room.nodeId);
      } catch (e) {
        if (!(e instanceof MediaServerUnavailable)) throw e;
        continue;
      }
      await this.ds.query(`UPDATE room_grants SET revoked_at = $2 WHERE token = ANY($1::varchar[])`, [
        row.tokens,
        now,
      ]);
      revoked += row.tokens.length;
    }
    return revoked;
  }
}
