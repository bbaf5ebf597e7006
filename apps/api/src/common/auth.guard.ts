import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { AccessTokenClaims } from '@qatys/contracts';
import { Actor, forbidden, Language, LANGUAGES, Role, ROLES as ALL_ROLES, unauthorized } from '@qatys/domain';
import { IS_PUBLIC, ROLES } from './current-actor.decorator';

/**
 * Global guard: every route needs a valid access token unless marked @Public(), and its @Roles()
 * when given. The actor comes only from the verified token.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JwtService) private readonly jwt: JwtService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; actor?: Actor }>();
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw unauthorized('Missing bearer token');
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(header.slice(7));
    } catch {
      throw unauthorized('Invalid or expired access token');
    }
    if (claims.typ !== 'access') throw unauthorized('Not an access token');
    req.actor = {
      userId: claims.sub,
      roles: claims.roles.filter((r): r is Role => (ALL_ROLES as readonly string[]).includes(r)),
      coordinatorRegionIds: claims.rgn ?? [],
      timeZone: claims.tz,
      language: (LANGUAGES as readonly string[]).includes(claims.lng) ? (claims.lng as Language) : 'ru',
    };
    const needed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (needed?.length && !needed.some((r) => req.actor!.roles.includes(r))) {
      throw forbidden(`This needs one of the roles: ${needed.join(', ')}`);
    }
    return true;
  }
}
