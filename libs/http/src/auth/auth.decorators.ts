import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { PrincipalRole } from '@whistle/auth';
import { ApiNoToken } from '../docs/api-responses.decorators';

export const IS_PUBLIC = Symbol('IS_PUBLIC');
export const ALLOWED_ROLES = Symbol('ALLOWED_ROLES');

/** No token needed (health checks, metrics, what anyone may read); the API document says so too. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiNoToken());

/** Only these roles may call the route (or every route of the controller); without it any role may. */
export const Roles = (...roles: PrincipalRole[]) => SetMetadata(ALLOWED_ROLES, roles);
