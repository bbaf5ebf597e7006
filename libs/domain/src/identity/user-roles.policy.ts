import { conflict, invalid } from '../shared/domain.errors';
import { Role, ROLES } from '../shared/roles';

export interface RoleGrant {
  roles: Role[];
  coordinatorRegionIds: number[];
}

/**
 * Checks and normalizes a set of roles: at least one known role, no duplicates, and coordinator
 * regions given if and only if the roles include coordinator (a coordinator with no region could
 * see nothing; regions on a non-coordinator would be a silent, misleading grant).
 */
export function normalizeRoleGrant(
  roles: readonly string[],
  coordinatorRegionIds: readonly number[] = [],
): RoleGrant {
  if (!roles.length) throw invalid('invalid_roles', 'roles must contain at least one role');
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) {
    throw invalid(
      'invalid_roles',
      `roles: unknown role(s) ${unknown.join(', ')}; allowed: ${ROLES.join(', ')}`,
    );
  }
  const uniqueRoles = ROLES.filter((r) => roles.includes(r));
  const regionIds = [...new Set(coordinatorRegionIds)];
  if (regionIds.some((id) => !Number.isInteger(id) || id < 1)) {
    throw invalid('invalid_coordinator_regions', 'coordinatorRegionIds must be positive region ids');
  }
  if (uniqueRoles.includes('coordinator')) {
    if (!regionIds.length) {
      throw invalid(
        'coordinator_regions_required',
        'coordinatorRegionIds must list at least one region when roles include coordinator',
      );
    }
  } else if (regionIds.length) {
    throw invalid(
      'coordinator_regions_without_role',
      'coordinatorRegionIds may only be given when roles include coordinator',
    );
  }
  return { roles: uniqueRoles, coordinatorRegionIds: regionIds };
}

/** An admin cannot take away their own admin role: the platform could be left with no admin at all. */
export function assertNotSelfDemotion(
  actorId: string,
  targetId: string,
  currentRoles: readonly Role[],
  next: readonly Role[],
): void {
  if (actorId === targetId && currentRoles.includes('admin') && !next.includes('admin')) {
    throw conflict('cannot_remove_own_admin', 'You cannot remove your own admin role; ask another admin');
  }
}

export function assertNotSelfDisable(actorId: string, targetId: string): void {
  if (actorId === targetId) throw conflict('cannot_disable_self', 'You cannot disable your own account');
}
