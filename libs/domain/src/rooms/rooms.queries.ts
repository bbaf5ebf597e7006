import type { EntityManager } from 'typeorm';
import type { RoomHandle, VideoProviderKind } from './video-provider';

export interface RoomRow extends RoomHandle {
  sessionId: string;
  status: 'open' | 'ended';
  recordingStatus: string;
}

const ROOM_COLUMNS = `session_id, provider, external_id, node_id, relay_node_ids, secret, create_time, status, recording_status`;

function roomOf(r: Record<string, unknown>): RoomRow {
  return {
    sessionId: r.session_id as string,
    provider: r.provider as VideoProviderKind,
    externalId: r.external_id as string,
    nodeId: (r.node_id as string | null) ?? null,
    relayNodeIds: (r.relay_node_ids as string[]) ?? [],
    secret: (r.secret as string | null) ?? null,
    createTime: (r.create_time as string | null) ?? null,
    status: r.status as 'open' | 'ended',
    recordingStatus: r.recording_status as string,
  };
}

export async function roomOfSession(em: EntityManager, sessionId: string): Promise<RoomRow | null> {
  const [r] = await em.query(`SELECT ${ROOM_COLUMNS} FROM session_rooms WHERE session_id = $1`, [sessionId]);
  return r ? roomOf(r) : null;
}

export async function roomByExternalId(
  em: EntityManager,
  provider: VideoProviderKind,
  externalId: string,
): Promise<RoomRow | null> {
  const [r] = await em.query(
    `SELECT ${ROOM_COLUMNS} FROM session_rooms WHERE provider = $1 AND external_id = $2`,
    [provider, externalId],
  );
  return r ? roomOf(r) : null;
}

/** The provider set on a session and on its program (null: not set there); null when no such session. */
export async function providerSettingsOfSession(
  em: EntityManager,
  sessionId: string,
): Promise<{ session: VideoProviderKind | null; program: VideoProviderKind | null } | null> {
  const [r] = await em.query(
    `SELECT vs.provider AS session_provider, vp.provider AS program_provider
       FROM sessions s LEFT JOIN video_settings vs ON vs.session_id = s.id
       LEFT JOIN video_settings vp ON vp.program_id = s.program_id WHERE s.id = $1`,
    [sessionId],
  );
  return r ? { session: r.session_provider ?? null, program: r.program_provider ?? null } : null;
}

export async function saveRoom(em: EntityManager, sessionId: string, room: RoomHandle): Promise<void> {
  await em.query(
    `INSERT INTO session_rooms (session_id, provider, external_id, node_id, relay_node_ids, secret, create_time)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (session_id) DO UPDATE
        SET provider = EXCLUDED.provider, external_id = EXCLUDED.external_id, node_id = EXCLUDED.node_id,
            relay_node_ids = EXCLUDED.relay_node_ids, secret = EXCLUDED.secret, create_time = EXCLUDED.create_time`,
    [sessionId, room.provider, room.externalId, room.nodeId, room.relayNodeIds, room.secret, room.createTime],
  );
}

/**
 * Facts a grant needs besides the join decision: the provider choice, the person's name and the
 * session's room when it has one. Null when there is no such session (the join decision says so).
 */
export async function grantFacts(
  em: EntityManager,
  sessionId: string,
  userId: string,
): Promise<{
  title: string;
  sessionProvider: VideoProviderKind | null;
  programProvider: VideoProviderKind | null;
  record: boolean;
  displayName: string;
  audience: number;
  room: RoomRow | null;
} | null> {
  const [r] = await em.query(
    `SELECT s.title, s.registered_count,
            vs.provider AS session_provider, vp.provider AS program_provider,
            COALESCE(vs.record, vp.record, true) AS record,
            (SELECT display_name FROM users WHERE id = $2) AS display_name,
            sr.session_id IS NOT NULL AS has_room,
            ${ROOM_COLUMNS.split(', ')
              .filter((c) => c !== 'session_id')
              .map((c) => `sr.${c}`)
              .join(', ')}
       FROM sessions s
       LEFT JOIN video_settings vs ON vs.session_id = s.id
       LEFT JOIN video_settings vp ON vp.program_id = s.program_id
       LEFT JOIN session_rooms sr ON sr.session_id = s.id
      WHERE s.id = $1`,
    [sessionId, userId],
  );
  if (!r) return null;
  const title = r.title as Record<string, string> | string;
  return {
    title:
      typeof title === 'string'
        ? title
        : (title.ru ?? title.en ?? title.kk ?? Object.values(title)[0] ?? 'Qatys'),
    sessionProvider: r.session_provider,
    programProvider: r.program_provider,
    record: r.record,
    displayName: r.display_name ?? 'Qatys',
    audience: Number(r.registered_count ?? 0),
    room: r.has_room ? roomOf({ ...r, session_id: sessionId }) : null,
  };
}

export async function insertGrant(
  em: EntityManager,
  g: {
    sessionId: string;
    userId: string;
    registrationId: string | null;
    role: string;
    token: string;
    nodeId: string | null;
    expiresAt: Date;
  },
): Promise<void> {
  await em.query(
    `INSERT INTO room_grants (session_id, user_id, registration_id, role, token, node_id, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [g.sessionId, g.userId, g.registrationId, g.role, g.token, g.nodeId, g.expiresAt],
  );
}

/** Who a Janus token was given to (any grant, expired or not: entering happened while it was valid). */
export async function grantByToken(
  em: EntityManager,
  token: string,
): Promise<{ sessionId: string; userId: string; registrationId: string | null } | null> {
  const [r] = await em.query(
    `SELECT session_id, user_id, registration_id FROM room_grants WHERE token = $1`,
    [token],
  );
  return r ? { sessionId: r.session_id, userId: r.user_id, registrationId: r.registration_id } : null;
}

/** Opens an attendance interval for room presence (idempotent on its id). */
export async function openRoomInterval(
  em: EntityManager,
  p: {
    id: string;
    sessionId: string;
    userId: string;
    registrationId: string | null;
    participantKey: string;
    at: Date;
    leftAt?: Date | null;
  },
): Promise<{ regionId: number | null } | null> {
  const inserted = await em.query(
    `INSERT INTO room_presence (id, session_id, participant_key, open) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [p.id, p.sessionId, p.participantKey, !p.leftAt],
  );
  if (!inserted.length) return null;
  const [row]: { region_id: number | null }[] = await em.query(
    `WITH i AS (
       INSERT INTO attendance_intervals (id, session_id, user_id, registration_id, region_id, joined_at, left_at, left_reason)
       SELECT $1, $2, u.id, r.id, COALESCE(r.region_id, u.home_region_id), $5, $6::timestamptz,
              CASE WHEN $6::timestamptz IS NULL THEN NULL ELSE 'left' END
         FROM users u LEFT JOIN registrations r ON r.id = $4 AND r.session_id = $2
        WHERE u.id = $3
       ON CONFLICT (id) DO NOTHING RETURNING region_id)
     SELECT region_id FROM i`,
    [p.id, p.sessionId, p.userId, p.registrationId, p.at, p.leftAt ?? null],
  );
  return { regionId: row?.region_id ?? null };
}

/** Closes the open room intervals of a participant key (a leave), or of a whole session (room ended). */
export async function closeRoomIntervals(
  em: EntityManager,
  where: { participantKey: string } | { sessionId: string },
  at: Date,
): Promise<{ sessionId: string; participantKey: string }[]> {
  const [col, val] =
    'participantKey' in where ? ['participant_key', where.participantKey] : ['session_id', where.sessionId];
  // A SELECT over the UPDATE: TypeORM answers a bare UPDATE ... RETURNING with [rows, count].
  const closed: { id: string; session_id: string; participant_key: string }[] = await em.query(
    `WITH c AS (UPDATE room_presence SET open = false WHERE ${col} = $1 AND open
                RETURNING id, session_id, participant_key)
     SELECT id, session_id, participant_key FROM c`,
    [val],
  );
  if (!closed.length) return [];
  await em.query(
    `UPDATE attendance_intervals SET left_at = GREATEST(joined_at, $2::timestamptz), left_reason = 'left'
      WHERE id = ANY($1::uuid[]) AND left_at IS NULL`,
    [closed.map((c) => c.id), at],
  );
  return closed.map((c) => ({ sessionId: c.session_id, participantKey: c.participant_key }));
}

/**
 * Takes a callback's id once; false when it was taken before (a replay). Runs in the caller's
 * transaction, so a callback that fails later is not marked taken.
 */
export async function takeCallback(em: EntityManager, key: string): Promise<boolean> {
  const rows = await em.query(
    `INSERT INTO room_callbacks (dedupe_key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING dedupe_key`,
    [key.slice(0, 200)],
  );
  return rows.length > 0;
}

/** A participant's entry into a built-in room, as Janus's `joined` event gives it. */
export interface RoomEntry {
  /** The interval's id (stable per participant and node: a repeated event opens nothing). */
  id: string;
  token: string;
  /** The Janus room number, as session_rooms.external_id. */
  room: string;
  participantKey: string;
  at: Date;
}

/**
 * Opens the room intervals of many entries in one statement (one round trip for a whole event
 * post, however many joins it carries): each token resolved to its grant, kept only when the
 * grant is for the open room it was used in, then the presence row and the attendance interval
 * (both idempotent on the id). Answers the entries that opened, with the region they count in.
 */
export async function openJanusIntervals(
  em: EntityManager,
  entries: readonly RoomEntry[],
): Promise<{ sessionId: string; participantKey: string; userId: string; regionId: number | null }[]> {
  if (!entries.length) return [];
  const rows: { session_id: string; participant_key: string; user_id: string; region_id: number | null }[] =
    await em.query(
      `WITH ev AS (
         SELECT DISTINCT ON (id) id, token, room, participant_key, at
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
                AS e(id, token, room, participant_key, at)
          ORDER BY id, at),
       g AS (
         SELECT ev.id, ev.participant_key, ev.at, rg.session_id, rg.user_id, rg.registration_id
           FROM ev
           JOIN room_grants rg ON rg.token = ev.token
           JOIN session_rooms sr ON sr.provider = 'builtin' AND sr.external_id = ev.room
                                AND sr.session_id = rg.session_id AND sr.status = 'open'),
       p AS (
         INSERT INTO room_presence (id, session_id, participant_key, open)
         SELECT id, session_id, participant_key, true FROM g
         ON CONFLICT (id) DO NOTHING RETURNING id),
       i AS (
         INSERT INTO attendance_intervals (id, session_id, user_id, registration_id, region_id, joined_at)
         SELECT g.id, g.session_id, u.id, r.id, COALESCE(r.region_id, u.home_region_id), g.at
           FROM g JOIN p ON p.id = g.id
           JOIN users u ON u.id = g.user_id
           LEFT JOIN registrations r ON r.id = g.registration_id AND r.session_id = g.session_id
         ON CONFLICT (id) DO NOTHING RETURNING id, region_id)
       SELECT g.session_id, g.participant_key, g.user_id, i.region_id
         FROM g JOIN p ON p.id = g.id LEFT JOIN i ON i.id = g.id`,
      [
        entries.map((e) => e.id),
        entries.map((e) => e.token),
        entries.map((e) => e.room),
        entries.map((e) => e.participantKey),
        entries.map((e) => e.at),
      ],
    );
  return rows.map((r) => ({
    sessionId: r.session_id,
    participantKey: r.participant_key,
    userId: r.user_id,
    regionId: r.region_id ?? null,
  }));
}

/**
 * Closes the open room intervals of many participant keys in one statement (a leave each, at
 * its own time; a key named twice closes at its first time).
 */
export async function closeJanusIntervals(
  em: EntityManager,
  leaves: readonly { participantKey: string; at: Date }[],
): Promise<{ sessionId: string; participantKey: string }[]> {
  const first = new Map<string, Date>();
  for (const l of leaves) if (!first.has(l.participantKey)) first.set(l.participantKey, l.at);
  if (!first.size) return [];
  const rows: { session_id: string; participant_key: string }[] = await em.query(
    `WITH x AS (SELECT * FROM unnest($1::text[], $2::timestamptz[]) AS x(participant_key, at)),
     c AS (
       UPDATE room_presence rp SET open = false FROM x
        WHERE rp.participant_key = x.participant_key AND rp.open
       RETURNING rp.id, rp.session_id, rp.participant_key, x.at),
     a AS (
       UPDATE attendance_intervals ai SET left_at = GREATEST(ai.joined_at, c.at), left_reason = 'left'
         FROM c WHERE ai.id = c.id AND ai.left_at IS NULL)
     SELECT session_id, participant_key FROM c`,
    [[...first.keys()], [...first.values()]],
  );
  return rows.map((r) => ({ sessionId: r.session_id, participantKey: r.participant_key }));
}
