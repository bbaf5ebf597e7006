import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Program } from '../catalog/program.entity';
import { Session } from '../catalog/session.entity';
import { Region } from '../identity/region.entity';
import { Actor, hasRole, isOrganizer } from '../shared/actor';
import { forbidden, invalid, notFound } from '../shared/domain.errors';
import { RosterEntry } from './registration.entity';
import { canEditRosterRegion } from './registration.policy';
import { parseRosterCsv, RosterRowError } from './roster-csv.policy';

export interface RosterScope {
  type: 'program' | 'session';
  id: string;
}

export interface RosterEntryInput {
  regionId?: number;
  regionCode?: string;
  expected: number;
}

export interface RosterLine {
  region: Region;
  /** null: the region is not on the roster but has registrations. */
  expected: number | null;
  registered: number;
  waitlisted: number;
}

export interface RosterView {
  scope: RosterScope;
  lines: RosterLine[];
  totals: { expected: number; registered: number; waitlisted: number };
  /** Registrations without a region; shown to organizers only (null for coordinators). */
  unassigned: { registered: number; waitlisted: number } | null;
}

interface Counts {
  region_id: number | null;
  registered: number;
  waitlisted: number;
}

/**
 * Rosters: how many people are expected per region for a program or a session, beside how many
 * registered. Organizers edit the whole roster; a coordinator reads and edits only the lines of
 * their own regions.
 *
 * Counting (documented in the API):
 * - session: registrations of the session per region, by status (cancelled ones not counted);
 * - program: distinct people per region who hold an active program enrolment or a `registered`
 *   registration in any session of the program; `waitlisted` = distinct people waitlisted in some
 *   session of it who are not already counted as registered in that region.
 */
@Injectable()
export class RostersService {
  constructor(private readonly ds: DataSource) {}

  async get(actor: Actor, scope: RosterScope): Promise<RosterView> {
    this.assertStaff(actor);
    await this.assertScopeExists(scope);
    return this.view(this.ds.manager, actor, scope);
  }

  /**
   * Replaces the roster atomically. For a coordinator, "the roster" is the lines of their regions:
   * other regions' lines stay as they are, and naming another region is a 403.
   */
  async replace(actor: Actor, scope: RosterScope, entries: RosterEntryInput[]): Promise<RosterView> {
    this.assertStaff(actor);
    await this.assertScopeExists(scope);
    const regions = await this.regionIndex();
    const errors: string[] = [];
    const resolved: { region: Region; expected: number }[] = [];
    const seen = new Map<number, number>();
    entries.forEach((e, i) => {
      if ((e.regionId === undefined) === (e.regionCode === undefined)) {
        errors.push(`entries[${i}]: give exactly one of regionId or regionCode`);
        return;
      }
      const region =
        e.regionId !== undefined
          ? regions.byId.get(e.regionId)
          : regions.byCode.get(e.regionCode!.toUpperCase());
      if (!region) {
        errors.push(
          e.regionId !== undefined
            ? `entries[${i}].regionId: region ${e.regionId} does not exist or is retired`
            : `entries[${i}].regionCode: region "${e.regionCode}" does not exist or is retired`,
        );
        return;
      }
      const first = seen.get(region.id);
      if (first !== undefined) {
        errors.push(`entries[${i}]: region ${region.code} is listed twice (first at entries[${first}])`);
        return;
      }
      seen.set(region.id, i);
      resolved.push({ region, expected: e.expected });
    });
    if (errors.length) throw invalid('invalid_roster', errors.join('; '), { errors });
    return this.write(actor, scope, resolved);
  }

  /**
   * Replaces the roster from CSV (`region_code,expected`). All or nothing: any bad row and the
   * answer is a 400 listing every bad row as `{ line, message }`, with nothing written.
   */
  async importCsv(actor: Actor, scope: RosterScope, csv: string): Promise<RosterView> {
    this.assertStaff(actor);
    await this.assertScopeExists(scope);
    const { rows, errors } = parseRosterCsv(csv);
    const regions = await this.regionIndex();
    const resolved: { region: Region; expected: number }[] = [];
    const all: RosterRowError[] = [...errors];
    for (const row of rows) {
      const region = regions.byCode.get(row.regionCode);
      if (!region)
        all.push({
          line: row.line,
          code: 'unknown_region',
          params: { region: row.regionCode },
          message: `region "${row.regionCode}" does not exist or is retired`,
        });
      else resolved.push({ region, expected: row.expected });
    }
    if (all.length) {
      all.sort((a, b) => a.line - b.line);
      throw invalid(
        'invalid_roster_csv',
        `The roster CSV has ${all.length} bad row(s); nothing was imported. ` +
          all.map((e) => `line ${e.line}: ${e.message}`).join('; '),
        { errors: all },
      );
    }
    return this.write(actor, scope, resolved);
  }

  private async write(
    actor: Actor,
    scope: RosterScope,
    entries: { region: Region; expected: number }[],
  ): Promise<RosterView> {
    const foreign = entries.filter((e) => !canEditRosterRegion(actor, e.region.id));
    if (foreign.length) {
      throw forbidden(
        `You may edit only the roster lines of your regions [${actor.coordinatorRegionIds.join(', ')}]; ` +
          `not ${foreign.map((e) => `${e.region.code} (${e.region.id})`).join(', ')}`,
      );
    }
    return this.ds.transaction(async (em) => {
      // Two replacements of one roster run one after the other, or the second's inserts would
      // collide with the first's on the unique (scope, region) index.
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `roster:${scope.type}:${scope.id}`,
      ]);
      const where = { scopeType: scope.type, scopeId: scope.id };
      if (isOrganizer(actor)) await em.delete(RosterEntry, where);
      else if (actor.coordinatorRegionIds.length) {
        await em.delete(RosterEntry, { ...where, regionId: In([...actor.coordinatorRegionIds]) });
      }
      if (entries.length) {
        await em.insert(
          RosterEntry,
          entries.map((e) => ({ ...where, regionId: e.region.id, expected: e.expected })),
        );
      }
      return this.view(em, actor, scope);
    });
  }

  private async view(em: EntityManager, actor: Actor, scope: RosterScope): Promise<RosterView> {
    const organizer = isOrganizer(actor);
    // An expected list's head count where the scope has one for the region, else the plain number.
    const entries: { regionId: number; expected: number }[] = await em.query(
      `SELECT region_id AS "regionId", expected FROM roster_expected WHERE scope_type = $1 AND scope_id = $2`,
      [scope.type, scope.id],
    );
    const counts: Counts[] = await em.query(scope.type === 'session' ? SESSION_COUNTS : PROGRAM_COUNTS, [
      scope.id,
    ]);
    const visible = (regionId: number) => organizer || actor.coordinatorRegionIds.includes(regionId);

    const lines = new Map<number, Omit<RosterLine, 'region'>>();
    for (const e of entries) {
      if (visible(e.regionId)) lines.set(e.regionId, { expected: e.expected, registered: 0, waitlisted: 0 });
    }
    let unassigned = { registered: 0, waitlisted: 0 };
    for (const c of counts) {
      if (c.region_id === null) {
        unassigned = { registered: c.registered, waitlisted: c.waitlisted };
      } else if (visible(c.region_id)) {
        const line = lines.get(c.region_id) ?? { expected: null, registered: 0, waitlisted: 0 };
        lines.set(c.region_id, { ...line, registered: c.registered, waitlisted: c.waitlisted });
      }
    }
    const regions = new Map(
      lines.size ? (await em.findBy(Region, { id: In([...lines.keys()]) })).map((r) => [r.id, r]) : [],
    );
    const result = [...lines]
      .map(([id, l]) => ({ region: regions.get(id)!, ...l }))
      .sort((a, b) => a.region.code.localeCompare(b.region.code));
    return {
      scope,
      lines: result,
      totals: {
        expected: result.reduce((s, l) => s + (l.expected ?? 0), 0),
        registered: result.reduce((s, l) => s + l.registered, 0),
        waitlisted: result.reduce((s, l) => s + l.waitlisted, 0),
      },
      unassigned: organizer ? unassigned : null,
    };
  }

  private assertStaff(actor: Actor): void {
    if (!isOrganizer(actor) && !hasRole(actor, 'coordinator')) {
      throw forbidden('Only organizers and regional coordinators may see or edit rosters');
    }
  }

  private async assertScopeExists(scope: RosterScope): Promise<void> {
    const exists =
      scope.type === 'program'
        ? await this.ds.getRepository(Program).existsBy({ id: scope.id })
        : await this.ds.getRepository(Session).existsBy({ id: scope.id });
    if (!exists) throw notFound(scope.type === 'program' ? 'Program' : 'Session', scope.id);
  }

  /** Active regions by id and by (upper-case) code; a retired region takes no new roster lines. */
  private async regionIndex(): Promise<{ byId: Map<number, Region>; byCode: Map<string, Region> }> {
    const all = await this.ds.getRepository(Region).find();
    const active = all.filter((r) => r.retiredAt === null);
    return {
      byId: new Map(active.map((r) => [r.id, r])),
      byCode: new Map(active.map((r) => [r.code.toUpperCase(), r])),
    };
  }
}

const SESSION_COUNTS = `
  SELECT region_id,
         COUNT(*) FILTER (WHERE status = 'registered')::int AS registered,
         COUNT(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted
    FROM registrations
   WHERE session_id = $1 AND status <> 'cancelled'
   GROUP BY region_id`;

const PROGRAM_COUNTS = `
  WITH regs AS (
    SELECT r.user_id, r.region_id, r.status
      FROM registrations r JOIN sessions s ON s.id = r.session_id
     WHERE s.program_id = $1 AND r.status <> 'cancelled'
  ), reg AS (
    SELECT user_id, region_id FROM program_enrollments WHERE program_id = $1 AND status = 'active'
    UNION
    SELECT user_id, region_id FROM regs WHERE status = 'registered'
  ), wait AS (
    SELECT DISTINCT w.user_id, w.region_id FROM regs w
     WHERE w.status = 'waitlisted'
       AND NOT EXISTS (SELECT 1 FROM reg x WHERE x.user_id = w.user_id AND x.region_id IS NOT DISTINCT FROM w.region_id)
  )
  SELECT region_id, SUM(registered)::int AS registered, SUM(waitlisted)::int AS waitlisted
    FROM (SELECT region_id, 1 AS registered, 0 AS waitlisted FROM reg
          UNION ALL
          SELECT region_id, 0, 1 FROM wait) t
   GROUP BY region_id`;
