import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { domainEvent, recordEvents } from '../events/domain-events';
import { Actor, isOrganizer } from '../shared/actor';
import { forbidden, invalid } from '../shared/domain.errors';
import type { Language, LocalizedText } from '../shared/localized-text';
import { LANGUAGES } from '../shared/localized-text';
import { assertZone } from '../shared/wall-time.policy';
import { Organization, User } from '../identity/user.entity';
import { assertCatalogEditor } from './catalog-access';
import { lockProgramRow as lockProgram, modulesOf, visibleProgram } from './program.queries';
import { offsetOf, CatalogPage, PageRequest } from './page';
import { Program, ProgramModule, PROGRAM_STATUSES, ProgramStatus } from './program.entity';
import {
  assertProgramDates,
  assertProgramEditable,
  assertProgramTransition,
  normalizeQuietHours,
  normalizeReminderOffsets,
  normalizeText,
} from './program.policy';

export const TITLE_MAX = 300;
export const DESCRIPTION_MAX = 5000;

export interface NewProgram {
  title: LocalizedText;
  description?: LocalizedText;
  /** Admins may name any organization; organizers get their own. */
  organizationId?: string;
  defaultTimeZone?: string;
  defaultLanguage?: Language;
  startsOn?: string | null;
  endsOn?: string | null;
  reminderOffsetsMinutes?: number[];
  /** `HH:mm` in each attendee's local time; both null = no quiet hours. Default 22:00-08:00. */
  quietHoursStart?: string | null;
  quietHoursEnd?: string | null;
}

export type ProgramPatch = Partial<Omit<NewProgram, 'organizationId'>>;

export interface ProgramWithModules {
  program: Program;
  modules: ProgramModule[];
}

export const DEFAULT_PROGRAM_ZONE = 'Asia/Almaty';

@Injectable()
export class ProgramsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async create(actor: Actor, input: NewProgram): Promise<ProgramWithModules> {
    assertCatalogEditor(actor);
    const organizationId = await this.resolveOrganization(actor, input.organizationId);
    const defaultTimeZone = input.defaultTimeZone ?? DEFAULT_PROGRAM_ZONE;
    assertZone(defaultTimeZone, 'defaultTimeZone');
    const defaultLanguage = input.defaultLanguage ?? 'ru';
    assertLanguage(defaultLanguage);
    const startsOn = input.startsOn ?? null;
    const endsOn = input.endsOn ?? null;
    assertProgramDates(startsOn, endsOn);
    const quiet =
      input.quietHoursStart !== undefined || input.quietHoursEnd !== undefined
        ? normalizeQuietHours(input.quietHoursStart, input.quietHoursEnd)
        : undefined;
    const program = await this.ds.getRepository(Program).save({
      organizationId,
      title: normalizeText(input.title, 'title', TITLE_MAX, true),
      description: normalizeText(input.description, 'description', DESCRIPTION_MAX, false),
      defaultTimeZone,
      defaultLanguage,
      startsOn,
      endsOn,
      status: 'draft' as ProgramStatus,
      ...(input.reminderOffsetsMinutes !== undefined
        ? { reminderOffsetsMinutes: normalizeReminderOffsets(input.reminderOffsetsMinutes) }
        : {}),
      ...(quiet !== undefined
        ? { quietHoursStart: quiet?.start ?? null, quietHoursEnd: quiet?.end ?? null }
        : {}),
      createdBy: actor.userId,
    });
    return { program: await this.ds.getRepository(Program).findOneByOrFail({ id: program.id }), modules: [] };
  }

  async list(
    actor: Actor,
    q: PageRequest & { status?: ProgramStatus[] },
  ): Promise<CatalogPage<ProgramWithModules>> {
    let statuses = q.status;
    if (!isOrganizer(actor)) statuses = (statuses ?? ['published']).filter((s) => s === 'published');
    for (const s of statuses ?? []) {
      if (!PROGRAM_STATUSES.includes(s)) {
        throw invalid('invalid_status', `status must be one of ${PROGRAM_STATUSES.join(', ')} (got "${s}")`);
      }
    }
    if (statuses && !statuses.length) return { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
    const [programs, total] = await this.ds.getRepository(Program).findAndCount({
      where: statuses ? { status: In(statuses) } : {},
      order: { startsOn: { direction: 'DESC', nulls: 'LAST' }, createdAt: 'DESC', id: 'ASC' },
      skip: offsetOf(q),
      take: q.pageSize,
    });
    const modules = programs.length
      ? await this.ds.getRepository(ProgramModule).find({
          where: { programId: In(programs.map((p) => p.id)) },
          order: { position: 'ASC' },
        })
      : [];
    return {
      items: programs.map((program) => ({
        program,
        modules: modules.filter((m) => m.programId === program.id),
      })),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  }

  async get(actor: Actor, id: string): Promise<ProgramWithModules> {
    const program = await visibleProgram(this.ds.manager, actor, id);
    return { program, modules: await modulesOf(this.ds.manager, id) };
  }

  async update(actor: Actor, id: string, patch: ProgramPatch): Promise<ProgramWithModules> {
    assertCatalogEditor(actor);
    await this.ds.transaction(async (em) => {
      const program = await lockProgram(em, id);
      assertProgramEditable(program.status);
      const changes: Partial<Program> = {};
      if (patch.title !== undefined) changes.title = normalizeText(patch.title, 'title', TITLE_MAX, true);
      if (patch.description !== undefined) {
        changes.description = normalizeText(patch.description, 'description', DESCRIPTION_MAX, false);
      }
      if (patch.defaultTimeZone !== undefined) {
        assertZone(patch.defaultTimeZone, 'defaultTimeZone');
        changes.defaultTimeZone = patch.defaultTimeZone;
      }
      if (patch.defaultLanguage !== undefined) {
        assertLanguage(patch.defaultLanguage);
        changes.defaultLanguage = patch.defaultLanguage;
      }
      if (patch.startsOn !== undefined || patch.endsOn !== undefined) {
        const startsOn = patch.startsOn === undefined ? program.startsOn : patch.startsOn;
        const endsOn = patch.endsOn === undefined ? program.endsOn : patch.endsOn;
        assertProgramDates(startsOn, endsOn);
        Object.assign(changes, { startsOn, endsOn });
      }
      if (patch.reminderOffsetsMinutes !== undefined) {
        changes.reminderOffsetsMinutes = normalizeReminderOffsets(patch.reminderOffsetsMinutes);
      }
      if (patch.quietHoursStart !== undefined || patch.quietHoursEnd !== undefined) {
        const quiet = normalizeQuietHours(
          patch.quietHoursStart !== undefined ? patch.quietHoursStart : program.quietHoursStart,
          patch.quietHoursEnd !== undefined ? patch.quietHoursEnd : program.quietHoursEnd,
        );
        changes.quietHoursStart = quiet?.start ?? null;
        changes.quietHoursEnd = quiet?.end ?? null;
      }
      if (Object.keys(changes).length) await em.update(Program, { id }, changes);
      const planChanged =
        (changes.reminderOffsetsMinutes !== undefined &&
          changes.reminderOffsetsMinutes.join() !== program.reminderOffsetsMinutes.join()) ||
        (changes.quietHoursStart !== undefined &&
          (changes.quietHoursStart !== program.quietHoursStart ||
            changes.quietHoursEnd !== program.quietHoursEnd));
      // Planned reminders of the program's open sessions follow the new offsets / quiet hours (outbox).
      if (planChanged)
        await recordEvents(em, [domainEvent('program.reminders_changed', id, { programId: id })]);
    });
    return this.get(actor, id);
  }

  async setStatus(actor: Actor, id: string, status: ProgramStatus): Promise<ProgramWithModules> {
    assertCatalogEditor(actor);
    if (!PROGRAM_STATUSES.includes(status)) {
      throw invalid('invalid_status', `status must be one of ${PROGRAM_STATUSES.join(', ')}`);
    }
    await this.ds.transaction(async (em) => {
      const program = await lockProgram(em, id);
      if (assertProgramTransition(program.status, status)) await em.update(Program, { id }, { status });
    });
    return this.get(actor, id);
  }

  private async resolveOrganization(actor: Actor, requested: string | undefined): Promise<string> {
    const user = await this.ds
      .getRepository(User)
      .findOne({ where: { id: actor.userId }, select: { id: true, organizationId: true } });
    const own = user?.organizationId ?? null;
    const isAdmin = actor.roles.includes('admin');
    if (requested !== undefined && requested !== own && !isAdmin) {
      throw forbidden('Only an admin may create a program for another organization than their own');
    }
    const organizationId = requested ?? own;
    if (!organizationId) {
      throw invalid(
        'organization_required',
        'organizationId is required: your account belongs to no organization',
      );
    }
    if (!(await this.ds.getRepository(Organization).existsBy({ id: organizationId }))) {
      throw invalid('unknown_organization', `organizationId: organization ${organizationId} does not exist`);
    }
    return organizationId;
  }
}

function assertLanguage(lang: string): void {
  if (!(LANGUAGES as readonly string[]).includes(lang)) {
    throw invalid(
      'invalid_language',
      `defaultLanguage must be one of ${LANGUAGES.join(', ')} (got "${lang}")`,
    );
  }
}
