/** Row reads, locks and ordering writes of programs, modules and sections. */
import type { EntityManager } from 'typeorm';
import { Actor, isOrganizer } from '../shared/actor';
import { notFound } from '../shared/domain.errors';
import { Program, ProgramModule } from './program.entity';

export function modulesOf(em: EntityManager, programId: string): Promise<ProgramModule[]> {
  return em.find(ProgramModule, { where: { programId }, order: { position: 'ASC', createdAt: 'ASC' } });
}

/** A non-organizer sees published programs only; anything else is "not found", not "forbidden". */
export async function visibleProgram(em: EntityManager, actor: Actor, id: string): Promise<Program> {
  const program = await em.findOneBy(Program, { id });
  if (!program || (!isOrganizer(actor) && program.status !== 'published')) throw notFound('Program', id);
  return program;
}

/** Module and status changes of one program are serialized on its row. */
export async function lockProgramRow(em: EntityManager, id: string): Promise<Program> {
  const program = await em.findOne(Program, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!program) throw notFound('Program', id);
  return program;
}

/** Sets positions 1..n in the given order with one statement (only rows whose number changes). */
export async function renumber(
  em: EntityManager,
  table: 'program_modules' | 'sections',
  orderedIds: readonly string[],
): Promise<void> {
  if (!orderedIds.length) return;
  await em.query(
    `UPDATE ${table} t SET position = o.ord, updated_at = now()
       FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, ord)
      WHERE t.id = o.id AND t.position <> o.ord`,
    [orderedIds],
  );
}
