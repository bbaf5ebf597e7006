/** The SQL of expected lists: matching accounts, writing people, reading a list with statuses. */
import type { EntityManager } from 'typeorm';
import type { ResolvedScope } from './list-scope';

type Db = Pick<EntityManager, 'query'>;

export interface AccountMatch {
  id: string;
  email: string;
  phone: string | null;
}

/** Existing accounts by (lower-cased) e-mail or by phone. */
export async function accountsMatching(
  db: Db,
  emails: readonly string[],
  phones: readonly string[],
): Promise<AccountMatch[]> {
  return db.query(
    `SELECT id, email, phone FROM users WHERE email = ANY($1::text[]) OR phone = ANY($2::text[])`,
    [emails, phones],
  );
}

/**
 * Accounts for people nobody knows yet: no password (they set one from their invitation), the
 * list's language, region and that region's zone. An e-mail taken meanwhile keeps its account.
 */
export async function createAccounts(
  db: Db,
  people: readonly {
    email: string;
    fullName: string;
    phone: string | null;
    language: string;
    regionId: number;
  }[],
): Promise<AccountMatch[]> {
  if (!people.length) return [];
  return db.query(
    `INSERT INTO users (email, display_name, password_hash, language, time_zone, home_region_id, phone)
     SELECT p.email, p.name, NULL, p.language, r.time_zone, p.region_id, p.phone
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[])
            AS p(email, name, phone, language, region_id)
       JOIN regions r ON r.id = p.region_id
     ON CONFLICT DO NOTHING
     RETURNING id, email, phone`,
    [
      people.map((p) => p.email),
      people.map((p) => p.fullName),
      people.map((p) => p.phone),
      people.map((p) => p.language),
      people.map((p) => p.regionId),
    ],
  );
}

export interface ListedRow {
  id: string;
  user_id: string | null;
  email: string | null;
  phone: string | null;
}

export async function listedPeople(db: Db, scope: ResolvedScope): Promise<ListedRow[]> {
  return db.query(
    `SELECT id, user_id, email, phone FROM expected_people WHERE scope_type = $1 AND scope_id = $2`,
    [scope.type, scope.id],
  );
}

export interface PersonWrite {
  id: string | null;
  regionId: number;
  userId: string | null;
  fullName: string;
  email: string | null;
  phone: string | null;
  language: string;
  organization: string | null;
  position: string | null;
}

/** New people inserted and known ones updated, each in one statement. */
export async function writePeople(
  db: Db,
  scope: ResolvedScope,
  actorId: string,
  people: readonly PersonWrite[],
): Promise<void> {
  const cols = (list: readonly PersonWrite[]) => [
    list.map((p) => p.regionId),
    list.map((p) => p.userId),
    list.map((p) => p.fullName),
    list.map((p) => p.email),
    list.map((p) => p.phone),
    list.map((p) => p.language),
    list.map((p) => p.organization),
    list.map((p) => p.position),
  ];
  const fresh = people.filter((p) => p.id === null);
  const known = people.filter((p) => p.id !== null);
  for (let i = 0; i < fresh.length; i += 2000) {
    const chunk = fresh.slice(i, i + 2000);
    await db.query(
      `INSERT INTO expected_people (scope_type, scope_id, program_id, session_id, imported_by,
                                    region_id, user_id, full_name, email, phone, language, organization, position)
       SELECT $1, $2, $3, $4, $5, p.*
         FROM unnest($6::int[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[]) AS p`,
      [scope.type, scope.id, scope.programId, scope.sessionId, actorId, ...cols(chunk)],
    );
  }
  for (let i = 0; i < known.length; i += 2000) {
    const chunk = known.slice(i, i + 2000);
    await db.query(
      `UPDATE expected_people e
          SET region_id = p.region_id, user_id = p.user_id, full_name = p.full_name, email = p.email,
              phone = p.phone, language = p.language, organization = p.organization, position = p.position,
              updated_at = now()
         FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
              AS p(id, region_id, user_id, full_name, email, phone, language, organization, position)
        WHERE e.id = p.id`,
      [chunk.map((p) => p.id), ...cols(chunk)],
    );
  }
}

/**
 * Registered now in the list's scope: a `registered` registration for the session, or (a
 * program's list) for any of its sessions that is not cancelled.
 */
export const REGISTERED = (p: string) => `EXISTS (
  SELECT 1 FROM registrations r JOIN sessions s ON s.id = r.session_id
   WHERE r.user_id = ${p}.user_id AND r.status = 'registered' AND s.status <> 'cancelled'
     AND (r.session_id = ${p}.session_id OR (${p}.session_id IS NULL AND s.program_id = ${p}.program_id)))`;

/**
 * The invitation mail failed for good, or its server refused the address with a permanent (5xx)
 * reply on some attempt: the address bounces.
 */
export const BOUNCED = (p: string) => `EXISTS (
  SELECT 1 FROM notifications n
   WHERE n.dedupe_key = 'invitation-' || ${p}.id::text
     AND (n.status = 'failed' OR EXISTS (
           SELECT 1 FROM notification_deliveries d
            WHERE d.notification_id = n.id AND d.last_error ~ '(^|\\s)5[0-9][0-9](\\s|$)')))`;

/** One person's invitation status, the words of the API: listed, invited, registered, declined, bounced. */
export const STATUS = (p: string) => `CASE
  WHEN ${REGISTERED(p)} THEN 'registered'
  WHEN ${p}.declined_at IS NOT NULL THEN 'declined'
  WHEN ${p}.invited_at IS NOT NULL AND ${BOUNCED(p)} THEN 'bounced'
  WHEN ${p}.invited_at IS NOT NULL THEN 'invited'
  ELSE 'listed' END`;

export interface ListedPerson {
  id: string;
  regionId: number;
  userId: string | null;
  fullName: string;
  email: string | null;
  phone: string | null;
  language: string;
  organization: string | null;
  position: string | null;
  status: 'listed' | 'invited' | 'registered' | 'declined' | 'bounced';
  invitedAt: Date | null;
  declinedAt: Date | null;
  declineReason: string | null;
}

/** The people of a list with their status (regions limited for coordinators). */
export async function peopleWithStatus(
  db: Db,
  scope: ResolvedScope,
  regionIds: readonly number[] | null,
): Promise<ListedPerson[]> {
  return db.query(
    `SELECT p.id, p.region_id AS "regionId", p.user_id AS "userId", p.full_name AS "fullName", p.email,
            p.phone, p.language, p.organization, p.position, ${STATUS('p')} AS status,
            p.invited_at AS "invitedAt", p.declined_at AS "declinedAt", p.decline_reason AS "declineReason"
       FROM expected_people p
      WHERE p.scope_type = $1 AND p.scope_id = $2 AND ($3::int[] IS NULL OR p.region_id = ANY($3::int[]))
      ORDER BY p.region_id, p.full_name, p.id`,
    [scope.type, scope.id, regionIds],
  );
}
