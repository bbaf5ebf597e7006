import { Actor, isOrganizer } from '../shared/actor';
import { forbidden } from '../shared/domain.errors';

/**
 * The controllers already require the organizer or admin role on every write; the domain checks
 * again so that no other caller (a worker, a future endpoint) can skip it.
 */
export function assertCatalogEditor(actor: Actor): void {
  if (!isOrganizer(actor))
    throw forbidden('Only organizers and admins can change programs, sessions and speakers');
}
