import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { inTransaction } from '@qatys/persistence';
import { Program } from '../catalog/program.entity';
import { assertProgramEditable, normalizeText } from '../catalog/program.policy';
import { Region } from '../identity/region.entity';
import { Actor, isOrganizer } from '../shared/actor';
import { conflict, invalid, notFound } from '../shared/domain.errors';
import type { LocalizedText } from '../shared/localized-text';
import { assertZone } from '../shared/wall-time.policy';
import { Application } from './application.entity';
import { ASSIGNMENT_MODES, AssignmentMode, Call, FormField, Quotas, Rubric } from './call.entity';
import { normalizeForm } from './call-form.policy';
import {
  assertAgeRange,
  assertIsoDate,
  localDate,
  normalizeQuotas,
  normalizeRubric,
  resolveWindow,
} from './call.policy';
import { Score } from './review.entity';
import {
  assertNotDecided,
  assertSelectionOrganizer,
  lockCall,
  recordAudit,
  visibleCall,
} from './selection-access';

export const CALL_TITLE_MAX = 300;
export const CALL_DESCRIPTION_MAX = 5000;
export const MAX_CAPACITY = 100_000;

export interface NewCall {
  title: LocalizedText;
  description?: LocalizedText;
  capacity: number;
  cohortStartsOn?: string | null;
  cohortEndsOn?: string | null;
  /** Zone of the window's wall times (default: the program's zone). */
  timeZone?: string;
  /** Local wall times, e.g. 2024-03-01T09:00. */
  opens: string;
  closes: string;
  minAge?: number | null;
  maxAge?: number | null;
  /** Day ages are counted on (default: the local day the window closes). */
  ageOn?: string;
  allowedRegionIds?: number[];
  form?: FormField[];
  rubric?: Partial<Rubric>;
  minReviews?: number;
  assignmentMode?: AssignmentMode;
  quotas?: Partial<Quotas>;
}

export type CallPatch = Partial<NewCall>;

@Injectable()
export class CallsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async create(actor: Actor, programId: string, input: NewCall): Promise<Call> {
    assertSelectionOrganizer(actor);
    const missing = (['title', 'capacity', 'opens', 'closes'] as const).filter((f) => input[f] === undefined);
    if (missing.length)
      throw invalid(
        'field_required',
        `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required to open a call`,
      );
    return inTransaction(this.ds, async (em) => {
      const program = await em.findOneBy(Program, { id: programId });
      if (!program) throw notFound('Program', programId);
      assertProgramEditable(program.status);
      const values = await this.resolve(
        em,
        { ...input, timeZone: input.timeZone ?? program.defaultTimeZone },
        null,
      );
      const res = await em.insert(Call, { ...values, programId, createdBy: actor.userId } as never);
      const id = res.identifiers[0].id as string;
      await recordAudit(em, [{ callId: id, actorId: actor.userId, action: 'call.created' }]);
      return em.findOneByOrFail(Call, { id });
    });
  }

  async update(actor: Actor, id: string, patch: CallPatch): Promise<Call> {
    assertSelectionOrganizer(actor);
    if (!Object.keys(patch).length) throw invalid('empty_patch', 'Give at least one field to change');
    if (
      (patch.opens === undefined) !== (patch.closes === undefined) ||
      (patch.timeZone !== undefined && patch.opens === undefined)
    ) {
      throw invalid(
        'window_incomplete',
        'Give opens and closes together (and timeZone with them when it changes)',
      );
    }
    return inTransaction(this.ds, async (em) => {
      const call = await lockCall(em, id, 'update');
      assertNotDecided(call);
      if (patch.form !== undefined && (await em.existsBy(Application, { callId: id }))) {
        throw conflict('form_locked', `Call ${id} already has applications: its form can no longer change`);
      }
      if (patch.rubric !== undefined && (await em.existsBy(Score, { callId: id }))) {
        throw conflict('rubric_locked', `Call ${id} already has scores: its rubric can no longer change`);
      }
      const values = await this.resolve(em, patch, call);
      await em.update(Call, { id }, values as never);
      await recordAudit(em, [
        {
          callId: id,
          actorId: actor.userId,
          action: 'call.updated',
          details: { fields: Object.keys(patch) },
        },
      ]);
      return em.findOneByOrFail(Call, { id });
    });
  }

  async get(actor: Actor, id: string): Promise<Call> {
    return visibleCall(this.ds.manager, actor, id);
  }

  async listForProgram(actor: Actor, programId: string): Promise<Call[]> {
    const program = await this.ds.getRepository(Program).findOneBy({ id: programId });
    if (!program || (!isOrganizer(actor) && program.status !== 'published'))
      throw notFound('Program', programId);
    return this.ds.getRepository(Call).find({ where: { programId }, order: { opensAt: 'DESC', id: 'ASC' } });
  }

  /** Validates a full input (create) or a patch against the current call, returning column values. */
  private async resolve(em: EntityManager, input: CallPatch, current: Call | null): Promise<Partial<Call>> {
    const v: Partial<Call> = {};
    if (input.title !== undefined || !current)
      v.title = normalizeText(input.title, 'title', CALL_TITLE_MAX, true);
    if (input.description !== undefined)
      v.description = normalizeText(input.description, 'description', CALL_DESCRIPTION_MAX, false);
    if (input.capacity !== undefined || !current) {
      if (!Number.isInteger(input.capacity) || input.capacity! < 1 || input.capacity! > MAX_CAPACITY) {
        throw invalid('invalid_capacity', `capacity must be a whole number 1-${MAX_CAPACITY}`);
      }
      v.capacity = input.capacity;
    }
    for (const f of ['cohortStartsOn', 'cohortEndsOn'] as const) {
      if (input[f] !== undefined) {
        if (input[f] !== null) assertIsoDate(input[f]!, f);
        v[f] = input[f] ?? null;
      }
    }
    const starts = v.cohortStartsOn !== undefined ? v.cohortStartsOn : (current?.cohortStartsOn ?? null);
    const ends = v.cohortEndsOn !== undefined ? v.cohortEndsOn : (current?.cohortEndsOn ?? null);
    if (starts && ends && starts > ends)
      throw invalid('invalid_dates', `cohortStartsOn (${starts}) is after cohortEndsOn (${ends})`);

    if (input.opens !== undefined) {
      const timeZone = input.timeZone ?? current?.timeZone ?? 'Asia/Almaty';
      assertZone(timeZone, 'timeZone');
      Object.assign(v, resolveWindow(input.opens, input.closes!, timeZone), { timeZone });
    }
    if (input.minAge !== undefined) v.minAge = input.minAge;
    if (input.maxAge !== undefined) v.maxAge = input.maxAge;
    assertAgeRange(
      v.minAge !== undefined ? v.minAge : (current?.minAge ?? null),
      v.maxAge !== undefined ? v.maxAge : (current?.maxAge ?? null),
    );
    if (input.ageOn !== undefined) {
      assertIsoDate(input.ageOn, 'ageOn');
      v.ageOn = input.ageOn;
    } else if (!current) {
      v.ageOn = localDate(v.closesAt!, v.timeZone!);
    }
    if (input.allowedRegionIds !== undefined)
      v.allowedRegionIds = await this.activeRegions(em, input.allowedRegionIds);
    if (input.form !== undefined || !current) v.form = normalizeForm(input.form ?? []);
    if (input.rubric !== undefined || !current) v.rubric = normalizeRubric(input.rubric);
    if (input.minReviews !== undefined || !current) {
      const m = input.minReviews ?? 2;
      if (!Number.isInteger(m) || m < 1 || m > 50)
        throw invalid('invalid_min_reviews', 'minReviews must be a whole number 1-50');
      v.minReviews = m;
    }
    if (input.assignmentMode !== undefined) {
      if (!ASSIGNMENT_MODES.includes(input.assignmentMode)) {
        throw invalid(
          'invalid_assignment_mode',
          `assignmentMode must be one of ${ASSIGNMENT_MODES.join(', ')}`,
        );
      }
      v.assignmentMode = input.assignmentMode;
    }
    // Quotas are checked against the capacity and the regions that may apply, whichever changed.
    if (
      input.quotas !== undefined ||
      input.capacity !== undefined ||
      input.allowedRegionIds !== undefined ||
      !current
    ) {
      const allowed = v.allowedRegionIds ?? current?.allowedRegionIds ?? [];
      v.quotas = normalizeQuotas(
        input.quotas ?? current?.quotas,
        v.capacity ?? current!.capacity,
        allowed.length ? allowed : await this.allActiveRegionIds(em),
      );
    }
    return v;
  }

  private async activeRegions(em: EntityManager, ids: number[]): Promise<number[]> {
    const unique = [...new Set(ids)].sort((a, b) => a - b);
    if (!unique.length) return [];
    const found = await em.find(Region, {
      where: { id: In(unique), retiredAt: IsNull() },
      select: { id: true },
    });
    if (found.length !== unique.length) {
      const known = new Set(found.map((r) => r.id));
      throw invalid(
        'unknown_region',
        `allowedRegionIds: ${unique.filter((i) => !known.has(i)).join(', ')} do not exist or are retired`,
      );
    }
    return unique;
  }

  async allActiveRegionIds(em: EntityManager = this.ds.manager): Promise<number[]> {
    return (
      await em.find(Region, { where: { retiredAt: IsNull() }, select: { id: true }, order: { id: 'ASC' } })
    ).map((r) => r.id);
  }
}
