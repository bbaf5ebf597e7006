/**
 * Row locks, seat counters and reads of the registrations context.
 *
 * Lock order (nobody takes these in another order, so they cannot deadlock one another):
 * program (NO KEY UPDATE) -> sessions by id -> sections by id.
 */
import { EntityManager, In, IsNull } from 'typeorm';
import { Program } from '../catalog/program.entity';
import { Section, Session } from '../catalog/session.entity';
import { Region } from '../identity/region.entity';
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
