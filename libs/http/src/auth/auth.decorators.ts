import { SetMetadata } from '@nestjs/common';
import type { PrincipalRole } from '@whistle/auth';

export const IS_PUBLIC = Symbol('IS_PUBLIC');
export const ALLOWED_ROLES = Symbol('ALLOWED_ROLES');

/** No token needed: health checks and metrics only. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route (or every route of the controller); without it any role may. */
export const Roles = (...roles: PrincipalRole[]) => SetMetadata(ALLOWED_ROLES, roles);
