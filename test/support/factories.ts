/**
 * Rows straight through TypeORM, for tests that need a world to stand in (a program with a
 * session, say) without going through endpoints another suite already covers.
 */
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import {
  Organization,
  Program,
  ProgramModule,
  Region,
  Section,
  Session,
  SessionSpeaker,
  Speaker,
} from '@qatys/domain';

let n = 0;
const next = () => `${Date.now().toString(36)}${++n}`;

export async function regionByCode(ds: DataSource, code: string): Promise<Region> {
  return ds.getRepository(Region).findOneByOrFail({ code });
}

export async function createOrganization(ds: DataSource, name = `Academy ${next()}`): Promise<Organization> {
  return ds.getRepository(Organization).save({ name });
}

export async function createProgram(ds: DataSource, p: Partial<Program> = {}): Promise<Program> {
  const organizationId = p.organizationId ?? (await createOrganization(ds)).id;
  return ds.getRepository(Program).save({
    title: { en: `Program ${next()}`, ru: 'Программа', kk: 'Бағдарлама' },
    defaultTimeZone: 'Asia/Almaty',
    defaultLanguage: 'ru',
    status: 'published',
    ...p,
    organizationId,
  });
}

export async function createModule(
  ds: DataSource,
  programId: string,
  position: number,
): Promise<ProgramModule> {
  return ds.getRepository(ProgramModule).save({ programId, position, title: { en: `Module ${position}` } });
}

export interface SessionSeed extends Partial<Session> {
  /** Start as local wall time in `timeZone` (default Asia/Almaty); default: tomorrow 10:00. */
  localStart?: string;
  durationMinutes?: number;
}

export async function createSession(
  ds: DataSource,
  programId: string,
  s: SessionSeed = {},
): Promise<Session> {
  const timeZone = s.timeZone ?? 'Asia/Almaty';
  const start = s.startAt
    ? DateTime.fromJSDate(s.startAt)
    : s.localStart
      ? DateTime.fromISO(s.localStart, { zone: timeZone })
      : DateTime.now()
          .setZone(timeZone)
          .plus({ days: 1 })
          .set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  const { localStart: _l, durationMinutes, ...rest } = s;
  return ds.getRepository(Session).save({
    title: { en: `Session ${next()}` },
    format: 'online',
    ...rest,
    programId,
    timeZone,
    startAt: start.toJSDate(),
    endAt: s.endAt ?? start.plus({ minutes: durationMinutes ?? 240 }).toJSDate(),
  });
}

export async function createSection(
  ds: DataSource,
  sessionId: string,
  s: Partial<Section> = {},
): Promise<Section> {
  return ds.getRepository(Section).save({ title: { en: `Section ${next()}` }, ...s, sessionId });
}

export async function createSpeaker(ds: DataSource, s: Partial<Speaker> = {}): Promise<Speaker> {
  return ds.getRepository(Speaker).save({ fullName: `Speaker ${next()}`, ...s });
}

export async function addSpeaker(ds: DataSource, sessionId: string, speakerId: string): Promise<void> {
  await ds.getRepository(SessionSpeaker).save({ sessionId, speakerId });
}
