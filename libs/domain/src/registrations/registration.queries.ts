/**
 * Row locks, seat counters and reads of the registrations context.
 *
 * Lock order (nobody takes these in another order, so they cannot deadlock one another):
 * program (NO KEY UPDATE) -> sessions by id -> sections by id.
 */
import { EntityManager, In, IsNull } from 'typeorm';
import { entityReader, perDataSource, preparedQuery } from '@qatys/persistence';
import { Program } from '../catalog/program.entity';
import { Section, Session } from '../catalog/session.entity';
import { Region } from '../identity/region.entity';
import { activeTraceparent, NewDomainEvent, OUTBOX_CHANNEL, OUTBOX_WAKE } from '../events/domain-events';
import { invalid } from '../shared/domain.errors';
import { Registration, RegistrationStatus } from './registration.entity';

/** A registration with its session (and section when chosen) loaded, ready to render. */
export type RegistrationView = Registration & { session: Session };

export function asView(reg: Registration, session: Session): RegistrationView {
  reg.session = session;
  return reg as RegistrationView;
}

export function lockSession(em: EntityManager, id: string): Promise<Session | null> {
  return em
    .getRepository(Session)
    .createQueryBuilder('s')
    .setLock('pessimistic_write')
    .where('s.id = :id', { id })
    .getOne();
}

/** What a registration without a section is decided on, read without locks in one statement. */
export interface PlacementFacts {
  /** With its program loaded. */
  session: Session;
  /** null: no such user, or disabled. */
  activeUser: { homeRegionId: number | null } | null;
  /** The person already has a row for the session (active or cancelled). */
  hasRow: boolean;
}

/** The SQL of placementFacts and its readers, made once per data source (they need its metadata). */
const placementRead = perDataSource((ds) => {
  const session = entityReader(ds, Session, 's');
  const program = entityReader(ds, Program, 'p');
  const sql = `SELECT ${session.select}, ${program.select},
          u.id AS active_user_id, u.home_region_id,
          EXISTS (SELECT 1 FROM registrations r WHERE r.session_id = s.id AND r.user_id = $2) AS has_row
     FROM sessions s
     JOIN programs p ON p.id = s.program_id
     LEFT JOIN users u ON u.id = $2 AND u.disabled_at IS NULL
    WHERE s.id = $1`;
  return { sql, session, program };
});

/**
 * One statement, prepared once per connection when run on its own (the api runs it outside any
 * transaction, for every registration of a crowd).
 */
export async function placementFacts(
  em: EntityManager,
  sessionId: string,
  userId: string,
): Promise<PlacementFacts | null> {
  const read = placementRead(em.connection);
  const [row] = await preparedQuery<Record<string, unknown>>(em, 'qatys_placement_facts', read.sql, [
    sessionId,
    userId,
  ]);
  if (!row) return null;
  const session = read.session.read(row);
  session.program = read.program.read(row);
  return {
    session,
    activeUser: row.active_user_id ? { homeRegionId: row.home_region_id as number | null } : null,
    hasRow: row.has_row as boolean,
  };
}

/** The section, locked, if it belongs to the session; otherwise a 400. */
export async function lockSectionOf(
  em: EntityManager,
  session: Session,
  sectionId: string,
): Promise<Section> {
  const section = await em
    .getRepository(Section)
    .createQueryBuilder('x')
    .setLock('pessimistic_write')
    .where('x.id = :sectionId AND x.sessionId = :sessionId', { sectionId, sessionId: session.id })
    .getOne();
  if (!section)
    throw invalid(
      'unknown_section',
      `sectionId: section ${sectionId} does not belong to session ${session.id}`,
    );
  return section;
}

/** Every section of the session, locked in id order. */
export function lockSectionsOf(em: EntityManager, sessionId: string): Promise<Section[]> {
  return em
    .getRepository(Section)
    .createQueryBuilder('x')
    .setLock('pessimistic_write')
    .where('x.sessionId = :sessionId', { sessionId })
    .orderBy('x.id', 'ASC')
    .getMany();
}

export function lockProgram(em: EntityManager, id: string): Promise<Program | null> {
  // NO KEY UPDATE serializes enrolments of a program without blocking inserts that reference it.
  return em
    .getRepository(Program)
    .createQueryBuilder('p')
    .setLock('for_no_key_update')
    .where('p.id = :id', { id })
    .getOne();
}

export function lockOpenSessionsOfProgram(em: EntityManager, programId: string): Promise<Session[]> {
  return em
    .getRepository(Session)
    .createQueryBuilder('s')
    .setLock('pessimistic_write')
    .where('s.programId = :programId', { programId })
    .andWhere(`s.status NOT IN ('cancelled', 'ended')`)
    .andWhere('s.endAt > now()')
    .orderBy('s.id', 'ASC')
    .getMany();
}

export async function activeRegion(em: EntityManager, id: number): Promise<Region> {
  const region = await em.findOneBy(Region, { id, retiredAt: IsNull() });
  if (!region) throw invalid('unknown_region', `regionId: region ${id} does not exist or is retired`);
  return region;
}

/** Counters move only under the session lock; raw SQL so a seat taken does not touch updated_at. */
export async function adjustSeats(
  em: EntityManager,
  table: 'sessions' | 'sections',
  id: string,
  delta: number,
): Promise<void> {
  await em.query(`UPDATE ${table} SET registered_count = registered_count + $2 WHERE id = $1`, [id, delta]);
}

/** What the unlocked read of a session showed when the policies let a person in. */
export interface SeatGuard {
  sessionId: string;
  status: Session['status'];
  version: number;
  targetRegionIds: readonly number[];
}

/** A new registration without a section, and the event that records it. */
export interface AtomicPlacement {
  id: string;
  status: 'registered' | 'waitlisted';
  userId: string;
  regionId: number | null;
  source: Registration['source'];
  createdBy: string;
  event: NewDomainEvent;
}

/**
 * Both statements below lock the session row only inside the server: the lock lasts from the
 * UPDATE (or FOR UPDATE) to the statement's own commit, with no round trip to the api process
 * while the other registrations of the session wait (BENCHMARKS.md, bench:national phase A). The
 * policies decided on an unlocked read; the guard re-checks, under the lock, that the session is
 * still the one they decided on (same status and version: not cancelled, ended or moved; same
 * target regions; end not passed) and whether a seat is free — the atomic form of hasFreeSeat,
 * the one part of the rule that has to be SQL to be exact.
 */
const GUARD = `id = $1 AND status = $2 AND version = $3 AND target_region_ids = $4::int[]
  AND end_at > clock_timestamp()`;

const PLACE_SQL = {
  // A seat: one conditional UPDATE of the counter takes it or takes nothing.
  registered: `WITH s AS (
       UPDATE sessions SET registered_count = registered_count + 1
        WHERE ${GUARD} AND (capacity IS NULL OR registered_count < capacity)
       RETURNING id)`,
  // A place in line: the session row locked while it is still full, the waitlist time read from
  // the clock after the lock was granted (FIFO is the lock order, as in placeRegistration); a
  // promotion that freed a seat first makes the re-checked condition false and nothing happens.
  waitlisted: `WITH s AS (
       SELECT id FROM sessions
        WHERE ${GUARD} AND capacity IS NOT NULL AND registered_count >= capacity
       FOR UPDATE)`,
};

/**
 * Places a person without a section choice in ONE autocommit statement: takes the seat (or the
 * place in line), inserts the registration and its event, and wakes the outbox. Returns null when
 * it placed nothing (the session filled, freed a seat, or changed): the caller decides again.
 * A duplicate of the same person fails the unique index (23505) and leaves nothing behind.
 */
export async function placeAtomically(
  em: EntityManager,
  guard: SeatGuard,
  r: AtomicPlacement,
): Promise<{ createdAt: Date; updatedAt: Date; waitlistedAt: Date | null } | null> {
  const sql = `${PLACE_SQL[r.status]},
     reg AS (
       INSERT INTO registrations
              (id, session_id, user_id, status, region_id, section_id, source, created_by, waitlisted_at)
       SELECT $5, s.id, $6, $7::varchar, $8, NULL, $9, $10,
              CASE WHEN $7::varchar = 'waitlisted' THEN clock_timestamp() END FROM s
       RETURNING id, created_at, updated_at, waitlisted_at),
     ev AS (
       INSERT INTO domain_events (type, aggregate_type, aggregate_id, payload, trace_parent)
       SELECT $11, $12, reg.id, $13::jsonb, $14 FROM reg
       RETURNING id)
     SELECT reg.created_at, reg.updated_at, reg.waitlisted_at, pg_notify($15, $16)::text AS woke
       FROM reg, ev`;
  const values = [
    guard.sessionId,
    guard.status,
    guard.version,
    [...guard.targetRegionIds],
    r.id,
    r.userId,
    r.status,
    r.regionId,
    r.source,
    r.createdBy,
    r.event.type,
    r.event.aggregateType,
    JSON.stringify(r.event.payload),
    activeTraceparent(),
    OUTBOX_CHANNEL,
    OUTBOX_WAKE,
  ];
  // Prepared once per connection when on its own (the common case: one autocommit statement).
  const rows = await preparedQuery<{ created_at: Date; updated_at: Date; waitlisted_at: Date | null }>(
    em,
    `qatys_place_${r.status}`,
    sql,
    values,
  );
  const row = rows[0];
  return row
    ? { createdAt: row.created_at, updatedAt: row.updated_at, waitlistedAt: row.waitlisted_at }
    : null;
}

/** The person's registrations for these sessions, by session id. */
export async function registrationsOf(
  em: EntityManager,
  userId: string,
  sessions: Session[],
): Promise<Map<string, Registration>> {
  if (!sessions.length) return new Map();
  const rows = await em.findBy(Registration, { userId, sessionId: In(sessions.map((s) => s.id)) });
  return new Map(rows.map((r) => [r.sessionId, r]));
}

/** The live (not cancelled) registrations an enrolment created, soonest session first. */
export async function enrollmentRegistrations(
  em: EntityManager,
  enrollmentId: string,
): Promise<RegistrationView[]> {
  const rows = await em
    .getRepository(Registration)
    .createQueryBuilder('r')
    .innerJoinAndSelect('r.session', 's')
    .where('r.programEnrollmentId = :enrollmentId', { enrollmentId })
    .andWhere(`r.status <> 'cancelled'`)
    .orderBy('s.startAt', 'ASC')
    .getMany();
  return rows as RegistrationView[];
}

export interface SessionRegistrationQuery {
  sessionId: string;
  status?: RegistrationStatus;
  regionId?: number;
  sectionId?: string;
  /** 'all', or the only regions visible (a coordinator's). */
  scope: 'all' | readonly number[];
  page: number;
  pageSize: number;
}

/** A page of a session's registrations with person, section and region, oldest first. */
export function sessionRegistrationsPage(
  em: EntityManager,
  q: SessionRegistrationQuery,
): Promise<[Registration[], number]> {
  const qb = em
    .getRepository(Registration)
    .createQueryBuilder('r')
    .leftJoinAndSelect('r.user', 'u')
    .leftJoinAndSelect('r.section', 'sec')
    .leftJoinAndSelect('r.region', 'reg')
    .where('r.sessionId = :sessionId', { sessionId: q.sessionId });
  if (q.status) qb.andWhere('r.status = :status', { status: q.status });
  if (q.regionId !== undefined) qb.andWhere('r.regionId = :regionId', { regionId: q.regionId });
  if (q.sectionId) qb.andWhere('r.sectionId = :sectionId', { sectionId: q.sectionId });
  if (q.scope !== 'all') {
    if (q.scope.length) qb.andWhere('r.regionId IN (:...scope)', { scope: [...q.scope] });
    else qb.andWhere('1 = 0');
  }
  return qb
    .orderBy('r.createdAt', 'ASC')
    .addOrderBy('r.id', 'ASC')
    .skip((q.page - 1) * q.pageSize)
    .take(q.pageSize)
    .getManyAndCount();
}

/** A page of one person's registrations, soonest session first. */
export function myRegistrationsPage(
  em: EntityManager,
  q: { userId: string; status?: RegistrationStatus; page: number; pageSize: number },
): Promise<[Registration[], number]> {
  const qb = em
    .getRepository(Registration)
    .createQueryBuilder('r')
    .innerJoinAndSelect('r.session', 's')
    .leftJoinAndSelect('r.section', 'sec')
    .leftJoinAndSelect('r.region', 'reg')
    .where('r.userId = :userId', { userId: q.userId });
  if (q.status) qb.andWhere('r.status = :status', { status: q.status });
  return qb
    .orderBy('s.startAt', 'ASC')
    .addOrderBy('r.id', 'ASC')
    .skip((q.page - 1) * q.pageSize)
    .take(q.pageSize)
    .getManyAndCount();
}
