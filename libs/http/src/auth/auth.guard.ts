import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  createTokenVerifier,
  InvalidToken,
  type Principal,
  type PrincipalRole,
  type TokenVerifier,
  type VerifyOptions,
} from '@whistle/auth';
import { VERIFY_OPTIONS } from '../http.tokens';
import { ALLOWED_ROLES, IS_PUBLIC } from './auth.decorators';
import type { AuthenticatedRequest } from './authenticated-request';

/** Every route needs a valid bearer token (401) of an allowed role (403) unless it is @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verify: TokenVerifier;

  constructor(
    @Inject(VERIFY_OPTIONS) options: VerifyOptions,
    private readonly reflector: Reflector,
  ) {
    this.verify = createTokenVerifier(options);
  }

  canActivate(context: ExecutionContext): boolean {
    // Messages and timers reach handlers through their own transports, which vouch for them.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = this.authenticate(request.headers.authorization);
    request.principal = principal;

    const allowed = this.reflector.getAllAndOverride<readonly PrincipalRole[] | undefined>(ALLOWED_ROLES, targets);
    if (allowed !== undefined && !allowed.includes(principal.role)) {
      throw new ForbiddenException(`role ${principal.role} may not do this; allowed: ${allowed.join(', ')}`);
    }
    return true;
  }

  private authenticate(authorization: string | undefined): Principal {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const token = match?.[1];
    if (token === undefined) throw new UnauthorizedException('a bearer token is required: Authorization: Bearer <JWT>');
    try {
      return this.verify(token);
    } catch (error) {
      if (error instanceof InvalidToken) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}
