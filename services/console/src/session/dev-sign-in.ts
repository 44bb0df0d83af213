import { api } from '../api/client';
import type { Name, Principal, Role } from '../api/types';
import type { Session } from './session';

type ScopeClaim = 'compoundId' | 'stationId' | 'unitId';

/** What `GET /api/dev/sign-in` offers (it exists only while the system uses its development secret). */
export interface DevSignInChoices {
  readonly developmentOnly: true;
  readonly roles: readonly Role[];
  readonly scopeOf: Readonly<Partial<Record<Role, ScopeClaim>>>;
  readonly stations: readonly { readonly id: string; readonly name: Name }[];
  readonly units: readonly { readonly id: string; readonly name: Name }[];
  readonly compounds: readonly { readonly id: string; readonly name: Name; readonly stationId: string }[];
}

/** The development choices; asked only where `GET /api/auth/sign-in` says the method is development. */
export function devSignInChoices(): Promise<DevSignInChoices> {
  return api<DevSignInChoices>('GET', '/api/dev/sign-in');
}

export async function devSignIn(request: { role: Role } & Partial<Record<ScopeClaim, string>>): Promise<Session> {
  return api<{ token: string; principal: Principal; expiresAt: string }>('POST', '/api/dev/sign-in', { body: request });
}
