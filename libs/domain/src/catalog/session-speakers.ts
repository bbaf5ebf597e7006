/** A session's speakers: their bookings checked for overlaps, and the ordered list written. */
import type { EntityManager } from 'typeorm';
import { invalid } from '../shared/domain.errors';
import { Language, LocalizedText, pickText } from '../shared/localized-text';
import { SessionSpeaker, SessionStatus } from './session.entity';
import { findSpeakerConflicts, SpeakerBooking, speakerConflictError } from './speaker-overlap.policy';

/**
 * Locks the speakers' rows (in id order, so two bookings never deadlock) before reading their
 * other sessions: two organizers booking the same speaker at once are serialized and the second
 * sees the first's session. 400 for unknown speakers; 409 for overlaps unless overridden.
 */
export async function checkSpeakers(
  em: EntityManager,
  lang: Language,
  speakerIds: readonly string[],
  slot: { sessionId?: string; startAt: Date; endAt: Date },
  override?: boolean,
): Promise<void> {
  if (!speakerIds.length) return;
  const found: { id: string }[] = await em.query(
    `SELECT id FROM speakers WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [speakerIds],
  );
  const known = new Set(found.map((r) => r.id));
  const missing = speakerIds.filter((s) => !known.has(s));
  if (missing.length) {
    throw invalid('unknown_speaker', `speakerIds: speaker ${missing.join(', ')} does not exist`, {
      speakerIds: missing,
    });
  }
  if (override) return;
  const rows: {
    speaker_id: string;
    full_name: string;
    session_id: string;
    title: LocalizedText;
    start_at: Date;
    end_at: Date;
    time_zone: string;
    status: SessionStatus;
  }[] = await em.query(
    `SELECT ss.speaker_id, sp.full_name, s.id AS session_id, s.title, s.start_at, s.end_at, s.time_zone, s.status
       FROM session_speakers ss
       JOIN sessions s ON s.id = ss.session_id
       JOIN speakers sp ON sp.id = ss.speaker_id
      WHERE ss.speaker_id = ANY($1::uuid[]) AND s.status <> 'cancelled'
        AND s.start_at < $3 AND s.end_at > $2 AND ($4::uuid IS NULL OR s.id <> $4::uuid)`,
    [speakerIds, slot.startAt, slot.endAt, slot.sessionId ?? null],
  );
  const bookings: SpeakerBooking[] = rows.map((r) => ({
    speakerId: r.speaker_id,
    speakerName: r.full_name,
    sessionId: r.session_id,
    title: pickText(r.title, lang) ?? r.session_id,
    startAt: r.start_at,
    endAt: r.end_at,
    timeZone: r.time_zone,
    status: r.status,
  }));
  const conflicts = findSpeakerConflicts({ ...slot, speakerIds }, bookings);
  if (conflicts.length) throw speakerConflictError(conflicts);
}

export async function writeSpeakers(
  em: EntityManager,
  sessionId: string,
  speakerIds: readonly string[],
): Promise<void> {
  await em.delete(SessionSpeaker, { sessionId });
  if (speakerIds.length) {
    await em.insert(
      SessionSpeaker,
      speakerIds.map((speakerId, i) => ({ sessionId, speakerId, position: i + 1 })),
    );
  }
}

export async function currentSpeakerIds(em: EntityManager, sessionId: string): Promise<string[]> {
  const rows = await em.find(SessionSpeaker, { where: { sessionId }, order: { position: 'ASC' } });
  return rows.map((r) => r.speakerId);
}
