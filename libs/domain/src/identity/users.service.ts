import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { pgErrorCode } from '@qatys/persistence';
import type { Actor } from '../shared/actor';
import { conflict, invalid, notFound } from '../shared/domain.errors';
import type { Language } from '../shared/localized-text';
import { IdentityService } from './identity.service';
import { assertNotSelfDemotion, assertNotSelfDisable, normalizeRoleGrant } from './user-roles.policy';
import type { Role } from '../shared/roles';
import { CalendarFeedToken, Organization, RefreshToken, User } from './user.entity';

export interface AdminNewUser {
  email: string;
  password: string;
  displayName: string;
  language: Language;
  timeZone: string;
  homeRegionId?: number | null;
  roles: Role[];
  coordinatorRegionIds?: number[];
  organizationId?: string | null;
}

export interface UserQuery {
  q?: string;
  role?: Role;
  page: number;
  pageSize: number;
}

export interface UserPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * User administration by admins (organizers may read). Roles live in the access token, so a
 * change takes effect when the user next obtains one (login or refresh).
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly identity: IdentityService,
  ) {}

  async create(input: AdminNewUser): Promise<User> {
    const grant = normalizeRoleGrant(input.roles, input.coordinatorRegionIds ?? []);
    if (input.organizationId) await this.assertOrganization(input.organizationId);
    // IdentityService checks the zone, the home region and every coordinator region (active only).
    return this.identity.createUser({ ...input, ...grant });
  }

  async list(query: UserQuery): Promise<UserPage<User>> {
    const qb = this.ds.getRepository(User).createQueryBuilder('u');
    const q = query.q?.trim();
    if (q) qb.andWhere('(u.email ILIKE :q OR u.display_name ILIKE :q)', { q: likePattern(q) });
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    const [items, total] = await qb
      .orderBy('u.created_at', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  get(id: string): Promise<User> {
    return this.identity.getUser(id);
  }

  async setRoles(
    actor: Actor,
    id: string,
    roles: Role[],
    coordinatorRegionIds: number[] = [],
  ): Promise<User> {
    const grant = normalizeRoleGrant(roles, coordinatorRegionIds);
    for (const regionId of grant.coordinatorRegionIds) {
      await this.identity.assertActiveRegion(regionId, 'coordinatorRegionIds');
    }
    return this.ds.transaction(async (em) => {
      const user = await em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User', id);
      assertNotSelfDemotion(actor.userId, id, user.roles, grant.roles);
      user.roles = grant.roles;
      user.coordinatorRegionIds = grant.coordinatorRegionIds;
      return em.save(user);
    });
  }

  /**
   * Blocks sign-in and refresh, and kills the calendar feed URL. An access token already issued
   * stays valid until it expires (JWT_ACCESS_TTL_SECONDS).
   */
  async disable(actor: Actor, id: string): Promise<User> {
    assertNotSelfDisable(actor.userId, id);
    return this.ds.transaction(async (em) => {
      const user = await em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User', id);
      if (user.disabledAt) return user;
      const now = new Date();
      user.disabledAt = now;
      await em.update(RefreshToken, { userId: id, revokedAt: IsNull() }, { revokedAt: now });
      await em.update(CalendarFeedToken, { userId: id, revokedAt: IsNull() }, { revokedAt: now });
      return em.save(user);
    });
  }

  /**
   * Lets a disabled account sign in again (idempotent). What disabling revoked stays revoked: the
   * person signs in afresh and asks for a new calendar feed URL, so a leaked old one stays dead.
   */
  async enable(id: string): Promise<User> {
    return this.ds.transaction(async (em) => {
      const user = await em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User', id);
      if (!user.disabledAt) return user;
      user.disabledAt = null;
      return em.save(user);
    });
  }

  async createOrganization(name: string): Promise<Organization> {
    const clean = name.trim();
    if (!clean) throw invalid('invalid_organization_name', 'name must not be blank');
    try {
      return await this.ds.getRepository(Organization).save({ name: clean });
    } catch (e) {
      if (pgErrorCode(e) === '23505') {
        throw conflict('organization_name_taken', `An organization named "${clean}" already exists`);
      }
      throw e;
    }
  }

  listOrganizations(): Promise<Organization[]> {
    return this.ds.getRepository(Organization).find({ order: { name: 'ASC' } });
  }

  private async assertOrganization(id: string): Promise<void> {
    if (!(await this.ds.getRepository(Organization).existsBy({ id }))) {
      throw invalid('unknown_organization', `organizationId: organization ${id} does not exist`);
    }
  }
}
