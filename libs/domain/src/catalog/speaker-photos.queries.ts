import type { EntityManager } from 'typeorm';

/**
 * Whether a speaker appears on a public page: a speaker (or a section's lead) of a session of a
 * published program. Photos of speakers only booked in drafts stay private until publication.
 */
export async function speakerIsPublic(em: EntityManager, speakerId: string): Promise<boolean> {
  const rows: unknown[] = await em.query(
    `SELECT 1
       FROM session_speakers ss
       JOIN sessions s ON s.id = ss.session_id
       JOIN programs p ON p.id = s.program_id
      WHERE ss.speaker_id = $1 AND p.status = 'published'
     UNION ALL
     SELECT 1
       FROM sections x
       JOIN sessions s ON s.id = x.session_id
       JOIN programs p ON p.id = s.program_id
      WHERE x.lead_speaker_id = $1 AND p.status = 'published'
      LIMIT 1`,
    [speakerId],
  );
  return rows.length > 0;
}

/** The current photo version (sha256) of each of these speakers that has a photo. */
export async function photoVersions(
  em: EntityManager,
  speakerIds: readonly string[],
): Promise<Map<string, string>> {
  if (!speakerIds.length) return new Map();
  const rows: { speaker_id: string; sha256: string }[] = await em.query(
    `SELECT speaker_id, sha256 FROM speaker_photos WHERE speaker_id = ANY($1::uuid[])`,
    [speakerIds],
  );
  return new Map(rows.map((r) => [r.speaker_id, r.sha256]));
}
