import type { EntityManager } from 'typeorm';
import type { RoomPublisher } from './janus/janus-relays';

/** Viewers placed on each node of a session's room so far (distinct people with a watching grant). */
export async function viewersPerNode(em: EntityManager, sessionId: string): Promise<Map<string, number>> {
  const rows: { node_id: string; n: number }[] = await em.query(
    `SELECT node_id, count(DISTINCT user_id)::int AS n FROM room_grants
      WHERE session_id = $1 AND role = 'attendee' AND node_id IS NOT NULL GROUP BY node_id`,
    [sessionId],
  );
  return new Map(rows.map((r) => [r.node_id, r.n]));
}

/** The node this person watched from before in this session (a reconnect stays where it was). */
export async function previousViewerNode(
  em: EntityManager,
  sessionId: string,
  userId: string,
): Promise<string | null> {
  const [r] = await em.query(
    `SELECT node_id FROM room_grants WHERE session_id = $1 AND user_id = $2 AND role = 'attendee'
      ORDER BY created_at DESC LIMIT 1`,
    [sessionId, userId],
  );
  return r?.node_id ?? null;
}

export async function addRelayNode(em: EntityManager, sessionId: string, nodeId: string): Promise<void> {
  await em.query(
    `UPDATE session_rooms SET relay_node_ids = array_append(relay_node_ids, $2::text)
      WHERE session_id = $1 AND NOT ($2 = ANY(relay_node_ids))`,
    [sessionId, nodeId],
  );
}

export async function savePublisher(em: EntityManager, sessionId: string, p: RoomPublisher): Promise<void> {
  await em.query(
    `INSERT INTO room_publishers (session_id, publisher_id, display, streams) VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT (session_id, publisher_id) DO UPDATE SET display = EXCLUDED.display, streams = EXCLUDED.streams`,
    [sessionId, p.id, p.display, JSON.stringify(p.streams)],
  );
}

export async function publishersOf(
  em: EntityManager,
  sessionId: string,
): Promise<(RoomPublisher & { relayedTo: string[] })[]> {
  const rows: {
    publisher_id: string;
    display: string | null;
    streams: RoomPublisher['streams'];
    relayed_to: string[];
  }[] = await em.query(
    `SELECT publisher_id, display, streams, relayed_to FROM room_publishers WHERE session_id = $1 ORDER BY published_at`,
    [sessionId],
  );
  return rows.map((r) => ({
    id: Number(r.publisher_id),
    display: r.display,
    streams: r.streams,
    relayedTo: r.relayed_to,
  }));
}

export async function markRelayed(
  em: EntityManager,
  sessionId: string,
  publisherId: number,
  nodeId: string,
): Promise<void> {
  await em.query(
    `UPDATE room_publishers SET relayed_to = array_append(relayed_to, $3::text)
      WHERE session_id = $1 AND publisher_id = $2 AND NOT ($3 = ANY(relayed_to))`,
    [sessionId, publisherId, nodeId],
  );
}

/** Participants left: the rows of those who were publishers (with the relays that carried them). */
export async function takePublishers(
  em: EntityManager,
  sessionId: string,
  participantIds: readonly number[],
): Promise<{ id: number; relayedTo: string[] }[]> {
  const rows: { publisher_id: string; relayed_to: string[] }[] = await em.query(
    `WITH d AS (DELETE FROM room_publishers WHERE session_id = $1 AND publisher_id = ANY($2::bigint[])
                RETURNING publisher_id, relayed_to)
     SELECT publisher_id, relayed_to FROM d`,
    [sessionId, participantIds.map(String)],
  );
  return rows.map((r) => ({ id: Number(r.publisher_id), relayedTo: r.relayed_to }));
}
