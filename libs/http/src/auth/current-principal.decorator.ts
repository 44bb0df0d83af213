import { createParamDecorator, type ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { Principal } from '@whistle/auth';
import type { AuthenticatedRequest } from './authenticated-request';

/** The verified caller; on a @Public() route there is none, and asking for it is refused. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal === undefined) throw new UnauthorizedException('a bearer token is required: Authorization: Bearer <JWT>');
  return principal;
});
