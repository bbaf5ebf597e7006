import type { EntityManager } from 'typeorm';

/** Built-in rooms that ended recorded and whose conversion has not finished (the jobs to have). */
export async function pendingConversions(em: EntityManager, limit = 500): Promise<string[]> {
  const rows: { session_id: string }[] = await em.query(
    `SELECT session_id FROM session_rooms
      WHERE provider = 'builtin' AND status = 'ended' AND recording_status = 'pending'
      ORDER BY ended_at LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.session_id);
}

/** Settles a pending conversion; false when it was settled before (a second run changes nothing). */
export async function settleConversion(
  em: EntityManager,
  sessionId: string,
  status: 'ready' | 'none' | 'failed',
  file: string | null,
): Promise<boolean> {
  const rows = await em.query(
    `WITH u AS (UPDATE session_rooms SET recording_status = $2, recording_file = $3
                 WHERE session_id = $1 AND recording_status = 'pending' RETURNING session_id)
     SELECT session_id FROM u`,
    [sessionId, status, file],
  );
  return rows.length > 0;
}

/** What deciding a watch needs: the session, the person's seat and speaker status, the file. */
export async function recordingFacts(
  em: EntityManager,
  sessionId: string,
  userId: string,
): Promise<{
  registrationStatus: string | null;
  isSpeaker: boolean;
  recordingStatus: string | null;
  recordingFile: string | null;
} | null> {
  const [r] = await em.query(
    `SELECT (SELECT status FROM registrations WHERE session_id = s.id AND user_id = $2
              ORDER BY (status = 'registered') DESC LIMIT 1) AS registration_status,
            EXISTS (SELECT 1 FROM session_speakers ss JOIN speakers sp ON sp.id = ss.speaker_id
                     WHERE ss.session_id = s.id AND sp.user_id = $2) AS is_speaker,
            sr.recording_status, sr.recording_file
       FROM sessions s LEFT JOIN session_rooms sr ON sr.session_id = s.id
      WHERE s.id = $1`,
    [sessionId, userId],
  );
  return r
    ? {
        registrationStatus: r.registration_status ?? null,
        isSpeaker: r.is_speaker === true,
        recordingStatus: r.recording_status ?? null,
        recordingFile: r.recording_file ?? null,
      }
    : null;
}
