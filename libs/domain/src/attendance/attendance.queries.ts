import { DataSource, EntityManager, In } from 'typeorm';
import { Region } from '../identity/region.entity';
import { NO_REGION } from './attendance-figures.policy';
import type { IntervalRecord } from './intervals.policy';

/** SQL of the attendance reports and the live figures' baseline: the one home of these statements. */
type Db = Pick<DataSource | EntityManager, 'query'>;

// Instants as epoch milliseconds (float8): a program's tens of thousands of intervals parse far
// faster as numbers than as timestamps (and date_part's float8 is cheaper for Postgres than
// extract's numeric). round(): whole milliseconds, as the gateway's Dates wrote them.
const MS = (col: string) => `round(date_part('epoch', ${col}) * 1000)`;

// A session's own roster if it has any line, else its program's (the live figures and the
// reports measure against the same lines). roster_expected: an expected list's head count where
// the scope has one for the region, else the roster's number (migration InvitationsAndCertificates).
const ROSTER = `
  SELECT scope_type, region_id, expected FROM roster_expected
   WHERE (scope_type = 'session' AND scope_id = $1) OR (scope_type = 'program' AND scope_id = $2)`;

/** Expected people per region: the session's roster when it has one, else the program's. */
export async function expectedByRegion(
  db: Db,
  scope: { sessionId: string | null; programId: string },
): Promise<Map<number, number>> {
  const rows: { scope_type: string; region_id: number; expected: number }[] = await db.query(ROSTER, [
    scope.sessionId,
    scope.programId,
  ]);
  const own = rows.filter((r) => r.scope_type === 'session');
  return new Map((own.length ? own : rows).map((r) => [r.region_id, r.expected]));
}

// The region a person counts in: the registration's, else the profile's (as in the live counts).
const REGISTERED_BY_REGION = `
  SELECT COALESCE(r.region_id, u.home_region_id, ${NO_REGION}) AS region_id, count(*)::int AS n
    FROM registrations r JOIN users u ON u.id = r.user_id
   WHERE r.session_id = $1 AND r.status = 'registered'
   GROUP BY 1`;

/** Registrations with status registered per region key (NO_REGION for people without one). */
export async function registeredByRegion(db: Db, sessionId: string): Promise<Map<number, number>> {
  const rows: { region_id: number; n: number }[] = await db.query(REGISTERED_BY_REGION, [sessionId]);
  return new Map(rows.map((r) => [r.region_id, r.n]));
}

export interface ReportPersonRow {
  userId: string;
  displayName: string;
  email: string;
  regionId: number | null;
  /** The non-cancelled sessions (of the report's scope) the person is registered for now. */
  sessionIds: string[];
}

// Session ids come as one comma-separated text: node-pg's array parser is several times slower
// than split() over a program's thousands of people.
const people = async (rows: Promise<(Omit<ReportPersonRow, 'sessionIds'> & { sessionIds: string })[]>) =>
  (await rows).map((r) => ({ ...r, sessionIds: r.sessionIds.split(',') }));

/** The people of a session report: registrations with status registered, nobody else. */
export function sessionPeople(db: Db, sessionId: string): Promise<ReportPersonRow[]> {
  return people(
    db.query(
      `SELECT u.id AS "userId", u.display_name AS "displayName", u.email,
              COALESCE(r.region_id, u.home_region_id) AS "regionId", r.session_id::text AS "sessionIds"
         FROM registrations r JOIN users u ON u.id = r.user_id
        WHERE r.session_id = $1 AND r.status = 'registered'`,
      [sessionId],
    ),
  );
}

/**
 * The people of a program report: registered for at least one of its sessions that is not
 * cancelled, in the region of their latest such registration (by session start).
 */
export function programPeople(db: Db, programId: string): Promise<ReportPersonRow[]> {
  return people(
    db.query(
      `SELECT u.id AS "userId", u.display_name AS "displayName", u.email,
              (array_agg(COALESCE(r.region_id, u.home_region_id) ORDER BY s.start_at DESC, s.id))[1] AS "regionId",
              string_agg(r.session_id::text, ',') AS "sessionIds"
         FROM registrations r
         JOIN sessions s ON s.id = r.session_id
         JOIN users u ON u.id = r.user_id
        WHERE s.program_id = $1 AND s.status <> 'cancelled' AND r.status = 'registered'
        GROUP BY u.id`,
      [programId],
    ),
  );
}

export function sessionIntervals(db: Db, sessionId: string): Promise<IntervalRecord[]> {
  return db.query(
    `SELECT session_id AS "sessionId", user_id AS "userId", ${MS('joined_at')} AS "joinedMs", ${MS('left_at')} AS "leftMs"
       FROM attendance_intervals WHERE session_id = $1`,
    [sessionId],
  );
}

export function programIntervals(db: Db, programId: string): Promise<IntervalRecord[]> {
  return db.query(
    `SELECT ai.session_id AS "sessionId", ai.user_id AS "userId", ${MS('ai.joined_at')} AS "joinedMs", ${MS('ai.left_at')} AS "leftMs"
       FROM attendance_intervals ai JOIN sessions s ON s.id = ai.session_id
      WHERE s.program_id = $1 AND s.status <> 'cancelled'`,
    [programId],
  );
}

export interface ProgramSessionRow {
  id: string;
  moduleId: string | null;
  startMs: number;
  endMs: number;
}

/** The sessions a program report counts: all but the cancelled ones. */
export function programSessions(db: Db, programId: string): Promise<ProgramSessionRow[]> {
  return db.query(
    `SELECT id, module_id AS "moduleId", ${MS('start_at')} AS "startMs", ${MS('end_at')} AS "endMs"
       FROM sessions WHERE program_id = $1 AND status <> 'cancelled'`,
    [programId],
  );
}

export async function programModuleIds(db: Db, programId: string): Promise<string[]> {
  const rows: { id: string }[] = await db.query(`SELECT id FROM program_modules WHERE program_id = $1`, [
    programId,
  ]);
  return rows.map((r) => r.id);
}

/** Regions by id, for the lines of a report. */
export async function regionsByIds(ds: DataSource, ids: readonly number[]): Promise<Map<number, Region>> {
  if (!ids.length) return new Map();
  return new Map((await ds.getRepository(Region).findBy({ id: In([...ids]) })).map((r) => [r.id, r]));
}

/** Region codes (KZ-55) by id, for the CSV exports. */
export async function regionCodes(ds: DataSource): Promise<Map<number, string>> {
  const rows: { id: number; code: string }[] = await ds.query(`SELECT id, code FROM regions`);
  return new Map(rows.map((r) => [r.id, r.code]));
}
