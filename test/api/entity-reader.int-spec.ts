/**
 * entityReader (libs/persistence): the hand-written reads of the hot paths (a registration's facts,
 * a sign-up's new user) give the same entities TypeORM's own reads give — dates, jsonb, arrays,
 * nulls and `select: false` columns included. Real PostgreSQL.
 */
import { entityReader } from '@qatys/persistence';
import { Program, Session, User } from '@qatys/domain';
import { ApiHarness, startApi } from '../support/api-harness';
import { createProgram, createSession } from '../support/factories';

describe('entityReader (integration)', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(() => h?.close());

  it('reads a session with its program as TypeORM does', async () => {
    const program = await createProgram(h.ds, {
      startsOn: '2027-03-01',
      endsOn: '2027-03-02',
      reminderOffsetsMinutes: [2880, 30],
      quietHoursStart: null,
      quietHoursEnd: null,
    });
    const session = await createSession(h.ds, program.id, {
      capacity: 150,
      targetRegionIds: [1, 3],
      reminderOffsetsMinutes: null,
      description: { ru: 'Семинар', kk: 'Семинар' },
    });
    const s = entityReader(h.ds, Session, 's');
    const p = entityReader(h.ds, Program, 'p');
    const [row] = await h.ds.query(
      `SELECT ${s.select}, ${p.select} FROM sessions s JOIN programs p ON p.id = s.program_id WHERE s.id = $1`,
      [session.id],
    );
    const read = s.read(row);
    read.program = p.read(row);
    const typeorm = await h.ds.getRepository(Session).findOneOrFail({
      where: { id: session.id },
      relations: { program: true },
    });
    expect(read).toBeInstanceOf(Session);
    expect(read.program).toBeInstanceOf(Program);
    expect(read).toEqual(typeorm);
    expect(read.program.startsOn).toBe('2027-03-01');
    expect(read.startAt).toBeInstanceOf(Date);
    expect(read.targetRegionIds).toEqual([1, 3]);
  });

  it('leaves out what TypeORM does not select (the password hash)', async () => {
    const signed = await h.signIn({ coordinatorRegionIds: [2] });
    const u = entityReader(h.ds, User, 'u');
    expect(u.select).not.toContain('password_hash');
    const [row] = await h.ds.query(`SELECT ${u.select} FROM users u WHERE u.id = $1`, [signed.id]);
    expect(u.read(row)).toEqual(await h.ds.getRepository(User).findOneByOrFail({ id: signed.id }));
  });
});
