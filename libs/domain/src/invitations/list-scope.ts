import type { EntityManager } from 'typeorm';
import { Actor, hasRole, isOrganizer } from '../shared/actor';
import { forbidden, notFound } from '../shared/domain.errors';
import type { ListScopeType } from './expected-person.entity';

export { returnedRows } from '../shared/returned-rows';

export interface ListScope {
  type: ListScopeType;
  id: string;
}

export interface ResolvedScope extends ListScope {
  programId: string;
  sessionId: string | null;
}

/** The program (and session) a list belongs to; 404 when it does not exist. */
export async function resolveScope(
  db: Pick<EntityManager, 'query'>,
  scope: ListScope,
): Promise<ResolvedScope> {
  const rows: { program_id: string }[] =
    scope.type === 'program'
      ? await db.query(`SELECT id AS program_id FROM programs WHERE id = $1`, [scope.id])
      : await db.query(`SELECT program_id FROM sessions WHERE id = $1`, [scope.id]);
  if (!rows.length) throw notFound(scope.type === 'program' ? 'Program' : 'Session', scope.id);
  return { ...scope, programId: rows[0].program_id, sessionId: scope.type === 'session' ? scope.id : null };
}

/** Organizers manage every region's people; a coordinator only their regions' (null = all). */
export function managedRegions(actor: Actor): readonly number[] | null {
  if (isOrganizer(actor)) return null;
  if (hasRole(actor, 'coordinator')) return actor.coordinatorRegionIds;
  throw forbidden('Only organizers and regional coordinators may manage expected lists and invitations');
}
