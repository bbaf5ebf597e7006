import { Actor, hasRole, isOrganizer } from '../shared/actor';
import { forbidden } from '../shared/domain.errors';

/**
 * Which region lines and people of an attendance report the actor may read: organizers and
 * admins everything (people without a region too), a coordinator their own regions; anybody
 * else is refused.
 */
export function reportScope(actor: Actor): (regionId: number | null) => boolean {
  if (isOrganizer(actor)) return () => true;
  if (hasRole(actor, 'coordinator') && actor.coordinatorRegionIds.length) {
    const mine = new Set(actor.coordinatorRegionIds);
    return (r) => r !== null && mine.has(r);
  }
  throw forbidden('Only organizers and regional coordinators may read attendance reports');
}
