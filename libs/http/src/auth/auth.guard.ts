import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InvalidToken, type Principal, type PrincipalRole, type TokenVerifier } from '@whistle/auth';
import { ALLOWED_ROLES, IS_PUBLIC } from './auth.decorators';
import type { AuthenticatedRequest } from './authenticated-request';
import { bearerTokenOf } from './bearer-token';
import { TOKEN_VERIFIER } from './token-verifier';

/**
 * Every route needs a valid bearer token (401) of an allowed role (403) unless it is @Public().
 * A route with neither rule is refused to every caller (403): a forgotten decorator closes a route
 * instead of opening it to any valid token.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(TOKEN_VERIFIER) private readonly verify: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    // Messages and timers reach handlers through their own transports, which vouch for them.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const admit = (principal: Principal): boolean => {
      request.principal = principal;
      const allowed = this.reflector.getAllAndOverride<readonly PrincipalRole[] | undefined>(ALLOWED_ROLES, targets);
      if (allowed === undefined) throw new ForbiddenException('this route declares no role that may use it');
      if (!allowed.includes(principal.role)) {
        throw new ForbiddenException(`role ${principal.role} may not do this; allowed: ${allowed.join(', ')}`);
      }
      return true;
    };
    const principal = this.authenticate(request.headers.authorization);
    // A promise only while an identity provider's keys are fetched again; otherwise no await per request.
    return principal instanceof Promise ? principal.then(admit, (error: unknown) => Promise.reject(unauthorizedFrom(error))) : admit(principal);
  }

  private authenticate(authorization: string | undefined): Principal | Promise<Principal> {
    const token = bearerTokenOf(authorization);
    if (token === undefined) throw new UnauthorizedException('a bearer token is required: Authorization: Bearer <JWT>');
    try {
      return this.verify(token);
    } catch (error) {
      throw unauthorizedFrom(error);
    }
  }
}

/** A refused token's 401 names which check failed (`details: [{ code }]`), so a client can tell an expired token from a forged one. */
function unauthorizedFrom(error: unknown): unknown {
  return error instanceof InvalidToken ? new UnauthorizedException({ message: error.message, details: [{ code: error.reason }] }) : error;
}
