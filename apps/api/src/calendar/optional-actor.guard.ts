import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AccessTokenClaims } from '@qatys/contracts';
import { Actor, Language, LANGUAGES, Role, ROLES } from '@qatys/domain';

/**
 * For @Public() routes that read better when the caller is signed in (an "add to calendar" link
 * opened from the app): sets `req.actor` when a valid access token is present and otherwise lets
 * the request through anonymously. It never rejects; the route decides what an anonymous caller sees.
 */
@Injectable()
export class OptionalActorGuard implements CanActivate {
  constructor(@Inject(JwtService) private readonly jwt: JwtService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; actor?: Actor }>();
    const header = req.headers.authorization;
    if (req.actor || !header?.startsWith('Bearer ')) return true;
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(header.slice(7));
      if (claims.typ !== 'access') return true;
      req.actor = {
        userId: claims.sub,
        roles: claims.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
        coordinatorRegionIds: claims.rgn ?? [],
        timeZone: claims.tz,
        language: (LANGUAGES as readonly string[]).includes(claims.lng) ? (claims.lng as Language) : 'ru',
      };
    } catch {
      // A bad or expired token on a public link is treated as no token.
    }
    return true;
  }
}
