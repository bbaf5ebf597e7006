import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { domainEvent, NewDomainEvent, recordEvents } from '../events/domain-events';
import { Actor } from '../shared/actor';
import { invalid, notFound } from '../shared/domain.errors';
import type { LocalizedText } from '../shared/localized-text';
import { assertZone } from '../shared/wall-time.policy';
import { assertCatalogEditor } from './catalog-access';
import { Program, ProgramModule } from './program.entity';
import { assertProgramEditable, normalizeReminderOffsets, normalizeText } from './program.policy';
import { DESCRIPTION_MAX, TITLE_MAX } from './programs.service';
import { RegionDirectory } from './region-directory.service';
import {
  loadSections,
  SESSION_COLUMNS,
  SESSION_DETAIL_COLUMNS,
  SESSION_FROM,
  SESSION_SPEAKERS_COLUMN,
  SessionReadModel,
  SessionRow,
  sessionVisibility,
  toSessionReadModel,
} from './session.read-model';
import { Session, SESSION_FORMATS, SessionFormat } from './session.entity';
import {
  assertCapacity,
  assertFormatDetails,
  assertSessionEditable,
  capacityRaised,
  rescheduleTimes,
  resolveSessionTimes,
  TimesPatch,
} from './session.policy';
import { checkSpeakers, currentSpeakerIds, writeSpeakers } from './session-speakers';

export interface NewSession {
  programId: string;
  moduleId?: string | null;
  title: LocalizedText;
  description?: LocalizedText;
  /** Local wall time in `timeZone`. */
  start: string;
  end?: string;
  durationMinutes?: number;
  /** Default: the program's default zone. */
  timeZone?: string;
  format?: SessionFormat;
  venue?: string | null;
  joinUrl?: string | null;
  capacity?: number | null;
  targetRegionIds?: number[];
  speakerIds?: string[];
  overrideSpeakerConflicts?: boolean;
  reminderOffsetsMinutes?: number[] | null;
}

export interface SessionPatch extends TimesPatch {
  title?: LocalizedText;
  description?: LocalizedText;
  moduleId?: string | null;
  format?: SessionFormat;
  venue?: string | null;
  joinUrl?: string | null;
  capacity?: number | null;
  targetRegionIds?: number[];
  speakerIds?: string[];
  overrideSpeakerConflicts?: boolean;
  /** null: the program's offsets again. */
  reminderOffsetsMinutes?: number[] | null;
}

@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly regions: RegionDirectory,
  ) {}

  async create(actor: Actor, input: NewSession): Promise<SessionReadModel> {
    assertCatalogEditor(actor);
    const title = normalizeText(input.title, 'title', TITLE_MAX, true);
    const description = normalizeText(input.description, 'description', DESCRIPTION_MAX, false);
    const program = await this.ds.getRepository(Program).findOneBy({ id: input.programId });
    if (!program) throw invalid('unknown_program', `programId: program ${input.programId} does not exist`);
    assertProgramEditable(program.status);
    const timeZone = input.timeZone ?? program.defaultTimeZone;
    assertZone(timeZone, 'timeZone');
    const { startAt, endAt } = resolveSessionTimes({
      start: input.start,
      end: input.end,
      durationMinutes: input.durationMinutes,
      timeZone,
    });
    const format = input.format ?? 'online';
    assertFormat(format);
    const venue = input.venue?.trim() || null;
    const joinUrl = input.joinUrl?.trim() || null;
    assertFormatDetails(format, venue, joinUrl);
    const capacity = checkedCapacity(input.capacity ?? null);
    const moduleId = await this.checkedModule(this.ds.manager, program.id, input.moduleId ?? null);
    const targetRegionIds = await this.regions.assertActive(input.targetRegionIds ?? []);
    const reminderOffsetsMinutes =
      input.reminderOffsetsMinutes == null ? null : normalizeReminderOffsets(input.reminderOffsetsMinutes);
    const speakerIds = unique(input.speakerIds ?? []);

    const id = await this.ds.transaction(async (em) => {
      await checkSpeakers(em, actor.language, speakerIds, { startAt, endAt }, input.overrideSpeakerConflicts);
      const created = await em.save(Session, {
        programId: program.id,
        moduleId,
        title,
        description,
        startAt,
        endAt,
        timeZone,
        format,
        venue,
        joinUrl,
        capacity,
        targetRegionIds,
        reminderOffsetsMinutes,
        createdBy: actor.userId,
      });
      await writeSpeakers(em, created.id, speakerIds);
      // People enrolled in the whole program get registered for it (outbox).
      await recordEvents(em, [
        domainEvent('session.created', created.id, { sessionId: created.id, programId: program.id }),
      ]);
      return created.id;
    });
    return this.get(actor, id);
  }

  /** One session as `actor` may see it (404 when they may not), with speakers and sections. */
  async get(actor: Actor, id: string): Promise<SessionReadModel> {
    const params: unknown[] = [id];
    const visible = sessionVisibility(actor, params);
    const rows: SessionRow[] = await this.ds.query(
      `SELECT ${SESSION_COLUMNS}, ${SESSION_DETAIL_COLUMNS}, ${SESSION_SPEAKERS_COLUMN} ${SESSION_FROM} WHERE s.id = $1${visible ? ` AND ${visible}` : ''}`,
      params,
    );
    if (!rows.length) throw notFound('Session', id);
    const [sections, regions] = await Promise.all([
      loadSections(this.ds.manager, id),
      this.regions.byIds(rows[0].target_region_ids),
    ]);
    const model = toSessionReadModel(rows[0], new Map(regions.map((r) => [r.id, r])));
    return { ...model, sections };
  }

  /**
   * Changes a session. A change of start or end raises the version and records one
   * `session.rescheduled` event in the same transaction, and re-checks the speakers' other
   * bookings against the new time.
   */
  async update(actor: Actor, id: string, patch: SessionPatch): Promise<SessionReadModel> {
    assertCatalogEditor(actor);
    await this.ds.transaction(async (em) => {
      const session = await lockSession(em, id);
      assertSessionEditable(session.status);
      const program = await em.findOneByOrFail(Program, { id: session.programId });
      assertProgramEditable(program.status);

      const changes: Partial<Session> = {};
      if (patch.title !== undefined) changes.title = normalizeText(patch.title, 'title', TITLE_MAX, true);
      if (patch.description !== undefined) {
        changes.description = normalizeText(patch.description, 'description', DESCRIPTION_MAX, false);
      }
      if (patch.moduleId !== undefined)
        changes.moduleId = await this.checkedModule(em, session.programId, patch.moduleId);
      if (patch.format !== undefined) {
        assertFormat(patch.format);
        changes.format = patch.format;
      }
      if (patch.venue !== undefined) changes.venue = patch.venue?.trim() || null;
      if (patch.joinUrl !== undefined) changes.joinUrl = patch.joinUrl?.trim() || null;
      if (patch.format !== undefined || patch.venue !== undefined || patch.joinUrl !== undefined) {
        assertFormatDetails(
          changes.format ?? session.format,
          changes.venue !== undefined ? changes.venue : session.venue,
          changes.joinUrl !== undefined ? changes.joinUrl : session.joinUrl,
        );
      }
      if (patch.capacity !== undefined) {
        changes.capacity = checkedCapacity(patch.capacity);
        assertCapacity(changes.capacity, session.registeredCount);
      }
      if (patch.targetRegionIds !== undefined)
        changes.targetRegionIds = await this.regions.assertActive(patch.targetRegionIds);
      if (patch.reminderOffsetsMinutes !== undefined) {
        changes.reminderOffsetsMinutes =
          patch.reminderOffsetsMinutes === null
            ? null
            : normalizeReminderOffsets(patch.reminderOffsetsMinutes);
      }

      const timesGiven = [patch.start, patch.end, patch.durationMinutes, patch.timeZone].some(
        (v) => v !== undefined,
      );
      const times = timesGiven ? rescheduleTimes(session, patch) : undefined;
      if (times) {
        changes.timeZone = times.timeZone;
        if (times.moved) {
          changes.startAt = times.startAt;
          changes.endAt = times.endAt;
          changes.version = session.version + 1;
        }
      }

      const speakerIds = patch.speakerIds !== undefined ? unique(patch.speakerIds) : undefined;
      if (speakerIds !== undefined || times?.moved) {
        const checked = speakerIds ?? (await currentSpeakerIds(em, id));
        await checkSpeakers(
          em,
          actor.language,
          checked,
          { sessionId: id, startAt: times?.startAt ?? session.startAt, endAt: times?.endAt ?? session.endAt },
          patch.overrideSpeakerConflicts,
        );
      }

      if (Object.keys(changes).length) await em.update(Session, { id }, changes);
      if (speakerIds !== undefined) await writeSpeakers(em, id, speakerIds);
      const events: NewDomainEvent[] = [];
      if (times?.moved) {
        events.push(
          domainEvent('session.rescheduled', id, {
            sessionId: id,
            oldStartAt: session.startAt.toISOString(),
            oldEndAt: session.endAt.toISOString(),
            newStartAt: times.startAt.toISOString(),
            newEndAt: times.endAt.toISOString(),
            version: session.version + 1,
          }),
        );
      }
      if (changes.capacity !== undefined && capacityRaised(session.capacity, changes.capacity)) {
        events.push(
          domainEvent('session.capacity_raised', id, {
            sessionId: id,
            sectionId: null,
            capacity: changes.capacity,
          }),
        );
      }
      if (
        changes.reminderOffsetsMinutes !== undefined &&
        String(changes.reminderOffsetsMinutes) !== String(session.reminderOffsetsMinutes)
      ) {
        events.push(domainEvent('session.reminders_changed', id, { sessionId: id }));
      }
      // Reminders, notices and the waitlist follow from these events (outbox), not from here.
      await recordEvents(em, events);
    });
    return this.get(actor, id);
  }

  /** Replaces the speaker list (in the given order), with the overlap check. */
  async setSpeakers(
    actor: Actor,
    id: string,
    speakerIds: string[],
    override?: boolean,
  ): Promise<SessionReadModel> {
    assertCatalogEditor(actor);
    const ids = unique(speakerIds);
    await this.ds.transaction(async (em) => {
      const session = await lockSession(em, id);
      assertSessionEditable(session.status);
      await checkSpeakers(em, actor.language, ids, session, override);
      await writeSpeakers(em, id, ids);
    });
    return this.get(actor, id);
  }

  private async checkedModule(
    em: EntityManager,
    programId: string,
    moduleId: string | null,
  ): Promise<string | null> {
    if (moduleId === null) return null;
    if (!(await em.existsBy(ProgramModule, { id: moduleId, programId }))) {
      throw invalid('unknown_module', `moduleId: module ${moduleId} does not belong to program ${programId}`);
    }
    return moduleId;
  }
}

/** The session row lock is the one registrations take too: seat counts and edits never race. */
export async function lockSession(em: EntityManager, id: string): Promise<Session> {
  const session = await em.findOne(Session, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!session) throw notFound('Session', id);
  return session;
}

function assertFormat(format: string): void {
  if (!(SESSION_FORMATS as readonly string[]).includes(format)) {
    throw invalid('invalid_format', `format must be one of ${SESSION_FORMATS.join(', ')} (got "${format}")`);
  }
}

export function checkedCapacity(capacity: number | null, field = 'capacity'): number | null {
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 1)) {
    throw invalid(
      'invalid_capacity',
      `${field} must be a positive integer or null for unlimited (got ${capacity})`,
    );
  }
  return capacity;
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
