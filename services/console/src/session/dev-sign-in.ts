import { ApiError, api } from '../api/client';
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

/** The development choices, or null when the system signs in through a real identity provider. */
export async function devSignInChoices(): Promise<DevSignInChoices | null> {
  try {
    return await api<DevSignInChoices>('GET', '/api/dev/sign-in');
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export async function devSignIn(request: { role: Role } & Partial<Record<ScopeClaim, string>>): Promise<Session> {
  return api<{ token: string; principal: Principal; expiresAt: string }>('POST', '/api/dev/sign-in', { body: request });
}
