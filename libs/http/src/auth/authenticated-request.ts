import type { Principal } from '@whistle/auth';
import type { Request } from 'express';

/** A request the AuthGuard has let through carries its caller. */
export type AuthenticatedRequest = Request & { principal?: Principal };
