import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { toCsv } from '../attendance/csv.policy';
import { ProgramAttendanceReportService } from '../attendance/program-attendance-report.service';
import { SessionAttendanceReportService } from '../attendance/session-attendance-report.service';
import { domainEvent, DomainEventPayload, recordEvents } from '../events/domain-events';
import type { Actor } from '../shared/actor';
import { invalid } from '../shared/domain.errors';
import { absenteesByRegion, AbsenteeRegionLine, AbsentPerson, ListedPersonFacts } from './absentees.policy';
import { peopleWithStatus } from './expected-people.queries';
import { ListScope, managedRegions, resolveScope, ResolvedScope } from './list-scope';

export interface AbsenteesReport {
  scope: ListScope & { programId: string };
  /** Which list the names come from (a session without its own list uses its program's). */
  list: ListScope | null;
  regions: (AbsenteeRegionLine & { code: string | null; expected: number | null })[];
  totals: {
    listed: number;
    expected: number;
    registered: number;
    present: number;
    invitedAbsent: number;
    registeredAbsent: number;
  };
}

/** Reads reports for the worker's follow-up writer: the report rules, nothing narrowed. */
const SYSTEM: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  roles: ['organizer'],
  coordinatorRegionIds: [],
  timeZone: 'UTC',
  language: 'ru',
};

const CSV_HEADER = [
  'kind',
  'region',
  'full_name',
  'email',
  'phone',
  'organization',
  'position',
  'status',
  'listed',
];

/**
 * Who did not come, by name: the attendance report (registered, present — its rules, not
 * restated) beside the expected list, per region; as JSON and CSV; and the organizer's follow-up
 * to the absentees (recording, the module's next session), written by the outbox.
 */
@Injectable()
export class AbsenteesService {
  constructor(
    private readonly ds: DataSource,
    private readonly sessions: SessionAttendanceReportService,
    private readonly programs: ProgramAttendanceReportService,
  ) {}

  async report(actor: Actor, scopeRef: ListScope): Promise<AbsenteesReport> {
    const regions = managedRegions(actor);
    const scope = await resolveScope(this.ds, scopeRef);
    return this.build(actor, scope, regions);
  }

  async csv(actor: Actor, scopeRef: ListScope, kind: 'invited' | 'registered' | 'all'): Promise<string> {
    const r = await this.report(actor, scopeRef);
    const rows: (string | boolean | null)[][] = [];
    for (const l of r.regions) {
      const add = (k: string, list: AbsentPerson[]) =>
        list.forEach((p) =>
          rows.push([
            k,
            l.code,
            p.fullName,
            p.email,
            p.phone,
            p.organization,
            p.position,
            p.status,
            p.listed,
          ]),
        );
      if (kind !== 'registered') add('invited_absent', l.invitedAbsent);
      if (kind !== 'invited') add('registered_absent', l.registeredAbsent);
    }
    return toCsv(CSV_HEADER, rows);
  }

  /** Records the follow-up; the worker writes one message per absentee (docs/invitations.md). */
  async requestFollowUp(
    actor: Actor,
    sessionId: string,
    input: { registered: boolean; invited: boolean; recordingUrl?: string | null },
  ): Promise<{ requested: true }> {
    const regions = managedRegions(actor);
    const scope = await resolveScope(this.ds, { type: 'session', id: sessionId });
    if (!input.registered && !input.invited) {
      throw invalid('nobody_to_follow_up', 'Choose registered and/or invited absentees');
    }
    const [s]: { status: string; end_at: Date }[] = await this.ds.query(
      `SELECT status, end_at FROM sessions WHERE id = $1`,
      [sessionId],
    );
    if (s.status !== 'ended' && s.end_at.getTime() > Date.now()) {
      throw invalid('session_not_over', 'Absentees are known once the session is over');
    }
    await this.ds.transaction((em) =>
      recordEvents(em, [
        domainEvent('absentees.followed_up', sessionId, {
          sessionId,
          programId: scope.programId,
          registered: input.registered,
          invited: input.invited,
          recordingUrl: input.recordingUrl ?? null,
          regionIds: regions ? [...regions] : null,
        }),
      ]),
    );
    return { requested: true };
  }

  /** The follow-up's notices (the outbox handler): one per absentee, keyed by the event. */
  async writeFollowUps(
    em: EntityManager,
    eventId: string,
    p: DomainEventPayload<'absentees.followed_up'>,
  ): Promise<void> {
    const scope = await resolveScope(em, { type: 'session', id: p.sessionId });
    const report = await this.build(SYSTEM, scope, p.regionIds);
    // Someone who declined said they would not come: no "we missed you" for them.
    const people = report.regions.flatMap((l) => [
      ...(p.invited ? l.invitedAbsent.filter((x) => x.status !== 'declined') : []),
      ...(p.registered ? l.registeredAbsent : []),
    ]);
    const targets = people.filter((x): x is AbsentPerson & { userId: string } => x.userId !== null);
    if (!targets.length) return;
    const [next]: { id: string }[] = await em.query(
      `SELECT n.id FROM sessions s JOIN sessions n ON n.module_id = s.module_id AND n.id <> s.id
        WHERE s.id = $1 AND s.module_id IS NOT NULL AND n.status = 'scheduled' AND n.start_at > now()
        ORDER BY n.start_at, n.id LIMIT 1`,
      [p.sessionId],
    );
    await em.query(
      `INSERT INTO notifications (kind, dedupe_key, user_id, due_at, payload, event_id)
       SELECT 'absentees.followup', 'absentees-' || $1::text || '-' || x.user_id, x.user_id, now(),
              jsonb_build_object('sessionId', $2::text, 'nextSessionId', $3::text, 'recordingUrl', $4::text,
                                 'inviteeId', x.invitee_id),
              $1::bigint
         FROM unnest($5::uuid[], $6::text[]) AS x(user_id, invitee_id)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [
        eventId,
        p.sessionId,
        next?.id ?? null,
        p.recordingUrl,
        targets.map((x) => x.userId),
        targets.map((x) => (x.status === 'registered' ? null : x.inviteeId)),
      ],
    );
  }

  private async build(
    actor: Actor,
    scope: ResolvedScope,
    regions: readonly number[] | null,
  ): Promise<AbsenteesReport> {
    const report =
      scope.type === 'session'
        ? await this.sessions.sessionReport(actor, scope.id)
        : await this.programs.programReport(actor, scope.id);
    // The session's own list when it has one, else its program's (as rosters are read).
    let list: ResolvedScope | null = scope;
    let listed = await peopleWithStatus(this.ds, scope, regions);
    if (!listed.length && scope.type === 'session') {
      list = { type: 'program', id: scope.programId, programId: scope.programId, sessionId: null };
      listed = await peopleWithStatus(this.ds, list, regions);
    }
    if (!listed.length) list = null;
    const visible = (regionId: number | null) =>
      regions === null || (regionId !== null && regions.includes(regionId));
    const lines = absenteesByRegion(
      listed as ListedPersonFacts[],
      report.attendees.filter((a) => visible(a.regionId)),
    );
    const figures = new Map(report.regions.map((r) => [r.region?.id ?? null, r]));
    const codes: { id: number; code: string }[] = await this.ds.query(`SELECT id, code FROM regions`);
    const codeOf = new Map(codes.map((c) => [c.id, c.code]));
    const regionsOut = lines.map((l) => ({
      ...l,
      code: l.regionId === null ? null : (codeOf.get(l.regionId) ?? null),
      expected: figures.get(l.regionId)?.expected ?? null,
    }));
    const sum = (f: (l: (typeof regionsOut)[number]) => number) => regionsOut.reduce((s, l) => s + f(l), 0);
    return {
      scope: { type: scope.type, id: scope.id, programId: scope.programId },
      list: list && { type: list.type, id: list.id },
      regions: regionsOut,
      totals: {
        listed: sum((l) => l.listed),
        expected: sum((l) => l.expected ?? 0),
        registered: sum((l) => l.registered),
        present: sum((l) => l.present),
        invitedAbsent: sum((l) => l.invitedAbsent.length),
        registeredAbsent: sum((l) => l.registeredAbsent.length),
      },
    };
  }
}
