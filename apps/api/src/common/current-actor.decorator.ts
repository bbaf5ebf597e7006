import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor, Role } from '@qatys/domain';

export const IS_PUBLIC = 'qatys:public';
export const ROLES = 'qatys:roles';

/** The route needs no access token (login, health, token-authenticated feeds). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The route needs one of these roles (checked after authentication). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
