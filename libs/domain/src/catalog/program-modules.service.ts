import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../shared/actor';
import { notFound } from '../shared/domain.errors';
import type { LocalizedText } from '../shared/localized-text';
import { assertCatalogEditor } from './catalog-access';
import { placeAt, removeFrom } from './ordering.policy';
import { ProgramModule } from './program.entity';
import { assertProgramEditable, normalizeText } from './program.policy';
import { lockProgramRow as lockProgram, modulesOf, renumber, visibleProgram } from './program.queries';
import { DESCRIPTION_MAX, TITLE_MAX } from './programs.service';

export interface NewModule {
  title: LocalizedText;
  description?: LocalizedText;
  /** 1-based; default: last. */
  position?: number;
}

export type ModulePatch = Partial<NewModule>;

/** The ordered modules of a program (added, edited, moved, removed under the program's row lock). */
@Injectable()
export class ProgramModulesService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async listModules(actor: Actor, programId: string): Promise<ProgramModule[]> {
    await visibleProgram(this.ds.manager, actor, programId);
    return modulesOf(this.ds.manager, programId);
  }

  /** Appends, or inserts at `position` moving the later modules down, in one transaction. */
  async addModule(actor: Actor, programId: string, input: NewModule): Promise<ProgramModule> {
    assertCatalogEditor(actor);
    const title = normalizeText(input.title, 'title', TITLE_MAX, true);
    const description = normalizeText(input.description, 'description', DESCRIPTION_MAX, false);
    const id = await this.ds.transaction(async (em) => {
      const current = await editableModules(em, programId);
      // The order is worked out (and the position validated) before anything is written.
      const NEW = '';
      const order = placeAt(
        current.map((m) => m.id),
        NEW,
        input.position,
      );
      const created = await em.save(ProgramModule, {
        programId,
        title,
        description,
        position: current.length + 1,
      });
      await renumber(
        em,
        'program_modules',
        order.map((x) => (x === NEW ? created.id : x)),
      );
      return created.id;
    });
    return this.ds.getRepository(ProgramModule).findOneByOrFail({ id });
  }

  async updateModule(
    actor: Actor,
    programId: string,
    moduleId: string,
    patch: ModulePatch,
  ): Promise<ProgramModule> {
    assertCatalogEditor(actor);
    await this.ds.transaction(async (em) => {
      const current = await editableModules(em, programId, moduleId);
      const changes: Partial<ProgramModule> = {};
      if (patch.title !== undefined) changes.title = normalizeText(patch.title, 'title', TITLE_MAX, true);
      if (patch.description !== undefined) {
        changes.description = normalizeText(patch.description, 'description', DESCRIPTION_MAX, false);
      }
      const order = placeAt(
        current.map((m) => m.id),
        moduleId,
        patch.position,
      );
      if (Object.keys(changes).length) await em.update(ProgramModule, { id: moduleId }, changes);
      await renumber(em, 'program_modules', order);
    });
    return this.ds.getRepository(ProgramModule).findOneByOrFail({ id: moduleId });
  }

  /** Sessions of the module stay, without a module (the foreign key sets it null). */
  async removeModule(actor: Actor, programId: string, moduleId: string): Promise<void> {
    assertCatalogEditor(actor);
    await this.ds.transaction(async (em) => {
      const current = await editableModules(em, programId, moduleId);
      await em.delete(ProgramModule, { id: moduleId });
      await renumber(
        em,
        'program_modules',
        removeFrom(
          current.map((m) => m.id),
          moduleId,
        ),
      );
    });
  }
}

/**
 * The program's modules, with the program row locked and editable (and `moduleId`, when given,
 * among them): what every change of the module list starts from.
 */
async function editableModules(
  em: EntityManager,
  programId: string,
  moduleId?: string,
): Promise<ProgramModule[]> {
  const program = await lockProgram(em, programId);
  assertProgramEditable(program.status);
  const current = await modulesOf(em, programId);
  if (moduleId !== undefined && !current.some((m) => m.id === moduleId)) throw notFound('Module', moduleId);
  return current;
}
